/**
 * Burned-in captions are laid over the captured pictures here, after capture,
 * so that a picture is captured once for every language (captions are most
 * of what differs between them). Chromium draws each caption once, alone on a
 * transparent band (templates/video/cards/CaptionBand.tsx); Skia
 * (@napi-rs/canvas: the bundled ffmpeg has no overlay filter) draws the band
 * over the picture with the same source-over blending Chromium uses, and
 * writes the shot as a JPEG for the encoder.
 */
import { writeFile } from 'node:fs/promises';
import type { Canvas, Image } from '@napi-rs/canvas';

/** Shots are read once more by x264; a high quality keeps the second JPEG pass invisible. */
export const SHOT_JPEG_QUALITY = 92;

export class CaptionOverlay {
  /** Canvases not in use: one per shot being composed at once, reused after. */
  private readonly free: Canvas[] = [];
  /** The bands as Chromium captured them (PNG with alpha), ~50 KB each; decoded they are ~2 MB each (1080 px wide). */
  private readonly bands = new Map<number, Buffer>();
  /** The few bands decoded now: shots come in order, so a caption's shots follow one another. */
  private readonly decoded = new Map<number, Image>();

  constructor(private readonly size: { width: number; height: number; bandY: number }) {}

  /** A caption's band, as Chromium captured it (PNG with alpha). */
  addBand(cue: number, png: Buffer): void {
    this.bands.set(cue, png);
  }

  /** Writes `picture` (a JPEG file) with caption `cue` over it to `out`. Several may run at once, each on its own canvas. */
  async compose(picture: string, cue: number, out: string): Promise<void> {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const band = await this.band(cue);
    const canvas = this.free.pop() ?? createCanvas(this.size.width, this.size.height);
    try {
      const g = canvas.getContext('2d');
      g.drawImage(await loadImage(picture), 0, 0, this.size.width, this.size.height);
      g.drawImage(band, 0, this.size.bandY);
      await writeFile(out, await canvas.encode('jpeg', SHOT_JPEG_QUALITY));
    } finally {
      this.free.push(canvas);
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
