import { describe, expect, it } from 'vitest';
import { exportXliff, importXliff, XLIFF_NAMESPACE } from '../../engine/translations/xliff.js';
import { completeness } from '../../engine/translations/completeness.js';
import { localizeMaterial } from '../../engine/translations/localize.js';
import { listTextUnits } from '../../engine/model/units.js';
import { labelUnits } from '../../engine/translations/labels.js';
import { Material } from '../../engine/model/material.js';
import { TranslationRecord } from '../../engine/model/records.js';
import { StudioError } from '../../engine/errors.js';
import {
  editedSample, fakeTranslation, fillXliffTargets, inspectWithPython, readCat, sample, unitByText,
} from './helpers.js';

const NOW = new Date('2025-03-01T08:00:00.000Z');
const LATER = new Date('2025-03-02T08:00:00.000Z');

function filledFor(material: Material, translate = fakeTranslation): string {
  return fillXliffTargets(exportXliff(material, 'blt', []), (source) => translate(source));
}

describe('exportXliff', () => {
  it('writes XLIFF 2.0 with languages, one file and one unit per text unit in reading order', () => {
    const material = sample();
    const xml = exportXliff(material, 'blt', []);
    const units = listTextUnits(material);

    const root = inspectWithPython(xml);
    expect(root.tag).toBe(`{${XLIFF_NAMESPACE}}xliff`);
    expect(root.attrib).toMatchObject({ version: '2.0', srcLang: 'vi', trgLang: 'blt' });
    // The labels the formats add follow, in their own group (tests/translations/labels.test.ts).
    expect(root.units).toEqual([...units.map((e) => e.unit.id), ...labelUnits().map((u) => u.id)]);

    const doc = readCat(xml);
    expect(doc.xliff.file).toHaveLength(1);
    expect(doc.xliff.file[0]?.['@_id' as never]).toBe(material.id);
    const catUnits = doc.xliff.file[0]!.unit;
    expect(catUnits.map((u) => u['@_name'])).toEqual(units.map((e) => e.unit.slot));
    expect(catUnits.map((u) => u.segment[0]?.source)).toEqual(units.map((e) => e.unit.text));
    // Nothing translated yet: no targets at all.
    expect(catUnits.every((u) => u.segment[0]?.target === undefined)).toBe(true);
  });

  it('gives translators the role, the speaker and the section heading as notes', () => {
    const material = sample();
    const line = unitByText(material, 'Mỷ mười sáu tuổi rồi');
    const unit = readCat(exportXliff(material, 'blt', [])).xliff.file[0]!.unit.find((u) => u['@_id'] === line.unit.id)!;
    const notes = (unit.notes?.note ?? []) as { '#text': string; '@_category': string }[];
    expect(notes.map((n) => [n['@_category'], n['#text']])).toEqual([
      ['role', 'dialogue'],
      ['speaker', 'Bố Páo'],
      ['section', 'Tình huống: Đám cưới của Páo'],
    ]);
  });

  it('refuses to export into the source language', () => {
    expect(() => exportXliff(sample(), 'vi', [])).toThrow(StudioError);
  });
});

describe('importXliff round trip', () => {
  it('applies every filled target; the language is then complete and buildable', () => {
    const material = sample();
    const result = importXliff(material, filledFor(material), [], NOW);
    const units = listTextUnits(material);

    expect(result.problems).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(result.applied).toHaveLength(units.length);
    for (const r of result.applied) TranslationRecord.parse(r);
    const first = result.applied.find((r) => r.unitId === material.title.id)!;
    expect(first).toEqual({
      unitId: material.title.id, language: 'blt', text: fakeTranslation(material.title.text),
      sourceText: material.title.text, stale: false, updatedAt: NOW.toISOString(),
    });

    const c = completeness(material, 'blt', result.applied);
    expect(c).toMatchObject({ total: units.length, translated: units.length, stale: 0, missing: 0, percent: 100, ratio: 1 });

    const localized = Material.parse(localizeMaterial(material, 'blt', result.applied));
    expect(listTextUnits(localized).map((e) => e.unit.text)).toEqual(units.map((e) => fakeTranslation(e.unit.text)));
  });

  it('re-exports current translations as translated targets, and importing that file changes nothing', () => {
    const material = sample();
    const stored = importXliff(material, filledFor(material), [], NOW).applied;
    const again = exportXliff(material, 'blt', stored);
    const catUnits = readCat(again).xliff.file[0]!.unit;
    expect(catUnits.every((u) => u.segment[0]?.['@_state'] === 'translated' && u.segment[0]?.target === fakeTranslation(u.segment[0].source))).toBe(true);

    const result = importXliff(material, again, stored, LATER);
    expect(result.applied).toEqual([]);
    expect(result.unchanged).toHaveLength(stored.length);
  });

  it('a target changed by the translator replaces the stored one', () => {
    const material = sample();
    const stored = importXliff(material, filledFor(material), [], NOW).applied;
    const revised = fillXliffTargets(exportXliff(material, 'blt', stored), (source, id) =>
      id === material.issuer.id ? 'Sở Tư pháp (revised)' : undefined);
    const result = importXliff(material, revised, stored, LATER);
    expect(result.applied).toEqual([expect.objectContaining({ unitId: material.issuer.id, text: 'Sở Tư pháp (revised)', updatedAt: LATER.toISOString() })]);
  });
});

describe('importXliff with a source that changed since export', () => {
  it('marks a unit stale when the brief was edited and its id changed (matched by slot)', () => {
    const original = sample();
    const xml = filledFor(original);
    const oldLine = unitByText(original, 'Đúng rồi, chị vào uống nước đã.');
    const edited = editedSample('Đúng rồi, chị vào uống nước đã.', 'Đúng rồi, mời chị vào nhà uống nước.');
    const newLine = unitByText(edited, 'Đúng rồi, mời chị');
    expect(newLine.unit.id).not.toBe(oldLine.unit.id);
    expect(newLine.unit.slot).toBe(oldLine.unit.slot);

    const result = importXliff(edited, xml, [], NOW);
    expect(result.problems).toEqual([]);
    expect(result.stale).toEqual([{
      unitId: newLine.unit.id, language: 'blt', text: fakeTranslation(oldLine.unit.text),
      sourceText: oldLine.unit.text, stale: true, updatedAt: NOW.toISOString(),
    }]);
    expect(result.applied.map((r) => r.unitId)).not.toContain(newLine.unit.id);
    expect(result.applied).toHaveLength(listTextUnits(edited).length - 1);
    expect(result.rejected).toEqual([]);

    const stored = [...result.applied, ...result.stale];
    const c = completeness(edited, 'blt', stored);
    expect(c).toMatchObject({ stale: 1, missing: 0, translated: c.total - 1 });
    expect(c.percent).toBeLessThan(100);
    expect(() => localizeMaterial(edited, 'blt', stored)).toThrow(expect.objectContaining({ code: 'translation.incomplete', params: { language: 'blt', missing: 1 } }));
  });

  it('marks a unit stale when its id stayed but its text changed (scene titles keep their id)', () => {
    const original = sample();
    const xml = filledFor(original);
    const edited = editedSample('Cảnh 3 — Hiểu ra', 'Cảnh 3 — Cả nhà hiểu ra');
    const title = unitByText(edited, 'Cả nhà hiểu ra');
    expect(unitByText(original, 'Hiểu ra').unit.id).toBe(title.unit.id);

    const result = importXliff(edited, xml, [], NOW);
    expect(result.stale).toEqual([expect.objectContaining({ unitId: title.unit.id, sourceText: 'Hiểu ra', stale: true })]);
    expect(result.applied.find((r) => r.unitId === title.unit.id)).toBeUndefined();
  });

  it('exports a stale translation as an unconfirmed target with a note, and keeps it stale if untouched', () => {
    const original = sample();
    const edited = editedSample('Cảnh 3 — Hiểu ra', 'Cảnh 3 — Cả nhà hiểu ra');
    const first = importXliff(edited, filledFor(original), [], NOW);
    const stored = [...first.applied, ...first.stale];
    const title = unitByText(edited, 'Cả nhà hiểu ra');

    const xml = exportXliff(edited, 'blt', stored, { describeSourceChange: (prev) => `Nguồn đã đổi; bản dịch làm từ: ${prev}` });
    const unit = readCat(xml).xliff.file[0]!.unit.find((u) => u['@_id'] === title.unit.id)!;
    expect(unit.segment[0]).toMatchObject({ '@_state': 'initial', source: 'Cả nhà hiểu ra', target: fakeTranslation('Hiểu ra') });
    expect(unit.notes?.note).toContainEqual({ '#text': 'Nguồn đã đổi; bản dịch làm từ: Hiểu ra', '@_category': 'sourceChanged' });

    const untouched = importXliff(edited, xml, stored, LATER);
    expect(untouched.applied).toEqual([]);
    expect(untouched.stale).toEqual([]);
    expect(untouched.unchanged).toContain(title.unit.id);

    // The translator reviews it and confirms a new text: now it is current.
    const reviewed = fillXliffTargets(xml, (_, id) => (id === title.unit.id ? 'Cả nhà hiểu ra (blt)' : undefined));
    const confirmed = importXliff(edited, reviewed, stored, LATER);
    expect(confirmed.applied).toEqual([expect.objectContaining({ unitId: title.unit.id, text: 'Cả nhà hiểu ra (blt)', sourceText: 'Cả nhà hiểu ra', stale: false })]);
  });

  it('never lets a stale translation replace a current one', () => {
    const original = sample();
    const edited = editedSample('Cảnh 3 — Hiểu ra', 'Cảnh 3 — Cả nhà hiểu ra');
    const title = unitByText(edited, 'Cả nhà hiểu ra');
    const current: TranslationRecord = {
      unitId: title.unit.id, language: 'blt', text: 'new blt', sourceText: title.unit.text, stale: false, updatedAt: NOW.toISOString(),
    };
    const result = importXliff(edited, filledFor(original), [current], LATER);
    expect(result.rejected).toEqual([{ unitId: title.unit.id, reason: 'currentExists' }]);
    expect([...result.applied, ...result.stale].some((r) => r.unitId === title.unit.id)).toBe(false);
  });
});

describe('importXliff rejects what it cannot place', () => {
  function withExtraUnit(xml: string, id: string, name: string): string {
    const unit = `<unit id="${id}" name="${name}"><segment><source>Không có</source><target>Không có (blt)</target></segment></unit>`;
    return xml.replace('</file>', `${unit}</file>`);
  }

  it('rejects an unknown id whose slot holds nothing, and applies the rest', () => {
    const material = sample();
    const result = importXliff(material, withExtraUnit(filledFor(material), 'gone.p-12345678', 's99/p1'), [], NOW);
    expect(result.rejected).toEqual([{ unitId: 'gone.p-12345678', reason: 'unknownId' }]);
    expect(result.applied.some((r) => r.unitId === 'gone.p-12345678')).toBe(false);
    expect(result.applied).toHaveLength(listTextUnits(material).length);
  });

  it('rejects a second entry for the same unit', () => {
    const material = sample();
    const result = importXliff(material, withExtraUnit(filledFor(material), 'gone.x', material.issuer.slot), [], NOW);
    expect(result.rejected).toEqual([{ unitId: 'gone.x', reason: 'duplicate' }]);
  });

  it('skips blank targets with emptyTarget and ignores units without a target', () => {
    const material = sample();
    const xml = fillXliffTargets(exportXliff(material, 'blt', []), (source, id) =>
      id === material.title.id ? '   ' : id === material.issuer.id ? 'Issuer (blt)' : undefined);
    const result = importXliff(material, xml, [], NOW);
    expect(result.rejected).toEqual([{ unitId: material.title.id, reason: 'emptyTarget' }]);
    expect(result.applied.map((r) => r.unitId)).toEqual([material.issuer.id]);
  });

  it('keeps the text of <mrk> annotations, joins segments, and refuses placeholders it never exported', () => {
    const material = sample();
    const { title, issuer, subtitle } = material;
    const xml = exportXliff(material, 'blt', [])
      .replace(`<source>${title.text}</source>`, `<source>${title.text}</source><target>A <mrk id="m1" type="comment" value="ok">B</mrk> C</target>`)
      .replace(`<segment>\n        <source>${issuer.text}</source>\n      </segment>`,
        `<segment><source>Sở Tư pháp</source><target>X</target></segment><ignorable><source> </source></ignorable><segment><source>tỉnh Sơn La</source><target>Y</target></segment>`)
      .replace(`<source>${subtitle!.text}</source>`, `<source>${subtitle!.text}</source><target>P <ph id="1"/> Q</target>`);
    const result = importXliff(material, xml, [], NOW);
    expect(result.applied.map((r) => [r.unitId, r.text])).toEqual([[title.id, 'A B C'], [issuer.id, 'X Y']]);
    expect(result.rejected).toEqual([{ unitId: subtitle!.id, reason: 'inlineMarkup' }]);
  });
});

describe('importXliff refuses files that do not belong', () => {
  it('reports XML that is not well-formed with its line number', () => {
    const material = sample();
    const lines = filledFor(material).split('\n');
    const broken = lines.findIndex((l) => l.includes('<target>'));
    lines[broken] = lines[broken]!.replace('</target>', '</targte>');
    const result = importXliff(material, lines.join('\n'), [], NOW);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'translation.malformed', line: broken + 1 })]);
    expect(result.applied).toEqual([]);
  });

  it('refuses a file in another target language than the one asked for', () => {
    const material = sample();
    const xml = filledFor(material);
    const result = importXliff(material, xml, [], NOW, { language: 'hnj' });
    expect(result.problems).toEqual([{ code: 'translation.wrongTargetLanguage', params: { expected: 'hnj', found: 'blt' } }]);
    expect(result.applied).toEqual([]);

    const notTargeted = importXliff(material, xml.replace('trgLang="blt"', 'trgLang="kjg"'), [], NOW);
    expect(notTargeted.problems).toEqual([{ code: 'translation.wrongTargetLanguage', params: { expected: 'blt, hnj', found: 'kjg' } }]);
  });

  it('refuses another material, another source language and XLIFF 1.2', () => {
    const material = sample();
    const xml = filledFor(material);
    expect(importXliff(material, xml.replace(`<file id="${material.id}"`, '<file id="other-brief"'), [], NOW).problems)
      .toEqual([{ code: 'translation.wrongMaterial', params: { expected: material.id, found: 'other-brief' } }]);
    expect(importXliff(material, xml.replace('srcLang="vi"', 'srcLang="en"'), [], NOW).problems)
      .toEqual([{ code: 'translation.wrongSourceLanguage', params: { expected: 'vi', found: 'en' } }]);
    const v12 = '<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="vi" datatype="plaintext"><body/></file></xliff>';
    expect(importXliff(material, v12, [], NOW).problems).toEqual([{ code: 'translation.unsupportedFile', params: { format: 'XLIFF 2.0', found: 'XLIFF 1.2' } }]);
  });
});

describe('special characters', () => {
  const SPECIAL = [
    'Tom & Jerry <b>bold</b> "double" \'single\' &amp; literal',
    // Vietnamese typed in decomposed form (NFD): stored as NFC.
    'Kết hôn đúng tuổi, đăng ký đúng luật'.normalize('NFD'),
    // Tai Viet (U+AA80–U+AADF), the script of Tai Dam (blt).
    'ꪀꪱꪙ ꪵꪕꪒ ꪁꪮꪉ ꪼꪒ꫁ ꪜꪾ ꫛ ꫜ',
    '  leading and trailing spaces kept  ',
  ];

  it('survive export → CAT tool → import exactly (after NFC)', () => {
    const material = sample();
    const ids = listTextUnits(material).map((e) => e.unit.id);
    const chosen = new Map(SPECIAL.map((text, i) => [ids[i]!, text]));
    const xml = fillXliffTargets(exportXliff(material, 'blt', []), (_, id) => chosen.get(id));
    const result = importXliff(material, xml, [], NOW);
    expect(result.rejected).toEqual([]);
    expect(new Map(result.applied.map((r) => [r.unitId, r.text]))).toEqual(new Map(SPECIAL.map((t, i) => [ids[i]!, t.normalize('NFC')])));
  });

  it('are escaped on export so the file parses, and read back unchanged', () => {
    const material = sample();
    const units = listTextUnits(material);
    const records: TranslationRecord[] = SPECIAL.map((text, i) => ({
      unitId: units[i]!.unit.id, language: 'blt', text: text.normalize('NFC'), sourceText: units[i]!.unit.text, stale: false, updatedAt: NOW.toISOString(),
    }));
    const xml = exportXliff(material, 'blt', records);
    expect(inspectWithPython(xml).units).toHaveLength(units.length + labelUnits().length);
    expect(xml).toContain('&amp;amp; literal');
    const result = importXliff(material, xml, records, LATER);
    expect(result.unchanged.sort()).toEqual(records.map((r) => r.unitId).sort());
    expect(result.applied).toEqual([]);
  });

  it('reads numeric character references', () => {
    const material = sample();
    const xml = exportXliff(material, 'blt', []).replace(
      `<source>${material.issuer.text}</source>`,
      `<source>${material.issuer.text}</source><target>&#xAA80;&#43648;&amp;&lt;</target>`,
    );
    expect(importXliff(material, xml, [], NOW).applied).toEqual([expect.objectContaining({ unitId: material.issuer.id, text: 'ꪀꪀ&<' })]);
  });
});
