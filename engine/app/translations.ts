/**
 * Translations: status (read-only), the grid, one unit's edit, XLIFF/PO
 * export and import. The CLI and the UI call these same functions, so a
 * translation is "done" by one definition and an import is judged one way.
 */
import path from 'node:path';
import type { TFunction } from 'i18next';
import { StudioError } from '../errors.js';
import { diagnosticMessage } from '../i18n/index.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { completeness, type Completeness } from '../translations/completeness.js';
import { unitsWithNotes } from '../translations/context.js';
import { exportPo, importPo } from '../translations/po.js';
import { nfc, sameLanguage, stateOf, translationsFor } from '../translations/status.js';
import { exportXliff, importXliff } from '../translations/xliff.js';
import { labelIdOf, labelRecords, labelTextsFor, withLabelMemory, type LabelStatus } from '../translations/labels.js';
import { resolveOutputFile } from '../fs/outputTarget.js';
import { writeFileDurably } from '../fs/durable.js';
import type { TranslationRow } from '../api/contract.js';
import { saveProjectBrief } from './projects.js';
import { requireMaterial, type Studio } from './studio.js';

export type TranslationFileFormat = 'xliff' | 'po';
/** A language's units, and its labels (engine/model/labels.ts): it is complete only when both are. */
export type LanguageCompleteness = Completeness & { language: string; labels: LabelStatus };

/**
 * A project's translations with the library's label memory merged in (the
 * project's own label translations win): what status, export and build read.
 */
export async function translationsWithLabels(studio: Studio, records: TranslationRecord[], language?: string): Promise<TranslationRecord[]> {
  return withLabelMemory(records, await studio.library.listLabelMemory(language));
}

function languageCompleteness(material: Material, language: string, records: readonly TranslationRecord[]): LanguageCompleteness {
  return { language, ...completeness(material, language, records), labels: labelTextsFor(material, language, records).status };
}

/** The file format from an explicit choice or the file's extension (.po, else XLIFF). */
export function translationFileFormat(file: string, explicit?: string): TranslationFileFormat {
  if (explicit === 'xliff' || explicit === 'po') return explicit;
  if (explicit) throw new StudioError('translation.unknownFileFormat', { format: explicit });
  return path.extname(file).toLowerCase() === '.po' ? 'po' : 'xliff';
}

function completenessOf(material: Material, records: readonly TranslationRecord[]): LanguageCompleteness[] {
  return material.targetLanguages.map((language) => languageCompleteness(material, language, records));
}

/** Completeness per target language of a saved project. Reads only. */
export async function translationSummary(studio: Studio, projectId: string): Promise<LanguageCompleteness[]> {
  const { material } = await requireMaterial(studio, projectId);
  return completenessOf(material, await translationsWithLabels(studio, await studio.library.listTranslations(projectId)));
}

/**
 * Completeness of a brief as it is now (perhaps edited since it was saved),
 * against the translations the library holds: edited units count as stale,
 * exactly as they will once the brief is saved. Reads only, writes nothing.
 */
export async function translationStatus(studio: Studio, material: Material): Promise<LanguageCompleteness[]> {
  return completenessOf(material, await translationsWithLabels(studio, await studio.library.translationsAgainst(material)));
}

function row(entry: ReturnType<typeof unitsWithNotes>[number], record: TranslationRecord | undefined): TranslationRow {
  const state = stateOf(entry.entry.unit, record);
  const context = entry.notes.find((n) => n.category === 'speaker')?.text ?? entry.notes.find((n) => n.category === 'section')?.text ?? null;
  return {
    unitId: entry.entry.unit.id,
    role: entry.entry.role,
    context,
    source: entry.entry.unit.text,
    target: record?.text ?? '',
    state,
    translatedFrom: state === 'stale' && record ? record.sourceText : null,
  };
}

export async function translationGrid(studio: Studio, projectId: string, language: string) {
  const { material } = await requireMaterial(studio, projectId);
  if (sameLanguage(language, material.sourceLanguage)) throw new StudioError('translation.targetIsSource', { language });
  const records = await translationsWithLabels(studio, await studio.library.listTranslations(projectId, language), language);
  const stored = translationsFor(records, language);
  const rows = unitsWithNotes(material).map((e) => row(e, stored.get(e.entry.unit.id)));
  return { language, sourceLanguage: material.sourceLanguage, rows, completeness: languageCompleteness(material, language, records) };
}

/** One unit's translation, typed in the grid. */
export async function editTranslationUnit(studio: Studio, projectId: string, language: string, unitId: string, text: string) {
  const { material } = await requireMaterial(studio, projectId);
  if (sameLanguage(language, material.sourceLanguage)) throw new StudioError('translation.targetIsSource', { language });
  const entry = unitsWithNotes(material).find((e) => e.entry.unit.id === unitId);
  if (!entry) throw new StudioError('api.unknownUnit', { unitId });
  const record: TranslationRecord = {
    unitId, language, text: nfc(text), sourceText: entry.entry.unit.text, stale: false, updatedAt: new Date().toISOString(),
  };
  await studio.library.putTranslations(projectId, [record]);
  const records = await translationsWithLabels(studio, await studio.library.listTranslations(projectId, language), language);
  return { row: row(entry, translationsFor(records, language).get(unitId)), completeness: languageCompleteness(material, language, records) };
}

/**
 * Confirms that a unit's figures differ from the source on purpose (a number
 * written as a word, a local hotline), with the translator's note saying who
 * and why. Only a unit waiting for that ('review') can be confirmed; the note is
 * kept on the record (figuresConfirmed) and the unit counts as translated.
 */
export async function confirmFigures(studio: Studio, projectId: string, language: string, unitId: string, note: string) {
  const { material } = await requireMaterial(studio, projectId);
  if (sameLanguage(language, material.sourceLanguage)) throw new StudioError('translation.targetIsSource', { language });
  const entry = unitsWithNotes(material).find((e) => e.entry.unit.id === unitId);
  if (!entry) throw new StudioError('api.unknownUnit', { unitId });
  const text = nfc(note.trim());
  if (text === '') throw new StudioError('translation.confirmNeedsNote', { unitId });
  const stored = translationsFor(await studio.library.listTranslations(projectId, language), language).get(unitId);
  const state = stateOf(entry.entry.unit, stored);
  if (!stored || state !== 'review') throw new StudioError('translation.nothingToConfirm', { unitId, language, state });
  const { orphaned: _o, ...record } = stored as TranslationRecord & { orphaned?: boolean };
  await studio.library.putTranslations(projectId, [{ ...record, figuresConfirmed: text, updatedAt: new Date().toISOString() }]);
  const records = await translationsWithLabels(studio, await studio.library.listTranslations(projectId, language), language);
  return { row: row(entry, translationsFor(records, language).get(unitId)), completeness: languageCompleteness(material, language, records) };
}

/**
 * The file a translator fills: every unit, with what is already translated.
 * Reads the library only; with `toFile` the file is also written (durably, never half).
 */
export async function exportTranslations(
  studio: Studio, projectId: string, language: string, format: TranslationFileFormat, t: TFunction, toFile?: string,
): Promise<{ fileName: string; content: string; writtenTo: string | null }> {
  const { material } = await requireMaterial(studio, projectId);
  const fileName = `${material.id}.${language}.${format === 'po' ? 'po' : 'xlf'}`;
  // `--out` may name a folder (the file gets its usual name inside) or a file.
  const target = toFile === undefined ? null : await resolveOutputFile(toFile, fileName);
  const existing = await translationsWithLabels(studio, await studio.library.listTranslations(projectId, language), language);
  const note = (previous: string) => t('cli.translations.sourceChangedNote', { previous });
  const content = format === 'po'
    ? exportPo(material, language, existing, { describeSourceChange: note })
    : exportXliff(material, language, existing, { describeSourceChange: note });
  if (target) await writeFileDurably(target, content);
  return { fileName, content, writtenTo: target };
}

export interface TranslationImport {
  applied: number;
  stale: number;
  unchanged: number;
  rejected: { unitId: string; message: string }[];
  /** Problems with the file itself: nothing was stored when there is any. */
  problems: { message: string; line?: number }[];
  /** Translations whose figures differ from the source, each with both values: stored, but not complete until fixed or confirmed. */
  review: { unitId: string; message: string }[];
  completeness: LanguageCompleteness[];
}

/** Where the translated units belong: a project of the library, or a brief file (saved as a project once the file is accepted). */
export type ImportTarget = { projectId: string } | { brief: { material: Material; text: string; origin: string } };

/**
 * Reads a returned XLIFF or PO file (bytes, so the importer can refuse bad
 * UTF-8 itself). Everything is checked first; the library changes only when
 * the file is accepted — a rejected file leaves it byte for byte as it was.
 */
export async function importTranslations(
  studio: Studio,
  target: ImportTarget,
  file: { fileName: string; content: string | Uint8Array; format?: TranslationFileFormat; language?: string | undefined },
  t: TFunction,
): Promise<TranslationImport> {
  const material = 'projectId' in target ? (await requireMaterial(studio, target.projectId)).material : target.brief.material;
  const known = (await studio.library.listProjects()).some((p) => p.id === material.id);
  const existing = await translationsWithLabels(studio, known ? await studio.library.listTranslations(material.id) : []);
  const options = file.language ? { language: file.language } : {};
  const format = file.format ?? translationFileFormat(file.fileName);
  const result = format === 'po'
    ? importPo(material, file.content, existing, new Date(), options)
    : importXliff(material, file.content, existing, new Date(), options);
  const problems = result.problems.map((p) => {
    const message = diagnosticMessage({ severity: 'error', code: p.code, params: p.params }, t);
    return p.line === undefined ? { message } : { message, line: p.line };
  });
  if (problems.length === 0) {
    if ('brief' in target) await saveProjectBrief(studio, material, target.brief.text, target.brief.origin);
    await studio.library.putTranslations(material.id, [...result.applied, ...result.stale]);
    // A label translated once serves every project in the language.
    await studio.library.putLabelMemory(labelRecords(result.applied));
  }
  const records = await translationsWithLabels(studio, problems.length === 0 || known ? await studio.library.listTranslations(material.id) : []);
  return {
    applied: problems.length ? 0 : result.applied.length,
    stale: problems.length ? 0 : result.stale.length,
    unchanged: result.unchanged.length,
    rejected: result.rejected.map((r) => ({ unitId: r.unitId, message: t(`cli.translations.rejected.${r.reason}`, { id: r.unitId }) })),
    problems,
    review: problems.length ? [] : result.review.map((r) => ({
      unitId: r.unitId,
      message: t('cli.translations.figuresDiffer', {
        id: r.unitId,
        pairs: r.mismatches.map((m) => `${m.source ?? '—'} → ${m.target ?? '—'}`).join('; '),
      }),
    })),
    completeness: completenessOf(material, records),
  };
}
