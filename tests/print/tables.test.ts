/**
 * Tables and nested lists on paper: a booklet built from a small brief with a
 * table long enough to run onto a second page (its header row printed again
 * there), cells in reading order, lists numbered per level; and a table too
 * wide for a leaflet column refused with its line in the brief.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBriefText } from '../../engine/brief/import.js';
import { bookletFormat, leafletFormat } from '../../engine/formats/print/index.js';
import type { Material } from '../../engine/model/material.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { lineOf } from '../helpers/briefs.js';
import { makeContext, normalize, pdfPages, pdfText, qpdfCheck, run } from './helpers.js';

const FRONT = `---
id: bang-dai
title: "Bảng dài"
issuer: "Sở Tư pháp tỉnh Sơn La"
source_language: vi
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
---
`;

const ROWS = 20;
const two = (n: number) => String(n).padStart(2, '0');
const LONG_BRIEF = `${FRONT}
# Các bước
<!-- legal: 52/2014/QH13 Điều 8 -->

1. Bước đầu tiên
   - ý phụ thứ nhất
   - ý phụ thứ hai
2. Bước tiếp theo
   1. việc con một
   2. việc con hai
3. Bước cuối cùng

# Bảng việc cần làm

| Trường hợp | Việc phải làm | Căn cứ |
| --- | --- | --- |
${Array.from({ length: ROWS }, (_, i) => `| Hàng ${two(i + 1)}: trường hợp cần xem xét kỹ | Việc ${two(i + 1)}: đến Ủy ban nhân dân xã hỏi công chức tư pháp | Điều ${two(i + 1)} khoản 1 |`).join('\n')}
`;

const WIDE_BRIEF = `${FRONT}
# Bảng quá rộng

Đoạn mở đầu.

| Cột một | Cột hai | Cột ba | Cột bốn | Cột năm | Cột sáu |
| --- | --- | --- | --- | --- | --- |
| https://pbgdpl.sonla.gov.vn/mot | https://pbgdpl.sonla.gov.vn/hai | https://pbgdpl.sonla.gov.vn/ba | https://pbgdpl.sonla.gov.vn/bon | https://pbgdpl.sonla.gov.vn/nam | https://pbgdpl.sonla.gov.vn/sau |
`;

function materialOf(text: string): Material {
  const { material, diagnostics } = importBriefText(text);
  if (!material) throw new Error(JSON.stringify(diagnostics));
  return material;
}

let browser: Browser;
let vi: Material;
let screenPdf: string;
let pages: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  vi = materialOf(LONG_BRIEF);
  const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { editionDate: '2025-11-20' } });
  await bookletFormat.build(ctx);
  screenPdf = path.join(ctx.outDir, 'booklet', 'vi', 'bang-dai-booklet-screen.pdf');
  const count = pdfPages(screenPdf).pages;
  pages = Array.from({ length: count }, (_, i) => normalize(pdfText(screenPdf, { first: i + 1, last: i + 1 })));
});

afterAll(async () => {
  await browser?.close();
});

describe('a table in the booklet', () => {
  it('prints every cell, row by row, in order', () => {
    const all = pages.join('\n');
    let at = -1;
    for (let i = 1; i <= ROWS; i++) {
      for (const cell of [`Hàng ${two(i)}`, `Việc ${two(i)}`, `Điều ${two(i)} khoản 1`]) {
        const next = all.indexOf(cell, at + 1);
        expect(next, `${cell} after position ${at}`).toBeGreaterThan(at);
        at = next;
      }
    }
    expect(all).not.toContain('| --- |');
    expect(all).not.toContain('| Trường hợp');
  });

  it('repeats the header row at the top of the next page', () => {
    const withRows = pages.flatMap((text, i) => (/Hàng \d\d/.test(text) ? [i] : []));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const i of withRows) {
      const text = pages[i]!;
      const header = text.indexOf('Trường hợp');
      expect(header, `header on page ${i + 1}`).toBeGreaterThanOrEqual(0);
      expect(text.indexOf('Việc phải làm')).toBeGreaterThan(header);
      expect(text.indexOf('Căn cứ')).toBeGreaterThan(text.indexOf('Việc phải làm'));
      expect(header).toBeLessThan(text.search(/Hàng \d\d/));
    }
    // The continuation page starts with a row the first page did not have.
    const first = pages[withRows[0]!]!.match(/Hàng \d\d/g)!;
    const second = pages[withRows[1]!]!.match(/Hàng \d\d/g)!;
    expect(Number(second[0]!.slice(5))).toBe(Number(first.at(-1)!.slice(5)) + 1);
  });

  it('is the same file when built again: its element ids and dates do not depend on what the browser drew before', async () => {
    // Chromium names the tagged table's header cells after DOM node ids, which grow with every page this browser has drawn.
    const again = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { editionDate: '2025-11-20' } });
    await bookletFormat.build(again);
    for (const variant of ['screen', 'print']) {
      const first = readFileSync(screenPdf.replace('-screen.pdf', `-${variant}.pdf`));
      const second = readFileSync(path.join(again.outDir, 'booklet', 'vi', `bang-dai-booklet-${variant}.pdf`));
      expect(second.equals(first), variant).toBe(true);
    }
    // Renumbered from 1 in their order; every data cell's /Headers names a header cell's /ID; the ID tree is still valid.
    const qdf = path.join(again.outDir, 'booklet.qdf.pdf');
    run('qpdf', ['--qdf', '--object-streams=disable', screenPdf, qdf]);
    const text = readFileSync(qdf, 'latin1');
    const ids = [...text.matchAll(/\/ID \(node(\d{8})\)/g)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids.map((_, i) => i + 1));
    const headers = [...text.matchAll(/\/Headers \[\s*\(node(\d{8})\)/g)].map((m) => Number(m[1]));
    expect(headers.length).toBeGreaterThan(ROWS);
    expect(headers.every((n) => ids.includes(n))).toBe(true);
    expect(qpdfCheck(screenPdf)).toMatch(/No syntax or stream encoding errors/);
    // Dated by the edition (midnight in Vietnam), not by the clock.
    const dates = run('pdfinfo', ['-isodates', screenPdf]);
    expect(dates).toMatch(/^CreationDate:\s+2025-11-19T17:00:00(Z|\+00:00)$/m);
    expect(dates).toMatch(/^ModDate:\s+2025-11-19T17:00:00(Z|\+00:00)$/m);
  });

  it('numbers a nested list per level and indents sub-items under their item', () => {
    const text = pages.find((p) => p.includes('Bước đầu tiên'))!;
    expect(text).toContain('1 Bước đầu tiên ý phụ thứ nhất ý phụ thứ hai 2 Bước tiếp theo 1. việc con một 2. việc con hai 3 Bước cuối cùng');
    // Never counted across levels (the old 1, 4, 7).
    expect(text).not.toMatch(/\b4 Bước/);
    // Indented: each sub-item starts right of its item's text.
    const page = pages.indexOf(text) + 1;
    const words = run('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), screenPdf, '-']);
    const xOf = (word: string) => {
      const m = new RegExp(`<word xMin="([\\d.]+)"[^>]*>${word}</word>`).exec(words.normalize('NFC'));
      if (!m) throw new Error(`no word ${word}`);
      return Number(m[1]);
    };
    expect(xOf('ý')).toBeGreaterThan(xOf('Bước') + 5);
    expect(xOf('việc')).toBeGreaterThan(xOf('Bước') + 5);
    // The sub-list's own numbers sit right of the top-level numbers, under the item's text.
    expect(xOf('1\\.')).toBeGreaterThan(xOf('1') + 5);
    expect(xOf('1\\.')).toBeGreaterThanOrEqual(xOf('Bước') - 1);
  });
});

describe('a table too wide for its page', () => {
  it('is refused with the line of the table in the brief, not clipped', async () => {
    const vi = materialOf(WIDE_BRIEF);
    const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { editionDate: '2025-11-20' } });
    await expect(leafletFormat.build(ctx)).rejects.toMatchObject({
      code: 'table.tooWide',
      params: { format: 'leaflet', variant: 'print', language: 'vi', line: lineOf(WIDE_BRIEF, '| Cột một'), columns: 6 },
    });
  });
});
