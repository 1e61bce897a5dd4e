/**
 * TEMPORARY until wip/docx lands `briefFromDocx` / `briefToDocx` in
 * engine/app/docx.ts: a tiny reader (paragraphs, headings, list items) and
 * writer (one paragraph per line) so the UI's Word actions work end to end.
 * The coordinator replaces the imports of this file with ./index.js and deletes it.
 */
import type { ApiDiagnostic } from '../api/contract.js';
import { StudioError } from '../errors.js';
import type { Studio } from './studio.js';

type Zip = { file(name: string): { async(type: 'string'): Promise<string> } | null; file(name: string, data: string): unknown; generateAsync(o: { type: 'uint8array' }): Promise<Uint8Array> };
async function zip(): Promise<{ loadAsync(data: Uint8Array): Promise<Zip>; new (): Zip }> {
  // jszip ships with exceljs (the XLSX report).
  const mod = (await import('jszip')) as unknown as { default: { loadAsync(data: Uint8Array): Promise<Zip>; new (): Zip } };
  return mod.default;
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function briefFromDocx(_studio: Studio, bytes: Uint8Array): Promise<{ text: string; diagnostics: ApiDiagnostic[] }> {
  let xml: string | undefined;
  try {
    xml = await (await (await zip()).loadAsync(bytes)).file('word/document.xml')?.async('string');
  } catch {
    xml = undefined;
  }
  if (!xml) throw new StudioError('ui.docxUnreadable', {});
  const lines: string[] = [];
  for (const [, body] of xml.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)) {
    const text = unescapeXml([...body!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));
    const style = /<w:pStyle w:val="([^"]+)"/.exec(body!)?.[1] ?? '';
    const level = /^Heading(\d)$/i.exec(style)?.[1];
    if (level) lines.push(`${'#'.repeat(Number(level))} ${text}`, '');
    else if (/<w:numPr>/.test(body!)) lines.push(`- ${text}`);
    else lines.push(text, '');
  }
  return { text: `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`, diagnostics: [] };
}

export async function briefToDocx(_studio: Studio, text: string): Promise<Uint8Array> {
  const Zip = await zip();
  const doc = new Zip();
  const paragraphs = text.split(/\r?\n/).map((line) => {
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    const style = heading ? `<w:pPr><w:pStyle w:val="Heading${heading[1]!.length}"/></w:pPr>` : '';
    return `<w:p>${style}<w:r><w:t xml:space="preserve">${escapeXml(heading ? heading[2]! : line)}</w:t></w:r></w:p>`;
  });
  doc.file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  doc.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  doc.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs.join('')}</w:body></w:document>`);
  return doc.generateAsync({ type: 'uint8array' });
}
