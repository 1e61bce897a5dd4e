/**
 * Keeps translations attached when a brief is re-imported.
 *
 * A unit's id is a hash of its text, so editing a paragraph gives it a new
 * id. Its slot (container plus ordinal) usually stays the same, so a
 * translation whose unit disappeared is moved to the unit that now holds its
 * old slot, marked stale: the translator sees the old translation next to
 * the new source text instead of starting again. Nothing is ever deleted: a
 * translation with no successor is kept as an orphan (its unit id is not in
 * the material, so it never counts as complete) and comes back by itself if
 * a later import restores that unit.
 */
import type { Material } from '../model/material.js';
import { listTextUnits } from '../model/units.js';
import type { StoredTranslation } from './schema.js';

const key = (unitId: string, language: string) => `${language}\u0000${unitId}`;

/**
 * @param records this project's translations
 * @param previous the material they were made against (null on first import)
 * @param next the newly imported material
 */
export function reattachTranslations(
  records: readonly StoredTranslation[],
  previous: Material | null,
  next: Material,
): StoredTranslation[] {
  const units = listTextUnits(next).map((e) => e.unit);
  const byId = new Map(units.map((u) => [u.id, u]));
  const bySlot = new Map(units.map((u) => [u.slot, u]));
  const previousIds = new Set(previous ? listTextUnits(previous).map((e) => e.unit.id) : []);
  const taken = new Set(records.filter((r) => byId.has(r.unitId)).map((r) => key(r.unitId, r.language)));

  return records.map((record) => {
    const unit = byId.get(record.unitId);
    if (unit) return unit.slot === record.slot ? record : { ...record, slot: unit.slot };
    const successor = record.slot === null ? undefined : bySlot.get(record.slot);
    // A unit that already existed before this import merely moved into the
    // slot (something above it was removed): it is not an edit of this one.
    if (!successor || previousIds.has(successor.id)) return record;
    const successorKey = key(successor.id, record.language);
    if (taken.has(successorKey)) return record;
    taken.add(successorKey);
    return {
      ...record,
      unitId: successor.id,
      stale: record.stale || successor.text !== record.sourceText,
    };
  });
}

/** Unit ids of a material, to tell attached translations from orphans. */
export function unitIdsOf(material: Material | null): Set<string> {
  return new Set(material ? listTextUnits(material).map((e) => e.unit.id) : []);
}
