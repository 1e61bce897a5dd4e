import { testLabels } from '../helpers/labels.js';
import { fillLabel } from '../../engine/model/labels.js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from 'music-metadata';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../../engine/build/outputs.js';
import { audiobookFormat } from '../../engine/formats/audiobook/index.js';
import { ffprobe, type ProbeResult } from '../../engine/media/ffmpeg.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { listTextUnits } from '../../engine/model/units.js';
import type { VoiceClipSource } from '../../engine/speech/speechEngine.js';
import { SHARED_BROWSER_KEY } from '../../engine/render/browser.js';
import { parseFeed } from './feed.js';
import { audioContext, decodeRange, ebur128, sampleMaterial, sineWav, systemFfmpeg, tempDir, zeroCrossingRate, type AudioTestContext } from './helpers.js';

const tmp = tempDir('audiobook');
afterAll(() => tmp.remove());

const PLAN_TITLES = [
  'Giới thiệu',
  'Chương 1: Điều kiện kết hôn',
  'Chương 2: Tảo hôn là gì và hậu quả',
  'Chương 3: Thủ tục đăng ký kết hôn',
  'Chương 4: Hỏi đáp',
  'Chương 5: Đám cưới của Páo',
  'Kết thúc',
];

interface Sidecar {
  durationSec: number;
  chapters: Array<{ title: string; startSec: number; endSec: number }>;
  lines: Array<{ target: string | null; source: string; startSec: number; endSec: number }>;
  loudspeaker: Array<{ file: string; variant: string; durationSec: number }>;
}

describe('audiobook format (vi, with one recorded line)', { timeout: 300_000 }, () => {
  let material: Material;
  let ctx: AudioTestContext;
  let entries: OutputEntry[];
  let sidecar: Sidecar;
  let clipUnit: string;
  const dir = () => path.join(tmp.dir, 'out', 'audiobook', 'vi');
  const file = (variant: string) => path.join(tmp.dir, 'out', entries.find((e) => e.variant === variant)!.path);

  beforeAll(async () => {
    material = sampleMaterial((t) => t.replace('Chương 4: Hỏi đáp', 'Chương 4: Hỏi đáp\nChương 5: Đám cưới của Páo'));
    // A 440 Hz tone stands in for a recording of the first paragraph of chapter 2, at the
    // level prepareRecording gives clips (−20 LUFS: amplitude 0.15).
    clipUnit = listTextUnits(material).find((e) => e.sectionId === 'tao-hon-la-gi-va-hau-qua' && e.role === 'paragraph')!.unit.id;
    const clip = path.join(tmp.dir, 'clip.wav');
    writeFileSync(clip, sineWav(440, 1.5, 48000, 0.15));
    const clips: VoiceClipSource = { find: (target, language) => (target === clipUnit && language === 'vi' ? clip : null) };
    ctx = audioContext({
      material,
      outDir: path.join(tmp.dir, 'out'),
      settings: { voiceClips: clips, audiobook: { broadcast: { communes: ['Xã Chiềng Bôm'], startDate: '2026-03-02' } } },
    });
    entries = await audiobookFormat.build(ctx);
    const base = path.join(dir(), `${material.id}-vi.chapters.json`);
    sidecar = JSON.parse(readFileSync(base, 'utf8')) as Sidecar;
    // A whole book with a cover on a shared two-core machine: sized to the work, not to patience.
  }, 900_000);

  it('writes the M4B, the MP3, the loudspeaker files, the broadcast package and the podcast feed, described in the manifest entries', () => {
    expect(entries.map((e) => e.variant)).toEqual([
      'm4b', 'mp3', 'loudspeaker', 'loudspeaker-ch01', 'loudspeaker-ch02', 'loudspeaker-ch03', 'loudspeaker-ch04', 'loudspeaker-ch05',
      'broadcast-xa-chieng-bom-m3u', 'broadcast-xa-chieng-bom-csv', 'broadcast-xa-chieng-bom-ics',
      'podcast-chapters', 'cover', 'podcast-rss',
    ]);
    for (const e of entries) {
      expect(e.format).toBe('audiobook');
      expect(e.language).toBe('vi');
      expect(existsSync(path.join(tmp.dir, 'out', e.path))).toBe(true);
      if (/^(m4b|mp3|loudspeaker)/.test(e.variant)) expect(e.durationSec).toBeGreaterThan(10);
    }
    expect(entries.find((e) => e.variant === 'loudspeaker-ch02')!.path).toBe(
      'audiobook/vi/loa/ket-hon-dung-tuoi-vi-loa-02-tao-hon-la-gi-va-hau-qua.mp3',
    );
    // No temp file is left next to the outputs.
    expect(readdirSync(dir()).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(ctx.warnings).toEqual([]);
  });

  it.each(['m4b', 'mp3'])('%s: chapters, titles and times match the plan, and the cover is attached', async (variant) => {
    const probe: ProbeResult = await ffprobe(file(variant));
    expect(probe.chapters.map((c) => c.tags?.['title'])).toEqual(PLAN_TITLES);
    expect(sidecar.chapters.map((c) => c.title)).toEqual(PLAN_TITLES);
    const manifestChapters = entries.find((e) => e.variant === variant)!.chapters!;
    expect(manifestChapters.map((c) => c.title)).toEqual(PLAN_TITLES);
    for (const [i, c] of probe.chapters.entries()) {
      expect(Number(c.start_time)).toBeCloseTo(manifestChapters[i]!.startSec, 2);
      expect(Number(c.start_time)).toBeCloseTo(sidecar.chapters[i]!.startSec, 2);
      expect(Number(c.end_time)).toBeCloseTo(sidecar.chapters[i]!.endSec, 2);
      if (i > 0) expect(c.start_time).toBe(probe.chapters[i - 1]!.end_time);
    }
    expect(Number(probe.chapters[0]!.start_time)).toBe(0);
    const duration = Number(probe.format.duration);
    expect(Math.abs(duration - sidecar.durationSec)).toBeLessThan(0.15);
    expect(Math.abs(Number(probe.chapters[6]!.end_time) - duration)).toBeLessThan(0.15);
    // Each chapter starts where its announcement starts: the line "Chương N." begins within a second.
    for (let n = 1; n <= 5; n++) {
      const start = sidecar.chapters[n]!.startSec;
      expect(sidecar.lines.some((l) => l.target === null && Math.abs(l.startSec - start) < 0.01)).toBe(true);
    }
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
    expect(audio.codec_name).toBe(variant === 'm4b' ? 'aac' : 'mp3');
    if (variant === 'm4b') {
      // Every track is Vietnamese, the chapter track included (ffmpeg alone tags it English).
      expect(probe.streams.filter((s) => s.codec_type !== 'video').map((s) => s.tags?.['language'])).toEqual(['vie', 'vie']);
    }
    const cover = probe.streams.find((s) => s.codec_type === 'video')!;
    expect(cover.disposition?.['attached_pic']).toBe(1);
    expect(cover.width).toBe(1400);
    const tags = probe.format.tags ?? {};
    expect(tags['title']).toBe(material.title.text);
    expect(tags['artist']).toBe(material.issuer.text);
    if (variant === 'm4b') expect(tags['major_brand']?.trim()).toBe('M4B');
  });

  afterAll(() => ctx.sharedTest.disposeAll());

  it("draws its cover in the build's browser: the label in yellow and the title in white on the blue ground", async () => {
    const browser = await ctx.sharedTest.get<Browser>(SHARED_BROWSER_KEY, () => Promise.reject(new Error('the build shared no browser')), async () => {});
    expect(browser.isConnected()).toBe(true);
    const cover = path.join(tmp.dir, 'out', entries.find((e) => e.variant === 'cover')!.path);
    // 1400×1400 RGB, decoded by Debian's ffmpeg; rows 110–170 hold the label, 500–900 the title.
    const rgb = execFileSync(systemFfmpeg(), ['-v', 'error', '-i', cover, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 16 << 20 });
    const count = (rows: [number, number], test: (r: number, g: number, b: number) => boolean) => {
      let n = 0;
      for (let y = rows[0]; y < rows[1]; y++) {
        for (let x = 0; x < 1400; x++) {
          const i = (y * 1400 + x) * 3;
          if (test(rgb[i]!, rgb[i + 1]!, rgb[i + 2]!)) n++;
        }
      }
      return n;
    };
    const yellow = (r: number, g: number, b: number) => r > 200 && g > 160 && b < 140;
    const white = (r: number, g: number, b: number) => r > 220 && g > 220 && b > 220;
    expect(count([100, 180], yellow)).toBeGreaterThan(2000);
    expect(count([450, 950], white)).toBeGreaterThan(20000);
    expect(count([0, 60], (r, g, b) => b > 60 && b > r + 40)).toBe(60 * 1400);
  });

  it('MP3 tags are ID3v2.4 with a CTOC and one CHAP per chapter, and a front cover', async () => {
    const meta = await parseFile(file('mp3'));
    const frames = (meta.native['ID3v2.4'] ?? []).map((t) => t.id);
    expect(frames.filter((id) => id === 'CTOC')).toHaveLength(1);
    expect(frames.filter((id) => id === 'CHAP')).toHaveLength(PLAN_TITLES.length);
    expect(meta.common.artist).toBe(material.issuer.text);
    expect(meta.common.picture?.[0]?.format).toBe('image/jpeg');
  });

  it.each(['m4b', 'mp3'])('%s: −18 LUFS ±1 and true peak ≤ −3 dBTP by ebur128', (variant) => {
    const { integrated, truePeak } = ebur128(file(variant));
    expect(Math.abs(integrated - -18)).toBeLessThanOrEqual(1);
    expect(truePeak).toBeLessThanOrEqual(-3);
  });

  it('loudspeaker cut: mono 44.1 kHz MP3s at −16 LUFS ±1, the whole and one per chapter with its span', async () => {
    const whole = file('loudspeaker');
    const probe = await ffprobe(whole);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'mp3', sample_rate: '44100', channels: 1 });
    expect(Math.abs(ebur128(whole).integrated - -16)).toBeLessThanOrEqual(1);
    for (let n = 1; n <= 5; n++) {
      const variant = `loudspeaker-ch0${n}`;
      const chapter = await ffprobe(file(variant));
      const span = sidecar.chapters[n]!;
      expect(Math.abs(Number(chapter.format.duration) - (span.endSec - span.startSec))).toBeLessThan(0.15);
      expect(chapter.streams[0]!.channels).toBe(1);
      expect(chapter.format.tags?.['title']).toBe(PLAN_TITLES[n]);
    }
    expect(Math.abs(ebur128(file('loudspeaker-ch02')).integrated - -16)).toBeLessThanOrEqual(1);
  });

  it('the podcast feed points at the real MP3, its size and its chapters; the commune playlist at real cuts', async () => {
    const { rss } = parseFeed(readFileSync(file('podcast-rss'), 'utf8'));
    const item = rss['channel'].item[0] as Record<string, any>;
    const mp3 = entries.find((e) => e.variant === 'mp3')!;
    expect(item.enclosure['@url']).toBe(`https://pbgdpl.sonla.gov.vn/ket-hon-dung-tuoi/${mp3.path}`);
    expect(Number(item.enclosure['@length'])).toBe(mp3.bytes);
    expect(item['psc:chapters']['psc:chapter'].map((c: { '@title': string }) => c['@title'])).toEqual(PLAN_TITLES);
    const json = JSON.parse(readFileSync(file('podcast-chapters'), 'utf8')) as { chapters: Array<{ title: string; startTime: number }> };
    expect(json.chapters.map((c) => c.title)).toEqual(PLAN_TITLES);
    expect(json.chapters[3]!.startTime).toBeCloseTo(sidecar.chapters[3]!.startSec, 2);

    const playlist = file('broadcast-xa-chieng-bom-m3u');
    const listed = readFileSync(playlist, 'utf8').split('\r\n').filter((l) => l.endsWith('.mp3'));
    expect(listed).toHaveLength(5);
    for (const [i, name] of listed.entries()) {
      const copy = path.join(path.dirname(playlist), name);
      const probe = await ffprobe(copy);
      expect(probe.format.tags?.['title']).toBe(PLAN_TITLES[i + 1]);
      // The package's cut is the chapter's loudspeaker file, byte for byte.
      const chapter = entries.find((e) => e.variant === `loudspeaker-ch0${i + 1}`)!;
      expect(await sha256File(copy)).toBe(chapter.sha256);
    }
  });

  it('reads the Q&A and the legal basis aloud: their lines are in the book', () => {
    const phrases = sidecar.lines.filter((l) => l.target === null).length;
    // Hỏi/Đáp for three pairs, three "Căn cứ", plus chapter announcements, intro and outro phrases.
    expect(phrases).toBeGreaterThanOrEqual(6 + 3 + 5);
  });

  it('the recorded clip replaces the engine\'s voice for exactly its unit', () => {
    const recorded = sidecar.lines.filter((l) => l.source === 'recording');
    expect(recorded.map((l) => l.target)).toEqual([clipUnit]);
    expect(sidecar.lines.filter((l) => l.source !== 'recording').every((l) => l.source === 'espeak-ng')).toBe(true);
    const line = recorded[0]!;
    expect(line.endSec - line.startSec).toBeCloseTo(1.5, 1);
    // In the encoded book that stretch is the 440 Hz tone (≈ 880 crossings/s); the line before it is speech.
    const tone = decodeRange(file('m4b'), line.startSec + 0.1, line.endSec - 0.1);
    expect(Math.abs(zeroCrossingRate(tone, 44100) - 880)).toBeLessThan(30);
    const index = sidecar.lines.indexOf(line);
    const before = sidecar.lines[index - 1]!;
    const speech = decodeRange(file('m4b'), before.startSec, before.endSec);
    expect(Math.abs(zeroCrossingRate(speech, 44100) - 880)).toBeGreaterThan(100);
  });
});

describe('audiobook format: languages without an engine', { timeout: 900_000 }, () => {
  it('builds a language narrated entirely from recordings and skips one with neither, with a warning', async () => {
    const material = sampleMaterial();
    const clip = path.join(tmp.dir, 'blt-clip.wav');
    writeFileSync(clip, sineWav(300, 0.6, 48000));
    const clips: VoiceClipSource = { find: (_target, language) => (language === 'blt' ? clip : null) };
    const outDir = path.join(tmp.dir, 'minority');
    const ctx = audioContext({ material, outDir, languages: ['blt', 'hnj'], settings: { voiceClips: clips, audiobook: { cover: false } } });
    const entries = await audiobookFormat.build(ctx);
    expect(new Set(entries.map((e) => e.language))).toEqual(new Set(['blt']));
    expect(ctx.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'audiobook.noVoice', params: expect.objectContaining({ language: 'hnj' }) as unknown }),
    ]);
    const m4b = path.join(outDir, entries.find((e) => e.variant === 'm4b')!.path);
    const probe = await ffprobe(m4b);
    // The chapter labels are the edition's own (the translator's label memory; here the test's stand-in Tai Viet).
    const blt = testLabels('blt');
    const chapter = (n: number, title: string) => `${fillLabel(blt['audio.chapter'], { n })}: ${title}`;
    expect(probe.chapters.map((c) => c.tags?.['title'])).toEqual([
      blt['audio.intro'], chapter(1, 'Điều kiện kết hôn'), chapter(2, 'Tảo hôn là gì và hậu quả'), chapter(3, 'Thủ tục đăng ký kết hôn'), chapter(4, 'Hỏi đáp'), blt['audio.outro'],
    ]);
    expect(probe.streams.some((s) => s.codec_type === 'video')).toBe(false);
    // Tai Dam has no ISO 639-2 code of its own: the Tai collective code, and its name in the title.
    const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
    expect(audio.tags).toMatchObject({ language: 'tai', handler_name: 'Tiếng Thái Đen (blt)' });
    expect(probe.streams.find((s) => s.codec_type === 'data')?.tags?.['language']).toBe('tai');
    expect(Math.abs(ebur128(m4b).integrated - -18)).toBeLessThanOrEqual(1);
  });
});

describe('audiobook format: cancelling', { timeout: 900_000 }, () => {
  it('stops when cancelled and leaves no output and no work folder behind', async () => {
    const material = sampleMaterial();
    const outDir = path.join(tmp.dir, 'cancelled');
    // A private temp folder for this build, so the check sees only its own work folder.
    const privateTmp = path.join(tmp.dir, 'tmp');
    mkdirSync(privateTmp);
    const savedTmp = process.env['TMPDIR'];
    process.env['TMPDIR'] = privateTmp;
    try {
      expect(os.tmpdir()).toBe(privateTmp);
      const controller = new AbortController();
      const ctx = audioContext({ material, outDir, signal: controller.signal, settings: { audiobook: { cover: false } } });
      let sawWorkFolder = false;
      ctx.progress = (u) => {
        if (!u.label.includes('chuẩn âm lượng')) return;
        sawWorkFolder = readdirSync(privateTmp).some((n) => n.startsWith('luat-audiobook-'));
        controller.abort(new Error('user cancelled'));
      };
      await expect(audiobookFormat.build(ctx)).rejects.toThrow('user cancelled');
      // The build's shared speech cache (engine/build/speech.ts) goes when the build ends, as runBuild does.
      await ctx.sharedTest.disposeAll();
      expect(sawWorkFolder).toBe(true);
      expect(readdirSync(privateTmp)).toEqual([]);
      const left = existsSync(outDir) ? readdirSync(outDir, { recursive: true }).map(String).filter((n) => /\.(m4b|mp3|json|tmp)/.test(n)) : [];
      expect(left).toEqual([]);
    } finally {
      if (savedTmp === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = savedTmp;
    }
  });
});
