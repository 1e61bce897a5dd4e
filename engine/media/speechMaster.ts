/**
 * Mastering spoken word for a loudness target with one linear gain.
 *
 * Synthetic speech peaks ~20 dB above its loudness; −18 LUFS with a −3 dBTP
 * ceiling allows only 15. So: high-pass, compress (profile), then limit the
 * peaks just enough that one gain reaches the target without passing the
 * true-peak ceiling, measure (pass 1, ffmpeg's loudnorm meter) and apply that
 * gain (pass 2). The result is PCM at the target, ready to encode.
 */
import { compress, highPass, limit, peakDb, applyGainDb, type CompressorSettings } from './dynamics.js';
import { fitsLinear, limitUntilLinearFits, measureLoudness, type LoudnessStats, type LoudnessTarget } from './loudness.js';
import { toInt16 } from './pcm.js';
import { StudioError } from '../errors.js';

export interface SpeechProfile {
  /** High-pass cutoff, Hz (0 for none). */
  highPassHz: number;
  /** Compressor, with its threshold relative to the programme's loudness (LU), so any input level is treated alike. */
  compressor: (Omit<CompressorSettings, 'thresholdDb'> & { thresholdAboveLoudness: number }) | null;
  target: LoudnessTarget;
  /**
   * Room left under the true-peak target for lossy encoders, whose output
   * overshoots the master's peaks by a few tenths of a dB (more at low bitrates).
   */
  codecHeadroomDb: number;
}

/** Audiobook practice (ACX-like): −18 LUFS integrated, true peak ≤ −3 dBTP, gentle compression. */
export const AUDIOBOOK_PROFILE: SpeechProfile = {
  highPassHz: 70,
  compressor: { thresholdAboveLoudness: 2, ratio: 2, kneeDb: 8, attackMs: 5, releaseMs: 120 },
  target: { integrated: -18, truePeak: -3 },
  codecHeadroomDb: 1,
};

/**
 * Commune loudspeakers outdoors: no lows (horn speakers cannot play them and
 * they mask consonants), firmer compression so quiet syllables carry over
 * wind and traffic, a louder default target.
 */
export function loudspeakerProfile(integrated = -16): SpeechProfile {
  return {
    highPassHz: 180,
    compressor: { thresholdAboveLoudness: -4, ratio: 4, kneeDb: 6, attackMs: 3, releaseMs: 90 },
    // −1 dBTP (EBU R128 s1 for lossy delivery): horn amplifiers have headroom, and the
    // mastered WAV stays 2 dB under it, since MP3 can overshoot compressed speech by that much.
    target: { integrated, truePeak: -1 },
    codecHeadroomDb: 2,
  };
}

/** A recorded clip before it joins synthetic lines: no colouring, only level. */
export const CLIP_PROFILE: SpeechProfile = {
  highPassHz: 60,
  compressor: null,
  target: { integrated: -20, truePeak: -1.5 },
  codecHeadroomDb: 0,
};

export interface MasteredSpeech {
  /** Mono 16-bit PCM at the input rate, already at the target loudness (pass 2 done). */
  pcm: Int16Array;
  sampleRate: number;
  /** Pass-1 measurement of the processed signal, before the gain. */
  measured: LoudnessStats;
  /** The gain applied after measuring, dB. */
  gainDb: number;
  /** The profile's target with the codec headroom taken off its true peak. */
  target: LoudnessTarget;
}

/** Peak limiter timing: short, because synthetic speech peaks on every glottal pulse. */
const LIMITER = { lookaheadMs: 3, releaseMs: 15 };

/**
 * Processes `dry` (not modified) for `profile`: filters, compression, peak
 * limiting, then the two loudness passes (measure with ffmpeg's loudnorm
 * meter, apply the gain). Throws media.silentAudio for silence.
 *
 * Synthetic speech peaks ~20 dB over its loudness; −18 LUFS under −3 dBTP
 * allows 15. Limiting lowers the loudness too, so the ceiling that brings the
 * peak-to-loudness ratio within bounds is found on a one-minute excerpt
 * (cheap to limit and measure again), then applied to the whole once and
 * checked by measuring the whole.
 */
export async function masterSpeech(
  dry: Float32Array,
  sampleRate: number,
  profile: SpeechProfile,
  options: { signal?: AbortSignal } = {},
): Promise<MasteredSpeech> {
  const { x, target, measure } = await shape(dry, sampleRate, profile, options);
  const { measured, gainDb } = await levelTo(x, sampleRate, target, measure);
  return { pcm: toInt16(x), sampleRate, measured, gainDb, target };
}

export interface MasteredParts {
  pcm: Int16Array;
  sampleRate: number;
  /** Per part, in the order given: its measurement before the gain, and the gain. */
  parts: Array<{ measured: LoudnessStats; gainDb: number }>;
  target: LoudnessTarget;
}

/**
 * Like masterSpeech, but each part ([start, end) in samples) is brought to the
 * target on its own: for files played on their own (a loudspeaker chapter),
 * and for a whole assembled from them, whose loudness is then the target too.
 * Samples outside every part keep the level of the shaping stage.
 */
export async function masterSpeechInParts(
  dry: Float32Array,
  sampleRate: number,
  profile: SpeechProfile,
  parts: Array<[number, number]>,
  options: { signal?: AbortSignal } = {},
): Promise<MasteredParts> {
  const { x, target, measure } = await shape(dry, sampleRate, profile, options);
  const levelPart = async ([start, end]: [number, number]) => {
    const part = x.subarray(start, end);
    const unmeasured = { measured: { integrated: -Infinity, truePeak: peakDb(part), range: 0, threshold: -70 }, gainDb: 0 };
    if (!Number.isFinite(unmeasured.measured.truePeak)) return unmeasured;
    try {
      return await levelTo(part, sampleRate, target, measure);
    } catch (err) {
      // A part too short to measure (under the 400 ms gating block) keeps its level.
      if (err instanceof StudioError && err.code === 'media.silentAudio') return unmeasured;
      throw err;
    }
  };
  // Two parts at a time: each measurement is an ffmpeg process, and parts do not overlap.
  const levelled: MasteredParts['parts'] = new Array(parts.length);
  let next = 0;
  const lane = async () => {
    while (next < parts.length) {
      const i = next++;
      levelled[i] = await levelPart(parts[i]!);
    }
  };
  await Promise.all([lane(), lane()]);
  return { pcm: toInt16(x), sampleRate, parts: levelled, target };
}

type Measure = (x: Float32Array) => Promise<LoudnessStats>;

/** Filters, compression and peak limiting, in a copy of `dry`. */
async function shape(
  dry: Float32Array,
  sampleRate: number,
  profile: SpeechProfile,
  options: { signal?: AbortSignal },
): Promise<{ x: Float32Array; target: LoudnessTarget; measure: Measure }> {
  const measure: Measure = (x) => measureLoudness({ pcm: toInt16(x), sampleRate }, options);
  const x = Float32Array.from(dry);
  if (profile.highPassHz > 0) highPass(x, sampleRate, profile.highPassHz);
  const peak = peakDb(x);
  if (!Number.isFinite(peak)) throw new StudioError('media.silentAudio');
  // Use the 16-bit range fully: peak at −1 dBFS.
  applyGainDb(x, -1 - peak);
  if (profile.compressor) {
    const programme = await measure(excerpt(x, sampleRate));
    if (Number.isFinite(programme.integrated)) {
      const { thresholdAboveLoudness, ...settings } = profile.compressor;
      compress(x, sampleRate, { ...settings, thresholdDb: programme.integrated + thresholdAboveLoudness });
      applyGainDb(x, -1 - peakDb(x));
    }
  }
  const target = { ...profile.target, truePeak: profile.target.truePeak - profile.codecHeadroomDb };
  const ceiling = await findCeiling(x, sampleRate, target, measure);
  if (ceiling !== null) limit(x, sampleRate, { ceilingDb: ceiling, ...LIMITER });
  return { x, target, measure };
}

/** Pass 1 (measure) and pass 2 (one gain) on `x` in place, limiting further first if its peaks still do not fit. */
async function levelTo(
  x: Float32Array,
  sampleRate: number,
  target: LoudnessTarget,
  measure: Measure,
): Promise<{ measured: LoudnessStats; gainDb: number }> {
  const measured = await limitUntilLinearFits(x, sampleRate, target, measure, {
    attempts: 3,
    slackDb: 0.1,
    limiter: LIMITER,
    ceilingFor: (m, attempt) => peakDb(x) - (m.truePeak - m.integrated - (target.truePeak - target.integrated - 0.1)) - 0.3 * (attempt + 1),
  });
  if (!Number.isFinite(measured.integrated)) throw new StudioError('media.silentAudio');
  if (!fitsLinear(measured, target, 0)) throw new StudioError('media.loudnessFailed');
  const gainDb = target.integrated - measured.integrated;
  applyGainDb(x, gainDb);
  return { measured, gainDb };
}

/** Six 6-second pieces spread over the signal (the whole when it is short): enough speech to measure its statistics. */
function excerpt(x: Float32Array, sampleRate: number): Float32Array {
  const piece = 6 * sampleRate;
  if (x.length <= 6 * piece) return x;
  const out = new Float32Array(6 * piece);
  for (let i = 0; i < 6; i++) {
    const start = Math.floor(((x.length - piece) * i) / 5);
    out.set(x.subarray(start, start + piece), i * piece);
  }
  return out;
}

/**
 * The limiter ceiling (dBFS) at which the true peak sits no more than the
 * target allows over the loudness, found on an excerpt by the secant method
 * (limiting lowers the loudness too, so the ceiling is not simply loudness
 * plus allowance); null when no limiting is needed.
 */
async function findCeiling(
  x: Float32Array,
  sampleRate: number,
  target: LoudnessTarget,
  measure: Measure,
): Promise<number | null> {
  const allowed = target.truePeak - target.integrated - 0.3;
  const sample = excerpt(x, sampleRate);
  const m = await measure(sample);
  if (!Number.isFinite(m.integrated) || m.truePeak - m.integrated <= allowed) return null;
  const overAt = async (ceiling: number) => {
    const trial = Float32Array.from(sample);
    limit(trial, sampleRate, { ceilingDb: ceiling, ...LIMITER });
    const r = await measure(trial);
    return r.truePeak - r.integrated - allowed;
  };
  let c0 = m.truePeak;
  let f0 = m.truePeak - m.integrated - allowed;
  let c1 = m.integrated + allowed;
  let f1 = await overAt(c1);
  for (let i = 0; i < 5 && f1 > 0; i++) {
    const slope = (f1 - f0) / (c1 - c0);
    // A little past the root, so the whole (measured next) lands on the safe side.
    const next = slope > 0.05 ? c1 - f1 / slope - 0.1 : c1 - f1 - 0.1;
    [c0, f0] = [c1, f1];
    c1 = next;
    f1 = await overAt(c1);
  }
  return c1;
}
