/**
 * Building outputs: the one render use case behind `luat-studio build` and
 * the UI's render queue. It resolves the settings (engine/app/options.ts),
 * gathers translations and recorded clips, keeps the render history
 * (startRender … finishRender: done, failed or cancelled) and reports
 * progress; the signal cancels it.
 */
import path from 'node:path';
import type { TFunction } from 'i18next';
import { MANIFEST_FILE, runBuild, type BuildFailure, type BuildResult } from '../build/build.js';
import { findFormatDescriptor } from '../build/registry.js';
import type { Locale } from '../i18n/index.js';
import { userMessage } from '../errorMessage.js';
import type { ProgressUpdate } from '../build/format.js';
import { diagnosticMessage } from '../i18n/index.js';
import type { Material } from '../model/material.js';
import type { OutputEntry } from '../model/records.js';
import { materialHash } from '../store/schema.js';
import { resolveBuildSettings, type BuildFlags } from './options.js';
import { requireMaterial, type Studio } from './studio.js';
import { voiceClipsFor } from './voices.js';
import { translationsWithLabels } from './translations.js';
import { resolveOutputFolder } from '../fs/outputTarget.js';
import { voicesDirOf } from '../speech/neural/voiceLibrary.js';

export interface RenderRequest {
  projectId: string;
  /** Format names; empty: every available format. */
  formats: string[];
  /** Languages; empty: the source and every complete translation. */
  languages: string[];
  outDir: string;
  flags?: BuildFlags;
  /** 'render' is kept in the project's render history; 'preview' is not. */
  purpose?: 'render' | 'preview';
  signal?: AbortSignal;
  /** Each step as formats report it, and an estimate of the whole job (0..1). */
  progress?: (update: ProgressUpdate, fraction: number) => void;
}

export interface RenderOutcome {
  /** Render history id, or null for a preview. */
  renderId: string | null;
  outputs: OutputEntry[];
  /** Warnings in the user's language, each once. */
  warnings: string[];
  /** Formats and languages asked for and not built (the build made the rest). */
  failures: BuildFailure[];
  result: BuildResult;
}

/**
 * Overall progress from per-step updates: the mean of each step's latest
 * fraction, never going back (a step that starts late must not make the bar
 * jump backwards).
 */
function progressTracker(formats: number, report?: (update: ProgressUpdate, fraction: number) => void) {
  const steps = new Map<string, number>();
  let shown = 0;
  return (update: ProgressUpdate) => {
    steps.set(update.label, update.total > 0 ? Math.min(1, update.done / update.total) : 1);
    const sum = [...steps.values()].reduce((a, b) => a + b, 0);
    // Short of 1 until the build has really finished (renderProject reports that).
    shown = Math.max(shown, Math.min(0.99, sum / Math.max(formats, steps.size, 1)));
    report?.(update, shown);
  };
}

export async function renderProject(studio: Studio, request: RenderRequest, t: TFunction): Promise<RenderOutcome> {
  const { library } = studio;
  const { project, material } = await requireMaterial(studio, request.projectId);
  const own = await library.listTranslations(material.id);
  // The label memory serves every project; this project's own label translations win.
  const translations = await translationsWithLabels(studio, own);
  const settings = {
    ...resolveBuildSettings({
      flags: request.flags ?? {}, project: project.settings, app: studio.app, voiceClips: await voiceClipsFor(studio, material, own),
    }),
    // What the library holds for speech: its neural voices and the "đọc là" lexicon (project first).
    voicesDir: voicesDirOf(library.dir),
    pronunciation: await library.pronunciationLexicon(material.id),
  };
  // `--out` is the output folder, or its manifest.json; another file there is refused in words.
  const outDir = await resolveOutputFolder(request.outDir, [MANIFEST_FILE]);
  const renderId = request.purpose === 'preview'
    ? null
    : await library.startRender(material.id, { formats: request.formats, languages: request.languages, outDir, materialHash: materialHash(material) });
  try {
    const result = await runBuild({
      material, formats: request.formats, languages: request.languages, outDir, translations, settings,
      projectDir: library.projectDir(material.id),
      progress: progressTracker(Math.max(1, request.formats.length), request.progress),
      ...(request.signal ? { signal: request.signal } : {}),
      describeWarning: (d) => diagnosticMessage(d, t),
      describeError: (error, context) => userMessage(error, t, context),
    });
    if (request.formats.length > 0) request.progress?.({ label: request.formats.join(', '), done: 1, total: 1 }, 1);
    const wanted = new Set(request.formats);
    const outputs = result.manifest.outputs.filter((o) => wanted.size === 0 || wanted.has(o.format));
    // Some formats built and some not: the render is recorded as failed, with what it did make and why the rest failed.
    const failed = result.failures.map((f) => f.message).join('\n');
    if (renderId) await library.finishRender(renderId, { status: failed ? 'failed' : 'done', outputs, error: failed || null });
    return {
      renderId, outputs, warnings: [...new Set(result.manifest.warnings.map((w) => w.message))],
      failures: result.failures, result,
    };
  } catch (error) {
    if (renderId) {
      const status = request.signal?.aborted ? 'cancelled' : 'failed';
      await library.finishRender(renderId, { status, outputs: [], error: String((error as Error)?.message ?? error) });
    }
    throw error;
  }
}

/** A brief built on its own, without the library (no translations, clips or history): `build --no-library`. */
export async function renderBareBrief(
  material: Material,
  request: Omit<RenderRequest, 'projectId' | 'purpose'>,
  t: TFunction,
  /** The brief file's folder: its pictures are read from there. */
  briefDir: string | null = null,
): Promise<BuildResult> {
  return runBuild({
    material, formats: request.formats, languages: request.languages, outDir: await resolveOutputFolder(request.outDir, [MANIFEST_FILE]), translations: [],
    settings: resolveBuildSettings({ flags: request.flags ?? {} }), projectDir: null, briefDir,
    progress: progressTracker(Math.max(1, request.formats.length), request.progress),
    ...(request.signal ? { signal: request.signal } : {}),
    describeWarning: (d) => diagnosticMessage(d, t),
    describeError: (error, context) => userMessage(error, t, context),
  });
}

/** "Thời gian làm từng loại: Sổ tay 2,8 giây · Video 190 giây": how long each format of a build took, with the format's own label. */
export function describeTimings(result: Pick<BuildResult, 'timings' | 'lanes'>, locale: Locale, t: TFunction): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const list = result.timings
    .map((x) => t('renderJob.formatTime', { format: findFormatDescriptor(x.format)?.label[locale] ?? x.format, seconds: number.format(x.seconds) }))
    .join(' · ');
  return t(result.lanes > 1 ? 'renderJob.timingsAtOnce' : 'renderJob.timings', { list, count: result.lanes });
}
