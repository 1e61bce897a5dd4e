/**
 * Burned-in captions are laid over the captured pictures here, after capture,
 * so that a picture is captured once for every language (captions are most
 * of what differs between them). Chromium draws each caption once, alone on a
 * transparent band (templates/video/cards/CaptionBand.tsx); Skia
 * (@napi-rs/canvas: the bundled ffmpeg has no overlay filter) draws the band
 * over the picture with the same source-over blending Chromium uses, and
 * writes the shot as a JPEG for the encoder. The same canvases lay a part
 * of a picture captured alone over the whole picture of its stage (patch,
 * see patches.ts).
 */
import { createRequire } from 'node:module';
import type { Canvas, Image } from '@napi-rs/canvas';

/** Shots are read once more by x264; a high quality keeps the second JPEG pass invisible. */
export const SHOT_JPEG_QUALITY = 92;

/** Raise when compose() lays a band differently: shots kept across builds (pictureCache.ts) are keyed by this. */
const OVERLAY_VERSION = 1;

/** How shots are written, for composedShotKey: this code's version, its quality and the canvas library's. */
export function overlayWriter(): string {
  const canvas = createRequire(import.meta.url)('@napi-rs/canvas/package.json') as { version: string };
  return `overlay-${OVERLAY_VERSION}|q${SHOT_JPEG_QUALITY}|napi-rs-canvas-${canvas.version}`;
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
   * `picture` (a JPEG file) with caption `cue` over it, as a JPEG; with `part`, the picture is that part
   * laid over `picture`, its root (patches.ts). Several may run at once, each on its own canvas.
   */
  async compose(picture: string, cue: number, part?: Part): Promise<Buffer> {
    return this.draw(picture, part, await this.band(cue));
  }

  /**
   * `root` (a JPEG file) with `part` laid over it, as a JPEG at the shots' quality, so the root's
   * pixels are written a second time as nearly as they were: the picture of a shot without a caption.
   */
  patch(root: string, part: Part): Promise<Buffer> {
    return this.draw(root, part, null);
  }

  private async draw(picture: string, part: Part | undefined, band: Image | null): Promise<Buffer> {
    const { createCanvas, Image } = await import('@napi-rs/canvas');
    const canvas = this.free.pop() ?? createCanvas(this.size.width, this.size.height);
    const image = this.freeImages.pop() ?? new Image();
    try {
      await decodeInto(image, picture);
      const g = canvas.getContext('2d');
      g.drawImage(image, 0, 0, this.size.width, this.size.height);
      if (part) {
        // Parts are small (a face, a figure): a new Image each costs little.
        const piece = new Image();
        await decodeInto(piece, part.jpeg);
        g.drawImage(piece, part.at.x, part.at.y);
      }
      if (band) g.drawImage(band, 0, this.size.bandY);
      return await canvas.encode('jpeg', SHOT_JPEG_QUALITY);
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
