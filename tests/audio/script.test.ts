import { describe, expect, it } from 'vitest';
import { buildScript, chapterSections } from '../../engine/formats/audiobook/script.js';
import { listTextUnits } from '../../engine/model/units.js';
import { voiceTargets } from '../../engine/app/voiceTargets.js';
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
    expect(chapter1.lines.filter((l) => l.target !== null).map((l) => l.target)).toEqual(units);
    // The section's legal basis, once, right after its heading, with the articles as the brief writes them.
    expect(chapter1.lines[2]).toMatchObject({ target: null, text: 'Căn cứ Điều 8 Luật Hôn nhân và gia đình.' });
    expect(parts[2]!.lines[2]!.text).toBe(
      'Căn cứ Điều 3 khoản 8 và Điều 5 khoản 2 Luật Hôn nhân và gia đình; Điều 183 Bộ luật Hình sự (sửa đổi, bổ sung năm 2017).',
    );
    // The book's own "Căn cứ …" phrases (not the sample table's "Căn cứ" column, which is a text unit).
    expect(parts.flatMap((p) => p.lines).filter((l) => l.target === null && l.text.startsWith('Căn cứ')).length).toBe(3);
    expect(parts[0]!.lines.map((l) => l.target)).toEqual([null, material.title.id, material.subtitle!.id, null, material.issuer.id]);
    expect(parts[5]!.lines.some((l) => l.text.includes('pbgdpl.sonla.gov.vn/ket-hon-dung-tuoi'))).toBe(true);
    expect(parts.flatMap((p) => p.lines).every((l) => l.voice.accent === 'central')).toBe(true);
  });

  it('announces "Hỏi" and "Đáp", or gives the question a second voice; list items get room', () => {
    const material = sampleMaterial();
    const announced = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null });
    const qa = announced.find((p) => p.title === 'Chương 4: Hỏi đáp')!.lines;
    const texts = qa.map((l) => l.text);
    const firstQuestion = texts.indexOf('Hỏi:');
    expect(firstQuestion).toBeGreaterThan(0);
    expect(texts.filter((t) => t === 'Hỏi:')).toHaveLength(3);
    expect(texts.filter((t) => t === 'Đáp:')).toHaveLength(3);
    expect(texts[firstQuestion + 2]).toBe('Đáp:');
    const steps = announced.find((p) => p.title === 'Chương 3: Thủ tục đăng ký kết hôn')!.lines;
    expect(steps.filter((l) => l.target !== null).slice(0, 3).every((l) => l.pauseAfter >= 0.6)).toBe(true);

    const twoVoices = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null, qa: 'twoVoices' });
    const lines = twoVoices.find((p) => p.title === 'Chương 4: Hỏi đáp')!.lines;
    expect(lines.some((l) => l.text === 'Hỏi:')).toBe(false);
    const question = lines.find((l) => l.text.startsWith('Con gái tôi 16 tuổi'))!;
    const answer = lines[lines.indexOf(question) + 1]!;
    expect(question.voice.gender).toBe('male');
    expect(answer.voice.gender).toBe('female');
  });

  it('reads a table row by row, each cell after its column label, one sentence per row', () => {
    const material = sampleMaterial();
    const parts = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null });
    const lines = parts.find((p) => p.title === 'Chương 3: Thủ tục đăng ký kết hôn')!.lines;
    const first = lines.findIndex((l) => l.text === 'Trường hợp:');
    expect(first).toBeGreaterThan(0);
    // Sentences: lines joined until one ends a row (a full stop and the row's long pause).
    const rows: string[] = [];
    let sentence: string[] = [];
    for (const line of lines.slice(first)) {
      sentence.push(line.text);
      if (line.pauseAfter >= 0.8) {
        rows.push(sentence.join(' '));
        sentence = [];
      }
    }
    expect(rows).toEqual([
      'Trường hợp: Nam chưa đủ 20 tuổi hoặc nữ chưa đủ 18 tuổi; Việc phải làm: Chưa được kết hôn; chờ đến khi đủ tuổi; Căn cứ: Điều 8 Luật Hôn nhân và gia đình.',
      'Trường hợp: Đã làm lễ cưới theo phong tục; Việc phải làm: Vẫn phải đăng ký kết hôn thì mới được pháp luật công nhận; Căn cứ: Điều 9 Luật Hôn nhân và gia đình.',
      'Trường hợp: Hai người đủ điều kiện kết hôn; Việc phải làm: Cùng đến Ủy ban nhân dân xã nơi cư trú của một trong hai người; Căn cứ: Điều 17, Điều 18 Luật Hộ tịch.',
    ]);
    // Every header and cell line is its unit (a recorded header clip is reused on each row); headers are not read on their own.
    const table = material.sections.flatMap((s) => (s.kind === 'content' ? s.blocks : [])).find((b) => b.type === 'table')!;
    if (table.type !== 'table') throw new Error('no table');
    const targets = lines.slice(first).map((l) => l.target);
    expect(targets).toEqual(table.rows.flatMap((row) => row.flatMap((cell, c) => [table.header[c]!.id, cell!.id])));
    expect(lines.slice(0, first).some((l) => l.target === table.header[0]!.id)).toBe(false);
  });

  it('gives a whole-chapter recording the table one row per line, as the book says it', () => {
    const material = sampleMaterial();
    const chapter = voiceTargets(material, 'vi', [], []).find((t) => t.target === 'chapter:3')!;
    const lines = chapter.text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Trường hợp:'));
    expect(lines.slice(at)).toEqual([
      'Trường hợp: Nam chưa đủ 20 tuổi hoặc nữ chưa đủ 18 tuổi; Việc phải làm: Chưa được kết hôn; chờ đến khi đủ tuổi; Căn cứ: Điều 8 Luật Hôn nhân và gia đình.',
      'Trường hợp: Đã làm lễ cưới theo phong tục; Việc phải làm: Vẫn phải đăng ký kết hôn thì mới được pháp luật công nhận; Căn cứ: Điều 9 Luật Hôn nhân và gia đình.',
      'Trường hợp: Hai người đủ điều kiện kết hôn; Việc phải làm: Cùng đến Ủy ban nhân dân xã nơi cư trú của một trong hai người; Căn cứ: Điều 17, Điều 18 Luật Hộ tịch.',
    ]);
    expect(lines).not.toContain('Trường hợp');
  });

  it('reads nested list items in order, sub-items right after their item', () => {
    const material = sampleMaterial();
    const parts = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null });
    const texts = parts[1]!.lines.map((l) => l.text);
    const at = texts.indexOf('Việc kết hôn không thuộc các trường hợp bị cấm:');
    expect(texts.slice(at, at + 3)).toEqual(['Việc kết hôn không thuộc các trường hợp bị cấm:', 'kết hôn giả tạo;', 'tảo hôn, cưỡng ép kết hôn, lừa dối kết hôn, cản trở kết hôn;']);
  });

  it('opens and closes in the book\'s language', () => {
    const material = sampleMaterial();
    const vi = buildScript(material, { language: 'vi', voices, canSynthesize: true, speakerNames: true, clips: null });
    expect(vi[0]!.lines[0]!.text).toMatch(/^Xin kính chào/);
    expect(vi[vi.length - 1]!.lines.map((l) => l.text)).toContain('Cảm ơn quý vị và các bạn đã lắng nghe.');
    const en = buildScript(material, { language: 'en', voices, canSynthesize: true, speakerNames: true, clips: null });
    expect(en[0]!.lines[0]!.text).toMatch(/^Welcome/);
    expect(en[1]!.lines[2]!.text).toBe('Legal basis: Điều 8 of the Luật Hôn nhân và gia đình.');
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
