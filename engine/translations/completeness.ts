/**
 * How far a language's translation has come. Every text unit counts, so a
 * language at 100% is exactly one that localizeMaterial can build.
 */
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { listTextUnits } from '../model/units.js';
import { stateOf, translationsFor } from './status.js';

export interface Completeness {
  total: number;
  /** Current, non-empty translations. */
  translated: number;
  /** Translations made from an older source text: they need review. */
  stale: number;
  /** Current translations whose figures differ from the source, not yet confirmed: they need review. */
  review: number;
  /** No translation at all. translated + review + stale + missing = total. */
  missing: number;
  /** translated / total, 0..1. */
  ratio: number;
  /** Whole percent, rounded down: 100 only when nothing is stale or missing. */
  percent: number;
}

export function completeness(material: Material, language: string, records: readonly TranslationRecord[]): Completeness {
  const stored = translationsFor(records, language);
  const counts = { current: 0, review: 0, stale: 0, missing: 0 };
  for (const { unit } of listTextUnits(material)) counts[stateOf(unit, stored.get(unit.id))]++;
  const total = counts.current + counts.review + counts.stale + counts.missing;
  return {
    total,
    translated: counts.current,
    stale: counts.stale,
    review: counts.review,
    missing: counts.missing,
    ratio: total === 0 ? 1 : counts.current / total,
    // Integer arithmetic: 0.57 * 100 is 56.99… in floating point.
    percent: total === 0 ? 100 : Math.floor((counts.current * 100) / total),
  };
}
