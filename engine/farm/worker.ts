/**
 * `luat-studio worker`: takes render units from the queue and renders each
 * with the same runBuild as a build on one PC, into the unit's folder in the
 * shared storage. A worker killed mid-unit holds its job's lock until it
 * expires; BullMQ's stalled-job check then gives the unit to another worker,
 * whose build of that folder first clears what the dead one left
 * (engine/build/transaction.ts), so a unit's files are written once.
 */
import { hostname } from 'node:os';
import path from 'node:path';
import { Worker, type Job } from 'bullmq';
import { runBuild } from '../build/build.js';
import { BuildSettings } from '../build/settings.js';
import { diagnosticMessage, translator } from '../i18n/index.js';
import type { VoiceClipSource } from '../speech/speechEngine.js';
import { connectQueue, FARM_QUEUE, type QueueAddress } from './connection.js';
import { buildFolder, unitFolder, UnitJob, type UnitResult } from './protocol.js';
import { isStrictlyInside } from '../http/pathInside.js';

export interface FarmWorkerOptions {
  queue: QueueAddress;
  /** This PC's path to the shared storage. */
  sharedDir: string;
  /** This PC's browser; null: found automatically. */
  chromiumPath?: string | null;
  /** This PC's neural voices. */
  voicesDir?: string;
  /** Seconds after which a unit whose worker stopped answering goes to another worker. */
  stallSeconds: number;
  signal: AbortSignal;
  /** Both of the worker's Redis connections are up, so it is listed on the queue under its name. */
  onReady?: () => void;
  /** Started, finished or failed units, for the worker's own log. */
  onEvent?: (event: { kind: 'started' | 'done' | 'failed'; unit: string; buildId: string; message?: string }) => void;
}

export async function runFarmWorker(options: FarmWorkerOptions): Promise<void> {
  const connection = await connectQueue(options.queue);
  const name = `${hostname()}:${process.pid}`;
  const lockDuration = Math.max(2, options.stallSeconds) * 1000;
  const worker = new Worker<unknown, UnitResult>(FARM_QUEUE, async (job: Job) => renderUnit(job, options, name), {
    connection,
    concurrency: 1,
    // Redis lists the worker under this name (CLIENT SETNAME): the settings' connection test shows who is there.
    name,
    lockDuration,
    stalledInterval: Math.max(1000, Math.floor(lockDuration / 2)),
    // A unit whose worker died twice is failed rather than passed on forever.
    maxStalledCount: 2,
    autorun: true,
  });
  worker.waitUntilReady().then(() => options.onReady?.(), () => {
    // Not connected: ioredis keeps trying, and a unit's failure is reported through its job.
  });
  worker.on('error', () => {
    // Connection trouble is retried by ioredis; a unit's own failure is reported through the job.
  });
  worker.on('failed', (job, error) => {
    const data = job?.data as { unit?: { key?: string }; buildId?: string } | undefined;
    if (job) options.onEvent?.({ kind: 'failed', unit: String(data?.unit?.key ?? job.id), buildId: String(data?.buildId ?? ''), message: error.message });
  });
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  // Lets the running unit finish its lock bookkeeping; an unfinished unit is taken by another worker.
  await worker.close(true);
  connection.disconnect();
}

async function renderUnit(job: Job, options: FarmWorkerOptions, workerName: string): Promise<UnitResult> {
  const data = UnitJob.parse(job.data);
  options.onEvent?.({ kind: 'started', unit: data.unit.key, buildId: data.buildId });
  const shared = path.resolve(options.sharedDir);
  // buildId and unit keys are checked by UnitJob to be plain names; this keeps it so.
  const outDir = path.resolve(shared, unitFolder(data.buildId, data.unit.key));
  if (!isStrictlyInside(shared, outDir)) throw new Error(`unit folder outside the shared storage: ${data.unit.key}`);
  const clips = new Map<string, string>();
  for (const clip of data.clips) {
    const file = path.resolve(shared, clip.path);
    if (isStrictlyInside(shared, file)) clips.set(`${clip.language}\u0000${clip.target}`, file);
  }
  const voiceClips: VoiceClipSource = { find: (target, language) => clips.get(`${language}\u0000${target}`) ?? null };
  const video = {
    ...((data.settings['video'] as Record<string, unknown> | undefined) ?? {}),
    ...(data.unit.aspect ? { aspects: [data.unit.aspect] } : {}),
    // A range unit: the video format renders only these frames (engine/formats/video/frameRange.ts).
    ...(data.unit.frames ? { frames: data.unit.frames } : {}),
  };
  const settings = BuildSettings.parse({
    ...data.settings,
    video,
    chromiumPath: options.chromiumPath ?? null,
    voiceClips,
    // Pictures one unit captured are reused by the build's other units, on whichever PC they run.
    pictureCacheDir: path.join(shared, buildFolder(data.buildId), 'pictures'),
    ...(options.voicesDir ? { voicesDir: options.voicesDir } : {}),
  });
  const t = translator(data.locale);
  let lastReport = 0;
  const result = await runBuild({
    material: data.material,
    formats: [data.unit.format],
    languages: [data.unit.language],
    outDir,
    translations: data.translations,
    settings,
    projectDir: null,
    describeWarning: (d) => diagnosticMessage(d, t),
    progress: (update) => {
      const now = Date.now();
      if (now - lastReport < 500) return;
      lastReport = now;
      void job.updateProgress({ worker: workerName, label: update.label, fraction: update.total > 0 ? Math.min(1, update.done / update.total) : 0 }).catch(() => {});
    },
  });
  options.onEvent?.({ kind: 'done', unit: data.unit.key, buildId: data.buildId });
  return { outputs: result.manifest.outputs, warnings: result.manifest.warnings, worker: workerName };
}
