/**
 * The render farm's use cases: `build --queue` renders a project's units on
 * the department's workers and commits them here; `worker` is one of those
 * workers. Settings resolve as for a build on one PC (./options.ts); what a
 * worker must take from its own PC (browser, neural voices) stays there.
 */
import path from 'node:path';
import type { TFunction } from 'i18next';
import { MANIFEST_FILE } from '../build/build.js';
import { connectQueue, FARM_QUEUE, parseQueueAddress } from '../farm/connection.js';
import { StudioError } from '../errors.js';
// BullMQ and ioredis load when the farm is used (below), not with the app layer: `check` must start fast.
import type { FarmBuildResult, FarmProgress } from '../farm/coordinator.js';
import type { runFarmWorker } from '../farm/worker.js';
import { resolveOutputFolder } from '../fs/outputTarget.js';
import { diagnosticMessage, type Locale } from '../i18n/index.js';
import { userMessage } from '../errorMessage.js';
import { voicesDirOf } from '../speech/neural/voiceLibrary.js';
import { defaultLibraryDir } from '../store/library.js';
import { materialHash } from '../store/schema.js';
import { resolveBuildSettings, type BuildFlags } from './options.js';
import { previewVideo } from './preview.js';
import { resolveBuildLanguages } from '../build/languages.js';
import { DEFAULT_SPLIT_VIDEO_SECONDS } from '../farm/units.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { requireMaterial, type Studio } from './studio.js';
import { currentClips } from './voiceTargets.js';

export type { FarmProgress };

export interface FarmRenderRequest {
  projectId: string;
  formats: string[];
  languages: string[];
  outDir: string;
  flags?: BuildFlags;
  /** `redis://HOST:PORT`: the queue the department's workers take units from; default: the app's farm setting. */
  queue?: string;
  /** This PC's path to the storage every worker shares; default: the app's farm setting. */
  sharedDir?: string;
  /** A video longer than this is split into ranges; default: the app's farm setting, else 120 s. */
  splitVideoSeconds?: number;
  locale: Locale;
  signal?: AbortSignal;
  progress?: (units: FarmProgress[]) => void;
}

/** A farm build, and its entry in the render history (for the files' URLs in the app). */
export type FarmRenderOutcome = FarmBuildResult & { renderId: string };

/**
 * The queue and shared folder of a farm render: the request's (the command line's), else the app's settings
 * (the render screen gives neither; the shared folder is set like outputDir). Checked before a job is queued.
 */
export function farmTarget(studio: Studio, request: Pick<FarmRenderRequest, 'queue' | 'sharedDir'> = {}): { queue: string; sharedDir: string } {
  const queue = request.queue ?? studio.app.farm?.queue;
  const sharedDir = request.sharedDir ?? studio.app.farm?.sharedDir;
  if (!queue) throw new StudioError('farm.queueNotSet');
  if (!sharedDir) throw new StudioError('farm.sharedNotSet');
  parseQueueAddress(queue);
  return { queue, sharedDir };
}

export async function renderProjectOnFarm(studio: Studio, request: FarmRenderRequest, t: TFunction): Promise<FarmRenderOutcome> {
  const target = farmTarget(studio, request);
  const queue = parseQueueAddress(target.queue);
  const { sharedDir } = target;
  const { library } = studio;
  const { project, material } = await requireMaterial(studio, request.projectId);
  const translations = await library.listTranslations(material.id);
  const settings = {
    ...resolveBuildSettings({ flags: request.flags ?? {}, project: project.settings, app: studio.app }),
    pronunciation: await library.pronunciationLexicon(material.id),
  };
  const clips = currentClips(material, translations, await library.listVoiceClips(material.id), library.projectDir(material.id));
  const outDir = await resolveOutputFolder(request.outDir, [MANIFEST_FILE]);
  const videoLength = await plannedVideoLength(studio, request, material, translations);
  const renderId = await library.startRender(material.id, { formats: request.formats, languages: request.languages, outDir, materialHash: materialHash(material) });
  try {
    const { buildOnFarm } = await import('../farm/coordinator.js');
    const result = await buildOnFarm({
      queue, sharedDir, material, translations, settings, clips,
      formats: request.formats, languages: request.languages, outDir, locale: request.locale, videoLength,
      splitVideoSeconds: request.splitVideoSeconds ?? studio.app.farm?.splitVideoSeconds ?? DEFAULT_SPLIT_VIDEO_SECONDS,
      describeWarning: (d) => diagnosticMessage(d, t),
      describeError: (error, context) => userMessage(error, t, context),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.progress ? { progress: request.progress } : {}),
    });
    await library.finishRender(renderId, { status: 'done', outputs: result.manifest.outputs, error: null });
    return { ...result, renderId };
  } catch (error) {
    await library.finishRender(renderId, { status: request.signal?.aborted ? 'cancelled' : 'failed', outputs: [], error: String((error as Error)?.message ?? error) });
    throw error;
  }
}

/**
 * The length of the brief's video in each language, planned here by the
 * export's own code (voices and timeline, no frame), so a long one can be
 * split into ranges. Only for a brief with one situation video (a range is
 * applied to every video of a unit); a language it cannot plan is not split.
 */
async function plannedVideoLength(
  studio: Studio, request: FarmRenderRequest, material: Material, translations: TranslationRecord[],
): Promise<Map<string, { frames: number; fps: number }>> {
  const lengths = new Map<string, { frames: number; fps: number }>();
  const videos = material.sections.filter((s) => s.kind === 'situation' && s.format === 'video');
  const wantsVideo = request.formats.length === 0 || request.formats.includes('video');
  if (!wantsVideo || videos.length !== 1) return lengths;
  for (const language of resolveBuildLanguages(material, translations, request.languages).languages) {
    try {
      const { plan } = await previewVideo(studio, request.projectId, language);
      lengths.set(language, { frames: plan.durationInFrames, fps: plan.fps });
    } catch {
      // Rendered whole, as on one PC: the worker's own build reports what is wrong.
    }
  }
  return lengths;
}

/**
 * Settings' "Test connection": the queue address parsed, its Redis answering a
 * PING within a few seconds, and the workers waiting on it (each named
 * HOST:PID by engine/farm/worker.ts), so a department sees which PCs will take work.
 */
export async function testFarmQueue(queue: string): Promise<{ address: string; workers: string[] }> {
  const address = parseQueueAddress(queue);
  const client = await connectQueue(address, 3_000);
  try {
    const { Queue } = await import('bullmq');
    const farm = new Queue(FARM_QUEUE, { connection: client });
    const clients = await farm.getWorkers().finally(() => farm.close());
    const workers = clients.map((c) => /:w:(.+)$/.exec(c['rawname'] ?? '')?.[1] ?? c['addr'] ?? '?');
    return { address: `${address.host}:${address.port}`, workers: workers.sort() };
  } finally {
    client.disconnect();
  }
}

export interface RenderWorkerOptions {
  queue: string;
  sharedDir: string;
  /** This PC's browser; default: found automatically. */
  chromiumPath?: string | null;
  /** This PC's library, for its neural voices; default: the user's library. */
  libraryDir?: string;
  /** Seconds without a sign of life after which a unit goes to another worker (default 30). */
  stallSeconds?: number;
  signal: AbortSignal;
  /** Connected and listed on the queue (the studio's connection test sees it from now on). */
  onReady?: () => void;
  onEvent?: Parameters<typeof runFarmWorker>[0]['onEvent'];
}

/** Runs until the signal: takes units from the queue and renders them. */
export async function runRenderWorker(options: RenderWorkerOptions): Promise<void> {
  const { runFarmWorker } = await import('../farm/worker.js');
  await runFarmWorker({
    queue: parseQueueAddress(options.queue),
    sharedDir: path.resolve(options.sharedDir),
    chromiumPath: options.chromiumPath ?? null,
    voicesDir: voicesDirOf(path.resolve(options.libraryDir ?? defaultLibraryDir())),
    stallSeconds: options.stallSeconds ?? 30,
    signal: options.signal,
    ...(options.onReady ? { onReady: options.onReady } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}
