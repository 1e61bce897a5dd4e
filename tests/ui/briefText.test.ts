/**
 * The front-matter form's text edits: an untouched form writes the brief back
 * byte for byte, a new field lands where the brief format lists it, and a
 * blank-project brief validates as the engine reads it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateBrief } from '../../engine/app/index.js';
import { translator } from '../../engine/i18n/index.js';
import { blankBrief, readFrontMatter, slugOf, writeFrontMatter } from '../../renderer/src/components/briefText.js';
import { SAMPLE_BRIEF } from '../../engine/api/service.js';

const sample = readFileSync(SAMPLE_BRIEF, 'utf8');

describe('the brief as the front-matter form edits it', () => {
  it('writes an unchanged form back byte for byte, and an edited date only where it changed', () => {
    const fields = readFrontMatter(sample)!;
    expect(fields.legalBasis[0]).toEqual({ ref: '52/2014/QH13', title: 'Luật Hôn nhân và gia đình', articles: ['Điều 3 khoản 8', 'Điều 5 khoản 2', 'Điều 8', 'Điều 9'], effective: '2015-01-01' });
    expect(writeFrontMatter(sample, fields)).toBe(sample);
    const edited = writeFrontMatter(sample, { ...fields, legalBasis: fields.legalBasis.map((r, i) => (i === 2 ? { ...r, effective: '2018-01-02' } : r)) })!;
    expect(edited).toContain('effective: 2018-01-02');
    expect(edited.split('\n').length).toBe(sample.split('\n').length);
    const { material } = validateBrief(edited, translator('vi'));
    expect(material?.legalBasis[2]?.articles).toEqual(['Điều 183']);
    // The body is untouched.
    expect(edited.slice(edited.indexOf('# Thông điệp chính'))).toBe(sample.slice(sample.indexOf('# Thông điệp chính')));
  });

  it('puts a new subtitle under the title and removes an emptied one', () => {
    const noSubtitle = sample.replace(/^subtitle:.*\n/m, '');
    const added = writeFrontMatter(noSubtitle, { ...readFrontMatter(noSubtitle)!, subtitle: 'Hỏi đáp' })!;
    expect(added.split('\n').slice(2, 4)).toEqual(['title: "Kết hôn đúng tuổi, đăng ký đúng luật"', 'subtitle: Hỏi đáp']);
    expect(writeFrontMatter(sample, { ...readFrontMatter(sample)!, subtitle: '' })).toBe(noSubtitle);
  });

  it('makes a valid brief from the blank-project form', () => {
    const text = blankBrief({
      id: slugOf('Đăng ký khai sinh đúng hạn'), title: 'Đăng ký khai sinh đúng hạn', subtitle: '', issuer: 'UBND xã Mường Lói',
      sourceLanguage: 'vi', targetLanguages: ['blt'], hotline: '', portalUrl: '',
      legalBasis: [{ ref: '60/2014/QH13', title: 'Luật Hộ tịch', articles: ['Điều 15', 'Điều 16'], effective: '2016-01-01' }],
    }, 'Thông điệp chính', ['Trẻ em phải được đăng ký khai sinh trong 60 ngày kể từ ngày sinh.']);
    const checked = validateBrief(text, translator('vi'));
    expect(checked.validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checked.material?.id).toBe('dang-ky-khai-sinh-dung-han');
    expect(checked.material?.targetLanguages).toEqual(['blt']);
    expect(checked.material?.legalBasis[0]?.articles).toEqual(['Điều 15', 'Điều 16']);
    expect(readFrontMatter('no front matter')).toBeNull();
  });
});
