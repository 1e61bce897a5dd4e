/**
 * A file as an upload body: streamed (a video can be hundreds of MB), with
 * progress, and, when the user capped it, no faster than a given rate so an
 * upload does not take a commune office's whole connection.
 */
import { createReadStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FileBodyOptions {
  /** First byte to send (for protocols that resume mid-file). */
  start?: number;
  /** Called with the bytes handed to the network so far. */
  onBytes?: (sent: number) => void;
  bytesPerSecond?: number;
  signal?: AbortSignal;
}

export function fileBody(file: string, options: FileBodyOptions = {}): ReadableStream<Uint8Array> {
  const rate = options.bytesPerSecond && options.bytesPerSecond > 0 ? options.bytesPerSecond : null;
  // Small reads when throttled, so the rate holds within a fraction of a second.
  const source = createReadStream(file, { start: options.start ?? 0, highWaterMark: rate ? Math.max(4096, Math.min(64 * 1024, Math.floor(rate / 8))) : 256 * 1024 });
  const began = Date.now();
  let sent = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      const wait = rate ? began + (sent / rate) * 1000 - Date.now() : 0;
      const pass = () => {
        options.onBytes?.(sent);
        done(null, chunk);
      };
      if (wait > 0) sleep(wait, undefined, options.signal ? { signal: options.signal } : {}).then(pass, (e: unknown) => done(e as Error));
      else pass();
    },
  });
  source.on('error', (e) => meter.destroy(e));
  return Readable.toWeb(source.pipe(meter)) as ReadableStream<Uint8Array>;
}
