import { readFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { parseMonoWav, type Pcm } from '../../engine/media/pcm.js';
import { EspeakEngine, espeakVoiceArgs, espeakVoiceFor } from '../../engine/speech/espeak.js';
import { SpeechRegistry, speechEnginesFromSettings, voiceClipsFromSettings } from '../../engine/speech/registry.js';
import type { SpeechRequest, VoiceClipSource } from '../../engine/speech/speechEngine.js';
import { sineWav, tempDir } from './helpers.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const tmp = tempDir('speech');
afterAll(() => tmp.remove());

const read = (file: string): Pcm => {
  const pcm = parseMonoWav(readFileSync(file));
  if (!pcm) throw new Error(`not a mono WAV: ${file}`);
  return pcm;
};

/** Median fundamental frequency of voiced 40 ms frames, by autocorrelation (70–500 Hz). */
function medianPitch(pcm: Pcm): number {
  const { samples, sampleRate } = pcm;
  const frame = Math.round(0.04 * sampleRate);
  const pitches: number[] = [];
  for (let start = 0; start + frame * 2 < samples.length; start += frame) {
    let energy = 0;
    for (let i = start; i < start + frame; i++) energy += samples[i]! * samples[i]!;
    if (energy / frame < 1000 ** 2) continue;
    let bestLag = 0;
    let best = 0;
    for (let lag = Math.floor(sampleRate / 500); lag <= Math.ceil(sampleRate / 70); lag++) {
      let sum = 0;
      for (let i = start; i < start + frame; i++) sum += samples[i]! * samples[i + lag]!;
      if (sum > best) {
        best = sum;
        bestLag = lag;
      }
    }
    if (bestLag > 0) pitches.push(sampleRate / bestLag);
  }
  pitches.sort((a, b) => a - b);
  return pitches[Math.floor(pitches.length / 2)] ?? 0;
}

const line = 'Kết hôn phải đăng ký tại Ủy ban nhân dân xã; đăng ký kết hôn không mất lệ phí.';

describe('espeak-ng engine', () => {
  const engine = new EspeakEngine({ cacheDir: `${tmp.dir}/cache` });

  it('speaks Vietnamese in three accents, and knows which languages it has', async () => {
    expect(engine.supports('vi')).toBe(true);
    expect(engine.supports('en')).toBe(true);
    expect(engine.supports('blt')).toBe(false);
    expect(engine.supports('hnj')).toBe(false);
    expect(espeakVoiceFor('vie')).toBe('vi');
    const accents = ['north', 'central', 'south'] as const;
    expect(accents.map((accent) => espeakVoiceArgs('vi', { accent })[1])).toEqual(['vi', 'vi-vn-x-central', 'vi-vn-x-south']);
    const results = await engine.synthesizeMany(accents.map((accent) => ({ text: line, language: 'vi', voice: { accent } })));
    const audio = results.map((r) => readFileSync(r.wavPath));
    for (const r of results) {
      expect(r.engine).toBe('espeak-ng');
      expect(r.durationSec).toBeGreaterThan(3);
    }
    expect(audio[0]!.equals(audio[1]!)).toBe(false);
    expect(audio[1]!.equals(audio[2]!)).toBe(false);
  });

  it('gives characters different voices: pitch and gender move the fundamental', async () => {
    const voices = [
      { gender: 'male', pitch: 20 },
      { gender: 'male', pitch: 80 },
      { gender: 'female', pitch: 50 },
    ] as const;
    const [low, high, female] = await engine.synthesizeMany(voices.map((voice) => ({ text: line, language: 'vi', voice: { ...voice } })));
    const f0 = [low!, high!, female!].map((r) => medianPitch(read(r.wavPath)));
    expect(f0[1]!).toBeGreaterThan(f0[0]! * 1.2);
    expect(f0[2]!).toBeGreaterThan(f0[0]! * 1.2);
  });

  it('speaks a batch as it speaks each line alone (same lengths), and keeps empty lines empty', async () => {
    const texts = ['Chương 1.', 'Điều kiện kết hôn', '…', 'Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.', 'a < b & c'];
    const requests: SpeechRequest[] = texts.map((text) => ({ text, language: 'vi', voice: { accent: 'south', gender: 'female', pitch: 60 } }));
    const batch = await new EspeakEngine({ cacheDir: `${tmp.dir}/batch` }).synthesizeMany(requests);
    const alone: number[] = [];
    for (const request of requests) alone.push((await new EspeakEngine({ cacheDir: `${tmp.dir}/alone-${alone.length}` }).synthesize(request)).durationSec);
    expect(batch).toHaveLength(texts.length);
    expect(batch[2]!.durationSec).toBe(0);
    for (const [i, r] of batch.entries()) {
      if (i === 2) continue;
      expect(r.durationSec).toBeGreaterThan(0.2);
      expect(Math.abs(r.durationSec - alone[i]!)).toBeLessThan(0.35);
    }
  });

  it('speaks the same line the same way in every build, breathy female voices too', async () => {
    // espeak-ng seeds its breath noise from the clock, in seconds: the second build starts a second later.
    const request: SpeechRequest = { text: line, language: 'vi', voice: { gender: 'female', pitch: 62 } };
    const first = readFileSync((await new EspeakEngine({ cacheDir: `${tmp.dir}/build-1` }).synthesize(request)).wavPath);
    await new Promise((r) => setTimeout(r, 1100));
    const second = readFileSync((await new EspeakEngine({ cacheDir: `${tmp.dir}/build-2` }).synthesize(request)).wavPath);
    expect(second.equals(first)).toBe(true);
  });

  it('answers a line it spoke before from its cache', async () => {
    const request: SpeechRequest = { text: 'Hãy nói không với tảo hôn.', language: 'vi', voice: {} };
    const first = await engine.synthesize(request);
    const mtime = statSync(first.wavPath).mtimeMs;
    const again = await engine.synthesize(request);
    expect(again.wavPath).toBe(first.wavPath);
    expect(statSync(again.wavPath).mtimeMs).toBe(mtime);
    const otherVoice = await engine.synthesize({ ...request, voice: { pitch: 70 } });
    expect(otherVoice.wavPath).not.toBe(first.wavPath);
  });
});

describe('speech registry', () => {
  const registry = new SpeechRegistry(speechEnginesFromSettings({}, { cacheDir: `${tmp.dir}/registry` }));

  it('says clearly when no engine speaks a language', async () => {
    expect(registry.engineFor('blt')).toBeNull();
    const err = await registry.speak([{ target: 'u1', text: 'x', language: 'blt', voice: {} }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('speech.noEngine');
    expect((err as StudioError).params).toEqual({ language: 'blt' });
  });

  it('uses a recorded clip for exactly its unit and language, the engine for the rest', async () => {
    const clip = path.join(tmp.dir, 'clip.wav');
    writeFileSync(clip, sineWav(440, 1.5));
    const clips: VoiceClipSource = { find: (target, language) => (target === 'u2' && language === 'vi' ? clip : null) };
    const spoken = await registry.speak(
      [
        { target: 'u1', text: 'Một.', language: 'vi', voice: {} },
        { target: 'u2', text: 'Hai.', language: 'vi', voice: {} },
        { target: 'u2', text: 'Two.', language: 'en', voice: {} },
        { target: null, text: 'Ba.', language: 'vi', voice: {} },
      ],
      { clips },
    );
    expect(spoken.map((s) => s.source)).toEqual(['espeak-ng', 'recording', 'espeak-ng', 'espeak-ng']);
    expect(spoken[1]!.wavPath).toBe(clip);
    expect(spoken[1]!.durationSec).toBeCloseTo(1.5, 2);
  });

  it('lets a language with recordings only be spoken without any engine', async () => {
    const clip = path.join(tmp.dir, 'blt.wav');
    writeFileSync(clip, sineWav(330, 1));
    const spoken = await registry.speak([{ target: 'u1', text: 'x', language: 'blt', voice: {} }], { clips: { find: () => clip } });
    expect(spoken[0]!.source).toBe('recording');
  });

  it('reads the clip source passed in settings', () => {
    const source: VoiceClipSource = { find: () => null };
    expect(voiceClipsFromSettings({ voiceClips: source })).toBe(source);
    expect(voiceClipsFromSettings({ voiceClips: 'nope' })).toBeNull();
    expect(voiceClipsFromSettings({})).toBeNull();
  });
});
