import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { ffprobe, runFfmpeg } from '../../engine/media/ffmpeg.js';
import { decodeToPcm, encodeWav, toInt16 } from '../../engine/media/pcm.js';
import { prepareRecording } from '../../engine/media/recording.js';
import { EspeakEngine } from '../../engine/speech/espeak.js';
import { decodeRange, ebur128, systemFfmpeg, tempDir } from './helpers.js';

const tmp = tempDir('recording');
const RATE = 48000;
const LEAD = 1.5;
const TAIL = 1.0;
let speechSeconds = 0;
let noisyWav = '';

/** Deterministic white noise (xorshift), so the test does not depend on chance. */
function noise(length: number, rms: number): Float32Array {
  let state = 0x9e3779b9;
  const out = new Float32Array(length);
  const scale = rms * Math.sqrt(3);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = ((state >>> 0) / 0xffffffff * 2 - 1) * scale;
  }
  return out;
}

function rmsDb(x: Float32Array): number {
  let sum = 0;
  for (const v of x) sum += v * v;
  return 10 * Math.log10(sum / x.length + 1e-20);
}

beforeAll(async () => {
  // A narrator line with 1.5 s of room noise before it and 1 s after, noise under everything (−45 dBFS RMS).
  const engine = new EspeakEngine({ cacheDir: path.join(tmp.dir, 'speech') });
  const line = await engine.synthesize({ text: 'Đây là bản ghi âm thử của xã Nà Hạ, đọc cho loa truyền thanh.', language: 'vi', voice: {} });
  const speech = await decodeToPcm(line.wavPath, RATE);
  speechSeconds = speech.samples.length / RATE;
  const total = Math.round((LEAD + speechSeconds + TAIL) * RATE);
  const mix = noise(total, 10 ** (-45 / 20));
  const at = Math.round(LEAD * RATE);
  for (let i = 0; i < speech.samples.length; i++) mix[at + i] = mix[at + i]! + (speech.samples[i]! / 32768) * 0.7;
  noisyWav = path.join(tmp.dir, 'noisy.wav');
  writeFileSync(noisyWav, encodeWav({ sampleRate: RATE, samples: toInt16(mix) }));
});

afterAll(() => tmp.remove());

async function encodeAs(ext: string): Promise<string> {
  const out = path.join(tmp.dir, `take.${ext}`);
  if (ext === 'wav') return noisyWav;
  if (ext === 'ogg') {
    // Ogg Vorbis, as phones record it; our ffmpeg decodes Vorbis but cannot encode it.
    execFileSync(systemFfmpeg(), ['-v', 'error', '-y', '-i', noisyWav, '-c:a', 'libvorbis', out]);
    return out;
  }
  const codec: Record<string, string[]> = {
    mp3: ['-c:a', 'libmp3lame', '-b:a', '128k'],
    m4a: ['-c:a', 'aac', '-b:a', '128k', '-f', 'mp4'],
    webm: ['-c:a', 'libopus', '-b:a', '96k', '-f', 'webm'],
  };
  await runFfmpeg(['-v', 'error', '-y', '-i', noisyWav, ...codec[ext]!, out]);
  return out;
}

describe('prepareRecording', () => {
  it.each(['wav', 'mp3', 'm4a', 'ogg', 'webm'])('cleans a %s take: trimmed, denoised, normalised, 48 kHz mono', async (ext) => {
    const input = await encodeAs(ext);
    const out = path.join(tmp.dir, `prepared-${ext}.wav`);
    const result = await prepareRecording(input, out);

    // Trimmed: the 1.5 s lead-in and 1 s tail go, bar the short margins kept around the speech.
    expect(result.trimmedStartSec).toBeGreaterThan(LEAD - 0.3);
    expect(result.trimmedStartSec).toBeLessThan(LEAD);
    expect(result.trimmedEndSec).toBeGreaterThan(TAIL - 0.5);
    expect(result.durationSec).toBeGreaterThan(speechSeconds);
    expect(result.durationSec).toBeLessThan(speechSeconds + 0.6);

    const probe = await ffprobe(out);
    const stream = probe.streams[0]!;
    expect(stream.codec_name).toBe('pcm_s16le');
    expect(stream.sample_rate).toBe('48000');
    expect(stream.channels).toBe(1);
    expect(Number(probe.format.duration)).toBeCloseTo(result.durationSec, 1);

    // Normalised to the clip level the engine's lines share.
    const loudness = ebur128(out);
    expect(Math.abs(loudness.integrated - -20)).toBeLessThanOrEqual(1);
    expect(loudness.truePeak).toBeLessThanOrEqual(-1.5);

    // Denoised: the noise-only margin before the speech sits far lower under the speech than in the take (25 dB).
    const margin = decodeRange(out, 0, 0.06, RATE);
    const speech = decodeRange(out, 0.2, result.durationSec - 0.3, RATE);
    expect(rmsDb(speech) - rmsDb(margin)).toBeGreaterThan(40);
  });

  it('refuses a silent take and a file that is not audio, with clear errors', async () => {
    const silent = path.join(tmp.dir, 'silent.wav');
    writeFileSync(silent, encodeWav({ sampleRate: RATE, samples: new Int16Array(RATE * 2) }));
    await expect(prepareRecording(silent, path.join(tmp.dir, 'x.wav'))).rejects.toMatchObject({ code: 'recording.silent' });
    const junk = path.join(tmp.dir, 'junk.mp3');
    writeFileSync(junk, 'this is not audio');
    const err = await prepareRecording(junk, path.join(tmp.dir, 'y.wav')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('media.unreadableAudio');
  });
});
