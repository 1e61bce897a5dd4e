/**
 * Shots as the encoder takes them: I420 (planar yuv420p), limited range,
 * BT.601, as the videos are tagged. The overlay (captionOverlay.ts) converts
 * each picture, part and caption band once and lays them together in I420, so
 * a shot costs a copy of 3 MB and the band's blend (1080×1920) instead of
 * Skia copying 8 MB of RGBA out (~12 ms) and ffmpeg's swscale converting it
 * (~8 ms) for every shot (measured 2026-12-07, docs/video-rendering.md).
 *
 * Every size and position here is even (pictures, parts on a 16-pixel grid,
 * the caption band): a 2×2 block of pixels shares its chroma.
 */

/** A picture in I420: the Y plane (width × height), then U and V (width/2 × height/2 each). */
export interface I420 {
  width: number;
  height: number;
  data: Buffer;
}

/** Bytes of an I420 picture. */
export function i420Bytes(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}

// BT.601 from full-range R'G'B' to limited-range Y'CbCr, in 16-bit fixed point (ITU-R BT.601, 8-bit studio range).
const FIX = 1 << 16;
const coefficient = (c: number) => Math.round((c / 255) * FIX);
const [YR, YG, YB] = [65.481, 128.553, 24.966].map(coefficient) as [number, number, number];
const [UR, UG, UB] = [-37.797, -74.203, 112].map(coefficient) as [number, number, number];
const [VR, VG, VB] = [112, -93.786, -18.214].map(coefficient) as [number, number, number];
const Y_OFFSET = 16 * FIX + FIX / 2;
const C_OFFSET = 128 * FIX + FIX / 2;

/**
 * Opaque RGBA pixels (rows top to bottom) in I420. A block's chroma is that
 * of its four pixels' mean colour (centred, as JPEG and swscale's default
 * place it closely enough for flat pictures).
 */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number): I420 {
  assertEven(width, height);
  if (rgba.length !== width * height * 4) throw new Error(`rgbaToI420: ${rgba.length} bytes are not ${width}×${height} RGBA`);
  // One read a pixel: R, G, B, A are a little-endian 32-bit word's bytes (x86 and ARM, where the studio runs).
  const words = rgba.byteOffset % 4 === 0 ? new Uint32Array(rgba.buffer, rgba.byteOffset, width * height) : new Uint32Array(Uint8Array.from(rgba).buffer);
  const data = Buffer.allocUnsafe(i420Bytes(width, height));
  const chromaWidth = width / 2;
  const uAt = width * height;
  const vAt = uAt + chromaWidth * (height / 2);
  for (let y = 0, c = 0; y < height; y += 2) {
    for (let top = y * width, end = top + width; top < end; top += 2, c++) {
      const bottom = top + width;
      const p0 = words[top]!, p1 = words[top + 1]!, p2 = words[bottom]!, p3 = words[bottom + 1]!;
      const r0 = p0 & 0xff, g0 = (p0 >>> 8) & 0xff, b0 = (p0 >>> 16) & 0xff;
      const r1 = p1 & 0xff, g1 = (p1 >>> 8) & 0xff, b1 = (p1 >>> 16) & 0xff;
      const r2 = p2 & 0xff, g2 = (p2 >>> 8) & 0xff, b2 = (p2 >>> 16) & 0xff;
      const r3 = p3 & 0xff, g3 = (p3 >>> 8) & 0xff, b3 = (p3 >>> 16) & 0xff;
      data[top] = (YR * r0 + YG * g0 + YB * b0 + Y_OFFSET) >> 16;
      data[top + 1] = (YR * r1 + YG * g1 + YB * b1 + Y_OFFSET) >> 16;
      data[bottom] = (YR * r2 + YG * g2 + YB * b2 + Y_OFFSET) >> 16;
      data[bottom + 1] = (YR * r3 + YG * g3 + YB * b3 + Y_OFFSET) >> 16;
      // Sums of four: a quarter of each coefficient, with the rounding of a quarter.
      const r = r0 + r1 + r2 + r3, g = g0 + g1 + g2 + g3, b = b0 + b1 + b2 + b3;
      data[uAt + c] = (UR * r + UG * g + UB * b + 4 * C_OFFSET) >> 18;
      data[vAt + c] = (VR * r + VG * g + VB * b + 4 * C_OFFSET) >> 18;
    }
  }
  return { width, height, data };
}

/**
 * A caption band ready to lay over I420 pictures: for each pixel the share of
 * the picture left under it (255 − alpha) and the band's own part of Y; for
 * each 2×2 block the same for U and V. Laying it is the very source-over
 * blend of the RGBA band, in Y'CbCr (the conversion is affine; the blend of a
 * block's chroma is the mean of its pixels' blends, the picture's chroma
 * being one value for the block).
 */
export interface PreparedBand {
  width: number;
  height: number;
  /** Per pixel: 255 − alpha, and the band's Y weighted by its alpha. */
  under: Uint8Array;
  y: Uint8Array;
  /** Per block: 255 − mean alpha, and the band's U and V weighted by alpha, as means. */
  chromaUnder: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

/** A band from its premultiplied RGBA pixels (as a canvas stores them). */
export function prepareBand(premultiplied: Uint8Array, width: number, height: number): PreparedBand {
  assertEven(width, height);
  const pixels = width * height;
  const under = new Uint8Array(pixels);
  const y = new Uint8Array(pixels);
  const blocks = pixels / 4;
  const chromaUnder = new Uint8Array(blocks);
  const u = new Uint8Array(blocks);
  const v = new Uint8Array(blocks);
  const lumaOffset = Math.round((16 * FIX) / 255);
  const chromaOffset = Math.round((128 * FIX) / 255);
  for (let at = 0, p = 0; at < pixels; at++, p += 4) {
    // The band's share of Y: alpha × (16 + M·rgb), its rgb being premultiplied by alpha already.
    const pa = premultiplied[p + 3]!;
    under[at] = 255 - pa;
    y[at] = (YR * premultiplied[p]! + YG * premultiplied[p + 1]! + YB * premultiplied[p + 2]! + lumaOffset * pa + FIX / 2) >> 16;
  }
  const rowBytes = width * 4;
  for (let row = 0, c = 0; row < height; row += 2) {
    for (let p = row * rowBytes, end = p + rowBytes; p < end; p += 8, c++) {
      const q = p + rowBytes;
      const r = premultiplied[p]! + premultiplied[p + 4]! + premultiplied[q]! + premultiplied[q + 4]!;
      const g = premultiplied[p + 1]! + premultiplied[p + 5]! + premultiplied[q + 1]! + premultiplied[q + 5]!;
      const b = premultiplied[p + 2]! + premultiplied[p + 6]! + premultiplied[q + 2]! + premultiplied[q + 6]!;
      const alpha = premultiplied[p + 3]! + premultiplied[p + 7]! + premultiplied[q + 3]! + premultiplied[q + 7]!;
      chromaUnder[c] = 255 - ((alpha + 2) >> 2);
      u[c] = clampByte((UR * r + UG * g + UB * b + chromaOffset * alpha + 2 * FIX) >> 18);
      v[c] = clampByte((VR * r + VG * g + VB * b + chromaOffset * alpha + 2 * FIX) >> 18);
    }
  }
  return { width, height, under, y, chromaUnder, u, v };
}

/** Lays `band` over `picture` (in place) with its top at row `top`. */
export function layBand(picture: I420, band: PreparedBand, top: number): void {
  assertEven(top, band.height);
  if (band.width !== picture.width || top + band.height > picture.height) throw new Error('layBand: the band does not fit the picture');
  blendPlane(picture.data, top * picture.width, band.under, band.y);
  const chromaWidth = picture.width / 2;
  const uAt = picture.width * picture.height;
  const vAt = uAt + chromaWidth * (picture.height / 2);
  const chromaTop = (top / 2) * chromaWidth;
  blendPlane(picture.data, uAt + chromaTop, band.chromaUnder, band.u);
  blendPlane(picture.data, vAt + chromaTop, band.chromaUnder, band.v);
}

/** out = own + under × out / 255 over `under.length` samples from `at`. */
function blendPlane(plane: Buffer, at: number, under: Uint8Array, own: Uint8Array): void {
  for (let i = 0; i < under.length; i++) {
    const keep = under[i]!;
    if (keep === 255) continue;
    const o = at + i;
    // (x × keep) / 255, rounded, without a division.
    const t = plane[o]! * keep + 128;
    plane[o] = clampByte(own[i]! + ((t + (t >> 8)) >> 8));
  }
}

/** Copies `part` into `picture` (in place) with its top left corner at (x, y). */
export function layPart(picture: I420, part: I420, at: { x: number; y: number }): void {
  assertEven(at.x, at.y);
  if (at.x + part.width > picture.width || at.y + part.height > picture.height) throw new Error('layPart: the part does not fit the picture');
  copyRows(part.data, 0, part.width, picture.data, at.y * picture.width + at.x, picture.width, part.height);
  const [pw, ph, fw, fh] = [part.width / 2, part.height / 2, picture.width / 2, picture.height / 2];
  const partU = part.width * part.height;
  const frameU = picture.width * picture.height;
  const frameAt = (at.y / 2) * fw + at.x / 2;
  copyRows(part.data, partU, pw, picture.data, frameU + frameAt, fw, ph);
  copyRows(part.data, partU + pw * ph, pw, picture.data, frameU + fw * fh + frameAt, fw, ph);
}

function copyRows(from: Buffer, fromAt: number, width: number, to: Buffer, toAt: number, toStride: number, rows: number): void {
  for (let row = 0; row < rows; row++) from.copy(to, toAt + row * toStride, fromAt + row * width, fromAt + (row + 1) * width);
}

function clampByte(n: number): number {
  return n < 0 ? 0 : n > 255 ? 255 : n;
}

function assertEven(...numbers: number[]): void {
  if (numbers.some((n) => n % 2 !== 0)) throw new Error(`I420 needs even sizes and positions (got ${numbers.join(', ')})`);
}
