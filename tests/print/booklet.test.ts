import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { BLEED_PT } from '../../engine/formats/print/pdfTools.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookletFormat } from '../../engine/formats/print/index.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { launchBrowser } from '../../engine/render/browser.js';
import {
  makeContext,
  normalize,
  pdfFonts,
  pdfInfo,
  pdfPages,
  pdfText,
  pdfTextIn,
  pseudoTranslate,
  qpdfCheck,
  qpdfJson,
  run,
  sampleMaterial,
  unitsPrinted,
} from './helpers.js';

let browser: Browser;
let vi: Material;
let blt: Material;
let outDir: string;
let outputs: OutputEntry[];

const file = (language: string, variant: string) => path.join(outDir, 'booklet', language, `ket-hon-dung-tuoi-booklet-${variant}.pdf`);
/** Text of each page of a PDF, page-number lines dropped. */
const pageTexts = (pdf: string) => {
  const { pages } = pdfPages(pdf);
  return Array.from({ length: pages }, (_, i) => pdfText(pdf, { first: i + 1, last: i + 1 }));
};

beforeAll(async () => {
  browser = await launchBrowser();
  vi = await sampleMaterial();
  blt = pseudoTranslate(vi, 'blt');
  const ctx = makeContext({ browser, materials: { vi, blt }, languages: ['vi', 'blt'], settings: { editionDate: '2025-11-20' } });
  outDir = ctx.outDir;
  outputs = await bookletFormat.build(ctx);
});

afterAll(async () => {
  await browser?.close();
});

describe('booklet', () => {
  it('writes a screen and a print PDF per language and for the bilingual edition', () => {
    expect(outputs.map((o) => [o.language, o.variant, o.path])).toEqual([
      ['vi', 'screen', 'booklet/vi/ket-hon-dung-tuoi-booklet-screen.pdf'],
      ['vi', 'print', 'booklet/vi/ket-hon-dung-tuoi-booklet-print.pdf'],
      ['blt', 'screen', 'booklet/blt/ket-hon-dung-tuoi-booklet-screen.pdf'],
      ['blt', 'print', 'booklet/blt/ket-hon-dung-tuoi-booklet-print.pdf'],
      ['vi+blt', 'screen', 'booklet/vi+blt/ket-hon-dung-tuoi-booklet-screen.pdf'],
      ['vi+blt', 'print', 'booklet/vi+blt/ket-hon-dung-tuoi-booklet-print.pdf'],
    ]);
    for (const o of outputs) {
      const { pages, sizes } = pdfPages(path.join(outDir, o.path));
      expect(o.pages).toBe(pages);
      // The manifest gives the finished size: a print PDF's page is that plus the bleed on each side.
      const bleed = o.variant === 'print' ? 2 * BLEED_PT : 0;
      expect([o.width, o.height]).toEqual([Math.round(sizes[0]!.width - bleed), Math.round(sizes[0]!.height - bleed)]);
      expect(o.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    // No temporary files left behind.
    for (const language of ['vi', 'blt', 'vi+blt']) {
      expect(readdirSync(path.join(outDir, 'booklet', language)).filter((f) => !f.endsWith('.pdf'))).toEqual([]);
    }
  });

  it('screen PDFs are A5, tagged, with every font embedded and a clean structure', () => {
    for (const language of ['vi', 'blt', 'vi+blt']) {
      const pdf = file(language, 'screen');
      const { sizes } = pdfPages(pdf);
      for (const size of sizes) {
        expect(size.width).toBeCloseTo(419.5, -0.5);
        expect(size.height).toBeCloseTo(595.3, -0.5);
      }
      expect(pdfInfo(pdf)['Tagged']).toBe('yes');
      const fonts = pdfFonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
      expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
      expect(qpdfCheck(file(language, 'print'))).toMatch(/No syntax or stream encoding errors/);
    }
    expect(pdfFonts(file('blt', 'screen')).some((f) => f.name.includes('NotoSansTaiViet'))).toBe(true);
  });

  it('carries title, issuer, subject, keywords and language in its metadata', () => {
    const info = pdfInfo(file('vi', 'screen'));
    expect(info['Title']).toBe('Kết hôn đúng tuổi, đăng ký đúng luật');
    expect(info['Author']).toBe('Sở Tư pháp tỉnh Sơn La');
    expect(info['Subject']).toBe('Phòng, chống tảo hôn ở vùng đồng bào dân tộc thiểu số');
    expect(info['Keywords']).toContain('52/2014/QH13');
    const catalog = run('qpdf', ['--qdf', '--object-streams=disable', file('blt', 'screen'), '-']);
    expect(catalog).toMatch(/\/Lang \(blt\)/);
    expect(pdfInfo(file('blt', 'screen'))['Author']).toBe(blt.issuer.text);
  });

  it('prints every text unit of the Material with its diacritics exact', () => {
    for (const [language, materials] of [
      ['vi', [vi]],
      ['blt', [blt]],
      ['vi+blt', [vi, blt]],
    ] as const) {
      const text = pdfText(file(language, 'screen'));
      for (const m of materials) {
        const missing = unitsPrinted(m)
          .map((e) => normalize(e.unit.text))
          .filter((t) => !text.includes(t));
        expect(missing, `${language}: units missing from the PDF`).toEqual([]);
      }
      for (const doc of vi.legalBasis) {
        expect(text).toContain(doc.ref);
        for (const article of doc.articles) expect(text).toContain(article);
      }
    }
  });

  it('has a contents page, past 8 pages, whose numbers are the pages the sections start on', () => {
    const pages = pageTexts(file('vi', 'screen'));
    expect(pages.length).toBeGreaterThan(8);
    expect(pages[1]).toMatch(/^Mục lục/);
    const toc = pages[1]!;
    const headings = vi.sections.filter((s) => s.kind !== 'audiobook').map((s) => (s.kind === 'situation' ? s.title.text : s.heading.text));
    for (const heading of [...headings, 'Căn cứ pháp lý']) {
      const listed = new RegExp(`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(toc);
      expect(listed, heading).not.toBeNull();
      const page = Number(listed![1]);
      // The heading is on that page (not only in the contents), and not on any earlier page after the contents.
      expect(pages[page - 1], `${heading} on page ${page}`).toContain(heading);
      for (let p = 2; p < page - 1; p++) expect(pages[p]!.includes(heading), `${heading} before page ${page}`).toBe(false);
    }
  });

  it('labels its pages and has an outline of the sections', () => {
    const labels = qpdfJson(file('vi', 'screen'), 'pagelabels') as Array<{ index: number; label: Record<string, unknown> }>;
    expect(labels.map((l) => l.index)).toEqual([0, 1, pdfPages(file('vi', 'screen')).pages - 1]);
    expect(JSON.stringify(labels[0]!.label)).toContain('Bìa');
    expect(JSON.stringify(labels[1]!.label)).toContain('/D');
    const outline = qpdfJson(file('vi', 'screen'), 'outlines') as Array<{ title: string }>;
    expect(outline.map((o) => o.title)).toEqual(
      expect.arrayContaining(['Mục lục', 'Điều kiện kết hôn', 'Hỏi đáp', 'Căn cứ pháp lý']),
    );
  });

  it('imposes the print PDF for saddle stitching: A4 landscape, padded to a multiple of 4, pages in order', () => {
    const screen = file('vi', 'screen');
    const print = file('vi', 'print');
    const screenPages = pageTexts(screen);
    const n = screenPages.length;
    const padded = Math.ceil(n / 4) * 4;
    const { pages, sizes } = pdfPages(print);
    expect(pages).toBe(padded / 2);
    // Two A5 pages side by side plus the print shop's 3 mm bleed all round (tests/print/printshop.test.ts).
    for (const size of sizes) {
      expect(Math.abs(size.width - (2 * 419.5 + 2 * BLEED_PT))).toBeLessThan(1.5);
      expect(Math.abs(size.height - (595.3 + 2 * BLEED_PT))).toBeLessThan(1.5);
    }
    const middle = sizes[0]!.width / 2;
    // Expected 1-based booklet page on each half, 0 for a blank; blanks sit before the back cover.
    const sequence = [...Array.from({ length: n - 1 }, (_, i) => i + 1), ...Array(padded - n).fill(0), n];
    for (let sheet = 0; sheet < padded / 4; sheet++) {
      const sides = [
        [sequence[padded - 1 - 2 * sheet], sequence[2 * sheet]],
        [sequence[2 * sheet + 1], sequence[padded - 2 - 2 * sheet]],
      ];
      sides.forEach(([left, right], side) => {
        const pdfPage = sheet * 2 + side + 1;
        const leftText = pdfTextIn(print, pdfPage, { x: 0, y: 0, width: middle, height: sizes[0]!.height });
        const rightText = pdfTextIn(print, pdfPage, { x: middle, y: 0, width: middle, height: sizes[0]!.height });
        expect(leftText, `sheet side ${pdfPage} left`).toBe(left ? screenPages[left - 1] : '');
        expect(rightText, `sheet side ${pdfPage} right`).toBe(right ? screenPages[right - 1] : '');
      });
    }
  });

  it('gives a short booklet no contents page, in the modern style too', async () => {
    const short = structuredClone(vi);
    short.sections = short.sections.filter((s) => s.kind === 'keyMessages' || s.id === 'dieu-kien-ket-hon');
    const ctx = makeContext({ browser, materials: { vi: short }, languages: ['vi'], settings: { styles: { booklet: 'modern' } } });
    const out = await bookletFormat.build(ctx);
    const screen = path.join(ctx.outDir, out[0]!.path);
    const pages = pageTexts(screen);
    expect(pages.length).toBeLessThanOrEqual(8);
    expect(pages.join(' ')).not.toContain('Mục lục');
    expect(pdfPages(path.join(ctx.outDir, out[1]!.path)).pages).toBe(Math.ceil(pages.length / 4) * 2);
  });

  it('stops when cancelled and leaves no file', async () => {
    const controller = new AbortController();
    controller.abort();
    const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], signal: controller.signal });
    await expect(bookletFormat.build(ctx)).rejects.toMatchObject({ code: 'build.cancelled' });
    expect(existsSync(path.join(ctx.outDir, 'booklet'))).toBe(false);
  });
});
