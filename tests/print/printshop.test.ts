/**
 * What a print shop gets: 3 mm bleed (TrimBox inset, BleedBox = MediaBox),
 * crop marks, tagged PDFs, the brief's pictures on the page; and what `check`
 * says about pictures (no alt text, no file, too few pixels).
 * One small brief, one build of each print format, in beforeAll.
 */
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBriefFile } from '../../engine/brief/import.js';
import { bookletFormat, leafletFormat } from '../../engine/formats/print/index.js';
import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import { BLEED_PT } from '../../engine/formats/print/pdfTools.js';
import { writeCmykPdfX } from '../../engine/formats/print/pdfx.js';
import type { Material } from '../../engine/model/material.js';
import { listTextUnits } from '../../engine/model/units.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { ROOT, lineOf, tempFiles } from '../helpers/briefs.js';
import { makeContext, pdfInfo, qpdfCheck, qpdfJson, run } from './helpers.js';

const SHOTS = path.join(ROOT, 'test-results', 'printshop');
let browser: Browser;
const { dir, write } = tempFiles('printshop');
let outDir: string;
let material: Material;

const BRIEF = (picture: string) => `---
id: anh-in
title: "Đăng ký kết hôn"
issuer: "Sở Tư pháp tỉnh Sơn La"
source_language: vi
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
---

# Thông điệp chính

1. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.

# Điều kiện kết hôn
<!-- legal: 52/2014/QH13 Điều 8 -->

Hai người tự nguyện quyết định việc kết hôn.

${picture}
`;

/** A PNG `width` px wide (3:2), made by the test's Chromium: blue with a yellow band, so it is found by colour. */
async function makePng(width: number, file: string): Promise<void> {
  const page = await browser.newPage({ viewport: { width, height: Math.round(width / 1.5) } });
  await page.setContent('<body style="margin:0;background:#1040c0"><div style="margin-top:20%;height:30%;background:#f0d020"></div></body>');
  writeFileSync(file, await page.screenshot({ type: 'png' }));
  await page.close();
}

function boxes(file: string): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const m of run('pdfinfo', ['-box', file]).matchAll(/^(MediaBox|CropBox|BleedBox|TrimBox|ArtBox):\s+([-\d.\s]+)$/gm)) {
    out[m[1]!] = m[2]!.trim().split(/\s+/).map(Number);
  }
  return out;
}

/** RGB pixels of page 1 at `dpi` (pdftoppm -png), saved under test-results/printshop. */
function render(file: string, name: string, dpi = 72): { width: number; height: number; at(x: number, y: number): [number, number, number] } {
  const stem = path.join(SHOTS, name);
  run('pdftoppm', ['-f', '1', '-l', '1', '-r', String(dpi), '-png', '-singlefile', file, stem]);
  const ppm = path.join(outDir, `${name}.ppm`);
  run('pdftoppm', ['-f', '1', '-l', '1', '-r', String(dpi), '-singlefile', file, ppm.slice(0, -4)]);
  const bytes = readFileSync(ppm);
  // P6 header: "P6\n<w> <h>\n255\n"
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.toString('latin1', 0, 40))!;
  const [width, height, offset] = [Number(header[1]), Number(header[2]), header[0].length];
  return { width, height, at: (x, y) => { const i = offset + (y * width + x) * 3; return [bytes[i]!, bytes[i + 1]!, bytes[i + 2]!]; } };
}

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(path.join(dir, 'anh'));
  await makePng(900, path.join(dir, 'anh', 'so-do.png'));
  const imported = await importBriefFile(write('brief.md', BRIEF('![Sơ đồ các bước đăng ký kết hôn](anh/so-do.png)')));
  if (!imported.material) throw new Error(JSON.stringify(imported.diagnostics));
  material = imported.material;
  const ctx = { ...makeContext({ browser, materials: { vi: material }, languages: ['vi'], settings: { editionDate: '2025-11-20' } }), briefDir: dir };
  outDir = ctx.outDir;
  await bookletFormat.build(ctx);
  // The leaflet also with the CMYK PDF/X-3 option (off by default).
  await leafletFormat.build({ ...ctx, settings: { ...ctx.settings, cmykPdfX: true } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

const file = (format: string, variant: string) => path.join(outDir, format, 'vi', `anh-in-${format}-${variant}.pdf`);

describe('pictures in a brief', () => {
  it('are image blocks whose alt text is a translatable text unit', () => {
    const image = material.sections.flatMap((s) => (s.kind === 'content' ? s.blocks : [])).find((b) => b.type === 'image');
    expect(image).toMatchObject({ type: 'image', src: 'anh/so-do.png', unit: { text: 'Sơ đồ các bước đăng ký kết hôn' } });
    expect(listTextUnits(material).find((e) => e.role === 'imageAlt')?.unit.id).toMatch(/^dieu-kien-ket-hon\.img-[0-9a-f]{8}$/);
  });

  it('appear in the booklet, tagged as a Figure with the alt text', () => {
    const pdf = file('booklet', 'screen');
    const images = run('pdfimages', ['-list', pdf]).split('\n').slice(2).filter((l) => l.trim());
    expect(images.some((l) => /\s900\s+600\s/.test(l))).toBe(true);
    expect(run('pdfinfo', ['-struct', pdf])).toMatch(/Figure/);
    // The Figure's /Alt, as qpdf decodes the PDF's strings.
    const objects = JSON.stringify(qpdfJson(pdf, 'qpdf'));
    expect(objects).toMatch(/"\/Alt":\s*"u:Sơ đồ các bước đăng ký kết hôn"/);
  });

  it('are check errors without alt text or file, and named with their dpi when too small', async () => {
    const check = async (picture: string) => {
      return (await importBriefFile(write('brief.md', BRIEF(picture)))).diagnostics.filter((d) => d.code.startsWith('image.'));
    };
    const line = lineOf(BRIEF('@@'), '@@');
    expect(await check('![](anh/so-do.png)')).toMatchObject([{ severity: 'error', code: 'image.noAlt', line, col: 1 }]);
    expect(await check('![Sơ đồ](anh/khong-co.png)')).toMatchObject([{ severity: 'error', code: 'image.missing', line, col: 1 }]);
    await makePng(300, path.join(dir, 'anh', 'nho.png'));
    await makePng(600, path.join(dir, 'anh', 'vua.png'));
    expect(await check('![Sơ đồ](anh/nho.png)')).toMatchObject([{ severity: 'error', code: 'image.lowResolution', params: { dpi: '63' } }]);
    expect(await check('![Sơ đồ](anh/vua.png)')).toMatchObject([{ severity: 'warning', code: 'image.softResolution', params: { dpi: '127' } }]);
  });
});

describe('print PDFs for the print shop', () => {
  // The booklet's trim is its two A5 pages side by side (2 × 419.5 pt); the leaflet's the A4 sheet.
  for (const [format, trimW, trimH] of [['booklet', 839, 595], ['leaflet', 842, 595]] as const) {
    it(`${format}: TrimBox 3 mm inside the MediaBox, BleedBox = MediaBox, qpdf clean`, () => {
      const pdf = file(format, 'print');
      const b = boxes(pdf);
      expect(b['BleedBox']).toEqual(b['MediaBox']);
      const [mx0, my0, mx1, my1] = b['MediaBox']!;
      const [tx0, ty0, tx1, ty1] = b['TrimBox']!;
      for (const inset of [tx0! - mx0!, ty0! - my0!, mx1! - tx1!, my1! - ty1!]) expect(Math.abs(inset - BLEED_PT)).toBeLessThan(0.02);
      expect(Math.abs(tx1! - tx0! - trimW)).toBeLessThan(1.5);
      expect(Math.abs(ty1! - ty0! - trimH)).toBeLessThan(1);
      expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
    });
  }

  it('makes a CMYK PDF/X-3 beside the RGB leaflet when asked, boxes kept', () => {
    const cmyk = file('leaflet', 'print-cmyk');
    const json = JSON.stringify(qpdfJson(cmyk, 'qpdf'));
    expect(json).toMatch(/GTS_PDFX/);
    expect(json).toMatch(/DeviceCMYK|"\/N": 4/);
    expect(json).not.toMatch(/DeviceRGB/);
    const b = boxes(cmyk);
    expect(Math.abs(b['TrimBox']![0]! - b['MediaBox']![0]! - BLEED_PT)).toBeLessThan(0.02);
    expect(b['BleedBox']).toEqual(b['MediaBox']);
    render(cmyk, 'leaflet-print-cmyk', 40);
  });

  it('the CMYK PDF/X-3 is dated by the edition, and converted again it is the same file', async () => {
    const cmyk = file('leaflet', 'print-cmyk');
    expect(run('pdfinfo', ['-isodates', cmyk])).toMatch(/^CreationDate:\s+2025-11-19T17:00:00(Z|\+00:00)$/m);
    // A small RGB page converted twice, a second apart (the file's dates have seconds): the same bytes.
    const doc = await PDFDocument.create();
    doc.addPage([200, 200]).drawRectangle({ x: 20, y: 20, width: 160, height: 160, color: rgb(0.75, 0.22, 0.17) });
    const small = path.join(outDir, 'small-rgb.pdf');
    writeFileSync(small, await doc.save());
    const converted: Buffer[] = [];
    for (const _ of [1, 2]) {
      converted.push(readFileSync(await writeCmykPdfX(small, { title: 'T', madeAt: new Date('2025-11-19T17:00:00Z') })));
      await new Promise((resolve) => setTimeout(resolve, 1100));
    }
    expect(converted[1]!.equals(converted[0]!)).toBe(true);
  });

  it('leaflet print is tagged; the booklet screen edition too', () => {
    expect(pdfInfo(file('leaflet', 'print'))['Tagged']).toBe('yes');
    expect(pdfInfo(file('booklet', 'screen'))['Tagged']).toBe('yes');
  });

  it('crop marks sit in the corners outside the trim, and the red cover runs into the bleed', () => {
    // 300 dpi: the bleed is ~35 px. Booklet sheet 1 (back | front cover), leaflet outside.
    const sheet = render(file('booklet', 'print'), 'booklet-print-sheet1', 300);
    const bleedPx = Math.round((BLEED_PT / 72) * 300);
    const dark = (p: [number, number, number]) => p[0] + p[1] + p[2] < 200;
    // Along the trim's top edge, 1 mm out from the left corner: the horizontal mark.
    const markRow = bleedPx;
    let markPixels = 0;
    for (let x = 0; x < bleedPx - 10; x++) for (let y = markRow - 2; y <= markRow + 2; y++) if (dark(sheet.at(x, y))) markPixels++;
    expect(markPixels).toBeGreaterThan(10);
    // Inside the bleed strip on the cover's outer edge, away from the corners: cover red, not white paper.
    const [r, g, bl] = sheet.at(sheet.width - Math.round(bleedPx / 2), Math.round(sheet.height / 2));
    expect(r).toBeGreaterThan(100);
    expect(g + bl).toBeLessThan(r);
    render(file('leaflet', 'print'), 'leaflet-print-outside', 60);
  });
});
