/**
 * Word briefs: a .docx written by staff → brief text, and a brief → .docx
 * (docs/brief-format.md, "Soạn bằng Word"). The conversion reads no library;
 * `studio` keeps every use case's shape (the CLI passes null: converting a
 * file must not wait for the app's library lock). The converters, with
 * mammoth and docx, are loaded only when a conversion runs.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../brief/diagnostics.js';
import { MAX_BRIEF_BYTES, decodeBrief } from '../brief/source.js';
import { StudioError } from '../errors.js';
import { writeFileDurably } from '../fs/durable.js';
import { resolveOutputFile } from '../fs/outputTarget.js';
import type { Studio } from './studio.js';

export interface BriefFromDocx {
  /** The brief text (Markdown + YAML front matter); check it like any brief. */
  text: string;
  /** What the conversion could not carry over (pictures, merged cells…), each naming the Word paragraph. */
  diagnostics: Diagnostic[];
}

export async function briefFromDocx(_studio: Studio | null, bytes: Uint8Array, _options: { fileName?: string } = {}): Promise<BriefFromDocx> {
  const { docxToBrief } = await import('../docx/fromDocx.js');
  return docxToBrief(bytes);
}

export async function briefToDocx(_studio: Studio | null, briefText: string): Promise<Uint8Array> {
  if (Buffer.byteLength(briefText, 'utf8') > MAX_BRIEF_BYTES) throw new StudioError('docx.briefTooLarge', { max: MAX_BRIEF_BYTES / 1024 / 1024 });
  const { briefTextToDocx } = await import('../docx/toDocx.js');
  return briefTextToDocx(briefText);
}

/** The .docx file name for a brief: its id, else "ban-thao". */
export function docxFileNameFor(briefText: string): string {
  const id = /^---\r?\n(?:[\s\S]*?\n)?id:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*\n/.exec(briefText)?.[1];
  return `${id ?? 'ban-thao'}.docx`;
}

async function readInput(file: string, max: number, tooLarge: string): Promise<Buffer> {
  const info = await stat(file).catch(() => null);
  if (!info || !info.isFile()) throw new StudioError('docx.cannotRead', { file });
  if (info.size > max) throw new StudioError(tooLarge, { size: (info.size / 1024 / 1024).toFixed(1), max: (max / 1024 / 1024).toFixed(0) });
  return readFile(file).catch((error: unknown) => {
    throw new StudioError('docx.cannotRead', { file }, { cause: error });
  });
}

/** `brief from-docx`: converts FILE.docx and writes the brief (durably) to `out`; nothing is written when the file is refused. */
export async function docxFileToBriefFile(file: string, out: string | undefined): Promise<BriefFromDocx & { path: string }> {
  const { MAX_DOCX_BYTES } = await import('../docx/zip.js');
  const bytes = await readInput(file, MAX_DOCX_BYTES, 'docx.tooLarge');
  const result = await briefFromDocx(null, bytes, { fileName: path.basename(file) });
  const target = await resolveOutputFile(out, `${path.basename(file, path.extname(file))}.md`);
  await writeFileDurably(target, result.text);
  return { ...result, path: target };
}

/** `brief to-docx`: the brief file as a Word document, written (durably) to `out`. */
export async function briefFileToDocxFile(file: string, out: string | undefined): Promise<{ path: string; bytes: number }> {
  const raw = await readInput(file, MAX_BRIEF_BYTES, 'docx.briefTooLarge');
  const decoded = decodeBrief(raw);
  if (!decoded.ok) throw new StudioError('docx.briefNotText', { file });
  const docx = await briefToDocx(null, decoded.source.text);
  const target = await resolveOutputFile(out, docxFileNameFor(decoded.source.text));
  await writeFileDurably(target, docx);
  return { path: target, bytes: docx.byteLength };
}
