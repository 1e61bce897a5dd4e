import { describe, expect, it } from 'vitest';
import { pad, pluck } from '../../engine/formats/video/stings.js';
import { SOUNDTRACK_RATE } from '../../engine/formats/video/lineAudio.js';

const D4 = 293.66;

/** A pluck by its formula, sample by sample: four partials k with amplitude 1/k^1.4 decaying at 2.2 + 1.6k per second, over a 4 ms attack. */
function pluckByFormula(frequency: number): Float64Array {
  const shape = new Float64Array(Math.round(2.2 * SOUNDTRACK_RATE));
  for (let i = 0; i < shape.length; i++) {
    const t = i / SOUNDTRACK_RATE;
    let v = 0;
    for (let k = 1; k <= 4; k++) v += Math.sin(2 * Math.PI * k * frequency * t) * Math.exp(-t * (2.2 + 1.6 * k)) / k ** 1.4;
    shape[i] = Math.min(1, t / 0.004) * v;
  }
  return shape;
}

/** The largest magnitude in a signal. */
function peak(a: ArrayLike<number>): number {
  let top = 0;
  for (let i = 0; i < a.length; i++) top = Math.max(top, Math.abs(a[i]!));
  return top;
}

/** The largest difference between two signals. */
function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

describe('the video music, synthesised by rotation', () => {
  it('plays each pluck as its formula says, far below a 16-bit step', () => {
    for (const semitones of [0, 9, 14]) {
      const frequency = D4 * 2 ** (semitones / 12);
      const reference = pluckByFormula(frequency);
      const out = new Float32Array(reference.length + 1000);
      pluck(out, 0, frequency, 1);
      expect(largestDifference(out.subarray(0, reference.length), reference)).toBeLessThan(1e-6);
      // The note is heard (not a silent buffer that trivially matches a silent reference).
      expect(peak(reference)).toBeGreaterThan(0.5);
      expect(out.subarray(reference.length).every((v) => v === 0)).toBe(true);
    }
  });

  it('keeps the pad in tune with the video clock, however late it starts', () => {
    const seconds = 95;
    const out = new Float32Array(seconds * SOUNDTRACK_RATE);
    const [from, to] = [88.3, 93.1];
    pad(out, from, to, 1);
    const start = Math.round(from * SOUNDTRACK_RATE);
    const end = Math.round(to * SOUNDTRACK_RATE);
    const fade = Math.min(0.6 * SOUNDTRACK_RATE, (end - start) / 3);
    const tones = [-12, -5, 0].map((s) => D4 * 2 ** (s / 12));
    const expected = new Float64Array(out.length);
    for (let i = start; i < end; i++) {
      const t = i / SOUNDTRACK_RATE;
      const edge = Math.min(1, (i - start) / fade, (end - i) / fade);
      const swell = 0.85 + 0.15 * Math.sin(2 * Math.PI * 0.25 * t);
      let v = 0;
      for (const f of tones) v += Math.sin(2 * Math.PI * f * t);
      expected[i] = (edge * swell * v) / tones.length;
    }
    expect(largestDifference(out, expected)).toBeLessThan(1e-6);
    expect(out[start - 1]).toBe(0);
    expect(out[end]).toBe(0);
    expect(peak(out.subarray(start, end))).toBeGreaterThan(0.5);
  });
});
