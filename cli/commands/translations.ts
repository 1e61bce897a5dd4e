import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { diagnosticMessage } from '../../engine/i18n/index.js';
import { languageInfo } from '../../engine/model/languages.js';
import { writeFileDurably } from '../../engine/store/durableJsonFile.js';
import { completeness } from '../../engine/translations/completeness.js';
import { exportPo, importPo } from '../../engine/translations/po.js';
import { exportXliff, importXliff } from '../../engine/translations/xliff.js';
import { StudioError } from '../../engine/errors.js';
import { loadBrief } from '../briefs.js';
import { EXIT } from '../failures.js';
import { withLibrary, type LibraryOptions } from '../library.js';

type FileFormat = 'xliff' | 'po';

function formatOf(file: string, explicit?: string): FileFormat {
  if (explicit === 'xliff' || explicit === 'po') return explicit;
  if (explicit) throw new StudioError('translation.unknownFileFormat', { format: explicit });
  return path.extname(file).toLowerCase() === '.po' ? 'po' : 'xliff';
}

export async function exportCommand(
  brief: string,
  options: LibraryOptions & { lang: string; format?: string; out?: string },
  t: TFunction,
): Promise<number> {
  const { material, text } = await loadBrief(brief, t);
  const format = formatOf(options.out ?? '', options.format);
  const out = options.out ?? `${material.id}.${options.lang}.${format === 'po' ? 'po' : 'xlf'}`;
  const note = (previous: string) => t('cli.translations.sourceChangedNote', { previous });
  await withLibrary(options, 'translations export', async (library) => {
    await library.saveBrief({ material, briefText: text, origin: path.resolve(brief) });
    const existing = await library.listTranslations(material.id, options.lang);
    const content = format === 'po'
      ? exportPo(material, options.lang, existing, { describeSourceChange: note })
      : exportXliff(material, options.lang, existing, { describeSourceChange: note });
    await writeFileDurably(out, content);
  });
  process.stdout.write(`${t('cli.translations.exported', { file: out, language: options.lang })}\n`);
  return EXIT.ok;
}

export async function importCommand(
  brief: string,
  file: string,
  options: LibraryOptions & { lang?: string; format?: string },
  t: TFunction,
): Promise<number> {
  const { material, text } = await loadBrief(brief, t);
  // Bytes, not text: the importer checks the encoding itself (invalid UTF-8 must not become U+FFFD).
  const content = await readFile(file).catch(() => {
    throw new StudioError('translation.cannotRead', { file });
  });
  const format = formatOf(file, options.format);
  return withLibrary(options, 'translations import', async (library) => {
    // Nothing is written (not even the brief) until the file has been accepted.
    const existing = await library.listTranslations(material.id);
    const importOptions = options.lang ? { language: options.lang } : {};
    const result = format === 'po'
      ? importPo(material, content, existing, new Date(), importOptions)
      : importXliff(material, content, existing, new Date(), importOptions);
    for (const p of result.problems) {
      const where = p.line !== undefined ? `${file}:${p.line}:1` : file;
      process.stderr.write(`${where}: error: ${diagnosticMessage({ severity: 'error', code: p.code, params: p.params }, t)}\n`);
    }
    if (result.problems.length > 0) return EXIT.invalid;
    for (const r of result.rejected) {
      process.stderr.write(`${file}: warning: ${t(`cli.translations.rejected.${r.reason}`, { id: r.unitId })}\n`);
    }
    await library.saveBrief({ material, briefText: text, origin: path.resolve(brief) });
    await library.putTranslations(material.id, [...result.applied, ...result.stale]);
    process.stdout.write(`${t('cli.translations.imported', {
      applied: result.applied.length,
      stale: result.stale.length,
      unchanged: result.unchanged.length,
      rejected: result.rejected.length,
    })}\n`);
    return EXIT.ok;
  });
}

export async function statusCommand(brief: string, options: LibraryOptions & { json?: boolean }, t: TFunction): Promise<number> {
  const { material, text } = await loadBrief(brief, t);
  return withLibrary(options, 'translations status', async (library) => {
    await library.saveBrief({ material, briefText: text, origin: path.resolve(brief) });
    const records = await library.listTranslations(material.id);
    const languages = material.targetLanguages;
    const rows = languages.map((language) => ({ language, ...completeness(material, language, records) }));
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ material: material.id, languages: rows }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (rows.length === 0) process.stdout.write(`${t('cli.translations.noTargets')}\n`);
    for (const r of rows) {
      const info = languageInfo(r.language);
      const name = info ? (t('localeName') === 'en' ? info.nameEn : info.nameVi) : r.language;
      process.stdout.write(`${t('cli.translations.statusLine', { language: r.language, name, percent: r.percent, translated: r.translated, total: r.total, stale: r.stale, missing: r.missing })}\n`);
    }
    return EXIT.ok;
  });
}
