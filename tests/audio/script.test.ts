import { describe, expect, it } from 'vitest';
import { buildScript, chapterSections } from '../../engine/formats/audiobook/script.js';
import { listTextUnits } from '../../engine/model/units.js';
import { sampleMaterial } from './helpers.js';

const withSituation = () =>
  sampleMaterial((t) => t.replace('Chương 4: Hỏi đáp', 'Chương 4: Hỏi đáp\nChương 5: Đám cưới của Páo'));
const voices = { accent: 'central' as const, rate: 0 };

describe('audiobook script', () => {
  it('follows the plan: intro, chapters announced in order, outro', () => {
    const material = sampleMaterial();
    const parts = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null });
    expect(parts.map((p) => p.title)).toEqual([
      'Giới thiệu',
      'Chương 1: Điều kiện kết hôn',
      'Chương 2: Tảo hôn là gì và hậu quả',
      'Chương 3: Thủ tục đăng ký kết hôn',
      'Chương 4: Hỏi đáp',
      'Kết thúc',
    ]);
    const chapter1 = parts[1]!;
    expect(chapter1.lines[0]).toMatchObject({ target: null, text: 'Chương 1.' });
    // Every unit of the section, in reading order, each its own line.
    const units = listTextUnits(material).filter((e) => e.sectionId === 'dieu-kien-ket-hon').map((e) => e.unit.id);
    expect(chapter1.lines.slice(1).map((l) => l.target)).toEqual(units);
    expect(parts[0]!.lines.map((l) => l.target)).toEqual([null, material.title.id, material.subtitle!.id, null, material.issuer.id]);
    expect(parts[5]!.lines.some((l) => l.text.includes('pbgdpl.sonla.gov.vn/ket-hon-dung-tuoi'))).toBe(true);
    expect(parts.flatMap((p) => p.lines).every((l) => l.voice.accent === 'central')).toBe(true);
  });

  it('voices a situation by character, with names said when the speaker changes', () => {
    const material = withSituation();
    const parts = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null });
    const situation = parts.find((p) => p.number === 5)!;
    expect(situation.title).toBe('Chương 5: Đám cưới của Páo');
    const byText = (start: string) => situation.lines.find((l) => l.text.startsWith(start))!;
    const father = byText('Mỷ mười sáu tuổi rồi');
    const officer = byText('Chào bác!');
    const girl = byText('Con còn muốn đi học');
    expect(father.voice).toMatchObject({ gender: 'male', pitch: 25 });
    expect(officer.voice).toMatchObject({ gender: 'female', pitch: 56 });
    expect(girl.voice).toMatchObject({ gender: 'female', pitch: 78 });
    const index = situation.lines.indexOf(officer);
    expect(situation.lines[index - 1]).toMatchObject({ target: null, text: 'Chị Hoa:' });
    // Consecutive lines by the same speaker: the name is said once.
    const second = situation.lines.indexOf(byText('Bác ơi, theo Luật'));
    const third = situation.lines.indexOf(byText('Mỷ mới 16 tuổi'));
    expect(situation.lines[third - 1]).toBe(situation.lines[second]);
  });

  it('in a language no engine speaks, keeps only recorded units and a recorded chapter replaces its chapter', () => {
    const material = sampleMaterial();
    const parts = buildScript(material, {
      language: 'blt',
      voices,
      canSynthesize: false,
      speakerNames: true,
      clips: { find: (target) => (target === 'chapter:2' ? '/clips/ch2.wav' : null) },
    });
    expect(parts.flatMap((p) => p.lines).every((l) => l.target !== null)).toBe(true);
    expect(parts.find((p) => p.number === 2)!.lines).toEqual([expect.objectContaining({ target: 'chapter:2' })]);
    // Metadata labels fall back to Vietnamese for staff.
    expect(parts[1]!.title).toBe('Chương 1: Điều kiện kết hôn');
  });

  it('narrates every section when the brief has no plan', () => {
    const material = sampleMaterial();
    const noPlan = { ...material, sections: material.sections.filter((s) => s.kind !== 'audiobook') };
    expect(chapterSections(noPlan).map((c) => c.section.id)).toEqual(noPlan.sections.map((s) => s.id));
  });
});
