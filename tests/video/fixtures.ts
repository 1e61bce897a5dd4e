/**
 * Materials, voices and frame grabs for the video tests. Materials come from
 * the real sample brief (edited where a test needs a shorter or odder one),
 * through the real importer.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { importBriefText } from '../../engine/brief/import.js';
import type { Material } from '../../engine/model/material.js';
import { Material as MaterialSchema } from '../../engine/model/material.js';
import { mediaBinaries, runFfmpeg } from '../../engine/media/ffmpeg.js';
import { SpeechRegistry, speechEnginesFromSettings } from '../../engine/speech/registry.js';
import type { SpeechEngine } from '../../engine/speech/speechEngine.js';
import { SAMPLE_BRIEF, edit, sampleText } from '../helpers/briefs.js';

export { SAMPLE_BRIEF, edit, sampleText };

export async function materialFrom(text: string): Promise<Material> {
  const result = importBriefText(text);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (!result.material || errors.length > 0) throw new Error(`brief did not import: ${JSON.stringify(errors)}`);
  return result.material;
}

/** The sample with its situation cut to scene 1 and the narrator's closing scene: a ~20 s video. */
export function shortSampleText(aspects = '[16:9, 9:16]'): string {
  const text = sampleText();
  const start = text.indexOf('## Cảnh 2');
  const end = text.indexOf('## Cảnh 4');
  const closing = '## Cảnh 4 — Thông điệp\n- Người dẫn chuyện: Kết hôn đúng tuổi, đăng ký đúng luật.\n\n';
  const cut = text.slice(0, start) + closing + text.slice(text.indexOf('# Sách nói', end));
  return edit(cut, 'aspect: [16:9, 9:16]', `aspect: ${aspects}`);
}

/** A copy of `material` whose every text unit reads `transform(text)`: a stand-in translation. */
export function translated(material: Material, transform: (text: string) => string): Material {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) out[k] = walk(v);
      if (typeof obj['id'] === 'string' && typeof obj['slot'] === 'string' && typeof obj['text'] === 'string') out['text'] = transform(obj['text']);
      return out;
    }
    return value;
  };
  return MaterialSchema.parse(walk(material));
}

const registries = new Map<string, SpeechRegistry>();
/** The real engines (espeak-ng offline), caching spoken lines in `cacheDir` (the test's own temp folder). */
export function realSpeech(cacheDir: string): (language: string) => SpeechEngine | null {
  let r = registries.get(cacheDir);
  if (!r) {
    r = new SpeechRegistry(speechEnginesFromSettings({}, { cacheDir }));
    registries.set(cacheDir, r);
  }
  const registry = r;
  return (language) => registry.engineFor(language);
}

/** One frame of a video as packed RGB (width × height × 3 bytes), at its own size. */
export async function grabRgb(file: string, seconds: number): Promise<Buffer> {
  const { stdout } = await runFfmpeg(
    ['-v', 'error', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'],
    { captureStdout: true },
  );
  return stdout;
}

/** The same frame as a PNG, for looking at. */
export async function grabPng(file: string, seconds: number, out: string, width = 480): Promise<void> {
  await runFfmpeg(['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', '-vf', `scale=${width}:-2`, out]);
}

export function pixel(rgb: Buffer, width: number, x: number, y: number): [number, number, number] {
  const i = (Math.round(y) * width + Math.round(x)) * 3;
  return [rgb[i]!, rgb[i + 1]!, rgb[i + 2]!];
}

/** Mean absolute difference of two RGB frames, 0…255. */
export function frameDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 3) sum += Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!);
  return sum / (n || 1);
}

/** Texts of a mov_text stream's packets, from ffprobe's hex dump (this ffprobe has no subtitle decoder). */
export function movTextPackets(file: string, stream: number): Array<{ start: number; text: string }> {
  const json = execFileSync(mediaBinaries().ffprobe, ['-v', 'error', '-select_streams', String(stream), '-show_packets', '-show_data', '-of', 'json', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const packets = (JSON.parse(json) as { packets: Array<{ pts_time: string; data: string }> }).packets;
  return packets.map((p) => {
    const hex = p.data.split('\n').map((l) => l.slice(10, 50).replace(/\s/g, '')).join('');
    const bytes = Buffer.from(hex, 'hex');
    const length = bytes.readUInt16BE(0);
    return { start: Number(p.pts_time), text: bytes.subarray(2, 2 + length).toString('utf8') };
  });
}

/** Top-level MP4 box types in file order (to check +faststart: moov before mdat). */
export function topLevelBoxes(bytes: Buffer): string[] {
  const types: string[] = [];
  let pos = 0;
  while (pos + 8 <= bytes.length) {
    let size = bytes.readUInt32BE(pos);
    const type = bytes.toString('ascii', pos + 4, pos + 8);
    if (size === 1) size = Number(bytes.readBigUInt64BE(pos + 8));
    if (size < 8) break;
    types.push(type);
    pos += size;
  }
  return types;
}

/**
 * Above this (dB), two frames show the same picture. Renders are not bit for bit the same across browser
 * sessions (Chromium's raster: 1 level in a few pixels, 88 dB for one picture, down to 46 dB once x264 carries
 * it on to the following frames); the sample's video against itself one frame later has 97 frames under 40 dB.
 */
export const SAME_PICTURE_DB = 40;

/** PSNR of every frame of `a` against `b` (Debian's ffmpeg: the studio's own build has no psnr stats file). */
export function framePsnr(a: string, b: string): number[] {
  const stats = path.join(mkdtempSync(path.join(tmpdir(), 'luat-farm-psnr-')), 'psnr.log');
  try {
    execFileSync('ffmpeg', ['-v', 'error', '-i', a, '-i', b, '-lavfi', `[0:v][1:v]psnr=stats_file=${stats}`, '-f', 'null', '-']);
    return readFileSync(stats, 'utf8').split('\n').filter((l) => l.includes('psnr_avg:')).map((l) => {
      const value = /psnr_avg:(\S+)/.exec(l)![1]!;
      return value === 'inf' ? Infinity : Number(value);
    });
  } finally {
    rmSync(path.dirname(stats), { recursive: true, force: true });
  }
}

/** Each subtitle sample of a file's subtitle tracks: "start,duration" in the track's time base (ms for ours). */
export function subtitleSamples(file: string): string[] {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 's', '-show_packets', '-show_entries', 'packet=stream_index,pts,duration', '-of', 'csv=p=0', file], { encoding: 'utf8' })
    .split('\n').filter(Boolean);
}

/** The md5 of every decoded frame, in order (Debian's ffmpeg: the studio's own build has no framemd5 muxer); `format` for a raw stream. */
export function frameHashes(file: string, format?: string): string[] {
  return execFileSync('ffmpeg', ['-v', 'error', ...(format ? ['-f', format] : []), '-i', file, '-map', '0:v:0', '-f', 'framemd5', '-'], { encoding: 'utf8' })
    .split('\n').filter((l) => /^\d/.test(l)).map((l) => l.split(',').pop()!.trim());
}
