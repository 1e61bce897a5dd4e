/**
 * `build --queue`: the studio's side of the render farm. The build is split
 * into units (./units.ts), each added to the queue as one job whose id is the
 * build's id and the unit's key — adding it twice is a no-op, so a unit is
 * rendered and listed once however often it is retried. The studio waits for
 * the units, reports their progress, and commits their files into DIR with the
 * same transaction as a build on one PC (engine/build/assemble.ts).
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { commitRenderedParts } from '../build/assemble.js';
import type { BuildFailure, BuildResult, Manifest } from '../build/build.js';
import type { BuildSettings } from '../build/settings.js';
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { connectQueue, FARM_QUEUE, type QueueAddress } from './connection.js';
import { buildFolder, FARM_PROTOCOL, unitFolder, UnitResult, type UnitJob } from './protocol.js';
import { planUnits, type RenderUnit } from './units.js';

export interface FarmProgress {
  unit: RenderUnit;
  state: 'waiting' | 'active' | 'done' | 'failed';
  fraction: number;
  label?: string;
}

export interface FarmBuildRequest {
  queue: QueueAddress;
  sharedDir: string;
  material: Material;
  translations: TranslationRecord[];
  settings: BuildSettings;
  /** Recorded clips of this PC, copied to the shared storage for the workers. */
  clips: { target: string; language: string; file: string }[];
  formats: string[];
  languages: string[];
  outDir: string;
  locale: 'vi' | 'en';
  signal?: AbortSignal;
  progress?: (units: FarmProgress[]) => void;
  /** Renders a warning for the manifest, in the user's language. */
  describeWarning: (d: Diagnostic) => string;
  /** A unit's failure in the user's language. */
  describeError: (error: unknown, context: string) => { code: string; message: string };
}

export interface FarmBuildResult extends BuildResult {
  /** Which worker rendered each unit. */
  units: { key: string; worker: string }[];
}

// Settings a worker takes from its own PC: program paths, folders, functions.
const LOCAL_SETTINGS = new Set(['chromiumPath', 'voiceClips', 'voicesDir']);

export async function buildOnFarm(request: FarmBuildRequest): Promise<FarmBuildResult> {
  const aspects = (request.settings.video as { aspects?: string[] } | undefined)?.aspects;
  const plan = planUnits(request.material, request.translations, { formats: request.formats, languages: request.languages, ...(aspects ? { aspects } : {}) });
  if (plan.units.length === 0) throw new StudioError('farm.nothingToBuild');
  const buildId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const shared = path.resolve(request.sharedDir);
  const clips = await shareClips(shared, buildId, request.clips);
  const settings = Object.fromEntries(Object.entries(request.settings).filter(([key, value]) => !LOCAL_SETTINGS.has(key) && value !== undefined));

  const connection = await connectQueue(request.queue);
  const eventsConnection = connection.duplicate();
  const queue = new Queue(FARM_QUEUE, { connection });
  const events = new QueueEvents(FARM_QUEUE, { connection: eventsConnection });
  const states = new Map<string, FarmProgress>(plan.units.map((unit) => [jobIdOf(buildId, unit), { unit, state: 'waiting', fraction: 0 }]));
  const report = () => request.progress?.([...states.values()]);
  const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
    const state = states.get(jobId);
    if (!state) return;
    const progress = data as { fraction?: number; label?: string };
    state.state = 'active';
    state.fraction = Math.max(state.fraction, Math.min(1, progress.fraction ?? 0));
    if (progress.label) state.label = progress.label;
    report();
  };
  const onActive = ({ jobId }: { jobId: string }) => {
    const state = states.get(jobId);
    if (state && state.state === 'waiting') { state.state = 'active'; report(); }
  };
  let jobs: Job[] = [];
  try {
    events.on('progress', onProgress);
    events.on('active', onActive);
    await events.waitUntilReady();
    const data = (unit: RenderUnit): UnitJob => ({
      protocol: FARM_PROTOCOL, buildId, unit: { key: unit.key, format: unit.format, language: unit.language, ...(unit.aspect ? { aspect: unit.aspect } : {}) },
      locale: request.locale, material: request.material, translations: request.translations, settings, clips,
    });
    jobs = await queue.addBulk(plan.units.map((unit) => ({
      name: unit.key,
      data: data(unit),
      opts: { jobId: jobIdOf(buildId, unit), attempts: 2, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: { age: 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } },
    })));
    report();
    const cancelled = new Promise<never>((_, reject) => {
      const abort = () => reject(new StudioError('build.cancelled'));
      if (request.signal?.aborted) abort();
      else request.signal?.addEventListener('abort', abort, { once: true });
    });
    cancelled.catch(() => {});
    // A unit that fails for good is a failure of the build, as a failing format is on one PC: the others still commit.
    const settled = await Promise.race([cancelled, Promise.all(jobs.map(async (job, i) => {
      const unit = plan.units[i]!;
      const state = states.get(jobIdOf(buildId, unit))!;
      try {
        const result = UnitResult.parse(await waitFor(job, events));
        state.state = 'done';
        state.fraction = 1;
        return { unit, result };
      } catch (error) {
        state.state = 'failed';
        return { unit, error: error as Error };
      } finally {
        report();
      }
    }))]).catch(async (error) => {
      // Cancelled: the units not started are not needed any more.
      await Promise.all(jobs.map((job) => job.remove().catch(() => {})));
      throw error;
    });
    const results = settled.flatMap((r) => ('result' in r ? [{ unit: r.unit, result: r.result! }] : []));
    const failures: BuildFailure[] = settled.flatMap((r) => ('error' in r ? [{
      format: r.unit.format, language: r.unit.language, variant: null, aspect: r.unit.aspect ?? null,
      code: 'farm.unitFailed', params: { unit: r.unit.key }, message: request.describeError(r.error, `farm ${r.unit.key}`).message,
    }] : []));
    if (results.length === 0) throw settled.find((r) => 'error' in r)!.error!;
    const warnings: Manifest['warnings'] = [
      // As runBuild says it: units incomplete, or the labels named.
      ...plan.skippedLanguages.map((s): Manifest['warnings'][number] => {
        const d: Diagnostic = s.missingLabels
          ? { severity: 'warning', code: 'build.labelsMissing', params: { language: s.language, ids: s.missingLabels.join(', ') } }
          : { severity: 'warning', code: 'build.languageIncomplete', params: { language: s.language, percent: s.percent } };
        return { code: d.code, message: request.describeWarning(d) };
      }),
      ...results.flatMap((r) => r.result.warnings),
    ];
    const committed = await commitRenderedParts({
      material: request.material,
      outDir: request.outDir,
      formats: [...new Set(plan.units.map((u) => u.format))],
      parts: results.map((r) => ({ dir: path.join(shared, unitFolder(buildId, r.unit.key)), outputs: r.result.outputs })),
      warnings,
      failures,
    });
    await rm(path.join(shared, buildFolder(buildId)), { recursive: true, force: true });
    return { ...committed, skippedLanguages: plan.skippedLanguages, failures, units: results.map((r) => ({ key: r.unit.key, worker: r.result.worker })) };
  } finally {
    await events.close().catch(() => {});
    await queue.close().catch(() => {});
    eventsConnection.disconnect();
    (connection as Redis).disconnect();
  }
}

const jobIdOf = (buildId: string, unit: RenderUnit) => `${buildId}-${unit.key}`;

async function waitFor(job: Job, events: QueueEvents): Promise<unknown> {
  return job.waitUntilFinished(events).catch((error: Error) => {
    throw new StudioError('farm.unitFailed', { unit: job.name, reason: error.message });
  });
}

/** Recorded clips are files of this PC: the workers read copies in the shared storage. */
async function shareClips(shared: string, buildId: string, clips: FarmBuildRequest['clips']): Promise<UnitJob['clips']> {
  const out: UnitJob['clips'] = [];
  for (const [i, clip] of clips.entries()) {
    const rel = `${buildFolder(buildId)}/clips/${i}${path.extname(clip.file)}`;
    await mkdir(path.dirname(path.join(shared, rel)), { recursive: true });
    await copyFile(clip.file, path.join(shared, rel));
    out.push({ target: clip.target, language: clip.language, path: rel });
  }
  return out;
}
