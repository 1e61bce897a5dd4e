import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TFunction } from 'i18next';
import {
  StudioError, confirmFigures, exportTranslations, importTranslations, translationFileFormat, translationStatus,
} from '../../engine/app/index.js';
import { languageName } from '../../engine/i18n/index.js';
import { loadBrief, saveBriefFile } from '../briefs.js';
import { EXIT } from '../failures.js';
import { readingLibrary, withLibrary, type LibraryOptions } from '../library.js';

export async function exportCommand(
  brief: string,
  options: LibraryOptions & { lang: string; format?: string; out?: string },
  t: TFunction,
): Promise<number> {
  const loaded = await loadBrief(brief, t);
  const format = translationFileFormat(options.out ?? '', options.format);
  const out = options.out ?? `${loaded.material.id}.${options.lang}.${format === 'po' ? 'po' : 'xlf'}`;
  await withLibrary(options, 'translations export', async (studio) =>
    exportTranslations(studio, await saveBriefFile(studio, brief, loaded), options.lang, format, t, out));
  process.stdout.write(`${t('cli.translations.exported', { file: out, language: options.lang })}\n`);
  return EXIT.ok;
}

export async function importCommand(
  brief: string,
  file: string,
  options: LibraryOptions & { lang?: string; format?: string },
  t: TFunction,
): Promise<number> {
  const loaded = await loadBrief(brief, t);
  // Bytes, not text: the importer checks the encoding itself (invalid UTF-8 must not become U+FFFD).
  const content = await readFile(file).catch(() => {
    throw new StudioError('translation.cannotRead', { file });
  });
  const format = translationFileFormat(file, options.format);
  // Nothing is written (not even the brief) until the file has been accepted.
  const result = await withLibrary(options, 'translations import', async (studio) =>
    importTranslations(studio, { brief: { ...loaded, origin: path.resolve(brief) } }, { fileName: file, content, format, language: options.lang }, t));
  for (const p of result.problems) process.stderr.write(`${p.line !== undefined ? `${file}:${p.line}:1` : file}: error: ${p.message}\n`);
  if (result.problems.length > 0) return EXIT.invalid;
  for (const r of result.rejected) process.stderr.write(`${file}: warning: ${r.message}\n`);
  for (const r of result.review) process.stderr.write(`${file}: warning: ${r.message}\n`);
  process.stdout.write(`${t('cli.translations.imported', {
    applied: result.applied, stale: result.stale, unchanged: result.unchanged, rejected: result.rejected.length,
  })}\n`);
  if (result.review.length > 0) process.stdout.write(`${t('cli.translations.toReview', { count: result.review.length })}\n`);
  return EXIT.ok;
}

/** Read-only: the brief as it is now against the library's translations; neither is written. */
export async function statusCommand(brief: string, options: LibraryOptions & { json?: boolean }, t: TFunction): Promise<number> {
  const { material } = await loadBrief(brief, t);
  const rows = await readingLibrary(options, (studio) => translationStatus(studio, material));
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ material: material.id, languages: rows }, null, 2)}\n`);
    return EXIT.ok;
  }
  if (rows.length === 0) process.stdout.write(`${t('cli.translations.noTargets')}\n`);
  for (const r of rows) {
    const name = languageName(r.language, t);
    process.stdout.write(`${t('cli.translations.statusLine', { language: r.language, name, percent: r.percent, translated: r.translated, total: r.total, stale: r.stale, missing: r.missing })}\n`);
    if (r.labels.missing.length > 0) {
      process.stdout.write(`${t('cli.translations.labelsMissing', { language: r.language, count: r.labels.missing.length, ids: r.labels.missing.join(', ') })}\n`);
    }
  }
  return EXIT.ok;
}

/** `translations confirm`: the unit's figures differ on purpose; the note says who confirms and why. */
export async function confirmCommand(
  brief: string,
  options: LibraryOptions & { lang: string; unit: string; note: string },
  t: TFunction,
): Promise<number> {
  const loaded = await loadBrief(brief, t);
  const result = await withLibrary(options, 'translations confirm', async (studio) =>
    confirmFigures(studio, await saveBriefFile(studio, brief, loaded), options.lang, options.unit, options.note));
  process.stdout.write(`${t('cli.translations.confirmed', { id: options.unit, language: options.lang, percent: result.completeness.percent })}\n`);
  return EXIT.ok;
}
