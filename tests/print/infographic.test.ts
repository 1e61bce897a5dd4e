import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { BLEED_PT } from '../../engine/formats/print/pdfTools.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { infographicFormat } from '../../engine/formats/print/index.js';
import { openInfographicPage } from '../../engine/formats/print/infographic.js';
import { infographicVisuals } from '../../engine/formats/print/infographicVisuals.js';
import { fitText } from '../../engine/formats/print/render.js';
import { resolvePrintSettings } from '../../engine/formats/print/settings.js';
import { importBriefText } from '../../engine/brief/import.js';
import { pictogramFor } from '../../engine/visual/pictograms.js';
import { keyFiguresOf } from '../../engine/visual/keyFigures.js';
import { INFOGRAPHIC_SIZES, type InfographicSize } from '../../templates/print/infographic/infographicCss.js';
import { printLabels } from '../../templates/print/labels.js';
import { testLabels } from '../helpers/labels.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';
import { readFileSync } from 'node:fs';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { makeContext, normalize, pdfFonts, pdfPages, pdfText, pngSize, pseudoTranslate, qpdfCheck, qpdfJson, run, sampleMaterial } from './helpers.js';

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

  it('renders the modern style; with cmykPdfX, a CMYK PDF/X-3 poster beside the RGB one', async () => {
    const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { styles: { infographic: 'modern' }, cmykPdfX: true } });
    const out = await infographicFormat.build(ctx);
    expect(out.map((o) => o.variant)).toEqual(['feed', 'square', 'story', 'poster']);
    expect(pngSize(path.join(ctx.outDir, out[2]!.path))).toEqual({ width: 1080, height: 1920 });
    const cmyk = path.join(ctx.outDir, out[3]!.path.replace(/\.pdf$/, '-cmyk.pdf'));
    const objects = JSON.stringify(qpdfJson(cmyk, 'qpdf'));
    expect(objects).toMatch(/GTS_PDFX/);
    expect(objects).not.toMatch(/DeviceRGB/);
    expect(run('pdfinfo', ['-box', cmyk])).toMatch(/TrimBox:\s+8\.50/);
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
    message.text = Array(30).fill('Tảo hôn là vi phạm pháp luật và gây hại cho sức khỏe, học tập của trẻ em.').join(' ');
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

/** What a laid-out page shows, measured in Chromium after the fit script ran. */
interface PageFacts {
  clipped: string[];
  figures: Array<{ value: string; unit: string }>;
  icons: Array<{ unit: string; icon: string }>;
  puppets: number;
  titleLastLineWords: number;
  text: string;
}

async function pageFacts(material: Material, language: string, size: InfographicSize, pictograms?: Record<string, string>): Promise<PageFacts> {
  const settings = await resolvePrintSettings({}, null);
  const source = pictograms ? { ...material, pictograms } : material;
  const { page } = await openInfographicPage(browser, settings, material, language, size, printLabels(testLabels(language)), infographicVisuals(source, {}));
  try {
    expect((await fitText(page)).failures).toEqual([]);
    return (await page.evaluate(`(() => {
      const root = document.querySelector('.ig').getBoundingClientRect();
      const clipped = [];
      // Every box and every text: nothing scrolls inside its box, nothing lies outside the canvas.
      for (const el of document.querySelectorAll('[data-fit], [data-unit], .ig-figure, .ig-cite-item')) {
        const r = el.getBoundingClientRect();
        const name = el.getAttribute('data-fit') || el.getAttribute('data-unit') || el.className;
        // The boxes clip (overflow: hidden): their content must not scroll. Texts must lie inside their box.
        if (el.hasAttribute('data-fit') && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) clipped.push('scroll:' + name);
        if (r.left < root.left - 1 || r.right > root.right + 1 || r.top < root.top - 1 || r.bottom > root.bottom + 1) clipped.push('outside:' + name);
        const box = el.closest('[data-fit]');
        if (box && box !== el) {
          const b = box.getBoundingClientRect();
          if (r.bottom > b.bottom + 1 || r.right > b.right + 1) clipped.push('box:' + name);
        }
      }
      // The title's last line: the words whose box starts on the same line as the last word.
      const title = document.querySelector('.ig-title');
      const node = title.firstChild;
      const words = [...node.textContent.matchAll(/\\S+/g)];
      const top = (m) => { const r = document.createRange(); r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length); return Math.round(r.getClientRects()[0].top); };
      const lastTop = top(words[words.length - 1]);
      return {
        clipped,
        figures: [...document.querySelectorAll('.ig-figure')].map((f) => ({ value: f.querySelector('.ig-figure-value').textContent, unit: f.querySelector('.ig-figure-unit')?.textContent ?? '' })),
        icons: [...document.querySelectorAll('.ig-card')].map((c) => ({ unit: c.querySelector('[data-unit]').getAttribute('data-unit'), icon: c.querySelector('[data-icon]').getAttribute('data-icon') })),
        puppets: document.querySelectorAll('.ig-cast > g').length,
        titleLastLineWords: words.filter((m) => Math.abs(top(m) - lastTop) < 4).length,
        text: document.body.innerText,
      };
    })()`)) as PageFacts;
  } finally {
    await page.close();
  }
}

describe('infographic design', () => {
  it('sets the figures large exactly as written, with pictograms, the characters and the legal basis, nothing clipped, no lonely word on the title', async () => {
    const messages = keyMessagesOf(vi).messages;
    for (const size of Object.keys(INFOGRAPHIC_SIZES) as InfographicSize[]) {
      const facts = await pageFacts(vi, 'vi', size);
      expect(facts.clipped, size).toEqual([]);
      // "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi" → 20 tuổi | 18 tuổi, the characters of the brief.
      expect(facts.figures, size).toEqual([{ value: '20', unit: 'tuổi' }, { value: '18', unit: 'tuổi' }]);
      expect(facts.icons, size).toEqual([{ unit: messages[1]!.id, icon: 'ban' }, { unit: messages[2]!.id, icon: 'building-bank' }]);
      expect(facts.puppets, size).toBe(3);
      expect(facts.titleLastLineWords, size).toBeGreaterThanOrEqual(2);
      expect(normalize(facts.text), size).toContain('Điều 183 — Bộ luật Hình sự (sửa đổi, bổ sung năm 2017) (100/2015/QH13)');
    }
  });

  it('copies figures character for character and picks icons by keyword', () => {
    const figures = keyFiguresOf('phạt tiền từ 10.000.000 đồng; không quá 05 ngày làm việc; gọi 111 — miễn phí');
    expect(figures.map(({ value, unit }) => ({ value, unit }))).toEqual([
      { value: '10.000.000', unit: 'đồng' },
      { value: '05', unit: 'ngày' },
      { value: '111', unit: '' },
    ]);
    expect(pictogramFor('Nộp tờ khai đăng ký kết hôn theo mẫu')).toBe('file-text');
    expect(pictogramFor('Đăng ký kết hôn có mất tiền không?')).toBe('coin');
    expect(pictogramFor('Một câu không có từ khóa nào')).toBe('info-circle');
  });

  it('takes a pictogram named in the brief over the keyword table, and refuses an unknown name', async () => {
    const text = readFileSync(SAMPLE_BRIEF, 'utf8').replace('portal_url:', 'pictograms:\n  2: school\nportal_url:');
    const { material } = importBriefText(text);
    expect(material?.pictograms).toEqual({ '2': 'school' });
    const facts = await pageFacts(vi, 'vi', 'square', material!.pictograms);
    expect(facts.icons.map((i) => i.icon)).toEqual(['school', 'building-bank']);
    expect(() => infographicVisuals({ ...vi, pictograms: { '1': 'no-such-icon' } }, {})).toThrow(expect.objectContaining({ code: 'print.unknownPictogram' }));
  });

  it('describes each picture in its language for the manifest: messages, figures, legal basis, hotline', () => {
    for (const [language, m] of [['vi', vi], ['blt', blt]] as const) {
      const labels = printLabels(testLabels(language));
      for (const entry of outputs.filter((o) => o.language === language)) {
        const alt = entry.altText!;
        for (const unit of [m.title, m.hotline!, ...keyMessagesOf(m).messages]) expect(alt).toContain(unit.text);
        expect(alt).toContain(`${labels.legalBasis}: Điều 3 khoản 8; Điều 5 khoản 2; Điều 8; Điều 9`);
        expect(alt).toContain('(100/2015/QH13)');
        if (language !== 'vi') expect(alt).not.toContain('Căn cứ pháp lý');
      }
    }
    // The story and the poster show the procedure, so their description reads it too.
    const story = outputs.find((o) => o.language === 'vi' && o.variant === 'story')!;
    expect(story.altText).toContain('Thủ tục đăng ký kết hôn: 1. Đến Ủy ban nhân dân xã');
  });
});
