/**
 * Shots composed in I420 (engine/formats/video/i420.ts): the conversion must
 * be the one players undo (limited-range BT.601, as the videos are tagged),
 * checked against ffmpeg's swscale; a band laid in I420 must be the band
 * blended in RGB and converted; a part lands where it belongs.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { i420Bytes, layBand, layPart, prepareBand, rgbaToI420, type I420 } from '../../engine/formats/video/i420.js';

const [W, H] = [320, 240];

/**
 * A busy RGBA picture (ffmpeg's testsrc2: colour bars, gradients, text) of `width`×`height`, softened as a
 * JPEG of flat animation is: at a hard colour edge swscale's chroma filter (wider than a 2×2 block) and the
 * block mean differ by up to ~15 levels for a pixel, both right.
 */
function testPicture(width: number, height: number): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `testsrc2=s=${width}x${height}`, '-vf', 'gblur=sigma=2', '-frames:v', '1', '-pix_fmt', 'rgba', '-f', 'rawvideo', 'pipe:1']);
}

/** swscale's limited-range yuv420p of RGBA pixels (Debian's ffmpeg). */
function swscale(rgba: Buffer, width: number, height: number): Buffer {
  return execFileSync('ffmpeg', ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-i', 'pipe:0', '-vf', 'scale=out_range=tv,format=yuv420p', '-f', 'rawvideo', 'pipe:1'], { input: rgba, maxBuffer: 1 << 24 });
}

/** The largest difference between two I420 pictures, per plane. */
function worst(a: Uint8Array, b: Uint8Array, width: number, height: number): { y: number; u: number; v: number } {
  const luma = width * height;
  const most = (from: number, to: number) => {
    let m = 0;
    for (let i = from; i < to; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
    return m;
  };
  return { y: most(0, luma), u: most(luma, luma * 1.25), v: most(luma * 1.25, luma * 1.5) };
}

/** A band of `height` rows: a half-transparent dark box with an opaque white bar and a soft edge, premultiplied. */
function band(width: number, height: number): Uint8Array {
  const px = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      if (x < 10) continue; // transparent
      if (y > 20 && y < 30 && x > 40 && x < 200) px.set([255, 255, 255, 255], at); // opaque white "text"
      else if (x < 20) px.set([0, 0, (x - 10) * 8, (x - 10) * 16], at); // a soft blue edge
      else px.set([0, 0, 0, 153], at); // black at 60 %
    }
  }
  return px;
}

/** Source-over of premultiplied `top` on opaque `under` (RGBA), as a canvas blends, rounded. */
function blendRgba(under: Buffer, top: Uint8Array, at: number): Buffer {
  const out = Buffer.from(under);
  for (let i = 0; i < top.length; i += 4) {
    const keep = 255 - top[i + 3]!;
    for (let c = 0; c < 3; c++) out[at + i + c] = Math.round(top[i + c]! + (out[at + i + c]! * keep) / 255);
  }
  return out;
}

describe('shots in I420', () => {
  it('converts RGB as swscale does to limited-range BT.601 (within a level of its luma, two of its chroma)', () => {
    const rgba = testPicture(W, H);
    const mine = rgbaToI420(rgba, W, H);
    expect(mine.data.length).toBe(i420Bytes(W, H));
    const diff = worst(mine.data, swscale(rgba, W, H), W, H);
    expect(diff.y).toBeLessThanOrEqual(1);
    expect(Math.max(diff.u, diff.v)).toBeLessThanOrEqual(2);
    // Black and white are 16 and 235 (a full-range mix-up gives 0 and 255).
    const bw = Buffer.alloc(4 * 4 * 4);
    bw.fill(255);
    for (let i = 0; i < 8; i++) bw.writeUInt32BE(0x000000ff, i * 4);
    expect([...rgbaToI420(bw, 4, 4).data.subarray(0, 16)]).toEqual([16, 16, 16, 16, 16, 16, 16, 16, 235, 235, 235, 235, 235, 235, 235, 235]);
  });

  it('lays a band as blending it in RGB and converting would, leaving the picture above it and under its clear pixels', () => {
    const rgba = testPicture(W, H);
    const top = 180;
    const bandPixels = band(W, H - top);
    const shot: I420 = rgbaToI420(rgba, W, H);
    const before = Buffer.from(shot.data);
    layBand(shot, prepareBand(bandPixels, W, H - top), top);
    const expected = rgbaToI420(blendRgba(rgba, bandPixels, top * W * 4), W, H);
    const diff = worst(shot.data, expected.data, W, H);
    expect(Math.max(diff.y, diff.u, diff.v)).toBeLessThanOrEqual(2);
    // Rows above the band are untouched, and so are the clear columns inside it (x < 10).
    expect(shot.data.subarray(0, top * W).equals(before.subarray(0, top * W))).toBe(true);
    for (let y = top; y < H; y++) expect(shot.data.subarray(y * W, y * W + 10).equals(before.subarray(y * W, y * W + 10))).toBe(true);
    // And the band did change what is under it.
    expect(shot.data.subarray(top * W, H * W).equals(before.subarray(top * W, H * W))).toBe(false);
  });

  it('copies a part in at its place, all three planes, and refuses odd places or a part that does not fit', () => {
    const shot = rgbaToI420(testPicture(W, H), W, H);
    const white = Buffer.alloc(32 * 16 * 4, 255);
    const part = rgbaToI420(white, 32, 16);
    const before = Buffer.from(shot.data);
    layPart(shot, part, { x: 64, y: 48 });
    const luma = W * H;
    const Y = (x: number, y: number) => shot.data[y * W + x]!;
    const U = (x: number, y: number) => shot.data[luma + (y >> 1) * (W / 2) + (x >> 1)]!;
    for (const [x, y] of [[64, 48], [95, 63]] as const) expect([Y(x, y), U(x, y)]).toEqual([235, 128]);
    for (const [x, y] of [[63, 48], [96, 63], [64, 64], [64, 47]] as const) {
      expect(Y(x, y)).toBe(before[y * W + x]);
      expect(U(x, y)).toBe(before[luma + (y >> 1) * (W / 2) + (x >> 1)]);
    }
    expect(() => layPart(shot, part, { x: 63, y: 48 })).toThrow(/even/);
    expect(() => layPart(shot, part, { x: W - 16, y: 0 })).toThrow(/does not fit/);
    expect(() => rgbaToI420(white, 31, 16)).toThrow(/even/);
  });
});
