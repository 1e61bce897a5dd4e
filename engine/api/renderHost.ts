/**
 * A render process: runs one render or preview job (engine/app renderProject)
 * away from the process that answers the API, so the studio keeps answering
 * while Chromium, ffmpeg and the speech engines work. Started per job by
 * ./renderChild.ts through bin/render-host.mjs; talks over the IPC channel
 * (./renderProtocol.ts). It reads the library as it is on disk and asks the
 * parent, the single writer, to record the render's start and end. When the
 * parent goes (closed, crashed, killed) the IPC channel closes and this
 * process exits at once; its Chromium and ffmpeg are tethered to it.
 */
import { readStudio, renderProject, requireMaterial, type Studio } from '../app/index.js';
import { formatDescriptors } from '../build/registry.js';
import { userMessage } from '../errorMessage.js';
import { translator } from '../i18n/index.js';
import { sectionsOfKind } from '../model/units.js';
import type { Library } from '../store/library.js';
import { completeness } from '../translations/completeness.js';
import { sameLanguage } from '../translations/status.js';
import { labelOf, planWork, WeightedProgress } from './renderProgress.js';
import type { FromRenderHost, RenderJobOrder, ToRenderHost } from './renderProtocol.js';

/** Progress messages closer together than this are merged (the queue shows ~10 a second). */
const PROGRESS_INTERVAL_MS = 100;

const controller = new AbortController();
const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextId = 1;

function send(message: FromRenderHost): void {
  process.send?.(message);
}

function ask<T>(message: FromRenderHost & { id: number }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    pending.set(message.id, { resolve: resolve as (v: unknown) => void, reject });
    send(message);
  });
}

/** The library as read from disk, whose two render-history writes go to the parent. */
function writingThroughParent(library: Library): Library {
  const startRender: Library['startRender'] = (projectId, start) => ask<string>({ type: 'startRender', id: nextId++, projectId, start });
  const finishRender = ((renderId: string, finish: Parameters<Library['finishRender']>[1]) =>
    ask({ type: 'finishRender', id: nextId++, renderId, finish })) as Library['finishRender'];
  return new Proxy(library, {
    get(target, key) {
      if (key === 'startRender') return startRender;
      if (key === 'finishRender') return finishRender;
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** What the job will really build, for the weighted progress. */
async function workPlan(studio: Studio, order: RenderJobOrder) {
  const { material } = await requireMaterial(studio, order.projectId);
  const translations = await studio.library.listTranslations(material.id);
  const wanted = order.languages.length > 0 ? order.languages : [material.sourceLanguage, ...material.targetLanguages];
  const languages = wanted.filter((l) => {
    if (sameLanguage(l, material.sourceLanguage)) return true;
    const status = completeness(material, l, translations);
    return status.missing === 0 && status.stale === 0;
  });
  const videoAspects = sectionsOfKind(material, 'situation')
    .filter((s) => s.format === 'video')
    .map((s) => (order.aspects.length > 0 ? order.aspects.length : s.aspects.length));
  const formats = order.formats.length > 0 ? order.formats : formatDescriptors().filter((d) => !d.onRequest).map((d) => d.name);
  return planWork({ formats, languages: new Set(languages).size, videoAspects });
}

/** LUAT_STUDIO_VIDEO_SCALE: a smaller video picture (drafts, tests). */
function videoScale(): number | undefined {
  const raw = Number(process.env['LUAT_STUDIO_VIDEO_SCALE']);
  return raw >= 0.1 && raw <= 1 ? raw : undefined;
}

async function run(order: RenderJobOrder): Promise<void> {
  const t = translator(order.app.locale);
  try {
    const onDisk = await readStudio(order.libraryDir);
    const studio: Studio = { library: writingThroughParent(onDisk.library), app: order.app };
    const weighted = new WeightedProgress(await workPlan(studio, order));
    let lastSent = 0;
    let lastLabel = '';
    const scale = videoScale();
    const outcome = await renderProject(studio, {
      projectId: order.projectId, formats: order.formats, languages: order.languages, outDir: order.outDir, purpose: order.purpose,
      flags: { aspects: order.aspects, ...(scale !== undefined ? { videoScale: scale } : {}) },
      signal: controller.signal,
      progress: (update) => {
        const estimate = weighted.update(update);
        const label = labelOf(update, t, order.app.locale);
        const now = performance.now();
        if (label === lastLabel && now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        lastLabel = label;
        send({ type: 'progress', fraction: estimate.fraction, label, remainingSec: estimate.remainingSec });
      },
    }, t);
    send({ type: 'done', renderId: outcome.renderId, outputs: outcome.outputs, warnings: outcome.warnings, failures: outcome.failures.map((f) => f.message) });
  } catch (error) {
    const said = userMessage(error, t, `render ${order.formats.join(',')}`);
    send({ type: 'failed', cancelled: controller.signal.aborted, message: said.message });
  }
  // The parent closes the channel once it has the answer; that ends this process.
}

process.on('message', (message: ToRenderHost) => {
  if (message.type === 'run') void run(message.order);
  else if (message.type === 'cancel') controller.abort();
  else if (message.type === 'reply') {
    const waiting = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) waiting?.resolve(message.value);
    else waiting?.reject(new Error(message.message));
  }
});
// The studio went away: stop now (tethered Chromium and ffmpeg follow within a second).
process.on('disconnect', () => process.exit(controller.signal.aborted ? 130 : 0));
if (!process.connected) process.exit(2);
