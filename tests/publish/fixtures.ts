/**
 * A library holding the sample brief, and a build folder with a manifest of
 * outputs shaped like the real formats' (booklet screen/print PDFs,
 * infographic PNGs in three aspects, videos in 16:9 and 9:16 with their
 * subtitles and posters, an audio book), so publishing is tested without
 * rendering anything. The PNGs are real images (WordPress makes thumbnails
 * of them); the rest are filler bytes of the right names and sizes.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { MANIFEST_FILE, type Manifest } from '../../engine/build/build.js';
import { describeOutput } from '../../engine/build/outputs.js';
import { importBriefText } from '../../engine/brief/import.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry, TranslationRecord } from '../../engine/model/records.js';
import { listTextUnits } from '../../engine/model/units.js';
import { approve } from '../../engine/publish/approval.js';
import { auditLogFor } from '../../engine/publish/auditLog.js';
import { openLibrary, type Library } from '../../engine/store/library.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';

export async function sampleMaterial(text?: string): Promise<{ material: Material; text: string }> {
  const briefText = text ?? (await readFile(SAMPLE_BRIEF, 'utf8'));
  const result = importBriefText(briefText);
  if (!result.material) throw new Error(`sample brief did not import: ${JSON.stringify(result.diagnostics)}`);
  return { material: result.material, text: briefText };
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `luat-${prefix}-`));
}

/** A library with the sample brief saved. */
export async function libraryWithSample(dir?: string): Promise<{ library: Library; material: Material; text: string; dir: string }> {
  const libraryDir = dir ?? (await tempDir('lib'));
  const library = await openLibrary(libraryDir, { command: 'publish tests' });
  const { material, text } = await sampleMaterial();
  await library.saveBrief({ material, briefText: text, origin: SAMPLE_BRIEF });
  return { library, material, text, dir: libraryDir };
}

/** A valid PNG of one colour (8-bit RGB). */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Distinct filler bytes (each output must have its own sha256). */
function filler(bytes: number, _seed: number): Buffer {
  return randomBytes(bytes);
}

/**
 * An ISO BMFF `ftyp` box: what makes the fake video an MP4 to libmagic, and so
 * to WordPress's type check. Random bytes alone were now and then taken for
 * another type, and WordPress refused the upload ("not allowed to upload this file type").
 */
const MP4_FTYP = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex');

export interface BuildOptions {
  language?: string;
  /** Size of each video file (default 200 kB). */
  videoBytes?: number;
  /** Aspects the videos come in (default 16:9 and 9:16). */
  videoAspects?: ('16:9' | '9:16' | '1:1')[];
  videoSeconds?: number;
  audiobook?: boolean;
}

const VIDEO_SIZES = { '16:9': [1280, 720], '9:16': [720, 1280], '1:1': [720, 720] } as const;

/** Writes the files and DIR/manifest.json; returns the manifest. */
/** The feed infographic's description in the fake manifest, as publishing must pass it on (WordPress alt_text, Facebook alt_text_custom). */
export const FEED_ALT_TEXT = 'Kết hôn đúng tuổi, đăng ký đúng luật. 1. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.';

export async function makeBuild(outDir: string, material: Material, options: BuildOptions = {}, languages = [options.language ?? 'vi']): Promise<Manifest> {
  const outputs: OutputEntry[] = [];
  let seed = 1;
  const put = async (rel: string, data: Buffer, entry: Omit<OutputEntry, 'path' | 'bytes' | 'sha256'>) => {
    const file = path.join(outDir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, data);
    outputs.push(await describeOutput(outDir, file, entry));
  };
  for (const language of languages) {
    const id = material.id;
    await put(`booklet/${language}/${id}-booklet-screen.pdf`, Buffer.concat([Buffer.from('%PDF-1.4\n'), filler(30_000, seed++), Buffer.from('\n%%EOF\n')]),
      { format: 'booklet', language, variant: 'screen', pages: 12, width: 420, height: 595 });
    await put(`booklet/${language}/${id}-booklet-print.pdf`, Buffer.concat([Buffer.from('%PDF-1.4\n'), filler(30_000, seed++), Buffer.from('\n%%EOF\n')]),
      { format: 'booklet', language, variant: 'print', pages: 6, width: 842, height: 595 });
    await put(`infographic/${language}/${id}-infographic-feed.png`, solidPng(216, 270, [20, 90, 160]), { format: 'infographic', language, variant: 'feed', width: 216, height: 270, altText: FEED_ALT_TEXT });
    await put(`infographic/${language}/${id}-infographic-square.png`, solidPng(216, 216, [20, 160, 90]), { format: 'infographic', language, variant: 'square', width: 216, height: 216 });
    await put(`infographic/${language}/${id}-infographic-story.png`, solidPng(216, 384, [160, 90, 20]), { format: 'infographic', language, variant: 'story', width: 216, height: 384 });
    const durationSec = options.videoSeconds ?? 75;
    for (const aspect of options.videoAspects ?? ['16:9', '9:16']) {
      const slug = aspect.replace(':', 'x');
      const [width, height] = VIDEO_SIZES[aspect];
      const base = `video/${language}/${id}-tinh-huong-${slug}`;
      await put(`${base}.mp4`, Buffer.concat([MP4_FTYP, filler((options.videoBytes ?? 200_000) - MP4_FTYP.length, seed++)]), { format: 'video', language, variant: slug, durationSec, width, height });
      await put(`${base}.srt`, Buffer.from('1\n00:00:00,000 --> 00:00:02,000\nXin chào\n'), { format: 'video', language, variant: `${slug}.srt`, durationSec });
      await put(`${base}.vtt`, Buffer.from('WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào\n'), { format: 'video', language, variant: `${slug}.vtt`, durationSec });
      await put(`${base}-poster.png`, solidPng(width / 4, height / 4, [60, 60, 60]), { format: 'video', language, variant: `${slug}.poster`, width: width / 4, height: height / 4 });
    }
    if (options.audiobook !== false) {
      await put(`audiobook/${language}/${id}-audiobook.mp3`, Buffer.concat([Buffer.from('ID3'), filler(40_000, seed++)]), { format: 'audiobook', language, variant: 'mp3', durationSec: 300 });
    }
  }
  const manifest: Manifest = { material: { id: material.id, title: material.title.text }, outputs, warnings: [] };
  await writeFile(path.join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** A complete translation of every unit into `language` (prefix + source text). */
export function fullTranslation(material: Material, language: string, prefix = `[${language}] `): TranslationRecord[] {
  const at = new Date().toISOString();
  return listTextUnits(material).map((e) => ({
    unitId: e.unit.id, language, text: `${prefix}${e.unit.text}`, sourceText: e.unit.text, stale: false, updatedAt: at,
  }));
}

/** The sample in a fresh library, built and approved: what a publishing test starts from. */
export async function approvedBuild(approver = { by: 'Lan', role: 'Trưởng phòng' }) {
  const lib = await libraryWithSample();
  const outDir = await tempDir('build');
  const manifest = await makeBuild(outDir, lib.material);
  await approve(auditLogFor(lib.dir), { material: lib.material, manifest, outDir, translations: [], approver });
  return { ...lib, outDir };
}
