/**
 * `luat-studio build --formats epub`: the read-along book. Per language an
 * EPUB 3 whose text is highlighted as the narration plays (media overlays,
 * ./book.ts), plus a bilingual book (source beside each translation) as the
 * booklet has; the narration is the audiobook pipeline's (./narrations.ts),
 * one MP3 per language inside the book. A language no engine speaks and with
 * lines not recorded still gets its book, without narration, and a warning.
 * Our own fonts are embedded (only the subsets the text uses), Tai Viet
 * included, so the book reads the same on any reader.
 */
import { printLabels } from '../../../templates/print/labels.js';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { BuildContext, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { cssFontStack, facesOf, fontChain, type FontFace } from '../../fonts/index.js';
import { writeAtomically } from '../../fs/durable.js';
import { runFfmpeg } from '../../media/ffmpeg.js';
import type { OutputEntry } from '../../model/records.js';
import { safeFileName } from '../../platform/windowsPaths.js';
import { buildDocuments, type EditionInput, type FontResource, type NarrationTrack } from './book.js';
import { EpubSettings } from './descriptor.js';
import { readAlongNarration, voicing } from './narrations.js';
import { filesMadeAt } from '../../build/settings.js';

function readSettings(settings: Record<string, unknown>): EpubSettings {
  const parsed = EpubSettings.safeParse(settings['epub'] ?? {});
  if (!parsed.success) throw new StudioError('epub.badSettings', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  return parsed.data;
}

interface LanguageAudio {
  track: NarrationTrack;
  /** The MP3 on disk. */
  file: string;
}

export const epubFormat: OutputFormat = {
  name: 'epub',
  async build(ctx: BuildContext): Promise<OutputEntry[]> {
    const settings = readSettings(ctx.settings);
    const source = ctx.material.sourceLanguage;
    const editions: string[][] = [...ctx.languages.map((l) => [l]), ...ctx.languages.filter((l) => l !== source).map((l) => [source, l])];
    const total = ctx.languages.length + editions.length;
    const step = (done: number, what: string) => ctx.progress({ label: `EPUB: ${what}`, done, total });
    const { workDir } = await voicing(ctx);

    const audio = new Map<string, LanguageAudio | null>();
    for (const [i, language] of ctx.languages.entries()) {
      throwIfCancelled(ctx.signal);
      step(i, `đọc ${language}`);
      const narration = await readAlongNarration(ctx, language);
      if (!narration) {
        ctx.warn({ severity: 'warning', code: 'epub.noNarration', params: { language } });
        audio.set(language, null);
        continue;
      }
      const file = path.join(workDir, `epub-${safeFileName(language)}.mp3`);
      await runFfmpeg(
        ['-v', 'error', '-y', '-i', narration.wav, '-map_metadata', '-1', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', settings.audioBitrate, '-compression_level', '7', '-f', 'mp3', file],
        { signal: ctx.signal },
      );
      audio.set(language, {
        file,
        track: { audioHref: `audio/narration-${safeFileName(language)}.mp3`, durationSec: narration.durationSec, lines: narration.book.lines },
      });
    }

    const outputs: OutputEntry[] = [];
    for (const [n, languages] of editions.entries()) {
      throwIfCancelled(ctx.signal);
      step(ctx.languages.length + n, languages.join('+'));
      const narrations = languages.map((l) => audio.get(l) ?? null);
      if (!settings.textOnly && narrations.every((a) => a === null)) continue;
      const materials = languages.map((l) => ctx.materialFor(l));
      const labels = languages.map((l) => printLabels(ctx.labelsFor(l)));
      const tag = languages.join('+');
      const texts = [...buildDocuments({ ...stubInput(languages, materials, labels), fonts: [], fontStack: '' }).files.values()].join('');
      const fonts = await bookFonts(languages, texts);
      const input: EditionInput = {
        languages,
        materials,
        labels,
        narrations: narrations.map((a) => a?.track ?? null),
        fonts: fonts.resources,
        fontStack: fonts.stack,
        identifier: uuidUrn(`${ctx.material.id}|${tag}`),
        modified: filesMadeAt(ctx.settings).toISOString().replace(/\.\d+Z$/, 'Z'),
      };
      const docs = buildDocuments(input);
      const variant = languages.length > 1 ? 'bilingual' : 'read-along';
      const out = path.join(ctx.outDir, 'epub', safeFileName(tag), safeFileName(`${ctx.material.id}-${tag}.epub`));
      await mkdir(path.dirname(out), { recursive: true });
      const binaries = new Map<string, string>();
      for (const a of narrations) if (a && docs.pages.some((p) => p.pars.some((par) => par.audioSrc === `../${a.track.audioHref}`))) binaries.set(`EPUB/${a.track.audioHref}`, a.file);
      for (const f of fonts.resources) binaries.set(`EPUB/${f.href}`, fonts.files.get(f.href)!);
      await writeEpub(out, docs.files, binaries);
      const durationSec = docs.totalMs > 0 ? docs.totalMs / 1000 : undefined;
      outputs.push(await describeOutput(ctx.outDir, out, { format: 'epub', language: tag, variant, ...(durationSec ? { durationSec } : {}) }));
    }
    step(total, 'xong');
    return outputs;
  },
};

function stubInput(languages: string[], materials: EditionInput['materials'], labels: EditionInput['labels']): Omit<EditionInput, 'fonts' | 'fontStack'> {
  return { languages, materials, labels, narrations: languages.map(() => null), identifier: 'urn:uuid:0', modified: '' };
}

/** A name-based UUID (SHA-1, RFC 4122 version 5 layout): the same book keeps its identifier across builds. */
function uuidUrn(name: string): string {
  const h = createHash('sha1').update(`luat-studio:epub:${name}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `urn:uuid:${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

function rangeCss(ranges: FontFace['ranges']): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ');
}

/**
 * The subset files the book needs: for each character, the first family of the
 * print chain (Be Vietnam Pro, the script's own font such as Noto Sans Tai
 * Viet, Noto Sans) that has it, at the weights the book uses (400, 700).
 */
async function bookFonts(languages: string[], text: string): Promise<{ resources: FontResource[]; files: Map<string, string>; stack: string }> {
  const chain = fontChain('sans', languages);
  const faces = new Map<string, FontFace[]>();
  for (const id of chain) faces.set(id, (await facesOf(id)).filter((f) => f.style === 'normal' && (f.weight === 400 || f.weight === 700)));
  const chosen = new Map<string, FontFace>();
  const covers = (f: FontFace, cp: number) => f.ranges.some(([a, b]) => cp >= a && cp <= b);
  for (const ch of new Set(text.replace(/<[^>]*>/g, ' '))) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20) continue;
    for (const id of chain) {
      const hits = faces.get(id)!.filter((f) => covers(f, cp));
      if (hits.length === 0) continue;
      for (const f of hits) chosen.set(f.file, f);
      break;
    }
  }
  const files = new Map<string, string>();
  const resources = [...chosen.values()].map((f) => {
    const href = `fonts/${path.basename(f.file)}`;
    files.set(href, f.file);
    return { href, family: f.family, weight: f.weight, style: f.style, unicodeRange: rangeCss(f.ranges) };
  });
  return { resources, files, stack: `${cssFontStack(chain)}, sans-serif` };
}

/** An OCF container: `mimetype` first and stored, then the documents (deflated) and the media (stored: already compressed). */
async function writeEpub(out: string, texts: Map<string, string>, binaries: Map<string, string>): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2020-01-01T00:00:00Z');
  zip.addBuffer(Buffer.from('application/epub+zip', 'ascii'), 'mimetype', { compress: false, mtime });
  for (const name of [...texts.keys()].sort(containerOrder)) zip.addBuffer(Buffer.from(texts.get(name)!, 'utf8'), name, { compress: true, mtime });
  for (const [name, file] of binaries) zip.addBuffer(await readFile(file), name, { compress: false, mtime });
  zip.end();
  await writeAtomically(out, (temp) => pipeline(zip.outputStream, createWriteStream(temp)));
}

function containerOrder(a: string, b: string): number {
  const rank = (n: string) => (n.startsWith('META-INF/') ? 0 : n.endsWith('.opf') ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
}
