/**
 * Recorded narration, made ready to stand in for a synthesised line: any of
 * WAV, MP3, M4A, OGG or WebM in; a 48 kHz mono 16-bit WAV out, noise reduced,
 * leading and trailing silence trimmed, loudness normalised.
 *
 * Noise reduction is xiph's RNNoise (WASM build from @echogarden/rnnoise-wasm):
 * the ffmpeg we ship has no afftdn. Silence is trimmed on the denoised signal,
 * where room noise no longer hides where speech starts and ends.
 * The project library (engine/store/library.ts putVoiceClip) stores the result.
 */
import type { RnnoiseModule } from '@echogarden/rnnoise-wasm';
import { StudioError } from '../errors.js';
import { writeAtomically } from '../fs/durable.js';
import { decodeToPcm, toFloat, writeWav } from './pcm.js';
import { CLIP_PROFILE, masterSpeech } from './speechMaster.js';

/** RNNoise works on 10 ms frames at 48 kHz, so recordings are decoded at 48 kHz. */
export const RECORDING_RATE = 48000;

export interface PrepareOptions {
  signal?: AbortSignal;
  /** Default true; off for clips already cleaned in an editor. */
  denoise?: boolean;
}

export interface PreparedRecording {
  durationSec: number;
  /** Seconds cut from the start and the end. */
  trimmedStartSec: number;
  trimmedEndSec: number;
  /** Loudness of the prepared clip, LUFS. */
  integratedLufs: number;
}

/** Decodes, denoises, trims and normalises `inputPath` into `outPath` (written atomically). */
export async function prepareRecording(inputPath: string, outPath: string, options: PrepareOptions = {}): Promise<PreparedRecording> {
  const signalOpt = options.signal ? { signal: options.signal } : {};
  const decoded = await decodeToPcm(inputPath, RECORDING_RATE, signalOpt);
  if (decoded.samples.length === 0) throw new StudioError('recording.empty');
  let samples = toFloat(decoded.samples);
  if (options.denoise !== false) samples = await denoise(samples);
  options.signal?.throwIfAborted();
  const [start, end] = speechBounds(samples, RECORDING_RATE);
  if (end <= start) throw new StudioError('recording.silent');
  const trimmed = samples.subarray(start, end);
  let mastered;
  try {
    mastered = await masterSpeech(trimmed, RECORDING_RATE, CLIP_PROFILE, signalOpt);
  } catch (err) {
    if (err instanceof StudioError && err.code === 'media.silentAudio') throw new StudioError('recording.silent');
    throw err;
  }
  await writeAtomically(outPath, (temp) => writeWav(temp, { sampleRate: RECORDING_RATE, samples: mastered.pcm }));
  return {
    durationSec: trimmed.length / RECORDING_RATE,
    trimmedStartSec: start / RECORDING_RATE,
    trimmedEndSec: (samples.length - end) / RECORDING_RATE,
    integratedLufs: CLIP_PROFILE.target.integrated,
  };
}

let rnnoise: Promise<RnnoiseModule> | null = null;
const WARM_UP_SECONDS = 10;

/** RNNoise over the whole clip; returns a new array aligned with the input (its one-frame delay removed). */
export async function denoise(samples: Float32Array): Promise<Float32Array> {
  // The WASM module loads with the first recording cleaned, not with the app layer.
  rnnoise ??= import('@echogarden/rnnoise-wasm').then(({ default: RNNoise }) => RNNoise());
  const m = await rnnoise;
  const frame = m._rnnoise_get_frame_size();
  const state = m._rnnoise_create(0);
  const inPtr = m._malloc(frame * 4);
  const outPtr = m._malloc(frame * 4);
  // One extra frame flushes the delay; RNNoise expects 16-bit scale.
  const frames = Math.ceil(samples.length / frame) + 1;
  const out = new Float32Array(frames * frame);
  const buffer = new Float32Array(frame);
  try {
    // RNNoise learns the noise as it goes, so a clip's opening seconds would
    // keep their hiss; a first pass over the start (output discarded) primes it.
    const warmUp = Math.min(samples.length, WARM_UP_SECONDS * RECORDING_RATE);
    for (let from = 0; from + frame <= warmUp; from += frame) {
      for (let i = 0; i < frame; i++) buffer[i] = samples[from + i]! * 32768;
      m.HEAPF32.set(buffer, inPtr >> 2);
      m._rnnoise_process_frame(state, outPtr, inPtr);
    }
    for (let f = 0; f < frames; f++) {
      buffer.fill(0);
      const from = f * frame;
      for (let i = 0; i < frame && from + i < samples.length; i++) buffer[i] = samples[from + i]! * 32768;
      m.HEAPF32.set(buffer, inPtr >> 2);
      m._rnnoise_process_frame(state, outPtr, inPtr);
      const result = m.HEAPF32.subarray(outPtr >> 2, (outPtr >> 2) + frame);
      for (let i = 0; i < frame; i++) out[from + i] = result[i]! / 32768;
    }
  } finally {
    m._free(inPtr);
    m._free(outPtr);
    m._rnnoise_destroy(state);
  }
  return out.slice(frame, frame + samples.length);
}

/**
 * Where speech starts and ends: 10 ms windows louder than 40 dB under the
 * loudest window (and above −60 dBFS), widened by a short margin so soft
 * consonants at the edges survive.
 */
export function speechBounds(samples: Float32Array, sampleRate: number): [number, number] {
  const win = Math.round(sampleRate / 100);
  const count = Math.floor(samples.length / win);
  const levels = new Float64Array(count);
  let loudest = -Infinity;
  for (let w = 0; w < count; w++) {
    let sum = 0;
    for (let i = w * win; i < (w + 1) * win; i++) sum += samples[i]! * samples[i]!;
    const db = 10 * Math.log10(sum / win + 1e-12);
    levels[w] = db;
    if (db > loudest) loudest = db;
  }
  const threshold = Math.max(-60, loudest - 40);
  let first = -1;
  let last = -1;
  for (let w = 0; w < count; w++) {
    if (levels[w]! > threshold) {
      if (first < 0) first = w;
      last = w;
    }
  }
  if (first < 0) return [0, 0];
  const start = Math.max(0, first * win - Math.round(0.1 * sampleRate));
  const end = Math.min(samples.length, (last + 1) * win + Math.round(0.2 * sampleRate));
  return [start, end];
}
