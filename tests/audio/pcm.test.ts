/** Float samples to 16-bit (engine/media/pcm.ts toInt16): rounded half up, clipped, as every loudness measurement reads them. */
import { describe, expect, it } from 'vitest';
import { toInt16 } from '../../engine/media/pcm.js';

describe('float samples as 16-bit', () => {
  it('rounds as Math.round does and clips at the 16-bit range', () => {
    const samples = new Float32Array(200_001);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.sin(i * 0.37) * 1.2 + (i % 7) / 65536;
    samples.set([0.5 / 32768, -0.5 / 32768, 1.5 / 32768, -1.5 / 32768, 1, -1, 2, -2, Number.NaN], 0);
    const out = toInt16(samples);
    const expected = Array.from(samples, (s) => Math.max(-32768, Math.min(32767, Math.round(s * 32768))) || 0);
    expect(Array.from(out.subarray(0, 9))).toEqual([1, 0, 2, -1, 32767, -32768, 32767, -32768, 0]);
    let differing = 0;
    for (let i = 0; i < samples.length; i++) if (out[i] !== expected[i]) differing++;
    expect(differing).toBe(0);
  });
});
