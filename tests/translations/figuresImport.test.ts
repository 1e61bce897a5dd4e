/**
 * A translation that changes a figure is kept but needs review: the import
 * names the unit and both values, the language is not complete, it is not
 * built, and the exported file tells the translator why.
 */
import { describe, expect, it } from 'vitest';
import { completeness } from '../../engine/translations/completeness.js';
import { localizeMaterial } from '../../engine/translations/localize.js';
import { exportXliff, importXliff } from '../../engine/translations/xliff.js';
import { fakeTranslation, fillXliffTargets, sample, unitByText } from './helpers.js';

describe('figures in an imported translation', () => {
  const material = sample();
  const ages = unitByText(material, 'Nam từ đủ 20 tuổi');

  it('keeps a changed figure as needing review, naming both values, and the language incomplete', () => {
    const filled = fillXliffTargets(exportXliff(material, 'blt', []), (source, id) =>
      id === ages.unit.id ? fakeTranslation(source).replace('20', '21') : fakeTranslation(source),
    );
    const result = importXliff(material, filled, [], new Date('2026-11-30T10:00:00Z'));
    expect(result.problems).toEqual([]);
    expect(result.review).toEqual([{ unitId: ages.unit.id, mismatches: [{ kind: 'number', source: '20', target: '21' }] }]);
    const records = [...result.applied, ...result.stale];
    const status = completeness(material, 'blt', records);
    expect(status).toMatchObject({ review: 1, missing: 0, stale: 0 });
    expect(status.percent).toBeLessThan(100);
    expect(() => localizeMaterial(material, 'blt', records)).toThrow(/incomplete/);
    // The file sent back to the translator says what differs.
    expect(exportXliff(material, 'blt', records)).toMatch(/<note category="figures">[^<]*20 → 21/);

    // Confirmed with a note, the same translation counts.
    const confirmed = records.map((r) => (r.unitId === ages.unit.id ? { ...r, figuresConfirmed: 'Bản địa phương ghi tuổi theo cách tính riêng.' } : r));
    expect(completeness(material, 'blt', confirmed).percent).toBe(100);
  });

  it('accepts a translation whose figures are all there', () => {
    const filled = fillXliffTargets(exportXliff(material, 'blt', []), (source) => fakeTranslation(source));
    const result = importXliff(material, filled, [], new Date('2026-11-30T10:00:00Z'));
    expect(result.review).toEqual([]);
    expect(completeness(material, 'blt', result.applied).percent).toBe(100);
  });
});
