/**
 * Briefs that break one rule each: every one is rejected (or warned about)
 * with the right code at the right line, and the importer never throws.
 */
import { describe, expect, it } from 'vitest';
import { importBriefBytes, importBriefText } from '../../engine/brief/import.js';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import { edit, lineOf, sampleText } from '../helpers/briefs.js';

interface Case {
  name: string;
  brief: () => string;
  code: string;
  /** Text on the line the problem must point at; null for problems with the whole file. */
  at: string | null;
  severity?: 'error' | 'warning';
}

const S = sampleText;
const cases: Case[] = [
  { name: 'no front matter', brief: () => S().replace(/^---\n[\s\S]*?\n---\n/, ''), code: 'fm.missing', at: null },
  { name: 'front matter never closed', brief: () => S().replace('\n---\n\n<!--', '\n\n<!--'), code: 'fm.notClosed', at: null },
  { name: 'unclosed quote in YAML', brief: () => edit(S(), 'title: "Kết hôn đúng tuổi, đăng ký đúng luật"', 'title: "Kết hôn đúng tuổi'), code: 'fm.yaml', at: 'title: "Kết' },
  { name: 'missing issuer', brief: () => edit(S(), 'issuer: "Sở Tư pháp tỉnh Sơn La"\n', ''), code: 'fm.missingKey', at: 'id: ket-hon-dung-tuoi' },
  { name: 'id not a slug', brief: () => edit(S(), 'id: ket-hon-dung-tuoi', 'id: Kết Hôn'), code: 'fm.slug', at: 'id: Kết Hôn' },
  { name: 'impossible effective date', brief: () => edit(S(), 'effective: 2016-01-01', 'effective: 2016-02-30'), code: 'fm.date', at: 'effective: 2016-02-30' },
  { name: 'duplicate key', brief: () => edit(S(), 'source_language: vi\n', 'source_language: vi\nsource_language: en\n'), code: 'fm.duplicateKey', at: 'source_language: en' },
  { name: 'portal_url not a web address', brief: () => edit(S(), 'portal_url: "https://', 'portal_url: "ftp://'), code: 'fm.url', at: 'portal_url' },
  { name: 'citation of an undeclared document', brief: () => edit(S(), '<!-- legal: 52/2014/QH13 Điều 8 -->', '<!-- legal: 91/2015/QH13 Điều 8 -->'), code: 'legal.unknownRef', at: '91/2015/QH13' },
  { name: 'citation of an article not listed', brief: () => edit(S(), '<!-- legal: 52/2014/QH13 Điều 8 -->', '<!-- legal: 52/2014/QH13 Điều 10 -->'), code: 'legal.unknownArticle', at: 'Điều 10' },
  { name: 'question without answer', brief: () => edit(S(), '**Đáp:** Có. Việc kết hôn', 'Có. Việc kết hôn'), code: 'qa.missingAnswer', at: '**Hỏi:** Đã làm lễ cưới' },
  { name: 'answer without question', brief: () => edit(S(), '**Hỏi:** Đăng ký kết hôn có mất tiền không?\n', ''), code: 'qa.secondAnswer', at: '**Đáp:** Không. Công dân' },
  { name: 'speaker not in the cast', brief: () => edit(S(), '- Páo: Vậy chúng con', '- Tùng: Vậy chúng con'), code: 'dialogue.unknownSpeaker', at: '- Tùng:' },
  { name: 'ambiguous given name', brief: () => edit(edit(S(), '- **Người dẫn chuyện** — (narrator)', '- **Người dẫn chuyện** — (narrator)\n- **Lò Văn Hoa** — trưởng bản (character: elder-man)'), '- Chị Hoa: Đăng ký kết hôn ở xã', '- Hoa: Đăng ký kết hôn ở xã'), code: 'dialogue.ambiguousSpeaker', at: '- Hoa: Đăng ký' },
  { name: 'cast line without role', brief: () => edit(S(), '- **Mỷ** — học sinh lớp 10, 16 tuổi (character: girl)', '- **Mỷ** — học sinh lớp 10, 16 tuổi'), code: 'cast.missingRole', at: '- **Mỷ**' },
  { name: 'cast name not bold', brief: () => edit(S(), '- **Mỷ** — học sinh', '- Mỷ — học sinh'), code: 'cast.nameNotBold', at: '- Mỷ — học sinh' },
  { name: 'scene heading not "Cảnh N"', brief: () => edit(S(), '## Cảnh 3 — Hiểu ra', '## Phần ba — Hiểu ra'), code: 'situation.badSceneHeading', at: '## Phần ba' },
  { name: 'scene number used twice', brief: () => edit(S(), '## Cảnh 3 — Hiểu ra', '## Cảnh 2 — Hiểu ra'), code: 'situation.duplicateScene', at: '## Cảnh 2 — Hiểu ra' },
  { name: 'unsupported aspect', brief: () => edit(S(), 'aspect: [16:9, 9:16]', 'aspect: [16:9, 4:3]'), code: 'situation.unknownAspect', at: 'aspect: [16:9, 4:3]' },
  { name: 'dialogue line without speaker', brief: () => edit(S(), '- Bố Páo: Đúng rồi, chị vào uống nước đã.', '- Đúng rồi chị vào uống nước đã'), code: 'dialogue.noSpeaker', at: '- Đúng rồi chị' },
  { name: 'unknown section kind', brief: () => edit(S(), 'kind: situation;', 'kind: sitcom;'), code: 'directive.unknownKind', at: 'kind: sitcom' },
  { name: 'chapter naming no section', brief: () => edit(S(), 'Chương 4: Hỏi đáp', 'Chương 4: Câu hỏi thường gặp'), code: 'audiobook.unknownSection', at: 'Chương 4:' },
  { name: 'chapter line malformed', brief: () => edit(S(), 'Chương 4: Hỏi đáp', 'Chapter four'), code: 'audiobook.badLine', at: 'Chapter four' },
  { name: 'key messages without a list', brief: () => edit(S(), '1. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.\n2. Tảo hôn là vi phạm pháp luật và gây hại cho sức khỏe, học tập của trẻ em.\n3. Kết hôn phải đăng ký tại Ủy ban nhân dân xã; đăng ký kết hôn không mất lệ phí.', 'Chưa viết.'), code: 'keyMessages.empty', at: '# Thông điệp chính' },
  { name: 'Cyrillic letter inside a Vietnamese word', brief: () => edit(S(), 'Tảo hôn là việc lấy vợ', 'Tảo hôn là việc lấy vợ, ngay cả khi cô dâu còn nhỏ tuổi'.replace('cô', 'c\u043e')), code: 'text.mixedScripts', at: 'ngay cả khi c' },
  { name: 'unknown archetype is only a warning', brief: () => edit(S(), '(character: elder-man)', '(character: shaman)'), code: 'cast.unknownArchetype', at: '**Bố Páo**', severity: 'warning' },
  { name: 'unknown front matter key is only a warning', brief: () => edit(S(), 'hotline:', 'hotlne_backup: "x"\nhotline:'), code: 'fm.unknownKey', at: 'hotlne_backup', severity: 'warning' },
];

function expectProblem(diagnostics: Diagnostic[], c: Case, text: string) {
  const found = diagnostics.find((d) => d.code === c.code);
  expect(found, `${c.name}: ${JSON.stringify(diagnostics)}`).toBeDefined();
  expect(found!.severity).toBe(c.severity ?? 'error');
  if (c.at === null) return;
  expect(found!.line, `${c.name}: line`).toBe(lineOf(text, c.at));
  expect(found!.col).toBeGreaterThanOrEqual(1);
}

describe('malformed briefs', () => {
  it('has at least 15 distinct error cases', () => {
    expect(cases.filter((c) => (c.severity ?? 'error') === 'error').length).toBeGreaterThanOrEqual(15);
  });

  for (const c of cases) {
    it(c.name, () => {
      const text = c.brief();
      const result = importBriefText(text);
      expectProblem(result.diagnostics, c, text);
      if ((c.severity ?? 'error') === 'error') expect(result.material).toBeNull();
      else expect(result.material).not.toBeNull();
    });
  }

  it('collects every problem of a brief, not just the first', () => {
    let text = edit(S(), 'id: ket-hon-dung-tuoi', 'id: Bad Id');
    text = edit(text, '<!-- legal: 52/2014/QH13 Điều 8 -->', '<!-- legal: 52/2014/QH13 Điều 99 -->');
    text = edit(text, '- Páo: Vậy chúng con', '- Tùng: Vậy chúng con');
    text = edit(text, 'Chương 4: Hỏi đáp', 'Chương 4: Không có');
    const codes = importBriefText(text).diagnostics.map((d) => d.code);
    expect(codes).toEqual(expect.arrayContaining(['fm.slug', 'legal.unknownArticle', 'dialogue.unknownSpeaker', 'audiobook.unknownSection']));
  });

  it('points at the column as written when the line is decomposed Unicode', () => {
    const text = edit(S(), 'Tảo hôn là việc lấy vợ', 'Tảo hôn là việc lấy vợ, c\u043e dâu').normalize('NFD');
    const d = importBriefText(text).diagnostics.find((x) => x.code === 'text.mixedScripts')!;
    const line = text.split('\n')[d.line! - 1]!;
    expect(line.indexOf('c\u043e') + 2).toBe(d.col); // the Cyrillic о, counted in the file's own characters
  });
});

describe('files that are not briefs', () => {
  it('empty', () => {
    expect(importBriefText('').diagnostics.map((d) => d.code)).toEqual(['file.empty']);
    expect(importBriefText(' \n\n\t\n').diagnostics.map((d) => d.code)).toEqual(['file.empty']);
  });

  it('over 2 MiB, one message', () => {
    const big = S() + '\n' + 'Đoạn văn dài. '.repeat(200_000);
    const result = importBriefText(big);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['file.tooLarge']);
  });

  it('not UTF-8, with the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from(S().split('\n').slice(0, 5).join('\n') + '\n'), Buffer.from([0x54, 0xe1, 0xba, 0x6f, 0x0a])]);
    const result = importBriefBytes(bytes);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'file.notUtf8', line: 6, col: 2 });
  });

  it('Windows-1258 (a common legacy Vietnamese encoding) is refused, not garbled', () => {
    const latin = Buffer.from('---\nid: x\ntitle: "Lu\xe2t"\n---\n', 'latin1');
    expect(importBriefBytes(latin).diagnostics[0]).toMatchObject({ code: 'file.notUtf8', line: 3 });
  });

  it('a UTF-8 byte order mark is accepted', () => {
    expect(importBriefText('\ufeff' + S()).diagnostics).toEqual([]);
  });
});
