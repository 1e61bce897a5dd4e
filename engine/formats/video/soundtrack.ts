/**
 * The soundtrack, rendered once per video language: every line's voice at its
 * start time, the video's own stings and pad (stings.ts) where it would be
 * silent, an optional music bed ducked under speech, then mastered to
 * −16 LUFS integrated with true peaks at or below −1 dBTP (EBU R128 two-pass
 * loudnorm as one linear gain, after a gentle compressor and a peak limiter
 * so one gain can reach the target), encoded as AAC 48 kHz.
 */
import { aacEncoderArgs, runFfmpeg } from '../../media/ffmpeg.js';
import { applyGainDb, compress, peakDb } from '../../media/dynamics.js';
import { limitUntilLinearFits, measureLoudness, normalizeLoudness, type LoudnessStats, type LoudnessTarget } from '../../media/loudness.js';
import { toInt16 } from '../../media/pcm.js';
import { SOUNDTRACK_RATE } from './lineAudio.js';

/** Target of the whole mix. The true-peak ceiling keeps a margin for the AAC encoder's overshoot. */
export const LOUDNESS_TARGET: LoudnessTarget = { integrated: -16, truePeak: -1.6, range: 20 };
const AAC_BITRATE = '160k';
/** Music bed level between lines, and under speech. */
const BED_GAIN = 0.22;
const BED_DUCKED_GAIN = 0.045;
const DUCK_RAMP_SEC = 0.25;

export interface PlacedVoice {
  startSec: number;
  samples: Float32Array;
}

export interface SoundtrackInput {
  durationSec: number;
  voices: PlacedVoice[];
  /** Mono music at 48 kHz, looped under the whole video; null for none. */
  music: Float32Array | null;
  /** Synthesised title and end music, scene chimes (stings.ts), mixed as they are, after the voices' compressor. */
  score?: PlacedVoice | null;
}

export interface SoundtrackResult {
  /** Null when the soundtrack is silent (no voices, no music): nothing to normalise. */
  measured: LoudnessStats | null;
  mode: 'linear' | 'dynamic' | 'silent';
}

/** Mixes, masters and encodes the soundtrack into `outPath` (an .m4a). */
export async function renderSoundtrack(input: SoundtrackInput, outPath: string, signal?: AbortSignal): Promise<SoundtrackResult> {
  const options = signal ? { signal } : {};
  const mix = mixVoices(input);
  if (input.score) addAt(mix, input.score);
  if (input.music) addBed(mix, input.music, input.voices);
  // Keep the mix inside 16-bit range before it goes to ffmpeg; loudness is set later anyway.
  const peak = peakDb(mix);
  if (peak > -3) applyGainDb(mix, -3 - peak);
  const encode = [...(await aacEncoderArgs(AAC_BITRATE)), '-ac', '2', '-ar', String(SOUNDTRACK_RATE), '-f', 'mp4'];
  if (!hasSound(mix)) {
    const pcm = toInt16(mix);
    await runFfmpeg(['-v', 'error', '-y', '-f', 's16le', '-ar', String(SOUNDTRACK_RATE), '-ac', '1', '-i', 'pipe:0', ...encode, outPath], {
      ...options,
      stdin: new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength),
    });
    return { measured: null, mode: 'silent' };
  }
  const measured = await fitForLinearGain(mix, options);
  const result = await normalizeLoudness({ pcm: toInt16(mix), sampleRate: SOUNDTRACK_RATE }, outPath, LOUDNESS_TARGET, {
    ...options,
    measured,
    outputArgs: encode,
  });
  return { measured: result.measured, mode: result.mode };
}

export function mixVoices(input: SoundtrackInput): Float32Array {
  const mix = new Float32Array(Math.ceil(input.durationSec * SOUNDTRACK_RATE));
  for (const v of input.voices) addAt(mix, v);
  // Synthetic and recorded voices differ a lot in peak-to-loudness; even them out a little.
  compress(mix, SOUNDTRACK_RATE, { thresholdDb: -22, ratio: 3, kneeDb: 6, attackMs: 5, releaseMs: 120 });
  return mix;
}

function addAt(mix: Float32Array, v: PlacedVoice): void {
  const offset = Math.round(v.startSec * SOUNDTRACK_RATE);
  const n = Math.min(v.samples.length, mix.length - offset);
  for (let i = 0; i < n; i++) mix[offset + i]! += v.samples[i]!;
}

/** Adds the looped bed: low between lines, lower under speech, faded in and out. */
export function addBed(mix: Float32Array, music: Float32Array, voices: PlacedVoice[]): void {
  if (music.length === 0) return;
  const gain = duckEnvelope(mix.length, voices);
  const fadeIn = SOUNDTRACK_RATE;
  const fadeOut = 2 * SOUNDTRACK_RATE;
  for (let i = 0; i < mix.length; i++) {
    const edge = Math.min(1, i / fadeIn, (mix.length - i) / fadeOut);
    mix[i]! += music[i % music.length]! * gain[i]! * edge;
  }
}

/** Per-sample bed gain: BED_GAIN, ramping to BED_DUCKED_GAIN around each voice. */
export function duckEnvelope(length: number, voices: PlacedVoice[]): Float32Array {
  const target = new Float32Array(length).fill(BED_GAIN);
  const pad = Math.round(0.15 * SOUNDTRACK_RATE);
  for (const v of voices) {
    const start = Math.max(0, Math.round(v.startSec * SOUNDTRACK_RATE) - pad);
    const end = Math.min(length, Math.round(v.startSec * SOUNDTRACK_RATE) + v.samples.length + pad);
    target.fill(BED_DUCKED_GAIN, start, end);
  }
  // Smooth the steps into ramps (a one-pole filter forward and backward, so ramps are symmetric).
  const a = Math.exp(-1 / (DUCK_RAMP_SEC * SOUNDTRACK_RATE / 3));
  let g = target[0] ?? BED_GAIN;
  for (let i = 0; i < length; i++) target[i] = g = a * g + (1 - a) * target[i]!;
  g = target[length - 1] ?? BED_GAIN;
  for (let i = length - 1; i >= 0; i--) target[i] = g = Math.min(target[i]!, a * g + (1 - a) * target[i]!);
  return target;
}

function hasSound(mix: Float32Array): boolean {
  for (let i = 0; i < mix.length; i++) if (Math.abs(mix[i]!) > 1e-4) return true;
  return false;
}

/**
 * Measures, and while one gain to the target would push the true peak over
 * the ceiling, limits the peaks (in place) and measures again.
 */
async function fitForLinearGain(mix: Float32Array, options: { signal?: AbortSignal }): Promise<LoudnessStats> {
  return limitUntilLinearFits(mix, SOUNDTRACK_RATE, LOUDNESS_TARGET, (x) => measureLoudness({ pcm: toInt16(x), sampleRate: SOUNDTRACK_RATE }, options), {
    attempts: 4,
    slackDb: 0.2,
    // Sample peaks under the limiter's ceiling can still make inter-sample (true) peaks a little higher.
    ceilingFor: (m, attempt) => LOUDNESS_TARGET.truePeak - (LOUDNESS_TARGET.integrated - m.integrated) - 0.8 - attempt * 0.5,
  });
}
