/**
 * Filters and dynamics for spoken word, in-process on Float32 PCM.
 *
 * Why not ffmpeg: the ffmpeg Remotion ships has no highpass, acompressor or
 * alimiter (see ./ffmpeg.ts), and loudnorm's dynamic mode misses its target
 * on synthetic speech (whose peaks sit 20 dB above its loudness). These three
 * textbook processors are small, run at a few hundred times real time, and
 * are tested against ffmpeg's own loudness meter in tests/audio.
 */

/** Second-order high-pass (RBJ Audio EQ Cookbook), in place: removes rumble and boomy lows. */
export function highPass(samples: Float32Array, sampleRate: number, cutoffHz: number, q = Math.SQRT1_2): void {
  const w0 = (2 * Math.PI * cutoffHz) / sampleRate;
  const alpha = Math.sin(w0) / (2 * q);
  const cos = Math.cos(w0);
  const a0 = 1 + alpha;
  const b0 = (1 + cos) / 2 / a0;
  const b1 = -(1 + cos) / a0;
  const b2 = b0;
  const a1 = (-2 * cos) / a0;
  const a2 = (1 - alpha) / a0;
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < samples.length; i++) {
    const x = samples[i]!;
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    samples[i] = y;
  }
}

export interface CompressorSettings {
  /** Level above which gain is reduced, dBFS. */
  thresholdDb: number;
  /** Input dB over the threshold per output dB, e.g. 4 for 4:1. */
  ratio: number;
  /** Width of the soft knee, dB. */
  kneeDb: number;
  attackMs: number;
  releaseMs: number;
}

/** Detector block: the level is taken per 32 samples (< 1 ms), the gain interpolated per sample. */
const BLOCK = 32;

/**
 * Feed-forward compressor with a soft knee (Giannoulis, Massberg & Reiss,
 * JAES 2012), in place. No make-up gain: loudness normalisation follows.
 * Returns the largest gain reduction applied, dB.
 */
export function compress(samples: Float32Array, sampleRate: number, s: CompressorSettings): number {
  const blockRate = sampleRate / BLOCK;
  const attack = Math.exp(-1 / ((s.attackMs / 1000) * blockRate));
  const release = Math.exp(-1 / ((s.releaseMs / 1000) * blockRate));
  const halfKnee = s.kneeDb / 2;
  const slope = 1 / s.ratio - 1;
  let smoothed = 0; // gain reduction, dB (≤ 0)
  let previousGain = 1;
  let deepest = 0;
  for (let start = 0; start < samples.length; start += BLOCK) {
    const end = Math.min(start + BLOCK, samples.length);
    let peak = 0;
    for (let i = start; i < end; i++) {
      const a = Math.abs(samples[i]!);
      if (a > peak) peak = a;
    }
    const level = peak > 1e-6 ? 20 * Math.log10(peak) : -120;
    const over = level - s.thresholdDb;
    let target: number;
    if (over <= -halfKnee) target = 0;
    else if (over >= halfKnee || s.kneeDb === 0) target = slope * over;
    else target = (slope * (over + halfKnee) ** 2) / (2 * s.kneeDb);
    const coef = target < smoothed ? attack : release;
    smoothed = coef * smoothed + (1 - coef) * target;
    if (smoothed < deepest) deepest = smoothed;
    const gain = 10 ** (smoothed / 20);
    const step = (gain - previousGain) / (end - start);
    let g = previousGain;
    for (let i = start; i < end; i++) {
      g += step;
      samples[i] = samples[i]! * g;
    }
    previousGain = gain;
  }
  return deepest;
}

export interface LimiterSettings {
  /** No sample will exceed this, dBFS. */
  ceilingDb: number;
  lookaheadMs?: number;
  releaseMs?: number;
}

/**
 * Look-ahead peak limiter, in place: no output sample exceeds the ceiling, and
 * the gain ramps down over the look-ahead instead of clipping. The gain is a
 * running minimum of the needed gain over the next L samples, released
 * smoothly, then averaged over L samples; every window averaged contains the
 * current sample, so the average never exceeds the gain that sample needs.
 * Streaming with ring buffers, so memory does not grow with the length.
 * Returns how many samples had their gain reduced.
 */
export function limit(samples: Float32Array, sampleRate: number, s: LimiterSettings): number {
  const ceiling = 10 ** (s.ceilingDb / 20);
  const L = Math.max(1, Math.round(((s.lookaheadMs ?? 5) / 1000) * sampleRate));
  const releaseStep = 1 - Math.exp(-1 / (((s.releaseMs ?? 80) / 1000) * sampleRate));
  const n = samples.length;
  // Monotonic deque (indices, needed gains) of the needed gains below 1 in the
  // last L samples; a sample needing no reduction is not stored (its "1" can
  // never be a window's minimum while a smaller value is in the window).
  const cap = L + 1;
  const dqIndex = new Int32Array(cap);
  const dqValue = new Float32Array(cap);
  let head = 0, tail = 0, size = 0;
  // Ring of the last L envelope values and their running sum.
  const ring = new Float64Array(L).fill(1);
  let ringPos = 0;
  let sum = L;
  let env = 1;
  let reduced = 0;
  for (let k = 0; k < n + L - 1; k++) {
    const a = k < n ? Math.abs(samples[k]!) : 0;
    if (a > ceiling) {
      const need = ceiling / a;
      while (size > 0) {
        const last = tail === 0 ? cap - 1 : tail - 1;
        if (dqValue[last]! >= need) {
          tail = last;
          size--;
        } else break;
      }
      dqIndex[tail] = k;
      dqValue[tail] = need;
      tail = tail + 1 === cap ? 0 : tail + 1;
      size++;
    }
    const m = k - L + 1; // the sample whose gain is now known
    if (m < 0) continue;
    while (size > 0 && dqIndex[head]! < m) {
      head = head + 1 === cap ? 0 : head + 1;
      size--;
    }
    if (size === 0 && env === 1 && sum === L) {
      // Nothing to reduce near here: the gain is exactly 1 (the common case, kept cheap).
      ringPos = ringPos + 1 === L ? 0 : ringPos + 1;
      continue;
    }
    const windowMin = size > 0 ? dqValue[head]! : 1;
    const released = env + (1 - env) * releaseStep;
    env = windowMin < released ? windowMin : released;
    // Snap to exactly 1 once the release is inaudibly close, so the fast path resumes.
    if (env > 1 - 1e-6) env = 1;
    sum += env - ring[ringPos]!;
    ring[ringPos] = env;
    ringPos = ringPos + 1 === L ? 0 : ringPos + 1;
    if (Math.abs(sum - L) < 1e-9) sum = L;
    const gain = Math.min(1, sum / L);
    if (gain < 1) {
      samples[m] = samples[m]! * gain;
      reduced++;
    }
    // Guard against rounding in the running sum: the ceiling is a promise.
    if (Math.abs(samples[m]!) > ceiling) samples[m] = Math.sign(samples[m]!) * ceiling;
  }
  return reduced;
}

export function peakDb(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const a = Math.abs(samples[i]!);
    if (a > peak) peak = a;
  }
  return peak > 0 ? 20 * Math.log10(peak) : -Infinity;
}

export function applyGainDb(samples: Float32Array, gainDb: number): void {
  const g = 10 ** (gainDb / 20);
  for (let i = 0; i < samples.length; i++) samples[i] = samples[i]! * g;
}
