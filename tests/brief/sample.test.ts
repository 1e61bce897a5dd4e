import { describe, expect, it } from 'vitest';
import { importBriefFile, importBriefText } from '../../engine/brief/import.js';
import { Material } from '../../engine/model/material.js';
import { listTextUnits, sectionsOfKind } from '../../engine/model/units.js';
import { SAMPLE_BRIEF, edit, sampleText } from '../helpers/briefs.js';

describe('the sample brief', async () => {
  const result = await importBriefFile(SAMPLE_BRIEF);
  const material = result.material!;

  it('imports without problems into a schema-valid Material', () => {
    expect(result.diagnostics).toEqual([]);
    expect(() => Material.parse(material)).not.toThrow();
    expect(material.id).toBe('ket-hon-dung-tuoi');
    expect(material.title.text).toBe('Kết hôn đúng tuổi, đăng ký đúng luật');
    expect(material.issuer.text).toBe('Sở Tư pháp tỉnh Sơn La');
    expect(material.targetLanguages).toEqual(['blt', 'hnj']);
    expect(material.portalUrl).toBe('https://pbgdpl.sonla.gov.vn/ket-hon-dung-tuoi');
  });

  it('keeps the legal basis exactly as written', () => {
    expect(material.legalBasis.map((d) => [d.ref, d.articles, d.effective])).toEqual([
      ['52/2014/QH13', ['Điều 3 khoản 8', 'Điều 5 khoản 2', 'Điều 8', 'Điều 9'], '2015-01-01'],
      ['60/2014/QH13', ['Điều 11', 'Điều 17', 'Điều 18'], '2016-01-01'],
      ['100/2015/QH13', ['Điều 183'], '2018-01-01'],
    ]);
  });

  it('has the sections in order, with their kinds and citations', () => {
    expect(material.sections.map((s) => [s.kind, s.heading.text])).toEqual([
      ['keyMessages', 'Thông điệp chính'],
      ['content', 'Điều kiện kết hôn'],
      ['content', 'Tảo hôn là gì và hậu quả'],
      ['content', 'Thủ tục đăng ký kết hôn'],
      ['qa', 'Hỏi đáp'],
      ['situation', 'Tình huống: Đám cưới của Páo'],
      ['audiobook', 'Sách nói'],
    ]);
    const harm = material.sections[2]!;
    expect(harm.citations).toEqual([
      { ref: '52/2014/QH13', article: 'Điều 3 khoản 8' },
      { ref: '52/2014/QH13', article: 'Điều 5 khoản 2' },
      { ref: '100/2015/QH13', article: 'Điều 183' },
    ]);
  });

  it('reads key messages, the procedure list and figures exactly', () => {
    const [messages] = sectionsOfKind(material, 'keyMessages');
    expect(messages!.messages.map((m) => m.text)).toEqual([
      'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.',
      'Tảo hôn là vi phạm pháp luật và gây hại cho sức khỏe, học tập của trẻ em.',
      'Kết hôn phải đăng ký tại Ủy ban nhân dân xã; đăng ký kết hôn không mất lệ phí.',
    ]);
    const procedure = material.sections[3]!;
    expect(procedure.kind).toBe('content');
    if (procedure.kind !== 'content') return;
    const list = procedure.blocks[0]!;
    expect(list.type === 'list' && list.ordered && list.items.length).toBe(4);
    const texts = listTextUnits(material).map((e) => e.unit.text);
    expect(texts).toContain(
      'Người tổ chức việc lấy vợ, lấy chồng cho người chưa đến tuổi kết hôn sẽ bị xử phạt vi phạm hành chính. Nếu đã bị xử phạt mà còn vi phạm thì có thể bị truy cứu trách nhiệm hình sự về tội tổ chức tảo hôn: phạt cảnh cáo, phạt tiền từ 10.000.000 đồng đến 30.000.000 đồng hoặc cải tạo không giam giữ đến 02 năm.',
    );
  });

  it('reads the nested list and the table of the sample', () => {
    const conditions = material.sections[1]!;
    if (conditions.kind !== 'content') throw new Error('not content');
    const list = conditions.blocks.find((b) => b.type === 'list')!;
    if (list.type !== 'list') throw new Error('no list');
    expect(list.items.map((i) => [i.depth, i.ordered, i.number])).toEqual([
      [0, false, 1], [0, false, 2], [0, false, 3], [0, false, 4],
      [1, false, 1], [1, false, 2], [1, false, 3], [1, false, 4],
    ]);
    expect(list.items[4]!.unit.text).toBe('kết hôn giả tạo;');
    const procedure = material.sections[3]!;
    if (procedure.kind !== 'content') throw new Error('not content');
    const table = procedure.blocks.at(-1)!;
    if (table.type !== 'table') throw new Error('no table');
    expect(table.header.map((c) => c?.text)).toEqual(['Trường hợp', 'Việc phải làm', 'Căn cứ']);
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0]!.map((c) => c?.text)).toEqual(['Nam chưa đủ 20 tuổi hoặc nữ chưa đủ 18 tuổi', 'Chưa được kết hôn; chờ đến khi đủ tuổi', 'Điều 8 Luật Hôn nhân và gia đình']);
    expect(table.loc.line).toBe(72);
  });

  it('pairs questions with answers', () => {
    const [qa] = sectionsOfKind(material, 'qa');
    expect(qa!.pairs).toHaveLength(3);
    expect(qa!.pairs[0]!.question.text).toBe('Con gái tôi 16 tuổi, hai gia đình đã đồng ý thì có được tổ chức cưới không?');
    expect(qa!.pairs[0]!.answer.text).toBe(
      'Không. Nữ phải từ đủ 18 tuổi mới được kết hôn. Tổ chức cưới cho người chưa đủ tuổi là tảo hôn, bị pháp luật nghiêm cấm.',
    );
    expect(qa!.pairs[2]!.answer.loc.line).toBe(87);
  });

  it('resolves the situation: cast, settings, aspects and every speaker', () => {
    const [situation] = sectionsOfKind(material, 'situation');
    expect(situation!.title.text).toBe('Đám cưới của Páo');
    expect(situation!.aspects).toEqual(['16:9', '9:16']);
    expect(situation!.characters.map((c) => [c.name, c.role, c.archetype])).toEqual([
      ['Páo', 'character', 'young-man'],
      ['Mỷ', 'character', 'girl'],
      ['Bố Páo', 'character', 'elder-man'],
      ['Chị Hoa', 'character', 'official-woman'],
      ['Người dẫn chuyện', 'narrator', null],
    ]);
    const name = new Map(situation!.characters.map((c) => [c.id, c.name]));
    expect(situation!.scenes.map((s) => s.lines.map((l) => name.get(l.characterId)))).toEqual([
      ['Người dẫn chuyện', 'Bố Páo', 'Mỷ'],
      ['Chị Hoa', 'Bố Páo', 'Chị Hoa', 'Chị Hoa', 'Bố Páo', 'Chị Hoa'],
      ['Páo', 'Bố Páo', 'Chị Hoa'],
      ['Người dẫn chuyện', 'Người dẫn chuyện'],
    ]);
    expect(situation!.scenes[0]!.setting).toMatchObject({ place: 'sân nhà sàn', timeOfDay: 'buổi sáng' });
    expect(situation!.scenes[3]!.setting).toBeNull();
  });

  it('plans the audiobook from sections above', () => {
    const [plan] = sectionsOfKind(material, 'audiobook');
    expect(plan!.chapters.map((c) => [c.number, c.sectionId])).toEqual([
      [1, 'dieu-kien-ket-hon'],
      [2, 'tao-hon-la-gi-va-hau-qua'],
      [3, 'thu-tuc-dang-ky-ket-hon'],
      [4, 'hoi-dap'],
    ]);
  });

  it('gives every text unit a unique id and slot', () => {
    const units = listTextUnits(material).map((e) => e.unit);
    expect(new Set(units.map((u) => u.id)).size).toBe(units.length);
    expect(new Set(units.map((u) => u.slot)).size).toBe(units.length);
    expect(units.length).toBeGreaterThan(50);
  });
});

describe('stable ids', () => {
  const base = importBriefText(sampleText()).material!;
  const ids = (m: Material) => new Map(listTextUnits(m).map((e) => [e.unit.text, e.unit.id]));

  it('survive inserting and editing other units', () => {
    let text = edit(sampleText(), '- Không bị mất năng lực hành vi dân sự.\n', '- Một điều kiện mới chèn vào.\n- Không bị mất năng lực hành vi dân sự.\n');
    text = edit(text, 'Đăng ký kết hôn có mất tiền không?', 'Đăng ký kết hôn có phải trả tiền không?');
    text = edit(text, '- Mỷ: Con còn muốn đi học tiếp...', '- Mỷ: Con còn muốn đi học tiếp.\n- Páo: Con cũng vậy.');
    const edited = importBriefText(text).material!;
    const before = ids(base);
    const after = ids(edited);
    let kept = 0;
    for (const [unitText, id] of after) {
      if (before.has(unitText)) {
        expect(id).toBe(before.get(unitText));
        kept++;
      }
    }
    expect(kept).toBe(before.size - 2); // the edited question and the edited line changed
    expect(after.has('Một điều kiện mới chèn vào.')).toBe(true);
  });

  it('keep the slot of an edited unit, so its translation can be marked stale', () => {
    const edited = importBriefText(edit(sampleText(), 'Cả hai người cùng có mặt khi đăng ký.', 'Cả hai người phải cùng có mặt khi đăng ký.')).material!;
    const find = (m: Material, t: string) => listTextUnits(m).find((e) => e.unit.text.startsWith(t))!.unit;
    const old = find(base, 'Cả hai người cùng');
    const now = find(edited, 'Cả hai người phải');
    expect(now.id).not.toBe(old.id);
    expect(now.slot).toBe(old.slot);
  });

  it('normalise decomposed Unicode and CRLF to the same Material', () => {
    const nfd = sampleText().normalize('NFD').replace(/\n/g, '\r\n');
    const result = importBriefText(nfd);
    expect(result.diagnostics).toEqual([]);
    expect(listTextUnits(result.material!).map((e) => [e.unit.id, e.unit.text])).toEqual(
      listTextUnits(base).map((e) => [e.unit.id, e.unit.text]),
    );
  });
});
