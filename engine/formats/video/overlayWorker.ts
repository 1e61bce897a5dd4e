/**
 * The worker thread of ./overlayThread.ts (started through
 * bin/overlay-worker.mjs): a CaptionOverlay that answers its messages. A
 * picture's JPEG is asked of the main thread when the overlay has not kept it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CaptionOverlay, type OverlaySize } from './captionOverlay.js';
import type { FromOverlayThread, ToOverlayThread } from './overlayThread.js';

const port = parentPort!;
const overlay = new CaptionOverlay(workerData as OverlaySize);
/** JPEGs asked of the main thread, by the id of the shot that asked. */
const asked = new Map<number, { resolve: (jpeg: Buffer) => void; reject: (error: unknown) => void }>();

/** A Buffer over a message's bytes (a Buffer sent arrives as a plain Uint8Array), not a copy. */
const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const post = (message: FromOverlayThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

function makeShot({ id, pictureKey, part, cue }: Extract<ToOverlayThread, { type: 'pixels' }>): void {
  const jpeg = () =>
    new Promise<Buffer>((resolve, reject) => {
      asked.set(id, { resolve, reject });
      post({ type: 'need', id });
    });
  const options = { ...(part ? { part: { key: part.key, jpeg: asBuffer(part.jpeg), at: part.at } } : {}), ...(cue === undefined ? {} : { cue }) };
  overlay.pixels({ key: pictureKey, jpeg }, options).then(
    (pixels) => {
      // A shot's pixels have a memory of their own (3 MB at 1080p, never Node's shared pool): it moves, not copied.
      const own = pixels.byteOffset === 0 && pixels.byteLength === pixels.buffer.byteLength ? pixels : Buffer.from(pixels);
      post({ type: 'pixels', id, pixels: own.buffer as ArrayBuffer }, [own.buffer as ArrayBuffer]);
    },
    (error: unknown) => post({ type: 'failed', id, message: String((error as Error)?.message ?? error) }),
  );
}

port.on('message', (message: ToOverlayThread) => {
  if (message.type === 'band') {
    overlay.addBand(message.cue, asBuffer(message.png));
  } else if (message.type === 'pixels') {
    makeShot(message);
  } else {
    const waiting = asked.get(message.id);
    asked.delete(message.id);
    if (message.jpeg) waiting?.resolve(asBuffer(message.jpeg));
    else waiting?.reject(new Error('the picture could not be read'));
  }
});
