/**
 * What the four social adapters share: their common settings, the job state
 * they checkpoint after every acknowledged step, the ready-to-upload fallback,
 * and reading credentials and the endpoint from the publish context.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { StudioError } from '../../errors.js';
import type { ChannelId, ChannelState, PreflightProblem, PublishContext, PublishFile, PublishRequest, PublishResult } from '../channel.js';
import { credentialMissing, settingMissing } from './errors.js';
import { writeReadyPackage } from './readyPackage.js';

export interface CommonChannelOptions {
  /**
   * False while the platform has not approved (reviewed, audited) the app:
   * publish() then writes a ready-to-upload package instead of posting.
   * Default true. The same happens when the platform answers that the app is
   * not approved.
   */
  appApproved?: boolean;
  /** Folder for ready-to-upload packages; the queue's (ctx.packageDir) when absent. */
  packageDir?: string;
}

/** The job's progress on one channel; every change is checkpointed before the next remote step. */
export class JobState<S extends ChannelState> {
  readonly value: S;
  constructor(private readonly ctx: PublishContext) {
    this.value = structuredClone(ctx.state) as S;
  }
  async set(patch: Partial<S>): Promise<void> {
    Object.assign(this.value, patch);
    await this.ctx.checkpoint(structuredClone(this.value));
  }
  /** Drops keys (a session the server forgot) and checkpoints. */
  async clear(...keys: (keyof S)[]): Promise<void> {
    for (const k of keys) delete this.value[k];
    await this.ctx.checkpoint(structuredClone(this.value));
  }
}

export function credential(channel: ChannelId, ctx: PublishContext, name: string): string {
  const value = ctx.credentials[name];
  if (!value) throw credentialMissing(channel, name);
  return value;
}

/** ctx.endpoint without a trailing slash, or the platform's real base URL when none is set. */
export function baseUrl(ctx: PublishContext, fallback: string): string {
  return (ctx.endpoint || fallback).replace(/\/+$/, '');
}

/** publish() refuses what preflight refuses, so a caller that skipped preflight still sends nothing wrong. */
export function assertSendable(channel: ChannelId, problems: PreflightProblem[]): void {
  if (problems.length > 0) {
    throw new StudioError('publish.preflightFailed', { channel, problems: problems.map((p) => p.code).join(', ') });
  }
}

interface FallbackState extends ChannelState {
  fallback?: 'notApproved' | 'manual';
  packageDir?: string;
  packageZip?: string;
}

/** Writes (or finds) the ready-to-upload package and reports it as the job's result. */
export async function publishReadyPackage(
  channel: ChannelId,
  request: PublishRequest,
  files: PublishFile[],
  options: CommonChannelOptions,
  state: JobState<FallbackState>,
  ctx: PublishContext,
  reason: 'notApproved' | 'manual',
  title?: string,
): Promise<PublishResult> {
  const packageDir = options.packageDir || ctx.packageDir;
  if (!packageDir) throw settingMissing(channel, 'packageDir');
  if (state.value.fallback !== reason) await state.set({ fallback: reason });
  const pkg = await writeReadyPackage({
    channel,
    request,
    files,
    packageDir,
    reason,
    ...(title !== undefined ? { title } : {}),
  });
  if (state.value.packageDir !== pkg.dir) await state.set({ packageDir: pkg.dir, packageZip: pkg.zip });
  return packageResult(pkg.dir, pkg.zip);
}

/** The result for a package: its folder as a file URL, the folder and the zip. */
export function packageResult(dir: string, zip: string): PublishResult {
  return { url: pathToFileURL(dir).href, packagePath: dir, remoteIds: { package: path.basename(dir), packageZip: zip } };
}

/**
 * Keeps chunked uploads under the user's cap (ctx.uploadBytesPerSecond), on
 * average over the chunks: before each chunk it waits until the bytes already
 * sent fit the rate. Streamed uploads use ../upload.ts's fileBody instead.
 */
export class Pacer {
  private readonly began = Date.now();
  private sent = 0;
  constructor(
    private readonly bytesPerSecond: number | undefined,
    private readonly signal: AbortSignal,
  ) {}
  async before(bytes: number): Promise<void> {
    if (this.bytesPerSecond && this.bytesPerSecond > 0) {
      const wait = this.began + (this.sent / this.bytesPerSecond) * 1000 - Date.now();
      if (wait > 0) await pause(wait, this.signal);
    }
    this.sent += bytes;
  }
}

/** Preflight problems for settings a channel cannot work without. */
export function missingSettings(channel: ChannelId, settings: Record<string, unknown>): PreflightProblem[] {
  return Object.entries(settings)
    .filter(([, v]) => v === undefined || v === '')
    .map(([setting]) => ({ code: 'settingMissing', params: { channel, setting } }));
}

/** Waits `ms` unless the job is cancelled first. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
