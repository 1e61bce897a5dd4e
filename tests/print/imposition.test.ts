import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { paddedSequence, saddleStitchSides } from '../../engine/formats/print/pdfTools.js';

describe('saddle-stitch imposition', () => {
  it('puts 8 pages on two sheets in the classic order', () => {
    const pages = [1, 2, 3, 4, 5, 6, 7, 8];
    expect(saddleStitchSides(pages)).toEqual([
      [8, 1],
      [2, 7],
      [6, 3],
      [4, 5],
    ]);
  });

  it('pads to a multiple of four with blanks before the back cover', () => {
    expect(paddedSequence(10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, null, null, 9]);
    expect(paddedSequence(12)).toHaveLength(12);
    expect(paddedSequence(1)).toEqual([null, null, null, 0]);
  });

  it('places every page exactly once and each sheet side faces its fold partner', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), (count) => {
        const seq = paddedSequence(count);
        const n = seq.length;
        expect(n % 4).toBe(0);
        expect(seq[n - 1]).toBe(count - 1);
        const sides = saddleStitchSides(seq.map((_, i) => i));
        expect(sides.flat().sort((a, b) => a - b)).toEqual(seq.map((_, i) => i));
        // Pages facing each other on one side add up to n - 1 (positions counted from 0).
        for (const [left, right] of sides) expect(left + right).toBe(n - 1);
        // On a front side the even-positioned (recto) page is on the right.
        sides.forEach(([left, right], i) => expect(i % 2 === 0 ? right % 2 : left % 2).toBe(i % 2 === 0 ? 0 : 1));
      }),
    );
  });
});
