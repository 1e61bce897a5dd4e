import { describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { assertGlyphs, checkGlyphs, fontChain, fontFaceCss, facesOf } from '../../engine/fonts/index.js';
import { pseudoTranslate, sampleMaterial } from './helpers.js';

describe('font chain', () => {
  it('sets Tai Dam with Noto Sans Tai Viet after the style face, Vietnamese without it', () => {
    expect(fontChain('sans', ['blt'])).toEqual(['beVietnamPro', 'notoSansTaiViet', 'notoSans']);
    expect(fontChain('serif', ['vi', 'blt'])).toEqual(['notoSerif', 'notoSansTaiViet', 'notoSans']);
    expect(fontChain('sans', ['vi'])).toEqual(['beVietnamPro', 'notoSans']);
  });

  it('ships the Vietnamese subset of every Latin face and the Tai Viet subset', async () => {
    for (const id of ['beVietnamPro', 'notoSerif', 'notoSans'] as const) {
      const files = (await facesOf(id)).map((f) => f.file);
      expect(files.some((f) => /-vietnamese-400-normal\.woff2$/.test(f)), id).toBe(true);
    }
    const taiViet = await facesOf('notoSansTaiViet');
    expect(taiViet.some((f) => /tai-viet-400-normal\.woff2$/.test(f.file))).toBe(true);
  });

  it('inlines only the subsets a page needs', async () => {
    const latinOnly = await fontFaceCss(['beVietnamPro', 'notoSansTaiViet'], 'Kết hôn');
    const withTaiViet = await fontFaceCss(['beVietnamPro', 'notoSansTaiViet'], 'Kết hôn ꪀꪱꪙ');
    expect(latinOnly).not.toContain('U+AA80-AADF');
    expect(latinOnly).toContain('U+1EA0-1EF9'); // the Vietnamese subset, for "ế"
    expect(withTaiViet).toContain("font-family:'Noto Sans Tai Viet'");
    expect(withTaiViet).toContain('U+AA80-AADF');
  });
});

describe('glyph check', () => {
  it('passes the sample in Vietnamese and complete Tai Dam and Hmong translations', async () => {
    const vi = await sampleMaterial();
    expect(await checkGlyphs(vi, 'vi')).toEqual([]);
    expect(await checkGlyphs(pseudoTranslate(vi, 'blt'), 'blt')).toEqual([]);
    expect(await checkGlyphs(pseudoTranslate(vi, 'hnj'), 'hnj')).toEqual([]);
  });

  it('names the character and the text unit no font can draw', async () => {
    const blt = pseudoTranslate(await sampleMaterial(), 'blt');
    const message = blt.sections.find((s) => s.kind === 'keyMessages');
    if (message?.kind !== 'keyMessages') throw new Error('sample has key messages');
    message.messages[1]!.text = 'ꪀꪱꪙ \u{AAC3} ꪒꪾ'; // U+AAC3 is unassigned in the Tai Viet block
    blt.title.text = 'ꪀꪱꪙ 🧿';
    const problems = await checkGlyphs(blt, 'blt');
    expect(problems.map((p) => [p.unitId, p.codePoint, p.character])).toEqual([
      ['meta.title', 'U+1F9FF', '🧿'],
      [message.messages[1]!.id, 'U+AAC3', '\u{AAC3}'],
    ]);
    expect(problems[0]!.chain).toContain('Noto Sans Tai Viet');
  });

  it('finds Tai Viet text unprintable when the edition is set only with Latin fonts', async () => {
    const blt = pseudoTranslate(await sampleMaterial(), 'blt');
    const problems = await checkGlyphs(blt, 'blt', { fontLanguages: ['vi'] });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ unitId: 'meta.title', codePoint: expect.stringMatching(/^U\+AA[89AB]/) });
  });

  it('assertGlyphs throws a StudioError with the character, code point and unit', async () => {
    const vi = await sampleMaterial();
    vi.hotline!.text = 'Gọi 111 🧿';
    const error = await assertGlyphs(vi, 'vi').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'fonts.missingGlyph', params: { character: '🧿', codePoint: 'U+1F9FF', unitId: 'meta.hotline', language: 'vi', count: 1 } });
  });

  it('also checks printed strings that are not text units (labels, articles)', async () => {
    const vi = await sampleMaterial();
    const problems = await checkGlyphs(vi, 'vi', { extra: [{ id: 'label.hotline', text: 'Đường dây nóng \u{1F4DE}' }] });
    expect(problems.map((p) => [p.unitId, p.codePoint])).toEqual([['label.hotline', 'U+1F4DE']]);
  });
});
