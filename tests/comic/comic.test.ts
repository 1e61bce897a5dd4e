/**
 * The comic strip of the sample brief's situation, in Vietnamese and in a
 * stand-in Hmong translation: A4 and A5 PDFs (pdfinfo, pdftotext), the
 * 1080×1350 carousel with an alternative text per slide, balloons measured in
 * Chromium (none clipped, tails drawn), and a line too long for any balloon
 * reported by the fit check instead of printed. Pictures are kept in
 * test-results/comic/ to be looked at.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comicFormat, comicStory, openComicPages } from '../../engine/formats/comic/index.js';
import { findVariant, findFormatDescriptor } from '../../engine/build/registry.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { fitText } from '../../engine/formats/print/render.js';
import { bookletFormat } from '../../engine/formats/print/index.js';
import { resolvePrintSettings } from '../../engine/formats/print/settings.js';
import { BLEED_PT } from '../../engine/formats/print/pdfTools.js';
import { TAILS_SCRIPT } from '../../templates/comic/tailsScript.js';
import { comicSlides, MAX_SLIDES } from '../../templates/comic/layout.js';
import type { ComicStory } from '../../templates/comic/story.js';
import { testLabels } from '../helpers/labels.js';
import { makeContext, normalize, pdfPages, pdfText, pngSize, pseudoTranslate, qpdfJson, run, sampleMaterial } from '../print/helpers.js';

const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-results', 'comic');

let browser: Browser;
let vi: Material;
let hnj: Material;
let outDir: string;
let outputs: OutputEntry[];

const linesOf = (m: Material) => {
  const s = m.sections.find((x) => x.kind === 'situation');
  if (s?.kind !== 'situation') throw new Error('the sample has a situation');
  return s.scenes.flatMap((scene) => scene.lines.map((l) => l.unit.text));
};

beforeAll(async () => {
  browser = await launchBrowser();
  vi = await sampleMaterial();
  hnj = pseudoTranslate(vi, 'hnj');
  // With the CMYK PDF/X-3 option on (off by default), as a print shop may ask.
  const ctx = makeContext({ browser, materials: { vi, hnj }, languages: ['vi', 'hnj'], settings: { cmykPdfX: true } });
  outDir = ctx.outDir;
  outputs = await comicFormat.build(ctx);
  mkdirSync(SHOTS, { recursive: true });
  for (const language of ['vi', 'hnj']) {
    for (const paper of ['a4', 'a5']) {
      run('pdftoppm', ['-png', '-r', '60', path.join(outDir, `comic/${language}/ket-hon-dung-tuoi-comic-${paper}.pdf`), path.join(SHOTS, `${language}-${paper}`)]);
    }
    for (const o of outputs.filter((x) => x.language === language && x.path.endsWith('.png'))) copyFileSync(path.join(outDir, o.path), path.join(SHOTS, `${language}-${o.variant}.png`));
  }
});

afterAll(async () => {
  await browser?.close();
});

describe('comic', () => {
  it('prints A4 and A5 PDFs carrying every line of the situation exactly, in each language', () => {
    for (const [language, m] of [['vi', vi], ['hnj', hnj]] as const) {
      for (const [paper, width, height] of [['a4', 595.28, 841.89], ['a5', 419.53, 595.28]] as const) {
        const entry = outputs.find((o) => o.language === language && o.variant === paper)!;
        const file = path.join(outDir, entry.path);
        const { pages, sizes } = pdfPages(file);
        expect(pages).toBeGreaterThanOrEqual(2);
        expect(entry.pages).toBe(pages);
        // The manifest gives the finished (trim) size; the sheet is that plus 3 mm bleed all round.
        expect([entry.width, entry.height]).toEqual([Math.round(width), Math.round(height)]);
        for (const size of sizes) {
          expect(Math.abs(size.width - width - 2 * BLEED_PT)).toBeLessThan(1);
          expect(Math.abs(size.height - height - 2 * BLEED_PT)).toBeLessThan(1);
        }
        const text = pdfText(file);
        for (const line of linesOf(m)) expect(text, `${language} ${paper}`).toContain(normalize(line));
        expect(text).toContain(m.title.text);
      }
    }
    // The Hmong edition prints the Hmong lines, not the Vietnamese ones.
    expect(pdfText(path.join(outDir, 'comic/hnj/ket-hon-dung-tuoi-comic-a4.pdf'))).not.toContain(normalize(linesOf(vi)[1]!));
  });

  it('is ready for the print shop: TrimBox 3 mm inside, BleedBox = MediaBox, crop marks, and a CMYK PDF/X-3 beside it', () => {
    const boxes = (file: string) => Object.fromEntries([...run('pdfinfo', ['-box', file]).matchAll(/^(MediaBox|BleedBox|TrimBox):\s+([-\d.\s]+)$/gm)]
      .map((m) => [m[1]!, m[2]!.trim().split(/\s+/).map(Number)]));
    for (const paper of ['a4', 'a5']) {
      const rgb = path.join(outDir, `comic/vi/ket-hon-dung-tuoi-comic-${paper}.pdf`);
      const cmyk = rgb.replace(/\.pdf$/, '-cmyk.pdf');
      for (const file of [rgb, cmyk]) {
        const b = boxes(file);
        expect(b['BleedBox'], file).toEqual(b['MediaBox']);
        const [mx0, my0, mx1, my1] = b['MediaBox']!;
        const [tx0, ty0, tx1, ty1] = b['TrimBox']!;
        for (const inset of [tx0! - mx0!, ty0! - my0!, mx1! - tx1!, my1! - ty1!]) expect(Math.abs(inset - BLEED_PT)).toBeLessThan(0.02);
      }
      const json = JSON.stringify(qpdfJson(cmyk, 'qpdf'));
      expect(json).toMatch(/GTS_PDFX/);
      expect(json).not.toMatch(/DeviceRGB/);
      // Not a variant of its own: the CMYK file sits beside the RGB one, outside the manifest.
      expect(outputs.some((o) => o.path.endsWith('-cmyk.pdf'))).toBe(false);
    }
    // A crop mark in the top-left corner's bleed, along the trim's top edge (A5 page 1 at 300 dpi, looked at in test-results/comic).
    run('pdftoppm', ['-f', '1', '-l', '1', '-r', '300', '-gray', '-singlefile', path.join(outDir, 'comic/vi/ket-hon-dung-tuoi-comic-a5.pdf'), path.join(outDir, 'corner')]);
    const pgm = readFileSync(path.join(outDir, 'corner.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
    const [w, offset] = [Number(header[1]), header[0].length];
    const bleedPx = Math.round((BLEED_PT / 72) * 300);
    let dark = 0;
    for (let x = 0; x < bleedPx - 10; x++) for (let y = bleedPx - 2; y <= bleedPx + 2; y++) if (pgm[offset + y * w + x]! < 70) dark++;
    expect(dark).toBeGreaterThan(10);
    run('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', '-singlefile', path.join(outDir, 'comic/vi/ket-hon-dung-tuoi-comic-a5-cmyk.pdf'), path.join(SHOTS, 'vi-a5-cmyk')]);
  });

  it('captures the carousel as 1080×1350 slides, each with its alternative text, as one multi-image post', () => {
    for (const [language, m] of [['vi', vi], ['hnj', hnj]] as const) {
      const slides = outputs.filter((o) => o.language === language && o.variant.startsWith('carousel-'));
      expect(slides.map((s) => s.variant)).toEqual(slides.map((_, i) => `carousel-${String(i + 1).padStart(2, '0')}`));
      expect(slides.length).toBeGreaterThanOrEqual(4);
      expect(slides.length).toBeLessThanOrEqual(10);
      for (const s of slides) {
        expect(pngSize(path.join(outDir, s.path))).toEqual({ width: 1080, height: 1350 });
        expect([s.width, s.height]).toEqual([1080, 1350]);
        // Who says what, and the citation the story rests on.
        expect(s.altText).toMatch(/52\/2014\/QH13 Điều/);
      }
      const alts = slides.map((s) => s.altText!).join('\n');
      for (const line of linesOf(m)) expect(alts).toContain(line);
      expect(alts).toContain(`${language === 'vi' ? 'Người kể' : testLabels('hnj')['comic.narrator']}: “`);
      expect(alts).toContain('Chị Hoa: “');
      expect(findVariant('comic', slides[0]!.variant)).toMatchObject({ role: 'post-image', carousel: true });
    }
    expect(findFormatDescriptor('comic')?.variants.map((v) => v.id)).toEqual(['a4', 'a5', 'carousel']);
  });

  it('fits every balloon in its panel (measured in Chromium) and points a tail at each speaker', async () => {
    const story = comicStory({ source: vi, sourceSection: vi.sections.find((s) => s.kind === 'situation') as never, material: hnj, language: 'hnj', labels: testLabels('hnj'), settings: {}, warn: () => {} });
    const page = await openComicPages(browser, story, { primary: '#8E1B1B', accent: '#C99A2E', font: 'sans-serif' }, 'a5');
    try {
      const report = await fitText(page);
      expect(report.failures).toEqual([]);
      // Every line's box lies inside its panel's balloon band and inside its balloon: nothing cut off.
      const lines = await page.evaluate(`[...document.querySelectorAll('.comic-zone [data-unit]')].map((u) => {
        const r = u.getBoundingClientRect(), z = u.closest('.comic-zone').getBoundingClientRect();
        const b = (u.closest('.comic-balloon') || u).getBoundingClientRect();
        const within = (o) => r.top >= o.top - 1 && r.bottom <= o.bottom + 1 && r.left >= o.left - 1 && r.right <= o.right + 1;
        return within(z) && within(b) && u.scrollWidth <= u.clientWidth + 1;
      })`) as boolean[];
      expect(lines.length).toBe(linesOf(vi).length);
      expect(lines.every(Boolean)).toBe(true);
      // One tail per balloon, each towards a speaker standing in the panel.
      const balloons = await page.evaluate(`document.querySelectorAll('.comic-balloon').length`) as number;
      expect(balloons).toBeGreaterThanOrEqual(8);
      expect(await page.evaluate(TAILS_SCRIPT)).toBe(balloons);
    } finally {
      await page.close();
    }
  });

  it('reports a line too long for any balloon to `check` and refuses to print it clipped', async () => {
    const long = structuredClone(vi);
    const section = long.sections.find((s) => s.kind === 'situation');
    if (section?.kind !== 'situation') throw new Error('situation');
    const line = section.scenes[1]!.lines[2]!;
    line.unit.text = Array.from({ length: 40 }, () => line.unit.text).join(' ');
    const ctx = makeContext({ browser, materials: { vi: long }, languages: ['vi'], settings: { comic: { papers: ['a5'], carousel: false } } });
    const problems = await comicFormat.measureFit!(ctx);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.unitIds[0] === line.unit.id)).toBe(true);
    await expect(comicFormat.build(ctx)).rejects.toMatchObject({ code: 'print.textDoesNotFit' });
  });

  it('adds its A5 pages to the booklet before the back cover only when booklet.comicPages is on', async () => {
    expect((await resolvePrintSettings({}, null)).booklet.comicPages).toBe(false);
    const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { booklet: { comicPages: true } } });
    const [screen] = await bookletFormat.build(ctx);
    const file = path.join(ctx.outDir, screen!.path);
    const comicPages = outputs.find((o) => o.language === 'vi' && o.variant === 'a5')!.pages!;
    const pages = pdfPages(file).pages;
    const comicText = pdfText(file, { first: pages - comicPages, last: pages - 1 });
    expect(comicText).toContain('TRUYỆN TRANH');
    for (const line of linesOf(vi)) expect(comicText).toContain(normalize(line));
    expect(pdfText(file, { first: pages, last: pages }).toLocaleLowerCase('vi')).toContain('cơ quan phát hành');
    run('pdftoppm', ['-png', '-r', '50', '-f', String(pages - comicPages), '-l', String(pages - comicPages), file, path.join(SHOTS, 'booklet-comic-page')]);
  });

  it('keeps a long situation within one post: two panels a slide past ten slides', () => {
    const panel = { number: 1, scene: 1, kicker: null, background: 'neutral', timeOfDay: 'noon', cast: [], lines: [], wide: false } as const;
    const story = { panels: Array.from({ length: 17 }, (_, i) => ({ ...panel, number: i + 1 })) } as unknown as ComicStory;
    const slides = comicSlides(story);
    expect(slides.length).toBeLessThanOrEqual(MAX_SLIDES);
    expect(slides.flatMap((s) => (s.kind === 'panels' ? s.panels.map((p) => p.number) : []))).toEqual(story.panels.map((p) => p.number));
  });
});
