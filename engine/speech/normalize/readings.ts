/**
 * "Đọc là" for the app: every text unit of a Material with the words the
 * voice will say for it, so staff can check a line before a build.
 */
import type { Material } from '../../model/material.js';
import { listTextUnits } from '../../model/units.js';
import { normalizeForSpeech, type NormalizeOptions } from './index.js';

export interface UnitReading {
  unitId: string;
  text: string;
  /** What the voice says; equal to `text` when nothing changes. */
  spoken: string;
}

/** `material` already in `options.language` (localizeMaterial for a translation). */
export function unitReadings(material: Material, options: NormalizeOptions): UnitReading[] {
  return listTextUnits(material).map(({ unit }) => ({ unitId: unit.id, text: unit.text, spoken: normalizeForSpeech(unit.text, options) }));
}
