/**
 * Whether a unit has a usable translation. Completeness, localisation and the
 * exports all ask this one question the same way, so "translated" means the
 * same thing on the progress bar, in the build and in the file sent to a translator.
 */
import type { TextUnit } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { languageInfo } from '../model/languages.js';
import { figureMismatches, VIETNAMESE_NUMBERS, type NumberStyle } from './figures.js';

/** How a language writes numbers; languages written in Vietnam follow Vietnamese usage unless configured. */
export function numberStyleOf(language: string): NumberStyle {
  return languageInfo(language)?.numbers ?? VIETNAMESE_NUMBERS;
}

export type TranslationState = 'current' | 'review' | 'stale' | 'missing';

/** Texts are compared after NFC: the same words typed on two keyboards are the same text. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

export function sameText(a: string, b: string): boolean {
  return nfc(a) === nfc(b);
}

/** Language tags are case-insensitive (BCP 47). */
export function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The records of one language keyed by unit id. Should the library ever hold
 * two records for one unit, the most recently updated one wins.
 */
export function translationsFor(records: readonly TranslationRecord[], language: string): Map<string, TranslationRecord> {
  const out = new Map<string, TranslationRecord>();
  for (const r of records) {
    if (!sameLanguage(r.language, language)) continue;
    const prev = out.get(r.unitId);
    if (!prev || Date.parse(r.updatedAt) >= Date.parse(prev.updatedAt)) out.set(r.unitId, r);
  }
  return out;
}

/**
 * Current means: not marked stale, not blank, and made from the text the unit
 * holds now. The last check catches a record the library forgot to mark stale
 * after a brief was re-imported.
 */
export function stateOf(unit: Pick<TextUnit, 'text'>, record: TranslationRecord | undefined): TranslationState {
  if (!record || record.text.trim() === '') return 'missing';
  if (record.stale || !sameText(record.sourceText, unit.text)) return 'stale';
  // A changed fine or date is never published silently: it waits for the translator's fix or confirmation.
  if (!record.figuresConfirmed && figureMismatches(unit.text, record.text, numberStyleOf(record.language)).length > 0) return 'review';
  return 'current';
}
