/**
 * Real renders through Remotion, Chromium and ffmpeg: one full-size 9:16
 * video of a short situation, then small ones for languages, aspects,
 * voice clips, music, warnings and cancelling. Every output is probed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseSync } from 'subtitle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVideoFormat, type VideoStats } from '../../engine/formats/video/index.js';
import { ffprobe } from '../../engine/media/ffmpeg.js';
import { measureLoudness } from '../../engine/media/loudness.js';
import type { Material, SituationSection } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { TestShared, testContext } from './context.js';
import { edit, frameDifference, framePsnr, grabPng, SAME_PICTURE_DB, grabRgb, materialFrom, movTextPackets, pixel, realSpeech, shortSampleText, topLevelBoxes, translated } from './fixtures.js';

const LOOK_DIR = process.env['VIDEO_TEST_FRAMES'] ?? null; // set to a folder to keep grabbed frames for viewing
let shared: TestShared;
let work: string;
const tmpBefore = new Set(readdirSync(os.tmpdir()).filter((n) => n.startsWith('luat-studio-video')));

const userCache = process.env['LUAT_STUDIO_CACHE'];

beforeAll(async () => {
  shared = new TestShared();
  work = await mkdtemp(path.join(os.tmpdir(), 'video-render-test-'));
  // Pictures, shots and chunks kept by earlier builds on this PC (the demo's, say) would make these renders
  // skip the work they test: the file keeps its own, removed with `work`.
  process.env['LUAT_STUDIO_CACHE'] = path.join(work, 'user-cache');
});

afterAll(async () => {
  await shared.disposeAll();
  if (userCache === undefined) delete process.env['LUAT_STUDIO_CACHE'];
  else process.env['LUAT_STUDIO_CACHE'] = userCache;
  await rm(work, { recursive: true, force: true });
});

function srtCues(text: string) {
  return parseSync(text).filter((n) => n.type === 'cue').map((n) => n.data as { start: number; end: number; text: string });
}

/** Every line's words appear in the cues, in script order, with sane times. */
function expectAllLinesInOrder(cues: ReturnType<typeof srtCues>, lines: string[], durationSec: number) {
  const joined = cues.map((c) => c.text.replace(/\n/g, ' ')).join(' ');
  let at = 0;
  for (const line of lines) {
    const found = joined.indexOf(line, at);
    expect(found, `line missing or out of order: ${line}`).toBeGreaterThanOrEqual(at);
    at = found + line.length;
  }
  let previousEnd = 0;
  for (const c of cues) {
    expect(c.start).toBeGreaterThanOrEqual(previousEnd);
    expect(c.end).toBeGreaterThan(c.start);
    expect(c.end).toBeLessThanOrEqual(durationSec * 1000 + 1);
    expect(c.text.split('\n').length).toBeLessThanOrEqual(2);
    previousEnd = c.end;
  }
}

function situationOf(m: Material): SituationSection {
  return m.sections.find((s) => s.kind === 'situation') as SituationSection;
}

function entry(outputs: OutputEntry[], language: string, variant: string): OutputEntry {
  const found = outputs.find((o) => o.language === language && o.variant === variant);
  if (!found) throw new Error(`no output ${language} ${variant} in ${outputs.map((o) => `${o.language}/${o.variant}`).join(', ')}`);
  return found;
}

describe('a full-size 9:16 video', () => {
  let outDir: string;
  let outputs: OutputEntry[];
  let material: Material;
  let ctx: ReturnType<typeof testContext>;

  beforeAll(async () => {
    material = await materialFrom(shortSampleText('[9:16]'));
    outDir = path.join(work, 'full');
    ctx = testContext({ material, outDir, shared });
    outputs = await createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')) }).build(ctx);
  });

  it('writes the MP4, its share version, SRT, WebVTT and poster under video/<language>/ and describes them', () => {
    const base = 'video/vi/ket-hon-dung-tuoi-tinh-huong-dam-cuoi-cua-pao-9x16';
    expect(outputs.map((o) => o.path).sort()).toEqual([`${base}-poster.png`, `${base}-share.mp4`, `${base}.mp4`, `${base}.srt`, `${base}.vtt`]);
    expect(entry(outputs, 'vi', '9x16.share')).toMatchObject({ format: 'video', width: 720, height: 1280 });
    const mp4 = entry(outputs, 'vi', '9x16');
    expect(mp4).toMatchObject({ format: 'video', width: 1080, height: 1920 });
    expect(mp4.durationSec).toBeGreaterThan(10);
    expect(mp4.bytes).toBeGreaterThan(100_000);
    expect(readdirSync(path.join(outDir, 'video', 'vi')).filter((n) => n.includes('.tmp'))).toEqual([]);
  });

  it('is H.264 High yuv420p 1080×1920 at 25 fps with AAC 48 kHz, a Vietnamese subtitle track, moov first', async () => {
    const file = path.join(outDir, entry(outputs, 'vi', '9x16').path);
    const probe = await ffprobe(file);
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
    const subs = probe.streams.filter((s) => s.codec_type === 'subtitle');
    expect(video).toMatchObject({ codec_name: 'h264', width: 1080, height: 1920 });
    const raw = JSON.parse(execFileSync((await import('../../engine/media/ffmpeg.js')).mediaBinaries().ffprobe,
      ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=profile,pix_fmt,r_frame_rate,color_range', '-of', 'json', file], { encoding: 'utf8' })).streams[0];
    expect(raw).toMatchObject({ profile: expect.stringMatching(/^(High|100)$/), pix_fmt: 'yuv420p', r_frame_rate: '25/1', color_range: 'tv' });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(audio.tags).toMatchObject({ language: 'vie', handler_name: 'Tiếng Việt' });
    expect(subs.map((s) => [s.codec_name, s.tags?.['language']])).toEqual([['mov_text', 'vie']]);
    expect(Number(probe.format.duration)).toBeCloseTo(entry(outputs, 'vi', '9x16').durationSec!, 0);
    const boxes = topLevelBoxes(await readFile(file));
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
  });

  it('has a share version: 720×1280, as long, ≤ 3 MB a minute, with the soundtrack and the tagged subtitle track, moov first', async () => {
    const full = entry(outputs, 'vi', '9x16');
    const share = entry(outputs, 'vi', '9x16.share');
    const file = path.join(outDir, share.path);
    const probe = await ffprobe(file);
    const video = probe.streams.find((s) => s.codec_type === 'video')!;
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
    const subs = probe.streams.filter((s) => s.codec_type === 'subtitle');
    expect(video).toMatchObject({ codec_name: 'h264', width: 720, height: 1280 });
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 1 });
    expect(audio.tags).toMatchObject({ language: 'vie', handler_name: 'Tiếng Việt' });
    expect(subs.map((s) => [s.codec_name, s.tags?.['language']])).toEqual([['mov_text', 'vie']]);
    // Same length as the full video: the picture to the frame (the subtitle track may end a few ms later, see below).
    expect(Math.abs(Number(video.duration) - full.durationSec!)).toBeLessThanOrEqual(0.04);
    expect(Math.abs(Number(probe.format.duration) - full.durationSec!)).toBeLessThanOrEqual(0.1);
    expect(share.durationSec).toBe(full.durationSec);
    const mbPerMinute = share.bytes / 1e6 / (share.durationSec! / 60);
    expect(mbPerMinute).toBeLessThanOrEqual(3);
    expect(share.bytes).toBeLessThan(full.bytes);
    // The subtitle track says the same as the full video's, at the same times: copying a mov_text track, ffmpeg's
    // mp4 muxer adds empty gap samples of 1 ms each, so cues drift by up to ~50 ms over 90 s (docs/video-rendering.md).
    const cues = (f: string) => movTextPackets(f, 2).filter((p) => p.text);
    const shareCues = cues(file);
    const fullCues = cues(path.join(outDir, full.path));
    expect(shareCues.map((p) => p.text)).toEqual(fullCues.map((p) => p.text));
    shareCues.forEach((p, i) => expect(Math.abs(p.start - fullCues[i]!.start)).toBeLessThanOrEqual(0.08));
    const boxes = topLevelBoxes(await readFile(file));
    expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'));
    if (LOOK_DIR) await grabPng(file, full.durationSec! / 2, path.join(LOOK_DIR, 'share-9x16-mid.png'), 720);
  });

  it('has a soundtrack at −16 LUFS ±1 with true peaks at or below −1 dBTP', async () => {
    const loud = await measureLoudness({ path: path.join(outDir, entry(outputs, 'vi', '9x16').path) });
    expect(Math.abs(loud.integrated + 16)).toBeLessThanOrEqual(1);
    expect(loud.truePeak).toBeLessThanOrEqual(-1);
  });

  it('holds every line of the dialogue in the SRT, WebVTT and subtitle track, in order, with sane times', async () => {
    const lines = situationOf(material).scenes.flatMap((s) => s.lines.map((l) => l.unit.text));
    const duration = entry(outputs, 'vi', '9x16').durationSec!;
    const srt = srtCues(await readFile(path.join(outDir, entry(outputs, 'vi', '9x16.srt').path), 'utf8'));
    const vtt = srtCues(await readFile(path.join(outDir, entry(outputs, 'vi', '9x16.vtt').path), 'utf8'));
    expectAllLinesInOrder(srt, lines, duration);
    expect(vtt).toEqual(srt);
    const track = movTextPackets(path.join(outDir, entry(outputs, 'vi', '9x16').path), 2).filter((p) => p.text);
    expect(track.map((p) => p.text)).toEqual(srt.map((c) => c.text));
    expect(track.map((p) => Math.round(p.start * 1000))).toEqual(srt.map((c) => c.start));
  });

  it('shows the title card, then a lit scene with a caption, then the end card with its QR code', async () => {
    const file = path.join(outDir, entry(outputs, 'vi', '9x16').path);
    const W = 1080;
    const duration = entry(outputs, 'vi', '9x16').durationSec!;
    const srt = srtCues(await readFile(path.join(outDir, entry(outputs, 'vi', '9x16.srt').path), 'utf8'));
    const dialogue = srt.find((c) => c.text.startsWith('Mỷ mười sáu'))!; // Bố Páo's line
    const title = await grabRgb(file, 1.8);
    const scene = await grabRgb(file, (dialogue.start + dialogue.end) / 2000);
    const end = await grabRgb(file, duration - 0.5);
    expect(title.length).toBe(1080 * 1920 * 3);
    // Title card: warm paper background in the middle of the frame.
    const [r, g, b] = pixel(title, W, 540, 1500);
    expect(r).toBeGreaterThan(200);
    expect(g).toBeGreaterThan(180);
    expect(b).toBeLessThan(200);
    expect(frameDifference(title, scene)).toBeGreaterThan(20);
    // Caption box: dark, at the bottom of the 9:16 safe area, left of centre is inside the box.
    const captionRow = 1920 * 0.8 - 60;
    const dark = [...Array(20)].map((_, i) => pixel(scene, W, 200 + i * 35, captionRow)).filter(([cr, cg, cb]) => cr + cg + cb < 200);
    expect(dark.length).toBeGreaterThan(5);
    // End card: the QR code has both black and white modules somewhere in the lower half.
    const colours = new Set<string>();
    for (let y = 1000; y < 1600; y += 7) for (let x = 60; x < 1020; x += 7) {
      const [er, eg, eb] = pixel(end, W, x, y);
      if (er + eg + eb < 60) colours.add('black');
      if (er + eg + eb > 740) colours.add('white');
    }
    expect(colours).toEqual(new Set(['black', 'white']));
    if (LOOK_DIR) {
      for (const [name, t] of [['title', 1.8], ['scene', (dialogue.start + dialogue.end) / 2000], ['end', duration - 0.5]] as const) {
        await grabPng(file, t, path.join(LOOK_DIR, `full-9x16-${name}.png`), 540);
      }
    }
  });

  it('writes a poster PNG of the video size and reports progress up to done', async () => {
    const poster = await ffprobe(path.join(outDir, entry(outputs, 'vi', '9x16.poster').path));
    expect(poster.streams[0]).toMatchObject({ codec_name: 'png', width: 1080, height: 1920 });
    // Its alternative text is in the video's language: the story, the issuer, a key message, what it cites.
    expect(entry(outputs, 'vi', '9x16.poster').altText).toMatch(/^Đám cưới của Páo — .*Cơ quan phát hành: Sở Tư pháp tỉnh Sơn La\. .*Căn cứ: /u);
    const last = ctx.updates.at(-1)!;
    expect(last.done).toBe(last.total);
    expect(ctx.updates.length).toBeGreaterThan(10);
    // Each step (prepare, voices, frames of an aspect) only ever goes forward.
    const lastDone = new Map<string, number>();
    for (const u of ctx.updates) {
      const key = `${u.label}|${u.phase ?? ''}`;
      expect(u.done, key).toBeGreaterThanOrEqual(lastDone.get(key) ?? 0);
      lastDone.set(key, u.done);
    }
  });
});

describe('small videos in two languages and two aspects', () => {
  let outDir: string;
  let outputs: OutputEntry[];
  let material: Material;
  let hmong: Material;
  const clipSec = 2.5;

  beforeAll(async () => {
    material = await materialFrom(shortSampleText('[16:9, 1:1]'));
    hmong = translated(material, (t) => t.toUpperCase());
    outDir = path.join(work, 'small');
    const clip = path.join(work, 'clip.wav');
    const music = path.join(work, 'music.wav');
    execFileSync('sox', ['-n', '-r', '44100', '-c', '1', clip, 'synth', String(clipSec), 'sine', '180', 'tremolo', '4', '90']);
    execFileSync('sox', ['-n', '-r', '44100', '-c', '2', music, 'synth', '4', 'sine', '440', 'sine', '554', 'vol', '0.4']);
    const firstDialogue = situationOf(material).scenes[0]!.lines[1]!.unit.id;
    const ctx = testContext({ material, outDir, shared, languages: ['vi', 'hnj'], materials: { vi: material, hnj: hmong }, settings: { video: { music }, videoVoiceFallback: 'music' } });
    outputs = await createVideoFormat({
      engineFor: realSpeech(path.join(work, 'speech')),
      clips: { find: (unit, language) => (unit === firstDialogue && language === 'vi' ? clip : null) },
      sizes: { '16:9': { width: 480, height: 270 }, '1:1': { width: 360, height: 360 } },
    }).build(ctx);
  });

  it('renders every language in every aspect the brief asks for, at the requested sizes', async () => {
    for (const language of ['vi', 'hnj']) {
      for (const [variant, w, h] of [['16x9', 480, 270], ['1x1', 360, 360]] as const) {
        const e = entry(outputs, language, variant);
        expect(e.path).toBe(`video/${language}/ket-hon-dung-tuoi-tinh-huong-dam-cuoi-cua-pao-${variant}.mp4`);
        const probe = await ffprobe(path.join(outDir, e.path));
        expect(probe.streams.find((s) => s.codec_type === 'video')).toMatchObject({ codec_name: 'h264', width: w, height: h });
        expect(probe.streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'aac')).toBe(true);
        // Soft subtitles for each language built, the video's own first.
        const subs = probe.streams.filter((s) => s.codec_type === 'subtitle').map((s) => s.tags?.['language']);
        expect(subs).toEqual(language === 'vi' ? ['vie', 'hmn'] : ['hmn', 'vie']);
        expect(probe.streams.find((s) => s.codec_type === 'audio')?.tags?.['language']).toBe(language === 'vi' ? 'vie' : 'hmn');
        for (const suffix of ['srt', 'vtt', 'poster']) expect(existsSync(path.join(outDir, entry(outputs, language, `${variant}.${suffix}`).path))).toBe(true);
      }
    }
  });

  it('speaks a line with its recorded clip, so that line lasts as long as the clip', async () => {
    const srt = srtCues(await readFile(path.join(outDir, entry(outputs, 'vi', '16x9.srt').path), 'utf8'));
    const line = situationOf(material).scenes[0]!.lines[1]!.unit.text;
    const cues = srt.filter((c) => line.includes(c.text.split('\n')[0]!));
    const seconds = (cues.at(-1)!.end - cues[0]!.start) / 1000;
    expect(seconds).toBeGreaterThanOrEqual(clipSec);
    expect(seconds).toBeLessThan(clipSec + 0.6);
  });

  it('shows a language with no voice long enough to read, with its own text in its subtitles', async () => {
    const srt = srtCues(await readFile(path.join(outDir, entry(outputs, 'hnj', '16x9.srt').path), 'utf8'));
    const lines = situationOf(hmong).scenes.flatMap((s) => s.lines.map((l) => l.unit.text));
    expectAllLinesInOrder(srt, lines, entry(outputs, 'hnj', '16x9').durationSec!);
    const total = (srt.at(-1)!.end - srt[0]!.start) / 1000;
    expect(total).toBeGreaterThan(lines.join(' ').length / 14);
    // Its MP4 carries the Vietnamese text as a second track, timed to the Hmong video.
    const vieTrack = movTextPackets(path.join(outDir, entry(outputs, 'hnj', '16x9').path), 3).filter((p) => p.text);
    expect(vieTrack.map((p) => p.text).join(' ')).toContain(situationOf(material).scenes[0]!.lines[1]!.unit.text.split(' ')[0]!);
  });

  it('mixes the music bed in, so the voiceless language still has sound at the target loudness', async () => {
    const loud = await measureLoudness({ path: path.join(outDir, entry(outputs, 'hnj', '1x1').path) });
    expect(Math.abs(loud.integrated + 16)).toBeLessThanOrEqual(1);
    expect(loud.truePeak).toBeLessThanOrEqual(-1);
  });

  it('draws the same story in 16:9 and 1:1 (frames differ, both show the scene)', async () => {
    const wide = path.join(outDir, entry(outputs, 'vi', '16x9').path);
    const square = path.join(outDir, entry(outputs, 'vi', '1x1').path);
    const a = await grabRgb(wide, 6);
    const b = await grabRgb(square, 6);
    expect(a.length).toBe(480 * 270 * 3);
    expect(b.length).toBe(360 * 360 * 3);
    if (LOOK_DIR) {
      for (const t of [2, 6, 9, 14]) {
        await grabPng(wide, t, path.join(LOOK_DIR, `small-16x9-${t}.png`), 480);
        await grabPng(square, t, path.join(LOOK_DIR, `small-1x1-${t}.png`), 360);
        await grabPng(path.join(outDir, entry(outputs, 'hnj', '16x9').path), t, path.join(LOOK_DIR, `small-hnj-16x9-${t}.png`), 480);
      }
    }
  });
});

describe('pictures kept in a shared folder (a render farm\'s units on several PCs)', () => {
  it('a second build with the same folder captures no picture, makes the same frames (to raster noise), and leaves the folder in place', async () => {
    const material = await materialFrom(shortSampleText('[16:9]'));
    const pictureCacheDir = path.join(work, 'farm-pictures');
    const sizes = { '16:9': { width: 480, height: 270 } };
    const build = async (name: string, own: TestShared) => {
      const stats: VideoStats[] = [];
      const outDir = path.join(work, name);
      const outputs = await createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes, onStats: (x) => stats.push(x) })
        .build(testContext({ material, outDir, shared: own, settings: { pictureCacheDir } }));
      return { stats: stats[0]!, mp4: path.join(outDir, entry(outputs, 'vi', '16x9').path) };
    };
    const first = await build('kept-a', shared);
    // Another build's resources: its own browser and no picture cache of its own, as on another PC.
    const other = new TestShared();
    const second = await build('kept-b', other).finally(() => other.disposeAll());
    expect(first.stats.captured).toBeGreaterThan(5);
    expect(first.stats.captured).toBe(first.stats.pictures);
    expect(second.stats.pictures).toBe(first.stats.pictures);
    expect(second.stats.captured).toBe(0);
    // One folder for the one browser both builds capture with (pictures of two browsers are kept apart).
    const folders = readdirSync(pictureCacheDir);
    expect(folders).toEqual([expect.stringMatching(/^browser-[0-9a-f]{12}$/)]);
    const kept = readdirSync(path.join(pictureCacheDir, folders[0]!));
    // Each picture whole, or as the part of it captured alone (patches.ts) beside the whole picture it is laid over.
    const whole = kept.filter((n) => /^[0-9a-f]{32}\.jpeg$/.test(n)).length;
    const parts = kept.filter((n) => /^[0-9a-f]{32}\.part$/.test(n)).length;
    expect(parts).toBeGreaterThan(0);
    expect(whole + parts).toBe(first.stats.pictures);
    // The encoded chunks are kept there too, so the second build encoded and composed nothing.
    expect(kept.filter((n) => n.endsWith('.chunk.h264'))).toHaveLength(first.stats.chunks);
    expect([second.stats.chunksEncoded, second.stats.composed]).toEqual([0, 0]);
    // Same frames, to raster noise.
    const psnr = framePsnr(second.mp4, first.mp4);
    expect(psnr.length).toBeGreaterThan(100);
    expect(psnr.filter((db) => db < SAME_PICTURE_DB)).toEqual([]);
  });
});

describe('pictures kept between builds on this PC', () => {
  it('a later build (another language added a week later) reuses the pictures the earlier one captured', async () => {
    const material = await materialFrom(shortSampleText('[1:1]'));
    const sizes = { '1:1': { width: 300, height: 300 } };
    const build = async (name: string, materials: Record<string, Material>) => {
      const own = new TestShared();
      const stats: VideoStats[] = [];
      try {
        await createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes, onStats: (x) => stats.push(x) })
          .build(testContext({ material, outDir: path.join(work, name), shared: own, languages: Object.keys(materials), materials }));
      } finally {
        await own.disposeAll();
      }
      return stats;
    };
    const [vi] = await build('kept-week-1', { vi: material });
    // Other words in the Hmong track (each unit's in reverse order, as long as the Vietnamese): its cards and the
    // speaking pictures its mouths make are new, the stages it shares are not (docs/video-rendering.md).
    const [hnj] = await build('kept-week-2', { hnj: translated(material, (t) => t.split(' ').reverse().join(' ')) });
    expect(vi!.pictures).toBeGreaterThan(5);
    expect(hnj!.captured).toBeGreaterThan(0);
    expect(hnj!.captured).toBeLessThan(hnj!.pictures / 2);
  });

  it('a re-render composes, captures and encodes only what changed: nothing for the same brief, one caption\'s shots after it is edited', async () => {
    const text = shortSampleText('[1:1]');
    const sizes = { '1:1': { width: 300, height: 300 } };
    const build = async (name: string, brief: string) => {
      const own = new TestShared();
      const stats: VideoStats[] = [];
      const outDir = path.join(work, name);
      try {
        const outputs = await createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes, onStats: (x) => stats.push(x) })
          .build(testContext({ material: await materialFrom(brief), outDir, shared: own }));
        return { stats: stats[0]!, mp4: path.join(outDir, entry(outputs, 'vi', '1x1').path), srt: path.join(outDir, entry(outputs, 'vi', '1x1.srt').path) };
      } finally {
        await own.disposeAll();
      }
    };
    // A cache folder of the test's own: what earlier runs kept must not count here.
    const cacheBefore = process.env['LUAT_STUDIO_CACHE'];
    process.env['LUAT_STUDIO_CACHE'] = path.join(work, 'again-cache');
    try {
      const first = await build('again-1', text);
      const again = await build('again-2', text);
      expect(first.stats.captionedShots).toBeGreaterThan(5);
      expect(first.stats.composed).toBe(first.stats.captionedShots);
      expect(first.stats.chunksEncoded).toBe(first.stats.chunks);
      expect(again.stats).toMatchObject({ captured: 0, composed: 0, bandsCaptured: 0, captionedShots: first.stats.captionedShots, chunksEncoded: 0, chunks: first.stats.chunks });
      const psnr = framePsnr(again.mp4, first.mp4);
      expect(psnr.length).toBeGreaterThan(100);
      expect(psnr.filter((db) => db < SAME_PICTURE_DB)).toEqual([]);
      // The closing narrator line edited: its band is captured, its shots composed and the chunks from it on encoded, nothing else.
      const edited = await build('again-3', edit(text, 'Người dẫn chuyện: Kết hôn đúng tuổi, đăng ký đúng luật.', 'Người dẫn chuyện: Kết hôn đủ tuổi, đăng ký kết hôn đúng luật.'));
      expect(edited.stats.bandsCaptured).toBeGreaterThanOrEqual(1);
      expect(edited.stats.bandsCaptured).toBeLessThanOrEqual(2);
      expect(edited.stats.composed).toBeGreaterThan(0);
      expect(edited.stats.composed).toBeLessThan(edited.stats.captionedShots / 2);
      expect(edited.stats.chunksEncoded).toBeGreaterThan(0);
      expect(edited.stats.chunksEncoded).toBeLessThan(edited.stats.chunks);
      expect(await readFile(edited.srt, 'utf8')).toContain('đủ tuổi');
    } finally {
      if (cacheBefore === undefined) delete process.env['LUAT_STUDIO_CACHE'];
      else process.env['LUAT_STUDIO_CACHE'] = cacheBefore;
    }
  });
});

describe('warnings, failures and cancelling', () => {
  const small = { '9:16': { width: 270, height: 480 } };

  it('draws an unknown archetype and an unknown place neutrally, with a warning each, and still renders', async () => {
    let text = shortSampleText('[9:16]');
    text = edit(text, '(character: girl)', '(character: dragon)');
    text = edit(text, 'Bối cảnh: sân nhà sàn, buổi sáng.', 'Bối cảnh: bờ biển, buổi sáng.');
    const material = await materialFrom(text);
    const ctx = testContext({ material, outDir: path.join(work, 'warn'), shared });
    const outputs = await createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes: small }).build(ctx);
    expect(ctx.warnings.map((w) => w.code).sort()).toEqual(['video.unknownArchetype', 'video.unknownSetting']);
    expect(outputs.filter((o) => o.path.endsWith('.mp4'))).toHaveLength(1);
  });

  it('stops when cancelled, leaving the earlier file of the same name untouched and no temp files', async () => {
    const material = await materialFrom(shortSampleText('[9:16]'));
    const outDir = path.join(work, 'cancel');
    const target = path.join(outDir, 'video', 'vi', 'ket-hon-dung-tuoi-tinh-huong-dam-cuoi-cua-pao-9x16.mp4');
    await (await import('node:fs/promises')).mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, 'earlier output');
    const controller = new AbortController();
    const ctx = testContext({ material, outDir, shared, signal: controller.signal });
    const original = ctx.progress;
    ctx.progress = (u) => {
      original(u);
      if (u.done > 10) controller.abort(new DOMException('cancelled by test', 'AbortError'));
    };
    await expect(createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes: small }).build(ctx)).rejects.toMatchObject({ code: 'build.cancelled' });
    expect(await readFile(target, 'utf8')).toBe('earlier output');
    expect((await readdir(path.dirname(target))).sort()).toEqual([path.basename(target)]);
  });

  it('fails with a clear error for an unreadable music file, leaving earlier outputs untouched', async () => {
    const material = await materialFrom(shortSampleText('[9:16]'));
    const outDir = path.join(work, 'fail');
    const ctx = testContext({ material, outDir, shared, settings: { video: { music: path.join(work, 'no-such-music.mp3') } } });
    await expect(createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes: small }).build(ctx)).rejects.toMatchObject({ code: 'video.musicUnreadable' });
    expect(existsSync(path.join(outDir, 'video'))).toBe(false);
  });

  it('refuses text the bundled fonts cannot draw, naming the character, before rendering anything', async () => {
    const material = await materialFrom(edit(shortSampleText('[9:16]'), 'Con còn muốn đi học tiếp...', 'Con còn muốn đi học tiếp 🧿'));
    const outDir = path.join(work, 'glyph');
    const ctx = testContext({ material, outDir, shared });
    await expect(createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes: small }).build(ctx))
      .rejects.toMatchObject({ code: 'fonts.missingGlyph', params: { character: '🧿' } });
    expect(existsSync(path.join(outDir, 'video'))).toBe(false);
  });

  it('cleans up: the bundle and work folders are gone once the build’s resources are disposed', async () => {
    await shared.disposeAll();
    const left = readdirSync(os.tmpdir()).filter((n) => n.startsWith('luat-studio-video') && !tmpBefore.has(n));
    expect(left).toEqual([]);
  });
});
