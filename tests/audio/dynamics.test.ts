import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compress, highPass, limit, peakDb } from '../../engine/media/dynamics.js';

const RATE = 44100;

function sine(freq: number, seconds: number, amplitude: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / RATE);
  return out;
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return Math.sqrt(sum / (to - from));
}

describe('limiter', () => {
  it('never lets a sample past the ceiling, whatever the signal', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        fc.double({ min: -20, max: -0.1, noNaN: true }),
        (values, ceilingDb) => {
          const x = Float32Array.from(values);
          limit(x, RATE, { ceilingDb, lookaheadMs: 2 });
          const ceiling = 10 ** (ceilingDb / 20);
          return x.every((v) => Math.abs(v) <= ceiling + 1e-6);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves a signal under the ceiling untouched', () => {
    const x = sine(440, 0.5, 0.3);
    const before = Float32Array.from(x);
    expect(limit(x, RATE, { ceilingDb: -6 })).toBe(0);
    expect(x).toEqual(before);
  });

  it('ramps the gain instead of clipping: the waveform keeps its shape under a peak', () => {
    const x = sine(200, 0.5, 0.2);
    const at = Math.round(0.25 * RATE);
    for (let i = at; i < at + 2000; i++) x[i] = x[i]! * 5;
    const input = Float32Array.from(x);
    limit(x, RATE, { ceilingDb: -6, lookaheadMs: 5 });
    expect(peakDb(x)).toBeLessThanOrEqual(-6 + 1e-6);
    // The gain (output over input) moves in small steps; clipping would make it jump at every crest.
    let previous = 1;
    let biggestChange = 0;
    for (let i = 0; i < x.length; i++) {
      if (Math.abs(input[i]!) < 0.05) continue;
      const gain = x[i]! / input[i]!;
      biggestChange = Math.max(biggestChange, Math.abs(gain - previous));
      previous = gain;
    }
    expect(biggestChange).toBeLessThan(0.05);
  });
});

describe('compressor', () => {
  it('narrows the gap between loud and quiet passages by about the ratio', () => {
    const loud = sine(300, 1, 0.5);
    const quiet = sine(300, 1, 0.05);
    const x = new Float32Array(loud.length * 2);
    x.set(loud, 0);
    x.set(quiet, loud.length);
    const gapBefore = 20 * Math.log10(rms(x, 0, loud.length) / rms(x, loud.length, x.length));
    compress(x, RATE, { thresholdDb: -30, ratio: 4, kneeDb: 0, attackMs: 2, releaseMs: 50 });
    const settle = Math.round(0.2 * RATE);
    const gapAfter = 20 * Math.log10(rms(x, settle, loud.length) / rms(x, loud.length + settle, x.length));
    expect(gapBefore).toBeCloseTo(20, 0);
    // Both passages are above the threshold: a 4:1 ratio leaves 20/4 = 5 dB.
    expect(gapAfter).toBeGreaterThan(4);
    expect(gapAfter).toBeLessThan(6);
  });
});

describe('high-pass', () => {
  it('removes rumble and keeps the voice band', () => {
    const low = sine(40, 1, 0.5);
    const mid = sine(1000, 1, 0.5);
    highPass(low, RATE, 180);
    highPass(mid, RATE, 180);
    const skip = Math.round(0.1 * RATE);
    expect(20 * Math.log10(rms(low, skip) / (0.5 / Math.SQRT2))).toBeLessThan(-20);
    expect(Math.abs(20 * Math.log10(rms(mid, skip) / (0.5 / Math.SQRT2)))).toBeLessThan(0.5);
  });
});
