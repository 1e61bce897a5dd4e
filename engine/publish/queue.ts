/**
 * The publish queue: jobs that survive restarts.
 *
 *   <library>/publish-queue.json   lowdb + DurableJsonFile (fsync, rename, fsync dir)
 *
 * A job is one channel and one language of one approved build. It carries
 * what it sends (the chosen outputs, the caption), the idempotency key that
 * names everything it creates remotely, and the adapter's progress (`state`:
 * remote ids, upload offsets) saved at every checkpoint before the next
 * remote step. A job found 'running' when the queue opens was interrupted
 * (the process died): it resumes from its state.
 *
 * The queue lives beside library.json and is opened only by whoever holds
 * the library lock (the app, or one CLI command), so it has a single writer
 * without a lock of its own. No secret is ever stored here: errors are
 * redacted and credentials are fetched from the SecretStore at run time.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { z } from 'zod';
import { StudioError } from '../errors.js';
import { OutputEntry } from '../model/records.js';
import { DurableJsonFile } from '../store/durableJsonFile.js';

export const QUEUE_FILE = 'publish-queue.json';
export const QUEUE_SCHEMA_VERSION = 1;

const isoTime = z.string().datetime({ offset: true });
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const JobStatus = z.enum(['queued', 'running', 'retrying', 'done', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

export const PublishJob = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  title: z.string(),
  channel: z.string().min(1),
  language: z.string().min(1),
  /** The build folder the files are read from. */
  outDir: z.string(),
  files: z.array(OutputEntry),
  caption: z.string(),
  idempotencyKey: hash,
  approval: z.object({
    at: isoTime,
    by: z.string(),
    role: z.string(),
    materialHash: hash,
    outputsHash: hash,
    /** sha256 of the Material in this job's language as approved. */
    languageHash: hash,
  }),
  /** The adapter's ChannelState, as last checkpointed. */
  state: z.record(z.string(), z.unknown()),
  status: JobStatus,
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  nextAttemptAt: isoTime.nullable(),
  result: z.object({
    url: z.string(),
    remoteIds: z.record(z.string(), z.string()),
    packagePath: z.string().optional(),
  }).nullable(),
  /** Why the job failed or is waiting to retry; redacted. */
  error: z.object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }).nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
});
export type PublishJob = z.infer<typeof PublishJob>;

export type NewJob = Omit<PublishJob, 'id' | 'state' | 'status' | 'attempts' | 'nextAttemptAt' | 'result' | 'error' | 'createdAt' | 'updatedAt'>;

const QueueData = z.object({
  schemaVersion: z.literal(QUEUE_SCHEMA_VERSION),
  jobs: z.array(PublishJob),
});
type QueueData = z.infer<typeof QueueData>;

const PENDING: readonly JobStatus[] = ['queued', 'running', 'retrying'];

export function isPending(job: PublishJob): boolean {
  return PENDING.includes(job.status);
}

export class PublishQueue {
  private mutations: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private readonly db: Low<QueueData>,
    private readonly adapter: DurableJsonFile<QueueData>,
  ) {}

  /** Opens (or creates) the queue in a library folder. Call only while holding the library. */
  static async open(libraryDir: string): Promise<PublishQueue> {
    const file = path.join(libraryDir, QUEUE_FILE);
    const adapter = await DurableJsonFile.open<QueueData>(file);
    const raw = await adapter.read();
    const db = new Low<QueueData>(adapter, { schemaVersion: QUEUE_SCHEMA_VERSION, jobs: [] });
    if (raw === null) await db.write();
    else {
      const version = (raw as { schemaVersion?: unknown }).schemaVersion;
      if (typeof version === 'number' && version > QUEUE_SCHEMA_VERSION) {
        throw new StudioError('store.newerVersion', { path: file, version, supported: QUEUE_SCHEMA_VERSION });
      }
      const parsed = QueueData.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StudioError('store.invalid', { path: file, problem: issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid' });
      }
      db.data = parsed.data;
    }
    return new PublishQueue(file, db, adapter);
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.mutations.then(fn);
    this.mutations = result.catch(() => undefined);
    return result;
  }

  list(filter: (job: PublishJob) => boolean = () => true): PublishJob[] {
    return this.db.data.jobs.filter(filter).map((j) => structuredClone(j));
  }

  get(id: string): PublishJob | null {
    const job = this.db.data.jobs.find((j) => j.id === id);
    return job ? structuredClone(job) : null;
  }

  /** The newest job with this key (a retry of a failed job keeps its key and its remote ids). */
  findByKey(key: string): PublishJob | null {
    const jobs = this.db.data.jobs.filter((j) => j.idempotencyKey === key);
    const job = jobs[jobs.length - 1];
    return job ? structuredClone(job) : null;
  }

  add(fields: NewJob): Promise<PublishJob> {
    return this.exclusive(async () => {
      const time = new Date().toISOString();
      const job = PublishJob.parse({
        ...fields, id: randomUUID(), state: {}, status: 'queued', attempts: 0, nextAttemptAt: null,
        result: null, error: null, createdAt: time, updatedAt: time,
      });
      this.db.data.jobs.push(job);
      await this.db.write();
      return structuredClone(job);
    });
  }

  /** Applies a patch and resolves once it is on disk. */
  update(id: string, patch: Partial<Omit<PublishJob, 'id' | 'createdAt'>>): Promise<PublishJob> {
    return this.exclusive(async () => {
      const job = this.db.data.jobs.find((j) => j.id === id);
      if (!job) throw new Error(`no publish job ${id}`);
      Object.assign(job, structuredClone(patch), { updatedAt: new Date().toISOString() });
      PublishJob.parse(job);
      await this.db.write();
      return structuredClone(job);
    });
  }

  /** Waits for pending writes. */
  async close(): Promise<void> {
    await this.mutations;
    await this.adapter.flush();
  }
}
