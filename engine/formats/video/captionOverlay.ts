/**
 * Burned-in captions are laid over the captured pictures here, after capture,
 * so that a picture is captured once for every language (captions are most
 * of what differs between them). Chromium draws each caption once, alone on a
 * transparent band (templates/video/cards/CaptionBand.tsx); the bundled ffmpeg
 * has no overlay filter, so the band is laid here, with the source-over blend
 * Chromium uses. The same goes for a part of a picture captured alone, laid
 * over the whole picture of its stage (patches.ts).
 *
 * Shots are made in I420, as the encoder takes them (./i420.ts): libjpeg-turbo
 * decodes each picture and part once, Skia (@napi-rs/canvas) each band (a
 * PNG with alpha), each is converted once, and a shot is a copy of its
 * picture with its part and band laid in. A shot is made when its chunk is
 * encoded, not kept: a re-render that keeps a chunk needs none of its shots.
 * A render runs it on a thread of its own (./overlayThread.ts).
 */
import { createRequire } from 'node:module';
import type { Canvas, Image } from '@napi-rs/canvas';
import { i420Bytes, layBand, layPart, prepareBand, rgbaToI420, type I420, type PreparedBand } from './i420.js';

/** Raise when pixels() lays a band or a part differently: encoded chunks kept across builds are keyed by this. */
const OVERLAY_VERSION = 3;

/** How shots are made, for composedShotKey: this code's version and its decoders' (their rounding differs a little). */
export function overlayWriter(): string {
  const require = createRequire(import.meta.url);
  const canvas = require('@napi-rs/canvas/package.json') as { version: string };
  const turbo = jpegTurbo() ? `|jpeg-turbo-${(require('@julusian/jpeg-turbo/package.json') as { version: string }).version}` : '';
  return `overlay-${OVERLAY_VERSION}|i420|napi-rs-canvas-${canvas.version}${turbo}`;
}

type JpegTurbo = typeof import('@julusian/jpeg-turbo');
let turboLoaded: JpegTurbo | null | undefined;

/** libjpeg-turbo's binding, loaded once; null where its prebuilt library does not load (Skia decodes there). */
function jpegTurbo(): JpegTurbo | null {
  if (turboLoaded === undefined) {
    try {
      turboLoaded = createRequire(import.meta.url)('@julusian/jpeg-turbo') as JpegTurbo;
    } catch {
      turboLoaded = null;
    }
  }
  return turboLoaded;
}

/** A whole picture to lay things over: the same key, the same pixels (a picture cache key); `jpeg` reads it. */
export interface Picture {
  key: string;
  jpeg: () => Promise<Buffer>;
}

/** A part of a picture captured alone (a JPEG of the frame's box at `at`), to lay over its root; `key` names its pixels. */
export interface Part {
  key: string;
  jpeg: Buffer;
  at: { x: number; y: number };
}

/** The video's size, and where its caption band starts. */
export interface OverlaySize {
  width: number;
  height: number;
  bandY: number;
}

/**
 * Pictures kept converted. Shots come in order and two are made ahead of the one written, so three is enough: in
 * the sample's two languages, 687 of 899 shots show the same picture as the shot before (a face talking under one
 * caption, or one pose across captions), and each decode and conversion costs ~40 ms of 1080×1920.
 */
const KEEP_PICTURES = 3;
/** Parts are small (a face, a figure) and come back (a mouth's few shapes): more are kept. */
const KEEP_PARTS = 16;
/** Shots being made at once show at most a few captions. */
const KEEP_BANDS = 4;

export class CaptionOverlay {
  /** Canvases of the picture's size not in use: one per picture being decoded at once, reused after. */
  private readonly free: Canvas[] = [];
  /**
   * Images not in use, reused like the canvases. A new Image per picture told V8 of ~8 MB more memory each
   * time, and V8 answered with a full collection every ~0.3 s (2026-12-05).
   */
  private readonly freeImages: Image[] = [];
  /** RGBA buffers of the picture's size not in use, for libjpeg-turbo to decode into (the same reasons). */
  private readonly freeRgba: Buffer[] = [];
  /** The newest pictures, parts and bands converted (or being converted), oldest first. */
  private readonly pictures = new Newest<I420>(KEEP_PICTURES);
  private readonly parts = new Newest<I420>(KEEP_PARTS);
  private readonly preparedBands = new Newest<PreparedBand>(KEEP_BANDS);
  /** The bands as Chromium captured them (PNG with alpha), ~50 KB each. */
  private readonly bands = new Map<number, Buffer>();

  constructor(private readonly size: OverlaySize) {}

  /** A caption's band, as Chromium captured it (PNG with alpha). */
  addBand(cue: number, png: Buffer): void {
    this.bands.set(cue, png);
  }

  /**
   * The I420 pixels of `picture`, with `part` laid over it when `picture` is the part's root (patches.ts), and
   * caption `cue`'s band over both when one is given. Several may be made at once; the pixels are the caller's own.
   */
  async pixels(picture: Picture, options: { part?: Part; cue?: number } = {}): Promise<Buffer> {
    const { part, cue } = options;
    const [whole, laidPart, band] = await Promise.all([
      this.pictures.get(picture.key, async () => this.decode(await picture.jpeg(), this.size)),
      part ? this.parts.get(part.key, () => this.decode(part.jpeg, null)) : null,
      cue === undefined ? null : this.preparedBands.get(String(cue), () => this.band(cue)),
    ]);
    const shot: I420 = { width: whole.width, height: whole.height, data: Buffer.allocUnsafe(i420Bytes(whole.width, whole.height)) };
    whole.data.copy(shot.data);
    if (part && laidPart) layPart(shot, laidPart, part.at);
    if (band) layBand(shot, band, this.size.bandY);
    return shot.data;
  }

  /**
   * A JPEG in I420, at `size` (a whole picture) or at its own size (a part). libjpeg-turbo decodes it into
   * RGBA on libuv's pool: ~4 ms for 1080×1920, where Skia's decode and the canvas's copy out took ~22 (2026-12-08).
   * Skia draws what libjpeg-turbo cannot (a picture not at `size`, or the library missing on a platform).
   */
  private async decode(jpeg: Buffer, size: { width: number; height: number } | null): Promise<I420> {
    const turbo = jpegTurbo();
    if (turbo) {
      const into = size ? (this.freeRgba.pop() ?? Buffer.alloc(size.width * size.height * 4)) : null;
      try {
        const format = { format: turbo.FORMAT_RGBA };
        const out = into ? await turbo.decompress(jpeg, into, format) : await turbo.decompress(jpeg, format);
        if (!size || (out.width === size.width && out.height === size.height)) return rgbaToI420(out.data, out.width, out.height);
      } catch {
        // Not a JPEG libjpeg-turbo reads, or larger than `size`: Skia's drawing below says what is wrong, or scales it.
      } finally {
        if (into) this.freeRgba.push(into);
      }
    }
    return this.drawn(jpeg, size);
  }

  /** A JPEG in I420 through Skia, drawn at `size` (scaled when it is another size) or at its own. */
  private async drawn(jpeg: Buffer, size: { width: number; height: number } | null): Promise<I420> {
    const { createCanvas, Image } = await import('@napi-rs/canvas');
    const image = this.freeImages.pop() ?? new Image();
    try {
      await decodeInto(image, jpeg);
      const { width, height } = size ?? image;
      const canvas = size ? (this.free.pop() ?? createCanvas(width, height)) : createCanvas(width, height);
      try {
        canvas.getContext('2d').drawImage(image, 0, 0, width, height);
        return rgbaToI420(canvas.data(), width, height);
      } finally {
        if (size) this.free.push(canvas);
      }
    } finally {
      this.freeImages.push(image);
    }
  }

  private async band(cue: number): Promise<PreparedBand> {
    const png = this.bands.get(cue);
    if (!png) throw new Error(`caption ${cue} was not rendered`);
    const { createCanvas, Image } = await import('@napi-rs/canvas');
    const image = new Image();
    await decodeInto(image, png);
    const canvas = createCanvas(this.size.width, image.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    // The canvas's pixels are premultiplied, as the blend wants them.
    return prepareBand(canvas.data(), this.size.width, image.height);
  }
}

/**
 * The newest few values made, by key, oldest forgotten first. One being made is shared by all who ask for it
 * meanwhile; one that failed is not kept, so the next to ask tries again.
 */
class Newest<T> {
  private readonly made = new Map<string, Promise<T>>();

  constructor(private readonly keep: number) {}

  get(key: string, make: () => Promise<T>): Promise<T> {
    let value = this.made.get(key);
    if (value) {
      this.made.delete(key);
    } else {
      value = make();
      const failed = value;
      value.catch(() => {
        if (this.made.get(key) === failed) this.made.delete(key);
      });
    }
    this.made.set(key, value);
    for (const old of this.made.keys()) if (this.made.size > this.keep) this.made.delete(old);
    return value;
  }
}

/** Decodes a JPEG file (or its bytes) into `image`, as loadImage does into a new one (its source, then its bitmap). */
function decodeInto(image: Image, file: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    image.onload = () => {
      // Decoded on a microtask, as loadImage does: napi refuses a reentrant borrow inside the src setter.
      Promise.resolve().then(() => image.decode()).then(resolve, reject);
    };
    image.onerror = (event: unknown) => reject((event as Record<symbol, unknown> | null)?.[Symbol.for('@napi-rs/canvas/image-error')] ?? event);
    image.src = file;
  });
}
