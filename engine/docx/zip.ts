/**
 * Opening a .docx safely. A .docx is a zip; a hostile one can claim small
 * sizes and inflate to gigabytes (a zip bomb), hold thousands of entries, or
 * be something else entirely (an old .doc, a spreadsheet, random bytes). The
 * parts the conversion reads (XML and relationships) are inflated here with
 * yauzl, which stops an entry that inflates past its declared size, within
 * fixed limits; they are then re-packed (stored, no compression) for mammoth,
 * so mammoth never inflates anything that was not checked. Pictures and other
 * media are not read at all.
 */
import yauzl from 'yauzl';
import yazl from 'yazl';
import { StudioError } from '../errors.js';

/** A brief's Word file: text with some tables. 20 MiB leaves room for pictures staff paste in. */
export const MAX_DOCX_BYTES = 20 * 1024 * 1024;
const MAX_ENTRIES = 5_000;
/** One XML part, inflated. A 2 MiB brief makes a document.xml of a few MiB. */
const MAX_PART_BYTES = 32 * 1024 * 1024;
/** All XML parts together, inflated. */
const MAX_XML_BYTES = 64 * 1024 * 1024;

const MiB = (n: number) => (n / 1024 / 1024).toFixed(1);
/** The OLE compound-file signature: Word 97-2003 .doc, and password-protected .docx. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Checks the bytes and returns a clean zip of the document's XML parts, or throws a StudioError (docx.*). */
export async function checkedDocxParts(bytes: Uint8Array): Promise<Buffer> {
  if (bytes.byteLength === 0) throw new StudioError('docx.empty');
  if (bytes.byteLength > MAX_DOCX_BYTES) throw new StudioError('docx.tooLarge', { size: MiB(bytes.byteLength), max: MiB(MAX_DOCX_BYTES) });
  if (OLE.every((b, i) => bytes[i] === b)) throw new StudioError('docx.legacyDoc');
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new StudioError('docx.notDocx');
  const parts = await readXmlParts(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!parts.has('word/document.xml') && !parts.has('[Content_Types].xml')) throw new StudioError('docx.notDocx');
  if (!parts.has('word/document.xml')) throw new StudioError('docx.notWord');
  return repack(parts);
}

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, autoClose: false }, (error, zip) => {
      if (error || !zip) reject(new StudioError('docx.notDocx', {}, { cause: error }));
      else resolve(zip);
    });
  });
}

async function readXmlParts(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await openZip(buffer);
  const parts = new Map<string, Buffer>();
  let entries = 0;
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: unknown) => reject(error instanceof StudioError ? error : new StudioError('docx.damaged', {}, { cause: error })));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        if (entries > MAX_ENTRIES) {
          reject(new StudioError('docx.tooManyParts', { max: MAX_ENTRIES }));
          return;
        }
        const name = entry.fileName;
        if (name.endsWith('/') || !/\.(xml|rels)$/i.test(name) || parts.has(name)) {
          zip.readEntry();
          return;
        }
        if (entry.uncompressedSize > MAX_PART_BYTES || total + entry.uncompressedSize > MAX_XML_BYTES) {
          reject(new StudioError('docx.tooBig', { max: MiB(MAX_XML_BYTES) }));
          return;
        }
        total += entry.uncompressedSize;
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) {
            reject(new StudioError('docx.damaged', {}, { cause: error }));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            // yauzl stops an entry that inflates past its declared size; this is the same limit, kept here too.
            if (size > entry.uncompressedSize) stream.destroy(new StudioError('docx.tooBig', { max: MiB(MAX_XML_BYTES) }));
            else chunks.push(chunk);
          });
          stream.on('error', (e: unknown) => reject(e instanceof StudioError ? e : new StudioError('docx.damaged', {}, { cause: e })));
          stream.on('end', () => {
            parts.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } finally {
    try {
      zip.close();
    } catch {
      // Already closed by an error inside yauzl: nothing more to release.
    }
  }
  return parts;
}

async function repack(parts: Map<string, Buffer>): Promise<Buffer> {
  const out = new yazl.ZipFile();
  for (const [name, data] of parts) out.addBuffer(data, name, { compress: false, mtime: new Date(2000, 0, 1) });
  out.end();
  const chunks: Buffer[] = [];
  for await (const chunk of out.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
