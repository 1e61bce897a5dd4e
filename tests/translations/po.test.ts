/**
 * PO exchange, checked against GNU gettext's own tools (Debian package
 * `gettext`): msgfmt validates what we write, and msgen / msgfilter /
 * msgattrib / msgcat play the translator's editor.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { po as gettextPo } from 'gettext-parser';
import { exportPo, importPo } from '../../engine/translations/po.js';
import { completeness } from '../../engine/translations/completeness.js';
import { listTextUnits } from '../../engine/model/units.js';
import { labelUnits } from '../../engine/translations/labels.js';
import type { TranslationRecord } from '../../engine/model/records.js';
import type { Material } from '../../engine/model/material.js';
import { editedSample, fakeTranslation, sample, unitByText } from './helpers.js';

const NOW = new Date('2025-03-01T08:00:00.000Z');
const LATER = new Date('2025-03-02T08:00:00.000Z');

/** Runs a gettext tool on a PO text given on stdin; returns its stdout. */
function gettext(tool: string, args: string[], input: string): string {
  return execFileSync(tool, [...args, '-'], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** msgfmt --check; throws (with gettext's messages) when the file is invalid, returns its warnings. */
function msgfmtCheck(po: string): string {
  return execFileSync('sh', ['-c', 'msgfmt --check -o /dev/null - 2>&1'], { input: po, encoding: 'utf8' });
}

/** A translator's editor: copies each msgid into its msgstr and prefixes it, as fakeTranslation does. */
function translateWithGettext(po: string): string {
  const english = gettext('msgen', [], po);
  return gettext('msgfilter', ['--keep-header', 'sed', '-e', 's/^/[blt] /'], english);
}

function fuzzyContexts(po: string): string[] {
  const onlyFuzzy = gettext('msgattrib', ['--only-fuzzy'], po);
  return [...onlyFuzzy.matchAll(/^msgctxt "(.*)"$/gm)].map((m) => m[1]!);
}

function filledFor(material: Material): string {
  return translateWithGettext(exportPo(material, 'blt', [], { now: NOW }));
}

describe('exportPo', () => {
  it('writes a PO file msgfmt accepts, one entry per unit in reading order with context comments', () => {
    const material = sample();
    const po = exportPo(material, 'blt', [], { now: NOW });
    expect(msgfmtCheck(po)).toBe('');

    const table = gettextPo.parse(po);
    expect(table.headers).toMatchObject({ 'Project-Id-Version': material.id, Language: 'blt', 'X-Source-Language': 'vi', 'PO-Revision-Date': '2025-03-01 08:00+0000' });
    const units = listTextUnits(material);
    const entries = Object.entries(table.translations).filter(([ctx]) => ctx !== '');
    // The labels the formats add follow, as label:<id> (tests/translations/labels.test.ts).
    expect(entries.map(([ctx]) => ctx)).toEqual([...units.map((e) => e.unit.id), ...labelUnits().map((u) => u.id)]);

    const line = unitByText(material, 'Mỷ mười sáu tuổi rồi');
    const entry = table.translations[line.unit.id]![line.unit.text]!;
    expect(entry.msgstr).toEqual(['']);
    expect(entry.comments?.reference).toBe(line.unit.slot);
    expect(entry.comments?.extracted?.split('\n')).toEqual(['role: dialogue', 'speaker: Bố Páo', 'section: Tình huống: Đám cưới của Páo']);
  });
});

describe('importPo', () => {
  it('round trip through gettext tools: every entry applied, language complete', () => {
    const material = sample();
    const result = importPo(material, filledFor(material), [], NOW);
    expect(result.problems).toEqual([]);
    expect(result.rejected).toEqual([]);
    expect(result.stale).toEqual([]);
    const units = listTextUnits(material);
    const unitsApplied = result.applied.filter((r) => !r.unitId.startsWith('label:'));
    expect(new Map(unitsApplied.map((r) => [r.unitId, r.text]))).toEqual(new Map(units.map((e) => [e.unit.id, fakeTranslation(e.unit.text)])));
    expect(completeness(material, 'blt', result.applied).percent).toBe(100);
  });

  it('an edited brief makes that entry stale; it is exported fuzzy and stays stale until the fuzzy flag is cleared', () => {
    const original = sample();
    const oldLine = unitByText(original, 'Thế nếu cứ cưới thì sao?');
    const edited = editedSample('Thế nếu cứ cưới thì sao?', 'Thế nếu nhà tôi cứ cưới thì sao?');
    const newLine = unitByText(edited, 'Thế nếu nhà tôi');

    const first = importPo(edited, filledFor(original), [], NOW);
    expect(first.stale).toEqual([{
      unitId: newLine.unit.id, language: 'blt', text: fakeTranslation(oldLine.unit.text),
      sourceText: oldLine.unit.text, stale: true, updatedAt: NOW.toISOString(),
    }]);
    expect(first.applied).toHaveLength(listTextUnits(edited).length - 1 + labelUnits().length);
    const stored = [...first.applied, ...first.stale];

    const po = exportPo(edited, 'blt', stored, { now: LATER });
    msgfmtCheck(po);
    expect(fuzzyContexts(po)).toEqual([newLine.unit.id]);
    const entry = gettextPo.parse(po).translations[newLine.unit.id]![newLine.unit.text]!;
    expect(entry.comments?.previous).toBe(`msgid "${oldLine.unit.text}"`);

    const untouched = importPo(edited, po, stored, LATER);
    expect(untouched.applied).toEqual([]);
    expect(untouched.stale).toEqual([]);
    expect(untouched.unchanged).toHaveLength(stored.length);

    // The translator reviews the entry and clears the fuzzy flag: now it is current.
    const reviewed = gettext('msgattrib', ['--clear-fuzzy', '--clear-previous'], po);
    const confirmed = importPo(edited, reviewed, stored, LATER);
    expect(confirmed.applied).toEqual([expect.objectContaining({ unitId: newLine.unit.id, stale: false, sourceText: newLine.unit.text })]);
    expect(completeness(edited, 'blt', [...first.applied, ...confirmed.applied]).percent).toBe(100);
  });

  it('a fuzzy entry is stale even without an earlier record, made from its #| msgid', () => {
    const material = sample();
    const table = gettextPo.parse(exportPo(material, 'blt', [], { now: NOW }));
    const entry = table.translations[material.issuer.id]![material.issuer.text]!;
    entry.msgstr = ['Sở (blt, cũ)'];
    entry.comments = { ...entry.comments, flag: 'fuzzy', previous: 'msgid "Sở Tư pháp \\"cũ\\""' };
    const result = importPo(material, gettextPo.compile(table).toString('utf8'), [], NOW);
    expect(result.applied).toEqual([]);
    expect(result.stale).toEqual([expect.objectContaining({ unitId: material.issuer.id, text: 'Sở (blt, cũ)', sourceText: 'Sở Tư pháp "cũ"', stale: true })]);
  });

  it('keeps special characters exactly through export, msgcat and import', () => {
    const material = sample();
    const units = listTextUnits(material);
    const texts = ['Tom & Jerry <b> "double" \'single\' back\\slash', 'ꪀꪱꪙ ꪵꪕꪒ ꪁꪮꪉ ꪼꪒ꫁ ꪜꪾ ꫛ ꫜ', 'Kết hôn đúng tuổi'];
    const records: TranslationRecord[] = texts.map((text, i) => ({
      unitId: units[i]!.unit.id, language: 'blt', text, sourceText: units[i]!.unit.text, stale: false, updatedAt: NOW.toISOString(),
    }));
    const po = exportPo(material, 'blt', records, { now: NOW });
    msgfmtCheck(po);
    // msgcat rewrites the file with gettext's own writer (wrapping, escaping).
    const rewritten = gettext('msgcat', ['--width=30'], po);
    const result = importPo(material, rewritten, records, LATER);
    expect(result.applied).toEqual([]);
    expect(result.unchanged.sort()).toEqual(records.map((r) => r.unitId).sort());

    const decomposed = gettextPo.parse(po);
    decomposed.translations[material.title.id]![material.title.text]!.msgstr = ['Kết hôn'.normalize('NFD')];
    const nfd = importPo(material, gettextPo.compile(decomposed).toString('utf8'), records, LATER);
    expect(nfd.applied).toEqual([expect.objectContaining({ unitId: material.title.id, text: 'Kết hôn'.normalize('NFC') })]);
  });

  it('rejects unknown contexts and skips whitespace-only translations', () => {
    const material = sample();
    const table = gettextPo.parse(exportPo(material, 'blt', [], { now: NOW }));
    table.translations['gone.p-1'] = { 'Không có': { msgctxt: 'gone.p-1', msgid: 'Không có', msgstr: ['x'], comments: { reference: 's99/p1' } } };
    table.translations[material.title.id]![material.title.text]!.msgstr = ['  '];
    const result = importPo(material, gettextPo.compile(table).toString('utf8'), [], NOW);
    expect(result.rejected).toEqual([{ unitId: material.title.id, reason: 'emptyTarget' }, { unitId: 'gone.p-1', reason: 'unknownId' }]);
    expect(result.applied).toEqual([]);
  });

  it('reports a malformed file with its line, and refuses another language or material', () => {
    const material = sample();
    const good = exportPo(material, 'blt', [], { now: NOW });
    const lines = good.split('\n');
    const at = lines.findIndex((l, i) => i > 12 && l.startsWith('msgstr'));
    expect(at).toBeGreaterThan(12);
    lines[at] = 'msgstra ""';
    const broken = importPo(material, lines.join('\n'), [], NOW);
    expect(broken.problems).toEqual([expect.objectContaining({ code: 'translation.malformed', line: at + 1 })]);

    expect(importPo(material, good.replace('Language: blt', 'Language: hnj'), [], NOW, { language: 'blt' }).problems)
      .toEqual([{ code: 'translation.wrongTargetLanguage', params: { expected: 'blt', found: 'hnj' } }]);
    expect(importPo(material, good.replace(`Project-Id-Version: ${material.id}`, 'Project-Id-Version: other'), [], NOW).problems)
      .toEqual([{ code: 'translation.wrongMaterial', params: { expected: material.id, found: 'other' } }]);
    expect(importPo(material, good.replace('X-Source-Language: vi', 'X-Source-Language: en'), [], NOW).problems)
      .toEqual([{ code: 'translation.wrongSourceLanguage', params: { expected: 'vi', found: 'en' } }]);
  });
});
