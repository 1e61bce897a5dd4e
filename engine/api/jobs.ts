/**
 * The render queue: one job at a time (renders share two cores and one
 * browser; running two would only make both slow), progress pushed to
 * listeners, cancel through an AbortController. The queue knows nothing of
 * formats: the service gives it a function that runs one job (in a render
 * process of its own, ./renderChild.ts). The same request twice while the
 * first is queued or running gives the first job back.
 */
import { randomUUID } from 'node:crypto';
import type { FarmUnitView, Job, OutputFile } from './contract.js';

export interface JobSpec {
  projectId: string;
  title: string;
  purpose: Job['purpose'];
  formats: string[];
  languages: string[];
  aspects: string[];
  outDir: string;
  /** On the render farm rather than this PC. */
  farm?: boolean;
}

/** A job's progress: its fraction and step, and for a farm job its units. */
export type JobProgress = (fraction: number, label: string, remainingSec?: number | null, units?: FarmUnitView[]) => void;

export interface JobRunner {
  (job: Job, signal: AbortSignal, progress: JobProgress): Promise<{ outputs: OutputFile[]; warnings: string[]; error?: string | null }>;
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** Two requests that would make the same files. */
export function sameRequest(job: Pick<Job, 'projectId' | 'purpose' | 'formats' | 'languages' | 'aspects' | 'outDir' | 'farm'>, spec: JobSpec): boolean {
  return job.projectId === spec.projectId && job.purpose === spec.purpose && job.outDir === spec.outDir && Boolean(job.farm) === Boolean(spec.farm)
    && sameSet(job.formats, spec.formats) && sameSet(job.languages, spec.languages) && sameSet(job.aspects, spec.aspects);
}

/** Progress events closer together than this are merged: the UI needs no more than ~10 per second. */
const PROGRESS_INTERVAL_MS = 100;
/** Finished jobs kept for the queue view. */
const KEEP_FINISHED = 50;

export class JobQueue {
  private readonly jobs: Job[] = [];
  private readonly controllers = new Map<string, AbortController>();
  private readonly listeners = new Set<(job: Job) => void>();
  private running: Promise<void> | null = null;
  private lastEmit = new Map<string, number>();
  /** A throttled update still owed to listeners, sent when the interval has passed. */
  private trailing = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly run: JobRunner,
    private readonly describeError: (error: unknown, job: Job) => string,
    private readonly cancelledMessage: () => string,
  ) {}

  onChange(listener: (job: Job) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  list(projectId?: string): Job[] {
    return this.jobs.filter((j) => projectId === undefined || j.projectId === projectId).map((j) => structuredClone(j));
  }

  get(id: string): Job | undefined {
    const job = this.jobs.find((j) => j.id === id);
    return job ? structuredClone(job) : undefined;
  }

  /** The queued or running job making exactly this, if any. */
  findActive(spec: JobSpec): Job | undefined {
    const job = this.jobs.find((j) => (j.status === 'queued' || j.status === 'running') && sameRequest(j, spec));
    return job ? structuredClone(job) : undefined;
  }

  /** Queues the job, or gives back the queued or running job that makes the same thing. */
  enqueue(spec: JobSpec): Job {
    const active = this.findActive(spec);
    if (active) return active;
    const job: Job = {
      id: randomUUID(), ...spec, status: 'queued', fraction: 0, label: '', remainingSec: null, error: null, warnings: [], outputs: [],
      queuedAt: new Date().toISOString(), finishedAt: null,
    };
    this.jobs.push(job);
    this.prune();
    this.emit(job, true);
    this.kick();
    return structuredClone(job);
  }

  cancel(id: string): Job | undefined {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) return undefined;
    if (job.status === 'queued') this.finish(job, 'cancelled', this.cancelledMessage());
    else if (job.status === 'running') this.controllers.get(id)?.abort();
    return structuredClone(job);
  }

  /** Cancels everything and waits for the running job to stop. */
  async close(): Promise<void> {
    for (const job of this.jobs) if (job.status === 'queued' || job.status === 'running') this.cancel(job.id);
    await this.running;
  }

  /** Resolves when the queue is empty (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private kick(): void {
    if (this.running) return;
    const next = this.jobs.find((j) => j.status === 'queued');
    if (!next) return;
    this.running = this.execute(next).finally(() => {
      this.running = null;
      this.kick();
    });
  }

  private async execute(job: Job): Promise<void> {
    const controller = new AbortController();
    this.controllers.set(job.id, controller);
    job.status = 'running';
    job.label = '';
    this.emit(job, true);
    try {
      const result = await this.run(structuredClone(job), controller.signal, (fraction, label, remainingSec, units) => {
        job.fraction = Math.max(job.fraction, Math.min(1, Math.max(0, fraction)));
        job.label = label;
        job.remainingSec = remainingSec ?? null;
        if (units) job.units = units;
        this.emit(job, false);
      });
      job.outputs = result.outputs;
      job.warnings = result.warnings;
      job.fraction = 1;
      job.remainingSec = 0;
      // Some formats failed while the others were built: the job failed, with the files it did make.
      this.finish(job, result.error ? 'failed' : 'done', result.error ?? null);
    } catch (error) {
      if (controller.signal.aborted) this.finish(job, 'cancelled', this.cancelledMessage());
      else this.finish(job, 'failed', this.describeError(error, job));
    } finally {
      this.controllers.delete(job.id);
    }
  }

  private finish(job: Job, status: Job['status'], error: string | null): void {
    job.status = status;
    job.error = error;
    job.finishedAt = new Date().toISOString();
    this.emit(job, true);
  }

  private emit(job: Job, force: boolean): void {
    const now = Date.now();
    const wait = PROGRESS_INTERVAL_MS - (now - (this.lastEmit.get(job.id) ?? 0));
    if (!force && wait > 0) {
      if (!this.trailing.has(job.id)) {
        this.trailing.set(job.id, setTimeout(() => {
          this.trailing.delete(job.id);
          if (job.status === 'running') this.emit(job, true);
        }, wait));
      }
      return;
    }
    clearTimeout(this.trailing.get(job.id));
    this.trailing.delete(job.id);
    this.lastEmit.set(job.id, now);
    const copy = structuredClone(job);
    for (const listener of this.listeners) listener(copy);
  }

  private prune(): void {
    const finished = this.jobs.filter((j) => j.finishedAt !== null);
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
      this.jobs.splice(this.jobs.indexOf(old), 1);
      this.lastEmit.delete(old.id);
    }
  }
}
