/**
 * Labels (engine/model/labels.ts) as translatable units. Each label is a
 * pseudo text unit `label:<id>` whose text is the Vietnamese source, so the
 * exports, the import's matching and stale rules, and stateOf judge it exactly
 * as they judge a unit of the Material. Their translations live in a
 * project's records (an override) and in the library's label memory (one per
 * language, shared by every project); withLabelMemory merges the two.
 */
import {
  LABELS, labelDefinition, labelPlaceholders, shippedLabels, SOURCE_LABELS, type LabelId, type LabelTexts,
} from '../model/labels.js';
import type { Material, TextUnit } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { nfc, sameLanguage, sameText, stateOf, translationsFor } from './status.js';

export const LABEL_UNIT_PREFIX = 'label:';

export const labelUnitId = (id: string): string => `${LABEL_UNIT_PREFIX}${id}`;

/** The label id of a `label:<id>` unit id, or null for any other id. */
export function labelIdOf(unitId: string): LabelId | null {
  if (!unitId.startsWith(LABEL_UNIT_PREFIX)) return null;
  const id = unitId.slice(LABEL_UNIT_PREFIX.length);
  return labelDefinition(id) ? (id as LabelId) : null;
}

export const isLabelUnitId = (unitId: string): boolean => unitId.startsWith(LABEL_UNIT_PREFIX);

/** Every label as a text unit (slot = id: labels never move). */
export function labelUnits(): Array<Pick<TextUnit, 'id' | 'slot' | 'text'> & { note: string }> {
  return LABELS.map((l) => ({ id: labelUnitId(l.id), slot: labelUnitId(l.id), text: l.source, note: l.note }));
}

/** A translation that keeps the source's placeholders ("{n}") exactly; otherwise the label cannot be filled in. */
export function placeholdersKept(source: string, translation: string): boolean {
  return labelPlaceholders(source).join('\u0000') === labelPlaceholders(translation).join('\u0000');
}

/**
 * A project's records with the label memory added: for each language and
 * label, the project's own translation when it is current, else the memory's
 * when that is current, else whichever exists (so a stale one still shows).
 */
export function withLabelMemory<R extends TranslationRecord>(records: readonly R[], memory: readonly TranslationRecord[]): Array<R | TranslationRecord> {
  if (memory.length === 0) return [...records];
  const units = new Map(labelUnits().map((u) => [u.id, u]));
  const languages = [...new Set(memory.map((m) => m.language.toLowerCase()))];
  const out: Array<R | TranslationRecord> = records.filter((r) => !isLabelUnitId(r.unitId) || !languages.includes(r.language.toLowerCase()));
  for (const language of languages) {
    const own = translationsFor(records.filter((r) => isLabelUnitId(r.unitId)), language);
    const shared = translationsFor(memory, language);
    const ids = new Set([...own.keys(), ...shared.keys()]);
    for (const id of ids) {
      const unit = units.get(id);
      const mine = own.get(id);
      const theirs = shared.get(id);
      if (!unit) {
        if (mine) out.push(mine);
        continue;
      }
      const chosen = mine && stateOf(unit, mine) === 'current' ? mine
        : theirs && stateOf(unit, theirs) === 'current' ? theirs
          : mine ?? theirs;
      if (chosen) out.push(chosen);
    }
  }
  return out;
}

export interface LabelStatus {
  total: number;
  /** Labels with a usable text in the language. */
  translated: number;
  /** Labels with no translation, or only one made from an older source text, in catalogue order. */
  missing: LabelId[];
}

/**
 * The label texts of an edition in `language`: the catalogue for the source
 * language, else current translations (the shipped English fills in for
 * English). `texts` is null while any label is missing.
 */
export function labelTextsFor(material: Material, language: string, records: readonly TranslationRecord[]): { texts: LabelTexts | null; status: LabelStatus } {
  if (sameLanguage(language, material.sourceLanguage)) {
    return { texts: SOURCE_LABELS, status: { total: LABELS.length, translated: LABELS.length, missing: [] } };
  }
  const shipped = shippedLabels(language);
  const stored = translationsFor(records, language);
  const texts: Record<string, string> = {};
  const missing: LabelId[] = [];
  for (const unit of labelUnits()) {
    const id = unit.id.slice(LABEL_UNIT_PREFIX.length) as LabelId;
    const record = stored.get(unit.id);
    if (record && stateOf(unit, record) === 'current' && placeholdersKept(unit.text, record.text)) texts[id] = nfc(record.text);
    else if (shipped) texts[id] = shipped[id];
    else missing.push(id);
  }
  const status = { total: LABELS.length, translated: LABELS.length - missing.length, missing };
  return { texts: missing.length === 0 ? (texts as LabelTexts) : null, status };
}

/** Label records among `records` (e.g. an import's applied ones), for the label memory. */
export function labelRecords<R extends TranslationRecord>(records: readonly R[]): R[] {
  return records.filter((r) => labelIdOf(r.unitId) !== null && !r.stale && sameText(r.sourceText, labelDefinition(labelIdOf(r.unitId)!)!.source));
}
