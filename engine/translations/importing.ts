/**
 * Decides what a translated file means for the library, whatever its format.
 * The XLIFF and PO readers turn their files into ImportedEntry lists; this
 * module matches them to units and sorts them into applied, stale and rejected.
 *
 * The rules protect work: an unknown unit is never applied, a translation made
 * from other source text is kept but marked stale (never passed off as
 * current), and a stale translation never replaces a current one.
 */
import type { Material, TextUnit } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { listTextUnits } from '../model/units.js';
import { figureMismatches, type FigureMismatch } from './figures.js';
import { isLabelUnitId, labelUnits, placeholdersKept } from './labels.js';
import { nfc, numberStyleOf, sameLanguage, sameText, stateOf, translationsFor } from './status.js';

/** One unit as read from a translated file. */
export interface ImportedEntry {
  unitId: string;
  /** The unit's slot as exported (XLIFF `name`, PO reference); used when the id is gone. */
  slot: string | null;
  /** The source text the translator saw. */
  source: string;
  /** null: no translation given (no <target>, or an empty msgstr). */
  target: string | null;
  /** The file marks the translation as not confirmed (PO `fuzzy`, XLIFF state="initial"). */
  unconfirmed: boolean;
  /** Source the translation was made from, when the file says (PO `#| msgid`). */
  previousSource?: string;
  /** Set by the reader when the entry cannot be used at all (e.g. inline markup). */
  unusable?: RejectReason;
}

export type RejectReason =
  /** No unit with this id, and its slot holds no unit either. */
  | 'unknownId'
  /** A target element or msgstr that holds only whitespace. */
  | 'emptyTarget'
  /** Only some segments of a unit were translated. */
  | 'partialTarget'
  /** Inline codes (<ph>, <sc> …) the studio never exports; the text cannot be placed. */
  | 'inlineMarkup'
  /** A second entry for a unit already given in this file. */
  | 'duplicate'
  /** The entry is stale but the unit already has a current translation, which is kept. */
  | 'currentExists'
  /** A label's translation lost or added a placeholder such as {n}. */
  | 'labelPlaceholders';

export interface Rejection {
  unitId: string;
  reason: RejectReason;
}

/** A problem with the file as a whole; when there is one, nothing in the file is used. */
export interface ImportProblem {
  /** i18n key under `diag.` */
  code: string;
  params: Record<string, string | number>;
  /** 1-based line in the file, when known. */
  line?: number;
}

export interface ImportResult {
  /** New or changed current translations, to store. */
  applied: TranslationRecord[];
  /** Translations kept but marked stale, to store. */
  stale: TranslationRecord[];
  /** Units whose stored translation already says the same: nothing to store. */
  unchanged: string[];
  rejected: Rejection[];
  problems: ImportProblem[];
  /** Applied translations whose figures differ from the source: kept, but the language is not complete until fixed or confirmed. */
  review: FigureReview[];
}

export interface FigureReview {
  unitId: string;
  mismatches: FigureMismatch[];
}

export interface ImportOptions {
  /** The language the user chose to import; the file must be in it. Default: any of material.targetLanguages. */
  language?: string;
}

export function emptyResult(problems: ImportProblem[] = []): ImportResult {
  return { applied: [], stale: [], unchanged: [], rejected: [], problems, review: [] };
}

/**
 * The language a file's records are stored under: the one asked for, or the
 * material's own spelling of it; a problem when the file is in another language.
 */
export function resolveTargetLanguage(
  material: Material,
  found: string,
  options: ImportOptions,
  line?: number,
): { language: string } | { problem: ImportProblem } {
  const wanted = options.language !== undefined ? [options.language] : material.targetLanguages;
  const language = found === '' ? undefined : wanted.find((l) => sameLanguage(l, found));
  if (language !== undefined) return { language };
  return { problem: withLine({ code: 'translation.wrongTargetLanguage', params: { expected: wanted.join(', '), found } }, line) };
}

export function checkSourceLanguage(material: Material, found: string, line?: number): ImportProblem | null {
  if (sameLanguage(material.sourceLanguage, found)) return null;
  return withLine({ code: 'translation.wrongSourceLanguage', params: { expected: material.sourceLanguage, found } }, line);
}

export function checkMaterialId(material: Material, found: string, line?: number): ImportProblem | null {
  if (found === material.id) return null;
  return withLine({ code: 'translation.wrongMaterial', params: { expected: material.id, found } }, line);
}

function withLine(problem: ImportProblem, line: number | undefined): ImportProblem {
  return line === undefined ? problem : { ...problem, line };
}

interface Matched {
  entry: ImportedEntry;
  unit: Pick<TextUnit, 'id' | 'slot' | 'text'>;
  bySlot: boolean;
}

export function resolveImport(
  material: Material,
  language: string,
  entries: readonly ImportedEntry[],
  existing: readonly TranslationRecord[],
  now: Date,
): ImportResult {
  const result = emptyResult();
  // Labels travel in the same file (their own group) and are matched the same way.
  const units = [...listTextUnits(material).map((e) => e.unit), ...labelUnits()];
  const byId = new Map(units.map((u) => [u.id, u]));
  const bySlot = new Map(units.map((u) => [u.slot, u]));
  const stored = translationsFor(existing, language);

  // Entries naming a unit by its id are matched first, so that a slot match
  // (a guess) never takes a unit that the file also names directly.
  const direct: Matched[] = [];
  const viaSlot: Matched[] = [];
  for (const entry of entries) {
    if (entry.target === null) continue;
    if (entry.unusable) {
      result.rejected.push({ unitId: entry.unitId, reason: entry.unusable });
      continue;
    }
    if (entry.target.trim() === '') {
      result.rejected.push({ unitId: entry.unitId, reason: 'emptyTarget' });
      continue;
    }
    const unit = byId.get(entry.unitId);
    if (unit) {
      direct.push({ entry, unit, bySlot: false });
      continue;
    }
    const slotUnit = entry.slot === null ? undefined : bySlot.get(entry.slot);
    if (slotUnit) viaSlot.push({ entry, unit: slotUnit, bySlot: true });
    else result.rejected.push({ unitId: entry.unitId, reason: 'unknownId' });
  }

  const claimed = new Set<string>();
  for (const m of [...direct, ...viaSlot]) {
    if (claimed.has(m.unit.id)) {
      result.rejected.push({ unitId: m.entry.unitId, reason: 'duplicate' });
      continue;
    }
    claimed.add(m.unit.id);
    place(m, language, stored, now, result);
  }
  return result;
}

function place(m: Matched, language: string, stored: Map<string, TranslationRecord>, now: Date, result: ImportResult): void {
  const { entry, unit } = m;
  const text = nfc(entry.target ?? '');
  const source = nfc(entry.source);
  const sourceChanged = !sameText(source, unit.text);
  const previous = stored.get(unit.id);
  const previousState = stateOf(unit, previous);
  if (isLabelUnitId(unit.id) && !placeholdersKept(unit.text, text)) {
    result.rejected.push({ unitId: entry.unitId, reason: 'labelPlaceholders' });
    return;
  }

  // A slot match whose source is word for word the unit's text is the same
  // text under a new id (e.g. its container was renamed): still current.
  const stale = sourceChanged || entry.unconfirmed;
  if (!stale) {
    const mismatches = figureMismatches(unit.text, text, numberStyleOf(language));
    // Re-importing a file still says what needs review, so the report and `status` agree.
    if (previousState === 'review' && mismatches.length > 0) result.review.push({ unitId: unit.id, mismatches });
    if ((previousState === 'current' || previousState === 'review') && previous && sameText(previous.text, text)) {
      result.unchanged.push(unit.id);
      return;
    }
    result.applied.push(record(unit.id, language, text, nfc(unit.text), false, now));
    if (previousState !== 'review' && mismatches.length > 0) result.review.push({ unitId: unit.id, mismatches });
    return;
  }

  if (previousState === 'current' || previousState === 'review') {
    result.rejected.push({ unitId: entry.unitId, reason: 'currentExists' });
    return;
  }
  // What the translation was made from: the file's source when it differs
  // from the unit; otherwise (an unconfirmed entry) the best earlier record.
  const madeFrom = sourceChanged
    ? source
    : entry.previousSource !== undefined
      ? nfc(entry.previousSource)
      : previous && sameText(previous.text, text)
        ? previous.sourceText
        : source;
  if (previousState === 'stale' && previous && sameText(previous.text, text) && sameText(previous.sourceText, madeFrom)) {
    result.unchanged.push(unit.id);
    return;
  }
  result.stale.push(record(unit.id, language, text, madeFrom, true, now));
}

function record(unitId: string, language: string, text: string, sourceText: string, stale: boolean, now: Date): TranslationRecord {
  return { unitId, language, text, sourceText, stale, updatedAt: now.toISOString() };
}
