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
  private canvas: Canvas | null = null;
  /** The bands as Chromium captured them (PNG with alpha), ~50 KB each; decoded they are ~2 MB each (1080 px wide). */
  private readonly bands = new Map<number, Buffer>();
  /** The one band decoded now: shots come in order, so a caption's shots follow one another. */
  private decoded: { cue: number; image: Image } | null = null;

  constructor(private readonly size: { width: number; height: number; bandY: number }) {}

  /** A caption's band, as Chromium captured it (PNG with alpha). */
  addBand(cue: number, png: Buffer): void {
    this.bands.set(cue, png);
  }

  /** Writes `picture` (a JPEG file) with caption `cue` over it to `out`. One at a time: the canvas is reused. */
  async compose(picture: string, cue: number, out: string): Promise<void> {
    const { createCanvas, loadImage } = await import('@napi-rs/canvas');
    const band = await this.band(cue);
    this.canvas ??= createCanvas(this.size.width, this.size.height);
    const g = this.canvas.getContext('2d');
    g.drawImage(await loadImage(picture), 0, 0, this.size.width, this.size.height);
    g.drawImage(band, 0, this.size.bandY);
    await writeFile(out, await this.canvas.encode('jpeg', SHOT_JPEG_QUALITY));
  }

  private async band(cue: number): Promise<Image> {
    if (this.decoded?.cue === cue) return this.decoded.image;
    const png = this.bands.get(cue);
    if (!png) throw new Error(`caption ${cue} was not rendered`);
    const { Image } = await import('@napi-rs/canvas');
    const image = new Image();
    image.src = png;
    this.decoded = { cue, image };
    return image;
  }
}
