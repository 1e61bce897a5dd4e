/**
 * Runs queued publish jobs: one at a time (a commune office's uplink is the
 * bottleneck, and one job at a time keeps the order people see), each through
 * its channel's adapter, with retries.
 *
 * Retries: a RetryableError (network error, 429, 5xx) puts the job back with
 * exponential backoff and jitter (half to all of base·2^(n−1), capped), or
 * later if the server's Retry-After asks for it, up to maxAttempts. Anything
 * else fails the job with its (redacted) reason. A cancelled run leaves the
 * job queued with its state, to resume later.
 *
 * Every attempt and its outcome go to the audit log.
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import type { AuditLog, PublishEntry, PublishEvent } from './auditLog.js';
import { verifyFiles } from './approval.js';
import { RetryableError, type ChannelAdapter, type ChannelState, type PublishContext, type PublishRequest } from './channel.js';
import { isPending, type PublishJob, type PublishQueue } from './queue.js';
import { channelCredentials, redactedMessage, type SecretStore } from './secrets.js';
import { countingAttempt } from './attemptCounter.js';

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 2_000, maxMs: 5 * 60_000 };
export const DEFAULT_MAX_ATTEMPTS = 8;

export function backoffDelayMs(attempt: number, backoff: Backoff, retryAfterSec?: number, random: () => number = Math.random): number {
  const exponential = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential * (0.5 + random() * 0.5);
  return Math.max(jittered, (retryAfterSec ?? 0) * 1000);
}

export type RunnerEvent =
  | { type: 'attempt'; job: PublishJob }
  | { type: 'progress'; job: PublishJob; done: number; total: number }
  | { type: 'retry'; job: PublishJob; delayMs: number; message: string }
  | { type: 'done'; job: PublishJob }
  | { type: 'failed'; job: PublishJob };

export interface RunnerDeps {
  queue: PublishQueue;
  audit: AuditLog;
  secrets: SecretStore;
  adapterFor(channel: string): ChannelAdapter;
  endpointFor(channel: string, adapter: ChannelAdapter): string;
  /** The Material in the job's language, checked to be what was approved (see publish.ts). */
  materialFor(job: PublishJob): Promise<Material>;
  /** Where the job's brief pictures are (the project's folder in the library). */
  picturesDirFor?(job: PublishJob): string;
  backoff?: Backoff;
  uploadBytesPerSecond?: number;
  /** Where packages go (the 'portal-package' channel, and social channels falling back to one). */
  packageDir?: string;
  signal?: AbortSignal;
  onEvent?(event: RunnerEvent): void;
}

function auditEntry(job: PublishJob, event: PublishEvent, extra: Partial<PublishEntry> = {}): PublishEntry {
  return {
    type: 'publish',
    at: new Date().toISOString(),
    projectId: job.projectId,
    title: job.title,
    jobId: job.id,
    channel: job.channel,
    language: job.language,
    event,
    attempt: job.attempts,
    approvedAt: job.approval.at,
    approvedBy: job.approval.by,
    materialHash: job.approval.materialHash,
    ...extra,
  };
}

export function publishedFiles(job: PublishJob): NonNullable<PublishEntry['files']> {
  return job.files.map((o) => ({ path: o.path, format: o.format, variant: o.variant, language: o.language, bytes: o.bytes, sha256: o.sha256 }));
}

function errorRecord(error: unknown): { code: string; params: Record<string, string | number> } {
  if (error instanceof StudioError) {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(error.params)) params[k] = typeof v === 'number' ? v : redactedMessage(v);
    return { code: error.code, params };
  }
  return { code: 'publish.failed', params: { message: redactedMessage(error) } };
}

export async function runJob(deps: RunnerDeps, jobId: string): Promise<PublishJob> {
  const signal = deps.signal ?? new AbortController().signal;
  let job = await deps.queue.update(jobId, { status: 'running', nextAttemptAt: null });
  // The attempt is recorded (queue and audit log) just before its first request leaves (./attemptCounter.ts).
  const recordAttempt = async () => {
    job = await deps.queue.update(jobId, { attempts: deps.queue.get(jobId)!.attempts + 1 });
    await deps.audit.append(auditEntry(job, 'attempt'));
  };
  deps.onEvent?.({ type: 'attempt', job });
  const attempt = countingAttempt(recordAttempt, () => publishOnce());
  try {
    return await attempt.result;
  } catch (error) {
    if (signal.aborted) {
      // Interrupted on request: keep the state, resume next time.
      job = await deps.queue.update(jobId, { status: 'queued' });
      throw new StudioError('publish.cancelled', {}, { cause: error });
    }
    // A retryable failure always follows a request; count it even if the adapter bypassed timedFetch.
    if (error instanceof RetryableError && !attempt.counted()) await recordAttempt();
    const current = deps.queue.get(jobId)!;
    if (error instanceof RetryableError && current.attempts < current.maxAttempts) {
      const delayMs = backoffDelayMs(current.attempts, deps.backoff ?? DEFAULT_BACKOFF, error.retryAfterSec);
      const message = redactedMessage(error);
      job = await deps.queue.update(jobId, {
        status: 'retrying',
        nextAttemptAt: new Date(Date.now() + delayMs).toISOString(),
        error: { code: 'publish.retrying', params: { message } },
      });
      await deps.audit.append(auditEntry(job, 'retry', { error: message }));
      deps.onEvent?.({ type: 'retry', job, delayMs, message });
      return job;
    }
    const record = error instanceof RetryableError
      ? { code: 'publish.gaveUp', params: { attempts: current.attempts, message: redactedMessage(error) } }
      : errorRecord(error);
    job = await deps.queue.update(jobId, { status: 'failed', error: record, nextAttemptAt: null });
    await deps.audit.append(auditEntry(job, 'failed', { error: `${record.code} ${JSON.stringify(record.params)}` }));
    deps.onEvent?.({ type: 'failed', job });
    return job;
  }

  async function publishOnce(): Promise<PublishJob> {
    const adapter = deps.adapterFor(job.channel);
    await verifyFiles(job.outDir, job.files);
    const material = await deps.materialFor(job);
    const credentials = await channelCredentials(deps.secrets, job.channel, adapter.credentialNames);
    const request: PublishRequest = {
      material,
      language: job.language,
      files: job.files.map((output) => ({ output, absolutePath: path.join(job.outDir, output.path) })),
      caption: job.caption,
      idempotencyKey: job.idempotencyKey,
      ...(deps.picturesDirFor ? { picturesDir: deps.picturesDirFor(job) } : {}),
      approval: {
        by: job.approval.by, role: job.approval.role, at: job.approval.at,
        materialHash: job.approval.materialHash, outputsHash: job.approval.outputsHash,
      },
    };
    const context: PublishContext = {
      state: structuredClone(job.state) as ChannelState,
      checkpoint: async (state) => {
        signal.throwIfAborted();
        job = await deps.queue.update(jobId, { state: structuredClone(state) });
      },
      credentials,
      endpoint: deps.endpointFor(job.channel, adapter),
      signal,
      progress: (done, total) => deps.onEvent?.({ type: 'progress', job, done, total }),
      ...(deps.uploadBytesPerSecond ? { uploadBytesPerSecond: deps.uploadBytesPerSecond } : {}),
      ...(deps.packageDir ? { packageDir: deps.packageDir } : {}),
    };
    const result = await adapter.publish(request, context);
    const stored = { url: result.url, remoteIds: result.remoteIds, ...(result.packagePath ? { packagePath: result.packagePath } : {}) };
    job = await deps.queue.update(jobId, { status: 'done', result: stored, error: null });
    await deps.audit.append(auditEntry(job, 'succeeded', {
      url: result.url, remoteIds: result.remoteIds, files: publishedFiles(job),
      ...(result.packagePath ? { packagePath: result.packagePath } : {}),
    }));
    deps.onEvent?.({ type: 'done', job });
    return job;
  }
}

/**
 * Runs the given jobs (all pending jobs when omitted) until each is done or
 * failed, waiting out retry delays. Resolves with their final state.
 */
export async function runQueue(deps: RunnerDeps, jobIds?: readonly string[]): Promise<PublishJob[]> {
  const signal = deps.signal ?? new AbortController().signal;
  const wanted = (job: PublishJob) => (jobIds ? jobIds.includes(job.id) : true);
  for (;;) {
    const pending = deps.queue.list((j) => wanted(j) && isPending(j));
    if (pending.length === 0) break;
    const due = (j: PublishJob) => (j.nextAttemptAt ? Date.parse(j.nextAttemptAt) : 0);
    pending.sort((a, b) => due(a) - due(b) || a.createdAt.localeCompare(b.createdAt));
    const next = pending[0]!;
    const wait = due(next) - Date.now();
    if (wait > 0) {
      try {
        await sleep(wait, undefined, { signal });
      } catch (error) {
        // Ctrl-C while waiting to retry: a clean stop, the job stays queued.
        if (signal.aborted) throw new StudioError('publish.cancelled', {}, { cause: error });
        throw error;
      }
    }
    await runJob(deps, next.id);
  }
  return deps.queue.list(wanted);
}
