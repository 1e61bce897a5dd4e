import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOUNDTRACK_RATE } from '../../engine/formats/video/lineAudio.js';
import { movTextMp4 } from '../../engine/formats/video/movText.js';
import { mediaLanguage } from '../../engine/model/languages.js';
const iso639_2 = (code: string) => mediaLanguage(code).iso6392;
import { LOUDNESS_TARGET, duckEnvelope, renderSoundtrack } from '../../engine/formats/video/soundtrack.js';
import { toSrt, toWebVtt } from '../../engine/formats/video/subtitleFiles.js';
import { ffprobe } from '../../engine/media/ffmpeg.js';
import { measureLoudness } from '../../engine/media/loudness.js';
import { parseSync } from 'subtitle';
import { movTextPackets } from './fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'video-media-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('subtitle tracks', () => {
  const cues = [
    { startMs: 500, endMs: 2000, text: 'Chào bác!\nCháu nghe tin' },
    { startMs: 2500, endMs: 4100, text: 'Đúng rồi.' },
  ];

  it('writes a tx3g track ffprobe reads as mov_text in the right language, with every cue at its time', async () => {
    const file = path.join(dir, 'subs.mp4');
    await writeFile(file, movTextMp4(cues, 'vie', 6000));
    const probe = await ffprobe(file);
    expect(probe.streams).toHaveLength(1);
    expect(probe.streams[0]).toMatchObject({ codec_type: 'subtitle', codec_name: 'mov_text', tags: { language: 'vie' } });
    expect(Number(probe.streams[0]!.duration)).toBeCloseTo(6, 2);
    const packets = movTextPackets(file, 0).filter((p) => p.text);
    expect(packets).toEqual([{ start: 0.5, text: 'Chào bác!\nCháu nghe tin' }, { start: 2.5, text: 'Đúng rồi.' }]);
  });

  it('maps languages to ISO 639-2 for the MP4', () => {
    expect(iso639_2('vi')).toBe('vie');
    expect(iso639_2('hnj')).toBe('hmn');
    expect(iso639_2('blt')).toBe('tai');
    expect(mediaLanguage('blt').title).toBe('Tiếng Thái Đen (blt)');
    expect(iso639_2('xyz')).toBe('mis');
    expect(iso639_2('en')).toBe('eng');
  });

  it('writes SRT and WebVTT that parse back to the same cues', () => {
    for (const text of [toSrt(cues), toWebVtt(cues)]) {
      const parsed = parseSync(text).filter((n) => n.type === 'cue').map((n) => n.data as { start: number; end: number; text: string });
      expect(parsed.map((c) => [c.start, c.end, c.text])).toEqual(cues.map((c) => [c.startMs, c.endMs, c.text]));
    }
    expect(toWebVtt(cues).startsWith('WEBVTT')).toBe(true);
  });
});

describe('soundtrack', () => {
  /** A vowel-like buzz with syllable gaps, peaky like synthetic speech. */
  function voice(seconds: number, hz: number, gain: number): Float32Array {
    const out = new Float32Array(Math.round(seconds * SOUNDTRACK_RATE));
    for (let i = 0; i < out.length; i++) {
      const t = i / SOUNDTRACK_RATE;
      const env = (t % 0.35) < 0.25 ? Math.sin((Math.PI * (t % 0.35)) / 0.25) : 0;
      out[i] = gain * env * (Math.sin(2 * Math.PI * hz * t) + 0.5 * Math.sin(2 * Math.PI * 3 * hz * t)) / 1.5;
    }
    return out;
  }

  it('masters voices and a ducked music bed to −16 LUFS with true peaks at or below −1 dBTP, AAC 48 kHz', async () => {
    const out = path.join(dir, 'soundtrack.m4a');
    const music = new Float32Array(SOUNDTRACK_RATE * 3).map((_, i) => 0.3 * Math.sin((2 * Math.PI * 330 * i) / SOUNDTRACK_RATE));
    const result = await renderSoundtrack({
      durationSec: 12,
      voices: [{ startSec: 1, samples: voice(3, 140, 0.9) }, { startSec: 5, samples: voice(2.5, 260, 0.2) }, { startSec: 8.5, samples: voice(2, 200, 0.6) }],
      music,
    }, out);
    expect(result.mode).toBe('linear');
    const probe = await ffprobe(out);
    expect(probe.streams[0]).toMatchObject({ codec_type: 'audio', codec_name: 'aac', sample_rate: '48000' });
    expect(Number(probe.format.duration)).toBeCloseTo(12, 0);
    const loud = await measureLoudness({ path: out });
    expect(Math.abs(loud.integrated - -16)).toBeLessThanOrEqual(1);
    expect(loud.truePeak).toBeLessThanOrEqual(-1);
  });

  it('ducks the bed under speech and brings it back between lines', () => {
    const env = duckEnvelope(SOUNDTRACK_RATE * 6, [{ startSec: 2, samples: new Float32Array(SOUNDTRACK_RATE * 2) }]);
    const at = (s: number) => env[Math.round(s * SOUNDTRACK_RATE)]!;
    expect(at(3)).toBeLessThan(at(0.5) / 3);
    expect(at(5.8)).toBeCloseTo(at(0.5), 2);
    expect(LOUDNESS_TARGET.truePeak).toBeLessThanOrEqual(-1);
  });

  it('encodes a silent soundtrack (a language with no voices and no music) without failing', async () => {
    const out = path.join(dir, 'silent.m4a');
    const result = await renderSoundtrack({ durationSec: 3, voices: [], music: null }, out);
    expect(result.mode).toBe('silent');
    const probe = await ffprobe(out);
    expect(probe.streams[0]).toMatchObject({ codec_name: 'aac', sample_rate: '48000' });
  });
});
