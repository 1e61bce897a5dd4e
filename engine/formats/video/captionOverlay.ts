/**
 * Burned-in captions are laid over the captured pictures here, after capture,
 * so that a picture is captured once for every language (captions are most
 * of what differs between them). Chromium draws each caption once, alone on a
 * transparent band (templates/video/cards/CaptionBand.tsx); Skia
 * (@napi-rs/canvas: the bundled ffmpeg has no overlay filter) draws the band
 * over the picture with the same source-over blending Chromium uses. The same
 * canvases lay a part of a picture captured alone over the whole picture of
 * its stage (patches.ts).
 *
 * A shot is given to the encoder as its raw RGBA pixels, made when its chunk
 * is encoded, not kept: a JPEG of it cost Skia ~30 ms to write and ffmpeg
 * ~18 ms to read back, against ~5 ms to copy the pixels out and ~20 ms for
 * ffmpeg to convert them (measured 2026-12-07 on the sample's 1080×1920
 * shots; docs/video-rendering.md), and a re-render that keeps a chunk needs
 * none of its shots.
 */
import { createRequire } from 'node:module';
import type { Canvas, Image } from '@napi-rs/canvas';

/** Raise when pixels() lays a band or a part differently: encoded chunks kept across builds are keyed by this. */
const OVERLAY_VERSION = 2;

/** How shots are made, for composedShotKey: this code's version and the canvas library's. */
export function overlayWriter(): string {
  const canvas = createRequire(import.meta.url)('@napi-rs/canvas/package.json') as { version: string };
  return `overlay-${OVERLAY_VERSION}|rgba|napi-rs-canvas-${canvas.version}`;
}

/** A part of a picture captured alone (a JPEG of the frame's box at `at`), to lay over its root. */
export interface Part {
  jpeg: Buffer;
  at: { x: number; y: number };
}

export class CaptionOverlay {
  /** Canvases not in use: one per shot being composed at once, reused after. */
  private readonly free: Canvas[] = [];
  /**
   * Images not in use, reused like the canvases. A new Image per shot (loadImage) told V8 of ~8 MB more
   * memory each time, and V8 answered with a full collection every ~0.3 s: 206 in the sample's two
   * languages, ~9 s of the main thread; reused, 110, and 3 CPU s less for an extra language.
   */
  private readonly freeImages: Image[] = [];
  /** The bands as Chromium captured them (PNG with alpha), ~50 KB each; decoded they are ~2 MB each (1080 px wide). */
  private readonly bands = new Map<number, Buffer>();
  /** The few bands decoded now: shots come in order, so a caption's shots follow one another. */
  private readonly decoded = new Map<number, Image>();

  constructor(private readonly size: { width: number; height: number; bandY: number }) {}

  /** A caption's band, as Chromium captured it (PNG with alpha). */
  addBand(cue: number, png: Buffer): void {
    this.bands.set(cue, png);
  }

  /**
   * The RGBA pixels of `picture` (a JPEG, its file or its bytes), with `part` laid over it when `picture` is the part's
   * root (patches.ts), and caption `cue`'s band over both when one is given. Several may run at once, each
   * on its own canvas; the pixels are the caller's own.
   */
  async pixels(picture: string | Buffer, options: { part?: Part; cue?: number } = {}): Promise<Buffer> {
    const band = options.cue === undefined ? null : await this.band(options.cue);
    const { createCanvas, Image } = await import('@napi-rs/canvas');
    const canvas = this.free.pop() ?? createCanvas(this.size.width, this.size.height);
    const image = this.freeImages.pop() ?? new Image();
    try {
      await decodeInto(image, picture);
      const g = canvas.getContext('2d');
      g.drawImage(image, 0, 0, this.size.width, this.size.height);
      if (options.part) {
        // Parts are small (a face, a figure): a new Image each costs little.
        const piece = new Image();
        await decodeInto(piece, options.part.jpeg);
        g.drawImage(piece, options.part.at.x, options.part.at.y);
      }
      if (band) g.drawImage(band, 0, this.size.bandY);
      // A copy of the canvas's pixels (data() copies; the canvas draws the next shot while the encoder still
      // reads these). Copying it again cost ~2 ms a shot and 8 MB more for the collector to see.
      return canvas.data();
    } finally {
      this.free.push(canvas);
      this.freeImages.push(image);
    }
  }

  private async band(cue: number): Promise<Image> {
    const kept = this.decoded.get(cue);
    if (kept) return kept;
    const png = this.bands.get(cue);
    if (!png) throw new Error(`caption ${cue} was not rendered`);
    const { Image } = await import('@napi-rs/canvas');
    const image = new Image();
    image.src = png;
    // Shots being composed at once show at most a few captions: keep the newest four decoded.
    this.decoded.set(cue, image);
    for (const old of this.decoded.keys()) if (this.decoded.size > 4) this.decoded.delete(old);
    return image;
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
