/**
 * Word briefs (engine/docx, engine/app/docx.ts): brief → .docx → brief gives
 * the same Material; a .docx written the way Word writes it imports; bad
 * files are refused with words and nothing is written; the exported file is
 * a valid zip whose XML parses; the shipped template is current.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefFileToDocxFile, briefFromDocx, briefToDocx, docxFileToBriefFile, StudioError } from '../../engine/app/index.js';
import { importBriefText } from '../../engine/brief/import.js';
import { translator } from '../../engine/i18n/index.js';
import { tempService } from '../api/helpers.js';
import { runCli } from '../helpers/cli.js';
import { ROOT } from '../helpers/briefs.js';
import { wordDocx, zipParts } from './wordDocument.js';

const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');
const TEMPLATE_MD = path.join(ROOT, 'media/templates/mau-ban-thao.md');
const TEMPLATE_DOCX = path.join(ROOT, 'media/templates/mau-ban-thao.docx');

/** A small valid brief with lists nested three deep, mixed kinds, marks and characters Markdown would read as syntax. */
const NESTED = `---
id: danh-sach-long
title: "Danh sách lồng nhau"
issuer: "Sở Tư pháp"
source_language: vi
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
---

# Thông điệp chính

1. Một *thông điệp* có **chữ đậm**.
2. Hai: 10.000.000 đồng \\* 2 và a_b_c [1] <không phải thẻ>

# Các bước
<!-- legal: 52/2014/QH13 Điều 8 -->

1. Bước một
   - ý a
     1. chi tiết i
     2. chi tiết ii
   - ý b
2. Bước hai
   1. bước con

- Gạch đầu dòng sau danh sách số
- Dòng 2. Có dấu chấm
`;

function withoutLocations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLocations);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'loc').map(([k, v]) => [k, withoutLocations(v)]));
  }
  return value;
}

function materialOf(text: string) {
  const result = importBriefText(text);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(result.material).not.toBeNull();
  return withoutLocations(result.material);
}

async function refusal(bytes: Uint8Array): Promise<string> {
  try {
    await briefFromDocx(null, bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    return (error as StudioError).code;
  }
  throw new Error('accepted');
}

let dir: string;
let sampleText: string;
let sampleDocx: Uint8Array;
let sampleBack: Awaited<ReturnType<typeof briefFromDocx>>;
let nestedBack: Awaited<ReturnType<typeof briefFromDocx>>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luat-docx-'));
  sampleText = await readFile(SAMPLE, 'utf8');
  sampleDocx = await briefToDocx(null, sampleText);
  sampleBack = await briefFromDocx(null, sampleDocx);
  nestedBack = await briefFromDocx(null, await briefToDocx(null, NESTED));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('round trip brief → Word → brief', () => {
  it('gives the sample brief the same Material', () => {
    expect(sampleBack.diagnostics).toEqual([]);
    expect(materialOf(sampleBack.text)).toEqual(materialOf(sampleText));
    // Word conventions visible in the text: directives under their headings, dialogue as list lines, front matter as YAML.
    expect(sampleBack.text).toContain('# Điều kiện kết hôn\n<!-- legal: 52/2014/QH13 Điều 8 -->');
    expect(sampleBack.text).toContain('- Bố Páo: Mỷ mười sáu tuổi rồi, cưới về cho có người làm nương.');
    expect(sampleBack.text).toContain('effective: 2018-01-01');
  });

  it('gives a brief with nested lists the same Material, syntax characters kept as text', () => {
    expect(nestedBack.diagnostics).toEqual([]);
    expect(materialOf(nestedBack.text)).toEqual(materialOf(NESTED));
    expect(nestedBack.text).toMatch(/ {2,}- ý a\n {4,}1\. chi tiết i/);
  });

  it('writes a valid .docx: unzip tests it, Python parses its XML, Word styles and numbering are there', async () => {
    const file = path.join(dir, 'sample.docx');
    await writeFile(file, sampleDocx);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    const script = 'import sys, zipfile, xml.dom.minidom\nz = zipfile.ZipFile(sys.argv[1])\nfor n in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):\n    xml.dom.minidom.parseString(z.read(n))\nd = xml.dom.minidom.parseString(z.read("word/document.xml"))\nprint(len(d.getElementsByTagName("w:tbl")), len(d.getElementsByTagName("w:numPr")))';
    const [tables, numbered] = execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim().split(' ').map(Number);
    expect(tables).toBe(3); // front matter, legal basis and the sample's own table
    expect(numbered).toBe(3 + 8 + 4 + 5); // key messages, conditions (4 and 4 nested), procedure, cast
    const documentXml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
    expect(documentXml).toContain('w:val="Heading1"');
    expect(documentXml).toContain('w:val="Heading2"');
    expect(documentXml).toContain('Tiêu đề (title)');
    expect(documentXml).toContain('01/01/2015');
  });
});

describe('GFM tables', () => {
  it('become Word tables and come back as the same GFM table', async () => {
    const brief = `${NESTED}\n# Mức phạt\n\n| Hành vi | Mức phạt (đồng) |\n| --- | --- |\n| Tổ chức **tảo hôn** | 10.000.000 – 30.000.000 |\n| Ô có \\| gạch đứng | 2 |\n`;
    const back = await briefFromDocx(null, await briefToDocx(null, brief));
    const rows = back.text.split('\n').filter((l) => l.startsWith('|')).map((l) => l.replace(/ +/g, ' '));
    expect(rows).toEqual([
      '| Hành vi | Mức phạt (đồng) |',
      expect.stringMatching(/^\| -+ \| -+ \|$/),
      '| Tổ chức **tảo hôn** | 10.000.000 – 30.000.000 |',
      '| Ô có \\| gạch đứng | 2 |',
    ]);
  });
});

describe('a .docx from another producer (Word structures written by hand)', () => {
  it('imports headings, numbered and nested bullet lists, tables, marks, key: value lines and dialogue paragraphs', async () => {
    const result = await briefFromDocx(null, await wordDocx());
    expect(result.diagnostics).toEqual([]);
    const { text } = result;
    // Word's Title and Subtitle paragraphs at the top: the title (the "Tiêu đề:" line says the same) and the subtitle.
    expect(text).toContain('id: word-goc\ntitle: Kết hôn đúng tuổi\nsubtitle: Phòng, chống tảo hôn\n');
    expect(text).toContain('articles: [Điều 8, Điều 9]\n    effective: 2015-01-01');
    expect(text).toContain('2. Kết hôn phải đăng ký tại **Ủy ban nhân dân xã**.');
    expect(text).toContain('Nam và nữ **kết hôn** phải tuân theo *các điều kiện* sau:');
    expect(text).not.toContain('ĐÃ XÓA'); // a tracked deletion
    expect(text).toContain('- Về tuổi:\n  - nam từ đủ 20 tuổi;\n  - nữ từ đủ 18 tuổi.\n- Tự nguyện quyết định.');
    expect(text).toContain('Dòng một\ndòng hai');
    expect(text).toMatch(/\| Độ tuổi +\| Nam \| Nữ \|\n\| -+ \| -+ \| -+ \|\n\| Được kết hôn \| 20 +\| 18 \|/);
    expect(text).toContain('Bối cảnh: trong nhà, buổi tối.\n\n- Chị Hoa: Nữ phải đủ 18 tuổi mới được kết hôn.\n- Páo: Vâng, cháu hiểu rồi.');

    const imported = importBriefText(text);
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const material = imported.material!;
    expect(material.legalBasis[0]).toMatchObject({ ref: '52/2014/QH13', articles: ['Điều 8', 'Điều 9'], effective: '2015-01-01' });
    const situation = material.sections.find((s) => s.kind === 'situation');
    expect(situation && 'scenes' in situation ? situation.scenes[0]!.lines.map((l) => l.speakerAsWritten) : []).toEqual(['Chị Hoa', 'Páo']);
    const content = material.sections.find((s) => s.kind === 'content');
    const list = content && 'blocks' in content ? content.blocks.find((b) => b.type === 'list') : undefined;
    expect(list && 'items' in list ? list.items.map((i) => i.depth) : []).toEqual([0, 1, 1, 0]);
  });

  it('warns about what it leaves out and names the Word paragraph', async () => {
    const body = '<w:p><w:r><w:t>Trước đề mục</w:t></w:r></w:p><w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Mục</w:t></w:r></w:p>'
      + '<w:p><w:r><w:t>Có ảnh</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:docPr id="1" name="a"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rId9"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>';
    const bytes = await zipParts({
      '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      '_rels/.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      'word/_rels/document.xml.rels': '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/a.png"/></Relationships>',
      'word/media/a.png': Buffer.from('not read'),
      'word/document.xml': `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    });
    const result = await briefFromDocx(null, bytes);
    const codes = result.diagnostics.map((d) => d.code);
    expect(codes).toEqual(['docx.noFrontMatter', 'docx.imageIgnored']);
    expect(result.diagnostics[1]!.params).toMatchObject({ n: 3, excerpt: 'Có ảnh' });
    expect(result.text).toBe('Trước đề mục\n\n# Mục\n\nCó ảnh\n');
    const vi = translator('vi');
    expect(vi('diag.docx.imageIgnored', result.diagnostics[1]!.params)).toContain('Đoạn 3 («Có ảnh»)');
  });
});

describe('bad input', () => {
  it('refuses what is not a .docx, with a message in Vietnamese and English', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251);
    expect(await refusal(random)).toBe('docx.notDocx');
    expect(await refusal(new Uint8Array(0))).toBe('docx.empty');
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(1024)]);
    expect(await refusal(ole)).toBe('docx.legacyDoc');
    expect(await refusal(Buffer.from('PK\u0003\u0004 broken zip'))).toBe('docx.notDocx');
    const xlsx = await zipParts({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(await refusal(xlsx)).toBe('docx.notWord');
    const tooLarge = Buffer.alloc(20 * 1024 * 1024 + 1);
    tooLarge.write('PK\u0003\u0004');
    expect(await refusal(tooLarge)).toBe('docx.tooLarge');
    for (const code of ['notDocx', 'empty', 'legacyDoc', 'notWord', 'tooLarge', 'tooBig', 'damaged']) {
      const vi = translator('vi')(`error.docx.${code}`, { size: 21, max: 20 });
      const en = translator('en')(`error.docx.${code}`, { size: 21, max: 20 });
      expect(vi).not.toContain('error.docx');
      expect(en).not.toBe(vi);
    }
  });

  it('stops a zip bomb: declared too big, or inflating past what it declares', async () => {
    const zeros = Buffer.alloc(33 * 1024 * 1024, 0x41);
    // Honest header, too much content: refused before inflating.
    const honest = await zipParts({ '[Content_Types].xml': '<Types/>', 'word/document.xml': zeros });
    expect(honest.byteLength).toBeLessThan(200_000);
    expect(await refusal(honest)).toBe('docx.tooBig');
    // A header that lies (says 1,000 bytes): stopped while inflating.
    const lying = Buffer.from(await zipParts({ '[Content_Types].xml': '<Types/>', 'word/document.xml': zeros.subarray(0, 4 * 1024 * 1024) }));
    const name = Buffer.from('word/document.xml');
    for (let at = lying.indexOf(name); at >= 0; at = lying.indexOf(name, at + 1)) {
      if (lying.readUInt32LE(at - 30) === 0x04034b50) lying.writeUInt32LE(1000, at - 30 + 22);
      if (lying.readUInt32LE(at - 46) === 0x02014b50) lying.writeUInt32LE(1000, at - 46 + 24);
    }
    expect(['docx.tooBig', 'docx.damaged']).toContain(await refusal(lying));
  });

  it('writes nothing for a refused file, and refuses a brief whose front matter is not YAML', async () => {
    const bad = path.join(dir, 'ban-thao.doc');
    await writeFile(bad, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    const outDir = path.join(dir, 'out-bad');
    await expect(docxFileToBriefFile(bad, path.join(outDir, 'brief.md'))).rejects.toMatchObject({ code: 'docx.legacyDoc' });
    await expect(readdir(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(briefToDocx(null, '---\ntitle: [unclosed\n---\n# A\n')).rejects.toMatchObject({ code: 'docx.badFrontMatter' });
  });
});

describe('files, the template and the API', () => {
  it('converts files both ways with durable writes (brief from-docx / to-docx)', async () => {
    const written = await briefFileToDocxFile(SAMPLE, path.join(dir, 'files') + path.sep);
    expect(path.basename(written.path)).toBe('ket-hon-dung-tuoi.docx');
    const back = await docxFileToBriefFile(written.path, path.join(dir, 'files', 'lai.md'));
    expect(await readFile(back.path, 'utf8')).toBe(sampleBack.text);
    expect((await readdir(path.join(dir, 'files'))).sort()).toEqual(['ket-hon-dung-tuoi.docx', 'lai.md']);
  });

  it('runs as `luat-studio brief to-docx`; `brief from-docx` refuses a bad file in the user\'s language, writing nothing', async () => {
    const docx = path.join(dir, 'cli', 'ban-thao.docx');
    const to = runCli(['brief', 'to-docx', SAMPLE, '--out', docx]);
    expect(to.status).toBe(0);
    expect(to.stdout).toContain(`Đã ghi tệp Word ${docx}`);
    // from-docx on a good file: README's "The command line" block runs it (tests/setup/readme.test.ts).
    const bad = runCli(['--locale', 'en', 'brief', 'from-docx', SAMPLE, '--out', path.join(dir, 'cli', 'never.md')]);
    expect(bad.status).toBe(3);
    expect(bad.stderr).toBe('luat-studio: error: This file is not a Word .docx file (it cannot be read as one). Open it in Word and “Save As” Word Document (.docx).\n');
    expect(await readdir(path.join(dir, 'cli'))).toEqual(['ban-thao.docx']);
    expect((await briefFromDocx(null, await readFile(docx))).text).toBe(sampleBack.text);
  });

  it('ships a current Word template that imports as a valid brief', async () => {
    const shipped = await readFile(TEMPLATE_DOCX);
    const fresh = await briefToDocx(null, await readFile(TEMPLATE_MD, 'utf8'));
    const part = (bytes: Uint8Array, file: string) => {
      const p = path.join(dir, file);
      return writeFile(p, bytes).then(() => execFileSync('unzip', ['-p', p, 'word/document.xml'], { encoding: 'utf8' }));
    };
    expect(await part(shipped, 'shipped.docx')).toBe(await part(fresh, 'fresh.docx'));
    const back = await briefFromDocx(null, shipped);
    expect(materialOf(back.text)).toEqual(materialOf(await readFile(TEMPLATE_MD, 'utf8')));
  });

  it('answers briefs.toDocx and briefs.fromDocx over the API, base64 both ways, errors in words', async () => {
    const api = await tempService();
    try {
      const exported = await api.service.call('briefs.toDocx', { text: sampleText });
      expect(exported.ok).toBe(true);
      const value = (exported as { value: { fileName: string; base64: string } }).value;
      expect(value.fileName).toBe('ket-hon-dung-tuoi.docx');
      const imported = await api.service.call('briefs.fromDocx', { fileName: value.fileName, base64: value.base64 });
      expect(imported).toMatchObject({ ok: true, value: { text: sampleBack.text, diagnostics: [] } });
      const refused = await api.service.call('briefs.fromDocx', { fileName: 'x.docx', base64: Buffer.from('not a zip').toString('base64') });
      expect(refused).toMatchObject({ ok: false, error: { code: 'docx.notDocx' } });
      expect((refused as { error: { message: string } }).error.message).toContain('.docx');
    } finally {
      await api.done();
    }
  });
});
