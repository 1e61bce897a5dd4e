/**
 * GFM tables and nested lists in a brief: structure, stable cell ids,
 * diagnostics with lines, and every cell through an XLIFF round trip.
 */
import { describe, expect, it } from 'vitest';
import { importBriefText } from '../../engine/brief/import.js';
import { Material, type Block } from '../../engine/model/material.js';
import { nestListItems } from '../../engine/model/lists.js';
import { listTextUnits } from '../../engine/model/units.js';
import { exportXliff, importXliff } from '../../engine/translations/xliff.js';
import { exportPo } from '../../engine/translations/po.js';
import { localizeMaterial } from '../../engine/translations/localize.js';
import { fakeTranslation, fillXliffTargets, readCat } from '../translations/helpers.js';
import { lineOf } from '../helpers/briefs.js';

const FRONT = `---
id: bang-thu
title: "Bảng thử"
issuer: "Sở Tư pháp"
source_language: vi
target_languages: [blt]
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
---
`;

const BODY = `
# Việc cần làm
<!-- legal: 52/2014/QH13 Điều 8 -->

Đọc bảng sau.

| Trường hợp | Việc phải làm | Căn cứ |
| :--- | :---: | ---: |
| Nam chưa đủ 20 tuổi | Chờ đủ tuổi | Điều 8 |
| Nữ chưa đủ 18 tuổi | **Chờ** đủ tuổi rồi mới cưới | Điều 8 khoản 1 |
| Đã đủ tuổi |  | Điều 8 \\| điểm a |

1. Bước một
   - ý a
   - ý b
2. Bước hai
   1. việc thứ nhất
   2. việc thứ hai
      - chi tiết
3. Bước ba
`;

const BRIEF = FRONT + BODY;

function material(text = BRIEF): Material {
  const result = importBriefText(text);
  if (!result.material) throw new Error(JSON.stringify(result.diagnostics));
  return Material.parse(result.material);
}

function blocks(m: Material): Block[] {
  const section = m.sections[0]!;
  if (section.kind !== 'content') throw new Error('not content');
  return section.blocks;
}

function tableOf(m: Material) {
  const table = blocks(m).find((b) => b.type === 'table');
  if (!table || table.type !== 'table') throw new Error('no table');
  return table;
}

describe('tables in a brief', () => {
  it('become a table block: header, rows padded to the header, alignment, every cell a text unit', () => {
    const result = importBriefText(BRIEF);
    expect(result.diagnostics).toEqual([]);
    const m = result.material!;
    expect(blocks(m).map((b) => b.type)).toEqual(['paragraph', 'table', 'list']);
    const table = tableOf(m);
    expect(table.align).toEqual(['left', 'center', 'right']);
    expect(table.header.map((c) => c?.text)).toEqual(['Trường hợp', 'Việc phải làm', 'Căn cứ']);
    expect(table.rows.map((r) => r.map((c) => c?.text ?? null))).toEqual([
      ['Nam chưa đủ 20 tuổi', 'Chờ đủ tuổi', 'Điều 8'],
      ['Nữ chưa đủ 18 tuổi', 'Chờ đủ tuổi rồi mới cưới', 'Điều 8 khoản 1'],
      ['Đã đủ tuổi', null, 'Điều 8 | điểm a'],
    ]);
    expect(table.loc).toEqual({ line: lineOf(BRIEF, '| Trường hợp'), col: 1 });
    expect(table.rows[1]![0]!.loc).toEqual({ line: lineOf(BRIEF, '| Nữ chưa'), col: 1 });
    // Containers by structure (the section), leaves by a hash of their text.
    expect(table.header[0]!.id).toMatch(/^viec-can-lam\.th-[0-9a-f]{8}$/);
    expect(table.rows[0]![1]!.id).toMatch(/^viec-can-lam\.td-[0-9a-f]{8}$/);

    const entries = listTextUnits(m).filter((e) => e.role === 'tableHeader' || e.role === 'tableCell');
    expect(entries.map((e) => e.unit.text)).toEqual([
      'Trường hợp', 'Việc phải làm', 'Căn cứ',
      'Nam chưa đủ 20 tuổi', 'Chờ đủ tuổi', 'Điều 8',
      'Nữ chưa đủ 18 tuổi', 'Chờ đủ tuổi rồi mới cưới', 'Điều 8 khoản 1',
      'Đã đủ tuổi', 'Điều 8 | điểm a',
    ]);
    expect(new Set(listTextUnits(m).map((e) => e.unit.id)).size).toBe(listTextUnits(m).length);
  });

  it('keeps every other cell id when one cell is edited; the edited cell keeps its slot', () => {
    const before = tableOf(material());
    const after = tableOf(material(BRIEF.replace('| Chờ đủ tuổi |', '| Chờ đến khi đủ tuổi |')));
    const cells = (t: typeof before) => [...t.header, ...t.rows.flat()];
    const a = cells(before);
    const b = cells(after);
    const changed = a.flatMap((cell, i) => (cell?.id === b[i]?.id ? [] : [i]));
    expect(changed).toEqual([4]);
    expect(b[4]!.slot).toBe(a[4]!.slot);
    expect(b[4]!.text).toBe('Chờ đến khi đủ tuổi');
  });

  it('warns, with the line, about rows of the wrong width, wide tables and tables without rows', () => {
    const text = `${FRONT}
# Bảng lỗi

| A | B |
| --- | --- |
| một |
| một | hai | ba |

| c1 | c2 | c3 | c4 | c5 |
| --- | --- | --- | --- | --- |
| 1 | 2 | 3 | 4 | 5 |

| Chỉ tiêu đề |
| --- |
`;
    const result = importBriefText(text);
    expect(result.material).not.toBeNull();
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.line, d.params])).toEqual([
      ['warning', 'table.missingCells', lineOf(text, '| một |'), { row: 1, cells: 1, columns: 2 }],
      ['warning', 'table.extraCells', lineOf(text, '| một | hai | ba |'), { row: 2, cells: 3, columns: 2 }],
      ['warning', 'table.manyColumns', lineOf(text, '| c1 |'), { columns: 5, max: 4 }],
      ['warning', 'table.noRows', lineOf(text, '| Chỉ tiêu đề |'), undefined],
    ]);
    const section = result.material!.sections[0]!;
    if (section.kind !== 'content') throw new Error('not content');
    const first = section.blocks[0]!;
    // Extra cells are left out (and warned about); missing ones are empty.
    expect(first.type === 'table' && first.rows.map((r) => r.map((c) => c?.text ?? null))).toEqual([['một', null], ['một', 'hai']]);
  });

  it('leaves text with pipes but no delimiter row as a paragraph, as GitHub does', () => {
    const m = material(`${FRONT}\n# Mục\n\nNam | nữ đều phải đủ tuổi.\n`);
    expect(blocks(m).map((b) => b.type)).toEqual(['paragraph']);
  });
});

describe('a table where no table belongs', () => {
  it('is left out of a situation scene with a warning (videos have no tables), not a crash', async () => {
    const { sampleText, edit } = await import('../helpers/briefs.js');
    const text = edit(sampleText(), '## Cảnh 4 — Thông điệp\n', '## Cảnh 4 — Thông điệp\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n');
    const result = importBriefText(text);
    expect(result.material).not.toBeNull();
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['situation.ignoredInScene', lineOf(text, '| A | B |')]]);
    const situation = result.material!.sections.find((x) => x.kind === 'situation')!;
    const inScene = listTextUnits(result.material!).filter((e) => e.sectionId === situation.id);
    expect(inScene.length).toBeGreaterThan(0);
    expect(inScene.some((e) => e.role === 'tableCell' || e.role === 'tableHeader')).toBe(false);
  });
});

describe('nested lists in a brief', () => {
  it('number each level by itself and keep each level\'s own kind', () => {
    const list = blocks(material()).find((b) => b.type === 'list')!;
    if (list.type !== 'list') throw new Error('no list');
    expect(list.ordered).toBe(true);
    expect(list.items.map((i) => [i.unit.text, i.depth, i.ordered, i.number])).toEqual([
      ['Bước một', 0, true, 1],
      ['ý a', 1, false, 1],
      ['ý b', 1, false, 2],
      ['Bước hai', 0, true, 2],
      ['việc thứ nhất', 1, true, 1],
      ['việc thứ hai', 1, true, 2],
      ['chi tiết', 2, false, 1],
      ['Bước ba', 0, true, 3],
    ]);
    const tree = nestListItems(list.items);
    expect(tree.map((n) => [n.item.unit.text, n.children.map((c) => c.item.unit.text)])).toEqual([
      ['Bước một', ['ý a', 'ý b']],
      ['Bước hai', ['việc thứ nhất', 'việc thứ hai']],
      ['Bước ba', []],
    ]);
    expect(tree[1]!.children[1]!.children.map((c) => c.item.unit.text)).toEqual(['chi tiết']);
  });

  it('start from the number the author wrote', () => {
    const list = blocks(material(`${FRONT}\n# Mục\n\n3. ba\n4. bốn\n`))[0]!;
    expect(list.type === 'list' && list.items.map((i) => i.number)).toEqual([3, 4]);
  });
});

describe('table cells in translations', () => {
  it('are exported to XLIFF and PO, imported back and localised', () => {
    const m = material();
    const table = tableOf(m);
    const cells = [...table.header, ...table.rows.flat()].filter((c) => c !== null);
    const xml = exportXliff(m, 'blt', []);
    const units = readCat(xml).xliff.file[0]!.unit;
    for (const cell of cells) {
      const unit = units.find((u) => u['@_id'] === cell.id);
      expect(unit?.segment[0]?.source).toBe(cell.text);
    }
    const po = exportPo(m, 'blt', []);
    for (const cell of cells) expect(po).toContain(cell.id);

    const result = importXliff(m, fillXliffTargets(xml, fakeTranslation), [], new Date('2026-01-01T00:00:00Z'));
    expect(result.problems).toEqual([]);
    const localized = localizeMaterial(m, 'blt', result.applied);
    const out = tableOf(localized);
    expect(out.header.map((c) => c?.text)).toEqual(table.header.map((c) => fakeTranslation(c!.text)));
    expect(out.rows[2]!.map((c) => c?.text ?? null)).toEqual([fakeTranslation('Đã đủ tuổi'), null, fakeTranslation('Điều 8 | điểm a')]);
    expect(out.rows[2]![0]!.id).toBe(table.rows[2]![0]!.id);
  });
});
