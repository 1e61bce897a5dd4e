import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leafletFormat } from '../../engine/formats/print/index.js';
import { BLEED_PT } from '../../engine/formats/print/pdfTools.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { launchBrowser } from '../../engine/render/browser.js';
import {
  makeContext,
  normalize,
  pdfFonts,
  pdfPages,
  pdfText,
  pdfTextIn,
  pseudoTranslate,
  qpdfCheck,
  sampleMaterial,
  sectionKind,
  unitsPrinted,
} from './helpers.js';

let browser: Browser;
let vi: Material;
let blt: Material;
let outDir: string;
let outputs: OutputEntry[];

const MM = 72 / 25.4;
const file = (language: string, variant: string) => path.join(outDir, 'leaflet', language, `ket-hon-dung-tuoi-leaflet-${variant}.pdf`);
/** Units a leaflet prints: the cover texts, the legal basis, key messages, explanations and Q&A (not the video script). */
const leafletUnits = (m: Material) =>
  unitsPrinted(m, (e, mat) => {
    const kind = sectionKind(mat, e);
    return kind === null || kind === 'keyMessages' || kind === 'content' || kind === 'qa';
  });

beforeAll(async () => {
  browser = await launchBrowser();
  vi = await sampleMaterial();
  blt = pseudoTranslate(vi, 'blt');
  const ctx = makeContext({ browser, materials: { vi, blt }, languages: ['vi', 'blt'], settings: { editionDate: '2025-11-20' } });
  outDir = ctx.outDir;
  outputs = await leafletFormat.build(ctx);
});

afterAll(async () => {
  await browser?.close();
});

describe('leaflet', () => {
  it('writes a print and a screen PDF per language, described with pages and size', () => {
    expect(outputs.map((o) => [o.path, o.pages, o.width, o.height])).toEqual([
      ['leaflet/vi/ket-hon-dung-tuoi-leaflet-print.pdf', 2, 842, 595],
      ['leaflet/vi/ket-hon-dung-tuoi-leaflet-screen.pdf', 6, 283, 595],
      ['leaflet/blt/ket-hon-dung-tuoi-leaflet-print.pdf', 2, 842, 595],
      ['leaflet/blt/ket-hon-dung-tuoi-leaflet-screen.pdf', 6, 283, 595],
    ]);
    for (const language of ['vi', 'blt']) {
      for (const variant of ['print', 'screen']) {
        const pdf = file(language, variant);
        expect(pdfFonts(pdf).filter((f) => !f.embedded)).toEqual([]);
        expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
      }
      // A4 landscape plus the print shop's 3 mm bleed on each side (tests/print/printshop.test.ts).
      for (const size of pdfPages(file(language, 'print')).sizes) {
        expect(size.width).toBeCloseTo(841.9 + 2 * BLEED_PT, 0);
        expect(size.height).toBeCloseTo(595.3 + 2 * BLEED_PT, 0);
      }
    }
  });

  it('prints every unit it carries, in both editions, diacritics exact', () => {
    for (const [language, m] of [
      ['vi', vi],
      ['blt', blt],
    ] as const) {
      for (const variant of ['print', 'screen']) {
        const text = pdfText(file(language, variant));
        const missing = leafletUnits(m)
          .map((e) => normalize(e.unit.text))
          .filter((t) => !text.includes(t));
        expect(missing, `${language} ${variant}`).toEqual([]);
      }
    }
  });

  it('lays the panels out for duplex printing: outside flap | back | front, inside three panels in reading order', () => {
    const print = file('vi', 'print');
    const third = (page: number, left: number, width: number) => pdfTextIn(print, page, { x: left * MM, y: 0, width: width * MM, height: 595 });
    const [flap, back, front] = [third(1, 0, 97), third(1, 97, 100), third(1, 197, 100)];
    expect(flap).toContain('Thông điệp chính');
    expect(flap).toContain('Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.');
    expect(back).toContain(vi.hotline!.text);
    expect(back).toContain('Luật Hộ tịch');
    expect(front).toContain(vi.title.text);
    expect(front).not.toContain(vi.hotline!.text);

    const inside = [third(2, 0, 100), third(2, 100, 100), third(2, 200, 97)];
    expect(inside[0]).toMatch(/^Điều kiện kết hôn/);
    const all = inside.join(' ');
    const qa = vi.sections.find((s) => s.kind === 'qa');
    if (qa?.kind !== 'qa') throw new Error('sample has Q&A');
    const lastAnswer = normalize(qa.pairs.at(-1)!.answer.text);
    // Sections follow each other left to right, and the Q&A ends in the last panel.
    const order = ['Điều kiện kết hôn', 'Tảo hôn là gì và hậu quả', 'Thủ tục đăng ký kết hôn', 'Hỏi đáp'].map((h) => all.indexOf(h));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(inside[2]).toContain(lastAnswer);
  });

  it('gives the screen edition the six panels in reading order', () => {
    const screen = file('vi', 'screen');
    const page = (n: number) => pdfText(screen, { first: n, last: n });
    expect(page(1)).toContain(vi.title.text);
    expect(page(2)).toMatch(/^Thông điệp chính/);
    expect(page(3)).toMatch(/^Điều kiện kết hôn/);
    expect(page(6)).toContain(vi.hotline!.text);
    expect([3, 4, 5].map(page).join(' ')).toContain('Hỏi đáp');
  });

  it('renders the modern style as well', async () => {
    const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { styles: { leaflet: 'modern' } } });
    const [print, screen] = await leafletFormat.build(ctx);
    expect(print!.pages).toBe(2);
    expect(screen!.pages).toBe(6);
    expect(pdfText(path.join(ctx.outDir, print!.path))).toContain(normalize(vi.subtitle!.text));
  });

  it('refuses, naming a unit, when the inside cannot hold the text at the smallest type', async () => {
    const long = structuredClone(vi);
    const content = long.sections.find((s) => s.id === 'tao-hon-la-gi-va-hau-qua');
    if (content?.kind !== 'content') throw new Error('sample section');
    const paragraph = content.blocks[0]!;
    if (paragraph.type !== 'paragraph') throw new Error('sample paragraph');
    paragraph.unit.text = Array(150).fill(paragraph.unit.text).join(' ');
    const ctx = makeContext({ browser, materials: { vi: long }, languages: ['vi'] });
    await expect(leafletFormat.build(ctx)).rejects.toMatchObject({
      code: 'print.textDoesNotFit',
      params: { format: 'leaflet', variant: 'print', language: 'vi', box: 'inside', unitId: paragraph.unit.id },
    });
  });
});
