/**
 * Hostile briefs under the 2 MiB limit, one per class of attack found in
 * issue 13 (huge casts, thousands of unknown speakers or citations, deep
 * nesting, YAML alias bombs, pathological whitespace…). Shared by the
 * reliability test (outcomes) and the `hostile` bench group (time, memory).
 */
import { sampleText } from '../helpers/briefs.js';

export interface HostileBrief {
  name: string;
  text: () => string;
}

const FRONT = `---
id: tan-cong
title: "Tấn công"
issuer: "Sở Tư pháp"
source_language: vi
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
---
`;

const SITUATION_HEAD = '# Tình huống: Tấn công\n<!-- kind: situation; format: video -->\n\nNhân vật:\n';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function withFrontMatter(yamlBody: string): string {
  return `---\n${yamlBody}\n---\n\n# Nội dung\n\nMột đoạn.\n`;
}

export const HOSTILE_BRIEFS: HostileBrief[] = [
  {
    name: '3,000 unknown speakers, 1,500 in the cast',
    text: () =>
      FRONT +
      SITUATION_HEAD +
      range(1500).map((i) => `- **Nhân Vật${i}** — vai (character: girl)`).join('\n') +
      '\n\n## Cảnh 1 — Một\n' +
      range(3000).map((i) => `- Lạ${i}: câu ${i}`).join('\n') +
      '\n',
  },
  { name: '1.5 MB of spaces in a paragraph', text: () => `${FRONT}\n# Nội dung\n\nChữ${' '.repeat(1_500_000)}chữ\nhết.\n` },
  { name: '1.5 MB of spaces and tabs across lines', text: () => `${FRONT}\n# Nội dung\n\nChữ${' \t'.repeat(375_000)}\n${' '.repeat(750_000)}hết.\n` },
  {
    name: '10,000 scenes',
    text: () =>
      FRONT +
      SITUATION_HEAD +
      '- **Páo** — (character: young-man)\n' +
      range(10_000).map((i) => `\n## Cảnh ${i + 1} — Cảnh\n- Páo: Câu ${i}.`).join('\n') +
      '\n',
  },
  {
    name: '5,000 refs and 5,000 unknown citations',
    text: () =>
      '---\nid: tan-cong\ntitle: "T"\nissuer: "S"\nsource_language: vi\nlegal_basis:\n' +
      range(5000).map((i) => `  - ref: "${i}/2014/QH13"\n    title: "Luật ${i}"\n    articles: ["Điều 1", "Điều 2"]\n    effective: 2015-01-01`).join('\n') +
      '\n---\n\n' +
      range(5000).map((i) => `# Mục ${i}\n<!-- legal: ${i}/1999/XX Điều 1 -->\n\nĐoạn.\n`).join('\n'),
  },
  {
    name: '50,000 citations in one comment',
    text: () => `${FRONT}\n# Nội dung\n<!-- legal: ${range(50_000).map(() => '52/2014/QH13 Điều 9').join(';\n')} -->\n\nĐoạn.\n`,
  },
  { name: '1,000-deep ordered list on one line', text: () => `${FRONT}\n# Nội dung\n\n${'1. '.repeat(1000)}chữ\n` },
  { name: '1,000-deep block quote on one line', text: () => `${FRONT}\n# Nội dung\n\n${'> '.repeat(1000)}chữ\n` },
  { name: '20,000-deep block quote on one line', text: () => `${FRONT}\n# Nội dung\n\n${'>'.repeat(20_000)}chữ\n` },
  { name: '5,000-deep bullet list on one line', text: () => `${FRONT}\n# Nội dung\n\n${'- '.repeat(5000)}chữ\n` },
  { name: '1,000-deep nested list over lines', text: () => `${FRONT}\n# Nội dung\n\n${range(1000).map((i) => `${'  '.repeat(i)}- mục ${i}`).join('\n')}\n` },
  { name: '10,000-deep emphasis', text: () => `${FRONT}\n# Nội dung\n\n${'*a '.repeat(10_000)}chữ${' a*'.repeat(10_000)}\n` },
  { name: '10,000-deep links', text: () => `${FRONT}\n# Nội dung\n\n${'['.repeat(10_000)}chữ${'](x)'.repeat(10_000)}\n` },
  {
    name: 'YAML billion laughs',
    text: () => {
      const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${range(9).map(() => `*a${i - 1}`).join(',')}]`);
      return withFrontMatter(`id: x\n${lines.join('\n')}`);
    },
  },
  { name: '101 YAML aliases', text: () => withFrontMatter(`id: x\nv: &v "x"\nlist: [${range(101).map(() => '*v').join(', ')}]`) },
  { name: 'undefined YAML alias', text: () => withFrontMatter('id: x\nx: *nope') },
  { name: '100,000 YAML aliases', text: () => withFrontMatter(`id: x\nv: &v "x"\nlist: [${range(100_000).map(() => '*v').join(',')}]`) },
  { name: '100,000-deep YAML flow sequence', text: () => withFrontMatter(`id: x\nv: ${'['.repeat(100_000)}${']'.repeat(100_000)}`) },
  { name: '50,000-deep YAML block sequence', text: () => withFrontMatter(`id: x\nv:\n${range(2000).map((i) => `${' '.repeat(i)}- `).join('\n')}x`) },
  { name: '100,000 unknown front matter keys', text: () => `---\nid: tan-cong\n${range(100_000).map((i) => `k${i}: v`).join('\n')}\n---\n\n# A\n\nB.\n` },
  {
    name: '20,000 legal_basis entries with bad dates',
    text: () =>
      '---\nid: tan-cong\ntitle: "T"\nissuer: "S"\nsource_language: vi\nlegal_basis:\n' +
      range(20_000).map((i) => `  - ref: "${i}"\n    title: "L"\n    articles: ["Đ"]\n    effective: 2015-02-30`).join('\n') +
      '\n---\n\n# A\n\nB.\n',
  },
  { name: '20,000-member cast', text: () => `${FRONT}${SITUATION_HEAD}${range(20_000).map((i) => `- **Người ${i}** — (character: girl)`).join('\n')}\n\n## Cảnh 1 — A\n- Người 1: chào.\n` },
  { name: '20,000 identical cast names', text: () => `${FRONT}${SITUATION_HEAD}${range(20_000).map(() => '- **Páo** — (character: girl)').join('\n')}\n\n## Cảnh 1 — A\n- Páo: chào.\n` },
  { name: '50,000 dialogue lines', text: () => `${FRONT}${SITUATION_HEAD}- **Páo** — (character: girl)\n\n## Cảnh 1 — A\n${range(50_000).map((i) => `- Páo: câu ${i}`).join('\n')}\n` },
  { name: '100,000 mixed-script words', text: () => `${FRONT}\n# Nội dung\n\n${range(100_000).map(() => 'c\u043eм').join(' ')}\n` },
  { name: '30,000 sections with one heading', text: () => FRONT + range(30_000).map(() => '# A\n\nB.\n').join('\n') },
  { name: '30,000 empty sections', text: () => FRONT + range(30_000).map(() => '# \n').join('\n') },
  {
    name: '20,000 Q&A markers in one paragraph',
    text: () => `${FRONT}\n# Hỏi đáp\n\n${range(20_000).map((i) => `Hỏi: câu ${i}?\nĐáp: trả lời.`).join('\n')}\n`,
  },
  { name: '20,000 bold Q&A markers in one paragraph', text: () => `${FRONT}\n# Hỏi đáp\n\n${range(20_000).map(() => '**Hỏi:** a **Đáp:** b').join(' ')}\n` },
  {
    name: '5,000 sections and a 5,000-chapter audiobook with unknown titles',
    text: () =>
      FRONT +
      range(5000).map((i) => `# Mục ${i}\n\nĐoạn.\n`).join('\n') +
      '\n# Sách nói\n<!-- kind: audiobook -->\n\n' +
      range(5000).map((i) => `Chương ${i + 1}: Không có ${i}`).join('\n') +
      '\n',
  },
  { name: '1.9 MB on one line', text: () => `${FRONT}\n# Nội dung\n\n${'chữ '.repeat(300_000)}\n` },
  { name: '200,000 short lines', text: () => `${FRONT}\n# Nội dung\n\n${range(200_000).map(() => 'a').join('\n')}\n` },
  { name: '50,000 HTML blocks', text: () => `${FRONT}\n# Nội dung\n\n${range(50_000).map(() => '<div>x</div>\n').join('\n')}` },
  { name: '100,000 list items', text: () => `${FRONT}\n# Nội dung\n\n${range(100_000).map((i) => `- ${i}`).join('\n')}\n` },
  { name: 'sample brief repeated under 2 MiB', text: () => sampleText().repeat(Math.floor((1.9 * 1024 * 1024) / Buffer.byteLength(sampleText()))) },
];
