/**
 * The caption overlay (./captionOverlay.ts) on a worker thread of its own
 * (./overlayWorker.ts). Shots are made while pictures are still being
 * captured, and on the main thread a shot's decode, conversion and copies
 * held it for up to ~20 ms at a time: each step of the capture loop that
 * came meanwhile waited. On its own thread the overlay uses the core the
 * capture leaves idle (measured in docs/video-rendering.md, "The overlay on
 * a thread of its own").
 *
 * The thread starts when first asked for something, so a re-render that
 * makes no shot starts none, and it holds the process open only while it
 * has work. A picture's JPEG is read here, through the render's picture
 * cache, only when the thread has not kept the picture; the cache's own
 * errors (a kept file removed under the render) reach the caller as they are.
 */
import { Worker } from 'node:worker_threads';
import { appPath } from '../../platform/appRoot.js';
import type { OverlaySize, Part, Picture } from './captionOverlay.js';

/** The worker's launcher: the compiled worker, or its TypeScript through tsx (bin/launch.mjs). */
const OVERLAY_WORKER = appPath('bin', 'overlay-worker.mjs');

export type ToOverlayThread =
  | { type: 'band'; cue: number; png: Uint8Array }
  | { type: 'pixels'; id: number; pictureKey: string; part?: Omit<Part, 'jpeg'> & { jpeg: Uint8Array }; cue?: number }
  | { type: 'jpeg'; id: number; jpeg: Uint8Array | null };

export type FromOverlayThread =
  | { type: 'need'; id: number }
  | { type: 'pixels'; id: number; pixels: ArrayBuffer }
  | { type: 'failed'; id: number; message: string };

interface Asked {
  picture: Picture;
  resolve: (pixels: Buffer) => void;
  reject: (error: unknown) => void;
}

/** CaptionOverlay's addBand and pixels, answered by a worker thread; close() ends it. */
export class OverlayThread {
  private worker: Worker | null = null;
  private readonly asked = new Map<number, Asked>();
  /** Why a picture could not be read: every shot waiting for it fails for that reason, not the thread's echo of it. */
  private readonly unreadable = new Map<string, unknown>();
  private nextId = 0;
  private failure: unknown = null;

  constructor(private readonly size: OverlaySize) {}

  /** A caption's band, as Chromium captured it (PNG with alpha). */
  addBand(cue: number, png: Buffer): void {
    this.post({ type: 'band', cue, png });
  }

  /** As CaptionOverlay.pixels: the shot's I420 pixels, the caller's own. */
  pixels(picture: Picture, options: { part?: Part; cue?: number } = {}): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.asked.set(id, { picture, resolve, reject });
      const { part, cue } = options;
      this.post({ type: 'pixels', id, pictureKey: picture.key, ...(part ? { part } : {}), ...(cue === undefined ? {} : { cue }) });
    });
  }

  /** Ends the thread; shots still asked for fail. */
  async close(): Promise<void> {
    this.fail(new Error('the caption overlay was closed'));
    const worker = this.worker;
    if (!worker) return;
    worker.removeAllListeners('exit');
    await worker.terminate();
  }

  private post(message: ToOverlayThread): void {
    if (this.failure) return;
    this.thread().postMessage(message);
    this.holdOpen();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(OVERLAY_WORKER, { workerData: this.size });
    worker.on('message', (message: FromOverlayThread) => this.answer(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the caption overlay's thread stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  /** The process stays open for the thread while it has work, as it would for an ffmpeg it waits on. */
  private holdOpen(): void {
    if (this.asked.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private answer(message: FromOverlayThread): void {
    const asked = this.asked.get(message.id);
    if (!asked) return;
    if (message.type === 'need') {
      asked.picture.jpeg().then(
        (jpeg) => {
          this.unreadable.delete(asked.picture.key);
          this.post({ type: 'jpeg', id: message.id, jpeg });
        },
        (error: unknown) => {
          this.unreadable.set(asked.picture.key, error);
          this.post({ type: 'jpeg', id: message.id, jpeg: null });
        },
      );
      return;
    }
    this.asked.delete(message.id);
    if (message.type === 'pixels') asked.resolve(Buffer.from(message.pixels));
    else asked.reject(this.unreadable.get(asked.picture.key) ?? new Error(message.message));
    this.holdOpen();
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const asked of this.asked.values()) asked.reject(this.failure);
    this.asked.clear();
    this.holdOpen();
  }
}
