import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { compositorPackageName, ffprobe, mediaBinaries, runFfmpeg } from '../../engine/media/ffmpeg.js';
import { fitsLinear, measureLoudness, normalizeLoudness } from '../../engine/media/loudness.js';
import { decodeToPcm, encodeWav, resampleEach, resamplePcm, type Pcm } from '../../engine/media/pcm.js';
import { ebur128, sineWav, tempDir } from './helpers.js';

const tmp = tempDir('ffmpeg');
afterAll(() => tmp.remove());

/** Speech-like test signal: a 300 Hz tone whose level swings 20 dB every half second. */
async function swingingTone(file: string, seconds = 8): Promise<void> {
  const rate = 44100;
  const samples = new Int16Array(seconds * rate);
  for (let i = 0; i < samples.length; i++) {
    const loud = Math.floor(i / (rate / 2)) % 2 === 0;
    samples[i] = Math.round((loud ? 0.5 : 0.05) * 32767 * Math.sin((2 * Math.PI * 300 * i) / rate));
  }
  await writeFile(file, encodeWav({ sampleRate: rate, samples }));
}

describe('ffmpeg module', () => {
  it('finds the compositor ffmpeg and ffprobe of this platform', () => {
    const bins = mediaBinaries();
    expect(bins.dir).toContain(compositorPackageName());
    expect(existsSync(bins.ffmpeg)).toBe(true);
    expect(existsSync(bins.ffprobe)).toBe(true);
    expect(compositorPackageName('win32', 'x64')).toBe('@remotion/compositor-win32-x64-msvc');
    expect(compositorPackageName('darwin', 'arm64')).toBe('@remotion/compositor-darwin-arm64');
    expect(() => compositorPackageName('sunos', 'x64')).toThrow(StudioError);
  });

  it('turns a failing run into media.ffmpegFailed, keeping ffmpeg\'s words only in the cause', async () => {
    const err = await runFfmpeg(['-i', path.join(tmp.dir, 'missing.wav'), '-f', 'null', '-']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('media.ffmpegFailed');
    expect((err as StudioError).message).toBe('media.ffmpegFailed');
    expect(String((err as StudioError).cause)).toMatch(/missing\.wav/);
  });

  it('kills ffmpeg when cancelled', async () => {
    const controller = new AbortController();
    const started = Date.now();
    // A minute of audio read in real time (-re): only the abort can end this run soon.
    const long = path.join(tmp.dir, 'minute.wav');
    await writeFile(long, sineWav(440, 60, 8000));
    const run = runFfmpeg(['-re', '-i', long, '-f', 'null', '-'], { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 300);
    await expect(run).rejects.toThrow('stop');
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reports progress and parses ffprobe', async () => {
    const wav = path.join(tmp.dir, 'tone.wav');
    await writeFile(wav, sineWav(440, 3));
    const seen: number[] = [];
    const out = path.join(tmp.dir, 'tone.mp3');
    await runFfmpeg(['-y', '-i', wav, '-c:a', 'libmp3lame', '-b:a', '64k', out], { onProgress: (s) => seen.push(s) });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeGreaterThan(2.5);
    const probe = await ffprobe(out);
    expect(probe.streams[0]?.codec_name).toBe('mp3');
    expect(Number(probe.format.duration)).toBeCloseTo(3, 1);
  });

  it('decodes and resamples PCM in memory', async () => {
    const wav = path.join(tmp.dir, 'tone48.wav');
    await writeFile(wav, sineWav(440, 2, 48000));
    const pcm = await decodeToPcm(wav, 22050);
    expect(pcm.samples.length).toBeGreaterThan(22050 * 2 - 100);
    expect(pcm.samples.length).toBeLessThan(22050 * 2 + 100);
    const up = await resamplePcm(pcm, 44100);
    expect(Math.abs(up.samples.length - 2 * pcm.samples.length)).toBeLessThan(64);
  });

  it('resamples many clips in one run as each would be alone: same length, same samples but at the very edges', async () => {
    // Spoken lines as espeak gives them (22050 Hz, a little silence at each end), one at 16 kHz, one already at 48 kHz, one empty.
    const clip = (rate: number, seconds: number, hz: number): Pcm => {
      const samples = new Int16Array(Math.round(seconds * rate));
      const pad = Math.round(0.02 * rate);
      for (let i = pad; i < samples.length - pad; i++) samples[i] = Math.round(0.4 * 32767 * Math.sin((2 * Math.PI * hz * i) / rate) * Math.sin((Math.PI * (i - pad)) / (samples.length - 2 * pad)));
      return { sampleRate: rate, samples };
    };
    const clips = [clip(22050, 1.37, 220), clip(22050, 0.41, 660), clip(16000, 0.9, 330), clip(48000, 0.5, 440), { sampleRate: 22050, samples: new Int16Array(0) }, clip(22050, 2.03, 180)];
    const together = await resampleEach(clips, 48000);
    expect(together.map((p) => p.sampleRate)).toEqual(clips.map(() => 48000));
    expect(together[3]).toBe(clips[3]);
    expect(together[4]!.samples.length).toBe(0);
    for (const [i, c] of clips.entries()) {
      if (c.sampleRate === 48000 || c.samples.length === 0) continue;
      const alone = (await resamplePcm(c, 48000)).samples;
      const joined = together[i]!.samples;
      expect(Math.abs(joined.length - alone.length)).toBeLessThanOrEqual(2);
      let worst = 0;
      for (let k = 0; k < Math.min(joined.length, alone.length); k++) worst = Math.max(worst, Math.abs(joined[k]! - alone[k]!));
      // The same resampler on the same samples at the same phase: equal to within rounding.
      expect(worst).toBeLessThanOrEqual(2);
    }
  });
});

describe('two-pass loudness', () => {
  it('measures what ebur128 measures', async () => {
    const wav = path.join(tmp.dir, 'swing.wav');
    await swingingTone(wav);
    const ours = await measureLoudness({ path: wav });
    const reference = ebur128(wav);
    expect(Math.abs(ours.integrated - reference.integrated)).toBeLessThan(0.5);
    expect(Math.abs(ours.truePeak - reference.truePeak)).toBeLessThan(0.5);
  });

  it('normalises linearly to the target within ±1 LU, true peak under the ceiling', async () => {
    const wav = path.join(tmp.dir, 'swing2.wav');
    await swingingTone(wav);
    const target = { integrated: -20, truePeak: -3 };
    const measured = await measureLoudness({ path: wav });
    expect(fitsLinear(measured, target)).toBe(true);
    const out = path.join(tmp.dir, 'swing-norm.wav');
    const result = await normalizeLoudness({ path: wav }, out, target, { sampleRate: 44100, outputArgs: ['-c:a', 'pcm_s16le'] });
    expect(result.mode).toBe('linear');
    const after = ebur128(out);
    expect(Math.abs(after.integrated - target.integrated)).toBeLessThanOrEqual(1);
    expect(after.truePeak).toBeLessThanOrEqual(target.truePeak);
  });
});
