import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { BLEED_PT } from '../../engine/formats/print/pdfTools.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infographicFormat } from '../../engine/formats/print/index.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { makeContext, normalize, pdfFonts, pdfPages, pdfText, pngSize, pseudoTranslate, qpdfCheck, sampleMaterial } from './helpers.js';

let browser: Browser;
let vi: Material;
let blt: Material;
let outDir: string;
let outputs: OutputEntry[];

const keyMessagesOf = (m: Material) => {
  const s = m.sections.find((x) => x.kind === 'keyMessages');
  if (s?.kind !== 'keyMessages') throw new Error('sample has key messages');
  return s;
};

beforeAll(async () => {
  browser = await launchBrowser();
  vi = await sampleMaterial();
  blt = pseudoTranslate(vi, 'blt');
  const ctx = makeContext({ browser, materials: { vi, blt }, languages: ['vi', 'blt'] });
  outDir = ctx.outDir;
  outputs = await infographicFormat.build(ctx);
});

afterAll(async () => {
  await browser?.close();
});

describe('infographic', () => {
  it('writes feed, square and story PNGs at their pixel sizes and an A3 poster PDF, per language', () => {
    const expected = [
      ['feed', 1080, 1350],
      ['square', 1080, 1080],
      ['story', 1080, 1920],
    ] as const;
    for (const language of ['vi', 'blt']) {
      for (const [variant, width, height] of expected) {
        const entry = outputs.find((o) => o.language === language && o.variant === variant)!;
        expect(entry.path).toBe(`infographic/${language}/ket-hon-dung-tuoi-infographic-${variant}.png`);
        expect([entry.width, entry.height]).toEqual([width, height]);
        const file = path.join(outDir, entry.path);
        expect(pngSize(file)).toEqual({ width, height });
        // A drawn picture, not an empty canvas: PNG of flat colour would be a few kB.
        expect(statSync(file).size).toBeGreaterThan(60_000);
      }
      const poster = outputs.find((o) => o.language === language && o.variant === 'poster')!;
      expect(poster.path).toBe(`infographic/${language}/ket-hon-dung-tuoi-infographic-poster.pdf`);
      const pdf = path.join(outDir, poster.path);
      const { pages, sizes } = pdfPages(pdf);
      expect(pages).toBe(1);
      // A3 is 841.89 × 1190.55 pt; Chromium rounds the page to whole CSS pixels.
      // Plus the print shop's 3 mm bleed on each side (tests/print/printshop.test.ts).
      expect(Math.abs(sizes[0]!.width - 841.89 - 2 * BLEED_PT)).toBeLessThan(1);
      expect(Math.abs(sizes[0]!.height - 1190.55 - 2 * BLEED_PT)).toBeLessThan(1);
      expect([poster.pages, poster.width, poster.height]).toEqual([1, 842, 1191]);
      expect(pdfFonts(pdf).filter((f) => !f.embedded)).toEqual([]);
      expect(qpdfCheck(pdf)).toMatch(/No syntax or stream encoding errors/);
    }
  });

  it('carries the key messages, the procedure steps and the hotline', () => {
    for (const [language, m] of [
      ['vi', vi],
      ['blt', blt],
    ] as const) {
      const text = pdfText(path.join(outDir, `infographic/${language}/ket-hon-dung-tuoi-infographic-poster.pdf`));
      const procedure = m.sections.find((s) => s.id === 'thu-tuc-dang-ky-ket-hon');
      if (procedure?.kind !== 'content') throw new Error('sample procedure');
      const steps = procedure.blocks.flatMap((b) => (b.type === 'list' && b.ordered ? b.items.map((i) => i.unit) : []));
      expect(steps).toHaveLength(4);
      for (const unit of [m.title, m.hotline!, procedure.heading, ...keyMessagesOf(m).messages, ...steps]) {
        expect(text, language).toContain(normalize(unit.text));
      }
    }
  });

  it('renders the modern style', async () => {
    const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { styles: { infographic: 'modern' } } });
    const out = await infographicFormat.build(ctx);
    expect(out.map((o) => o.variant)).toEqual(['feed', 'square', 'story', 'poster']);
    expect(pngSize(path.join(ctx.outDir, out[2]!.path))).toEqual({ width: 1080, height: 1920 });
  });

  it('shrinks a longer message to fit, within bounds', async () => {
    const longer = structuredClone(vi);
    keyMessagesOf(longer).messages[0]!.text = 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn; kết hôn sớm hơn là tảo hôn, bị pháp luật nghiêm cấm và có thể bị xử phạt.';
    const ctx = makeContext({ browser, materials: { vi: longer }, languages: ['vi'] });
    const out = await infographicFormat.build(ctx);
    expect(pdfText(path.join(ctx.outDir, out[3]!.path))).toContain(keyMessagesOf(longer).messages[0]!.text);
  });

  it('reports a key message too long to fit instead of clipping it, and writes no file', async () => {
    const long = structuredClone(vi);
    const message = keyMessagesOf(long).messages[1]!;
    message.text = Array(12).fill('Tảo hôn là vi phạm pháp luật và gây hại cho sức khỏe, học tập của trẻ em.').join(' ');
    const ctx = makeContext({ browser, materials: { vi: long }, languages: ['vi'] });
    await expect(infographicFormat.build(ctx)).rejects.toMatchObject({
      code: 'print.textDoesNotFit',
      params: { format: 'infographic', variant: 'feed', language: 'vi', box: 'messages', unitId: message.id },
    });
    expect(existsSync(path.join(ctx.outDir, 'infographic/vi/ket-hon-dung-tuoi-infographic-feed.png'))).toBe(false);
  });

  it('stops before rendering when a character has no glyph in our fonts', async () => {
    const bad = pseudoTranslate(vi, 'blt');
    keyMessagesOf(bad).messages[0]!.text = 'ꪀꪱꪙ \u{AAC3}';
    const ctx = makeContext({ browser, materials: { blt: bad }, languages: ['blt'] });
    await expect(infographicFormat.build(ctx)).rejects.toMatchObject({
      code: 'fonts.missingGlyph',
      params: { codePoint: 'U+AAC3', unitId: keyMessagesOf(bad).messages[0]!.id, language: 'blt' },
    });
    expect(existsSync(path.join(ctx.outDir, 'infographic'))).toBe(false);
  });
});
