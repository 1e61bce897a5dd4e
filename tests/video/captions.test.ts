import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { splitIntoCues, wrapWords } from '../../engine/formats/video/captions.js';
import { captionMeasure, type Measure } from '../../engine/formats/video/textMeasure.js';
import { captionMetrics } from '../../templates/video/layout.js';

let measure: Measure;
beforeAll(async () => {
  measure = await captionMeasure();
});

describe('caption measuring', () => {
  it('measures with the real font: wide letters are wider, diacritics cost nothing extra', () => {
    expect(measure('WWWW')).toBeGreaterThan(measure('iiii') * 2);
    expect(Math.abs(measure('Đường') - measure('Duong')) / measure('Duong')).toBeLessThan(0.05);
    expect(measure('ơi')).toBeGreaterThan(0);
  });
});

describe('caption cues', () => {
  const m = captionMetrics('9:16', 1080, 1920);
  const fit = (line: string) => measure(line) * m.fontSize <= m.maxLineWidth + 0.5;

  it('keeps a short line in one cue and one line', () => {
    expect(splitIntoCues('Đúng rồi, chị vào uống nước đã.', m.maxLineWidth, m.fontSize, measure)).toEqual([
      { lines: ['Đúng rồi, chị vào uống nước đã.'], share: 1 },
    ]);
  });

  it('does not strand a single word in a cue of its own', () => {
    const cues = splitIntoCues('Ở bản Nà Hạ, gia đình Páo đang chuẩn bị đám cưới cho Páo và Mỷ.', m.maxLineWidth, m.fontSize, measure);
    expect(cues.length).toBe(2);
    for (const c of cues) expect(c.lines.join(' ').split(' ').length).toBeGreaterThan(2);
  });

  it('splits any text into cues of at most two fitting lines, broken only between words, losing nothing', () => {
    const word = fc.stringMatching(/^[a-zàáảãạăắằẳẵặâấầẩẫậđêếềểễệôốồổỗộơớờởỡợưứừửữự]{1,9}[,.]?$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), fc.constantFrom('16:9', '9:16', '1:1' as const), (words, aspect) => {
        const metrics = captionMetrics(aspect, 1080 * (aspect === '16:9' ? 16 / 9 : 1), aspect === '9:16' ? 1920 : 1080);
        const text = words.join(' ');
        const cues = splitIntoCues(text, metrics.maxLineWidth, metrics.fontSize, measure);
        expect(cues.flatMap((c) => c.lines).join(' ')).toBe(text);
        let share = 0;
        for (const cue of cues) {
          expect(cue.lines.length).toBeGreaterThanOrEqual(1);
          expect(cue.lines.length).toBeLessThanOrEqual(2);
          for (const line of cue.lines) {
            if (line.includes(' ')) expect(measure(line) * metrics.fontSize).toBeLessThanOrEqual(metrics.maxLineWidth + 0.5);
          }
          share += cue.share;
        }
        expect(share).toBeCloseTo(1, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('wraps at word boundaries within the width', () => {
    const lines = wrapWords('Người tổ chức tảo hôn sẽ bị xử phạt. Tái phạm thì có thể bị truy cứu trách nhiệm hình sự.', m.maxLineWidth, m.fontSize, measure);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(fit(l)).toBe(true);
  });
});

describe('measuring agrees with Chromium', () => {
  it('measures caption lines never narrower than Chromium draws them, and at most 6% wider', async () => {
    const { chromium } = await import('playwright-core');
    const { fontFaceCss } = await import('../../engine/fonts/index.js');
    const { findChromium, HEADLESS_ARGS } = await import('../../engine/render/chromium.js');
    const { FONT_FAMILY, CAPTION_WEIGHT } = await import('../../templates/video/typography.js');
    const samples = ['Mỷ mười sáu tuổi rồi, cưới về cho có người làm nương.', 'Chào bác! Cháu nghe tin nhà mình', 'WIDE letters and narrow iiii', 'Đăng ký kết hôn ở xã không mất lệ phí'];
    const browser = await chromium.launch({ executablePath: findChromium(), args: HEADLESS_ARGS.filter((a) => !a.startsWith('--headless')) });
    try {
      const page = await browser.newPage();
      const css = await fontFaceCss(['beVietnamPro', 'notoSansTaiViet', 'notoSans'], samples.join(' '));
      await page.setContent(`<style>${css} span{font-family:${FONT_FAMILY};font-weight:${CAPTION_WEIGHT};font-size:100px;white-space:nowrap}</style>${samples.map((s) => `<div><span>${s}</span></div>`).join('')}`);
      await page.evaluate(() => document.fonts.ready);
      const widths = await page.$$eval('span', (spans) => spans.map((s) => s.getBoundingClientRect().width));
      samples.forEach((s, i) => {
        const ours = measure(s) * 100;
        expect(ours).toBeGreaterThanOrEqual(widths[i]!);
        expect(ours / widths[i]!).toBeLessThan(1.06);
      });
    } finally {
      await browser.close();
    }
  });
});
