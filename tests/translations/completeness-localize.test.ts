import { describe, expect, it } from 'vitest';
import { completeness } from '../../engine/translations/completeness.js';
import { localizeMaterial } from '../../engine/translations/localize.js';
import { listTextUnits } from '../../engine/model/units.js';
import { Material } from '../../engine/model/material.js';
import type { TranslationRecord } from '../../engine/model/records.js';
import { StudioError } from '../../engine/errors.js';
import { sample } from './helpers.js';

const T0 = '2025-03-01T08:00:00.000Z';

function allTranslated(material: Material, language = 'blt'): TranslationRecord[] {
  return listTextUnits(material).map(({ unit }) => ({
    unitId: unit.id, language, text: `${language}:${unit.text}`, sourceText: unit.text, stale: false, updatedAt: T0,
  }));
}

describe('completeness', () => {
  it('counts current, stale and missing units of every text unit', () => {
    const material = sample();
    const records = allTranslated(material);
    const total = records.length;
    records[0] = { ...records[0]!, stale: true };
    // Not flagged, but made from other source text: stale all the same.
    records[1] = { ...records[1]!, sourceText: 'an older text' };
    records[2] = { ...records[2]!, text: '  ' };
    records.splice(3, 1);
    const c = completeness(material, 'blt', records);
    expect(c).toEqual({
      total, translated: total - 4, stale: 2, review: 0, missing: 2,
      ratio: (total - 4) / total, percent: Math.floor(((total - 4) * 100) / total),
    });
  });

  it('never shows 100% while one unit is missing, and ignores other languages', () => {
    const material = sample();
    const records = allTranslated(material).slice(1);
    const c = completeness(material, 'blt', [...records, ...allTranslated(material, 'hnj')]);
    expect(c.missing).toBe(1);
    expect(c.percent).toBe(Math.floor(((c.total - 1) * 100) / c.total));
    expect(c.percent).toBeLessThan(100);
    expect(completeness(material, 'kjg', records)).toMatchObject({ translated: 0, percent: 0, ratio: 0 });
    expect(completeness(material, 'blt', allTranslated(material))).toMatchObject({ percent: 100, ratio: 1 });
  });

  it('uses the most recent record when a unit has two', () => {
    const material = sample();
    const records = allTranslated(material);
    const older = { ...records[0]!, stale: true, updatedAt: '2024-01-01T00:00:00.000Z' };
    expect(completeness(material, 'blt', [older, ...records]).percent).toBe(100);
    expect(completeness(material, 'blt', [...records, { ...older, updatedAt: '2026-01-01T00:00:00.000Z' }]).stale).toBe(1);
  });
});

describe('localizeMaterial', () => {
  it('replaces every text unit and nothing else', () => {
    const material = sample();
    const localized = localizeMaterial(material, 'blt', allTranslated(material));
    Material.parse(localized);

    const before = listTextUnits(material);
    const after = listTextUnits(localized);
    expect(after.map((e) => e.unit.text)).toEqual(before.map((e) => `blt:${e.unit.text}`));
    expect(after.map((e) => [e.unit.id, e.unit.slot, e.unit.loc])).toEqual(before.map((e) => [e.unit.id, e.unit.slot, e.unit.loc]));

    // Put the source texts back: what remains must be identical to the original.
    const restored = structuredClone(localized);
    listTextUnits(restored).forEach((e, i) => { e.unit.text = before[i]!.unit.text; });
    expect(restored).toEqual(material);
    // Names, legal references and articles are not text units and stay as written.
    const situation = localized.sections.find((s) => s.kind === 'situation');
    expect(situation?.kind === 'situation' && situation.characters.map((c) => c.name)).toEqual(['Páo', 'Mỷ', 'Bố Páo', 'Chị Hoa', 'Người dẫn chuyện']);
    expect(localized.legalBasis.map((d) => d.ref)).toEqual(['52/2014/QH13', '60/2014/QH13', '100/2015/QH13']);
    // The input is untouched.
    expect(listTextUnits(material).map((e) => e.unit.text)).toEqual(before.map((e) => e.unit.text));
  });

  it('refuses a language with a missing or stale unit', () => {
    const material = sample();
    const records = allTranslated(material);
    records[5] = { ...records[5]!, stale: true };
    records.splice(7, 1);
    let caught: unknown;
    try {
      localizeMaterial(material, 'blt', records);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StudioError);
    expect(caught).toMatchObject({ code: 'translation.incomplete', params: { language: 'blt', missing: 2 } });
  });

  it('gives a copy of the source for the source language', () => {
    const material = sample();
    const copy = localizeMaterial(material, 'vi', []);
    expect(copy).toEqual(material);
    expect(copy).not.toBe(material);
  });

  it('stores translations NFC-normalised', () => {
    const material = sample();
    // One text for every unit drops their figures: confirmed, so the language still counts as complete.
    const records = allTranslated(material).map((r) => ({ ...r, text: 'Kết hôn'.normalize('NFD'), figuresConfirmed: 'test' }));
    const localized = localizeMaterial(material, 'blt', records);
    expect(localized.title.text).toBe('Kết hôn'.normalize('NFC'));
  });
});
