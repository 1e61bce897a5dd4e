import path from 'node:path';
import type { TFunction } from 'i18next';
import { describeTimings, renderBareBrief, renderProject, renderProjectOnFarm, StudioError, type BuildFlags } from '../../engine/app/index.js';
import type { Locale } from '../../engine/i18n/index.js';
import { loadBrief, parseList, saveBriefFile } from '../briefs.js';
import { EXIT } from '../failures.js';
import { withLibrary, type LibraryOptions } from '../library.js';
import { createProgress } from '../progress.js';

export interface BuildOptions extends LibraryOptions {
  out: string;
  formats?: string;
  lang?: string;
  /** Overrides the app's and the project's browser for this build. */
  chromium?: string;
  /** Overrides the app's and the project's speech engine for this build. */
  speechEngine?: string;
  /** false with --no-library: build the bare brief, without translations or render history. */
  useLibrary: boolean;
  /** `redis://HOST:PORT`: render on the department's workers (`luat-studio worker`). */
  queue?: string;
  /** This PC's path to the storage the workers share; required with --queue. */
  shared?: string;
  /** With --queue: a video longer than this many seconds is split into ranges across the workers. */
  splitVideo?: string;
  locale: Locale;
}

/** `build <brief> --out DIR`: saves the brief in the library, runs the formats and writes DIR/manifest.json. */
export async function buildCommand(file: string, options: BuildOptions, t: TFunction): Promise<number> {
  const brief = await loadBrief(file, t);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const progress = createProgress();
  const flags: BuildFlags = {
    ...(options.chromium ? { chromiumPath: options.chromium } : {}),
    ...(options.speechEngine ? { speechEngine: options.speechEngine } : {}),
  };
  const request = {
    formats: parseList(options.formats), languages: parseList(options.lang), outDir: options.out, flags,
    signal: controller.signal, progress: (update: Parameters<typeof progress.update>[0]) => progress.update(update),
  };
  if (options.queue !== undefined && (!options.useLibrary || !options.shared)) {
    throw new StudioError(options.useLibrary ? 'farm.sharedRequired' : 'farm.needsLibrary');
  }
  const splitVideoSeconds = options.splitVideo === undefined ? undefined : Number(options.splitVideo);
  if (splitVideoSeconds !== undefined && !(splitVideoSeconds >= 8)) throw new StudioError('farm.badSplitSeconds', { value: options.splitVideo ?? '' });
  let result;
  try {
    result = options.queue !== undefined
      ? await withLibrary(options, 'build', async (studio) => renderProjectOnFarm(studio, {
        ...request, projectId: await saveBriefFile(studio, file, brief), queue: options.queue!, sharedDir: options.shared!, locale: options.locale,
        ...(splitVideoSeconds !== undefined ? { splitVideoSeconds } : {}),
        progress: (units) => {
          for (const u of units) progress.update({ label: [u.unit.format, u.unit.language, u.unit.aspect].filter(Boolean).join(' · '), done: Math.round(u.fraction * 100), total: 100 });
        },
      }, t))
      : options.useLibrary
      ? (await withLibrary(options, 'build', async (studio) => renderProject(studio, { ...request, projectId: await saveBriefFile(studio, file, brief) }, t))).result
      : await renderBareBrief(brief.material, request, t, path.dirname(path.resolve(file)));
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
  for (const w of result.manifest.warnings) process.stderr.write(`luat-studio: warning: ${w.message}\n`);
  for (const o of result.manifest.outputs) process.stdout.write(`${path.join(options.out, o.path)}  ${(o.bytes / 1024).toFixed(0)} KiB\n`);
  if (result.timings.length > 0) process.stderr.write(`luat-studio: ${describeTimings(result, options.locale, t)}\n`);
  process.stdout.write(`${t('cli.build.done', { count: result.manifest.outputs.length, title: brief.material.title.text, manifest: result.manifestPath })}\n`);
  // What was not built: each failure (at the brief's line when it is about one of its texts), then a non-zero exit.
  for (const f of result.failures) {
    const where = f.line !== undefined ? `${file}:${f.line}:${f.col ?? 1}: ` : '';
    process.stderr.write(`${where}luat-studio: error: ${f.message}\n`);
  }
  if (result.failures.length > 0) {
    process.stderr.write(`luat-studio: error: ${t('cli.buildFailures.summary', { count: result.failures.length, manifest: result.manifestPath })}\n`);
    return EXIT.failure;
  }
  return EXIT.ok;
}
