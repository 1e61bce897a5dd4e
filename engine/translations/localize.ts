/**
 * The Material in another language, for the formats to build. Only text
 * units change; character names, legal references and articles are not text
 * units and stay as written, and so do ids, slots and locations, so voice
 * clips and subtitles still attach to the same units.
 */
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { listTextUnits } from '../model/units.js';
import { StudioError } from '../errors.js';
import { nfc, sameLanguage, stateOf, translationsFor } from './status.js';

/**
 * Throws StudioError('translation.incomplete', {language, missing}) unless
 * every unit has a current translation: a half-translated booklet is never built.
 * The source language gives back a copy of the material itself.
 */
export function localizeMaterial(material: Material, language: string, records: readonly TranslationRecord[]): Material {
  const copy = structuredClone(material);
  if (sameLanguage(language, material.sourceLanguage)) return copy;
  const stored = translationsFor(records, language);
  // listTextUnits walks the copy, so its units are the copy's own objects.
  const entries = listTextUnits(copy);
  let missing = 0;
  for (const { unit } of entries) {
    const record = stored.get(unit.id);
    if (stateOf(unit, record) !== 'current' || !record) {
      missing++;
      continue;
    }
    unit.text = nfc(record.text);
  }
  if (missing > 0) throw new StudioError('translation.incomplete', { language, missing });
  return copy;
}
