/**
 * `build --queue`: the studio's side of the render farm. The build is split
 * into units (./units.ts), each added to the queue as one job whose id is the
 * build's id and the unit's key — adding it twice is a no-op, so a unit is
 * rendered and listed once however often it is retried. The studio waits for
 * the units, reports their progress, and commits their files into DIR with the
 * same transaction as a build on one PC (engine/build/assemble.ts).
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { commitRenderedParts } from '../build/assemble.js';
import { sha256File } from '../build/outputs.js';
import { stitchVideoRanges } from './stitchVideo.js';
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
  /** host:pid of the worker rendering or having rendered it. */
  worker?: string;
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
  /** The video's length per language, when the studio could plan it; a longer one than splitVideoSeconds is rendered as ranges. */
  videoLength?: Map<string, { frames: number; fps: number }>;
  splitVideoSeconds?: number;
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
  const plan = planUnits(request.material, request.translations, {
    formats: request.formats, languages: request.languages, ...(aspects ? { aspects } : {}),
    ...(request.videoLength ? { videoLength: request.videoLength } : {}),
    ...(request.splitVideoSeconds !== undefined ? { splitVideoSeconds: request.splitVideoSeconds } : {}),
  });
  if (plan.units.length === 0) throw new StudioError('farm.nothingToBuild');
  const buildId = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const shared = path.resolve(request.sharedDir);
  const clips = await shareClips(shared, buildId, request.clips);
  const settings = Object.fromEntries(Object.entries(request.settings).filter(([key, value]) => !LOCAL_SETTINGS.has(key) && value !== undefined));

  const connection = await connectQueue(request.queue);
  const eventsConnection = connection.duplicate();
  const queue = new Queue(FARM_QUEUE, { connection });
  // Each unit's waitUntilFinished listens for the queue closing: a build of more
  // than ten units is not a leak, and Node's warning would reach the user's terminal.
  queue.setMaxListeners(plan.units.length + 10);
  const events = new QueueEvents(FARM_QUEUE, { connection: eventsConnection });
  const states = new Map<string, FarmProgress>(plan.units.map((unit) => [jobIdOf(buildId, unit), { unit, state: 'waiting', fraction: 0 }]));
  const report = () => request.progress?.([...states.values()]);
  const onProgress = ({ jobId, data }: { jobId: string; data: unknown }) => {
    const state = states.get(jobId);
    if (!state) return;
    const progress = data as { fraction?: number; label?: string; worker?: string };
    state.state = 'active';
    if (progress.worker) state.worker = progress.worker;
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
      protocol: FARM_PROTOCOL, buildId, unit: {
        key: unit.key, format: unit.format, language: unit.language, ...(unit.aspect ? { aspect: unit.aspect } : {}),
        ...(unit.range ? { frames: { from: unit.range.from, to: unit.range.to } } : {}),
      },
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
        state.worker = result.worker;
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
    // A video one of whose ranges failed is not committed at all (its other ranges are not a video).
    const brokenVideos = new Set(settled.flatMap((r) => ('error' in r && r.unit.range ? [r.unit.range.whole] : [])));
    const rendered = settled.flatMap((r) => ('result' in r && !(r.unit.range && brokenVideos.has(r.unit.range.whole)) ? [{ unit: r.unit, result: r.result! }] : []));
    const results = await joinVideoRanges(rendered, shared, buildId, request.videoLength, request.signal);
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
    // Each unit's time is the worker's; the farm's progress shows them as they run.
    return { ...committed, skippedLanguages: plan.skippedLanguages, failures, timings: [], lanes: 1, units: rendered.map((r) => ({ key: r.unit.key, worker: r.result.worker })) };
  } finally {
    await events.close().catch(() => {});
    await queue.close().catch(() => {});
    eventsConnection.disconnect();
    (connection as Redis).disconnect();
  }
}

const jobIdOf = (buildId: string, unit: RenderUnit) => `${buildId}-${unit.key}`;

type Rendered = { unit: RenderUnit; result: UnitResult };

/**
 * The ranges of each long video become one part: the first range's folder,
 * its MP4 replaced by the joined video (./stitchVideo.ts) and its entry's
 * size and sha256 by the joined file's; the other ranges' files are left in
 * the shared folder (removed with the build's folder), so every file is listed once.
 */
async function joinVideoRanges(rendered: Rendered[], shared: string, buildId: string, lengths: FarmBuildRequest['videoLength'], signal?: AbortSignal): Promise<Rendered[]> {
  const out: Rendered[] = [];
  const videos = new Map<string, Rendered[]>();
  for (const r of rendered) {
    if (!r.unit.range) out.push(r);
    else videos.set(r.unit.range.whole, [...(videos.get(r.unit.range.whole) ?? []), r]);
  }
  for (const ranges of videos.values()) {
    ranges.sort((a, b) => a.unit.range!.from - b.unit.range!.from);
    const first = ranges[0]!;
    const outputs = [];
    for (const entry of first.result.outputs) {
      if (!entry.path.endsWith('.mp4')) {
        outputs.push(entry);
        continue;
      }
      const fileIn = (r: Rendered) => path.join(shared, unitFolder(buildId, r.unit.key), entry.path);
      const target = fileIn(first);
      const fps = lengths?.get(first.unit.language)?.fps ?? 25;
      await stitchVideoRanges({ parts: ranges.map(fileIn), outPath: target, expectedFrames: Math.round((entry.durationSec ?? 0) * fps), label: entry.path, ...(signal ? { signal } : {}) });
      outputs.push({ ...entry, bytes: (await stat(target)).size, sha256: await sha256File(target) });
    }
    out.push({ unit: { ...first.unit, key: first.unit.key }, result: { ...first.result, outputs, warnings: ranges.flatMap((r) => r.result.warnings) } });
  }
  return out;
}

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
