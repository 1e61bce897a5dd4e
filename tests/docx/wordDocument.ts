/**
 * A .docx written the way Word writes one, not by the studio's exporter:
 * Word's own style ids and names (Heading1 "heading 1", ListParagraph),
 * lists through numPr + numbering.xml, runs split mid-word, proofing marks,
 * bookmarks, tracked changes, tabs and line breaks. Zipped with yazl.
 */
import yazl from 'yazl';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const textRun = (text: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
const para = (content: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
const heading = (level: number, text: string) => para(textRun(text), `<w:pStyle w:val="Heading${level}"/>`);
const item = (numId: number, ilvl: number, content: string) =>
  para(content, `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);
const cell = (...paragraphs: string[]) => `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>${paragraphs.map((p) => para(textRun(p))).join('')}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const table = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.join('')}</w:tbl>`;

export function wordDocumentXml(): string {
  const body = [
    para(textRun('Kết hôn đúng tuổi'), '<w:pStyle w:val="Title"/>'),
    para(textRun('Phòng, chống ') + textRun('tảo hôn'), '<w:pStyle w:val="Subtitle"/>'),
    para(textRun('Mã tài liệu: ') + textRun('word-goc')),
    para(textRun('Tiêu ') + '<w:proofErr w:type="spellStart"/>' + textRun('đề:') + '<w:proofErr w:type="spellEnd"/>' + textRun(' Kết hôn đúng tuổi')),
    para(textRun('Cơ quan ban hành: Sở Tư pháp tỉnh Sơn La')),
    para(textRun('Ngôn ngữ gốc: vi')),
    para(textRun('Ngôn ngữ dịch: blt, hnj')),
    table(
      row(cell('Số hiệu'), cell('Tên văn bản'), cell('Điều, khoản'), cell('Ngày hiệu lực')),
      row(cell('52/2014/QH13'), cell('Luật Hôn nhân và gia đình'), cell('Điều 8', 'Điều 9'), cell('01/01/2015')),
    ),
    heading(1, 'Thông điệp chính'),
    item(2, 0, textRun('Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.')),
    item(2, 0, textRun('Kết hôn phải đăng ký tại ') + textRun('Ủy ban nhân dân xã', '<w:b/>') + textRun('.')),
    heading(1, 'Điều kiện kết hôn'),
    para(textRun('<!-- legal: 52/2014/QH13 Điều 8 -->')),
    para('<w:bookmarkStart w:id="0" w:name="dieu-kien"/>' + textRun('Nam và nữ ') + textRun('kết hôn', '<w:b/>') + textRun(' phải tuân theo ') + textRun('các điều kiện', '<w:i/>')
      + '<w:del w:id="1" w:author="A"><w:r><w:delText>ĐÃ XÓA </w:delText></w:r></w:del>' + '<w:ins w:id="2" w:author="A">' + textRun(' sau') + '</w:ins>' + textRun(':') + '<w:bookmarkEnd w:id="0"/>'),
    item(1, 0, textRun('Về tuổi:')),
    item(1, 1, textRun('nam từ đủ 20 tuổi;')),
    item(1, 1, textRun('nữ từ đủ 18 tuổi.')),
    item(1, 0, textRun('Tự nguyện quyết định.')),
    para(textRun('Dòng một') + '<w:r><w:br/></w:r>' + textRun('dòng') + '<w:r><w:tab/></w:r>' + textRun('hai')),
    table(row(cell('Độ tuổi'), cell('Nam'), cell('Nữ')), row(cell('Được kết hôn'), cell('20'), cell('18'))),
    heading(1, 'Tình huống: Đám cưới của Páo'),
    para(textRun('<!-- kind: situation; format: video; aspect: [16:9] -->')),
    para(textRun('Nhân vật:')),
    item(1, 0, textRun('Páo', '<w:b/>') + textRun(' — thanh niên 19 tuổi (character: young-man)')),
    item(1, 0, textRun('Chị Hoa', '<w:b/>') + textRun(' — công chức tư pháp (character: official-woman)')),
    heading(2, 'Cảnh 1 — Cán bộ đến nhà'),
    para(textRun('Bối cảnh: trong nhà, buổi tối.')),
    para(textRun('Chị Hoa: Nữ phải đủ 18 tuổi mới được kết hôn.')),
    para(textRun('Páo: Vâng, ') + textRun('cháu hiểu rồi.')),
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style>
</w:styles>`;

const lvl = (ilvl: number, fmt: string, text: string) =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/></w:lvl>`;
const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0">${lvl(0, 'bullet', '•')}${lvl(1, 'bullet', 'o')}</w:abstractNum>
<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '%2)')}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>`;

/** Zips parts (name → text or bytes) with yazl. */
export async function zipParts(parts: Record<string, string | Buffer>, compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(parts)) zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : data, name, { compress });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function wordDocx(): Promise<Buffer> {
  return zipParts({
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': ROOT_RELS,
    'word/_rels/document.xml.rels': DOC_RELS,
    'word/document.xml': wordDocumentXml(),
    'word/styles.xml': STYLES,
    'word/numbering.xml': NUMBERING,
  });
}
