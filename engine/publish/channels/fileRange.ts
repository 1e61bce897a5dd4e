/**
 * Reading the part of a file one request sends: a chunk into memory (chunks
 * are at most tens of MB). Protocols that send the rest of a file in one
 * request stream it with ../upload.ts's fileBody.
 */
import { open } from 'node:fs/promises';

export async function readRange(file: string, start: number, length: number): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await open(file, 'r');
  try {
    const buffer = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await handle.read(buffer, done, length - done, start + done);
      if (bytesRead === 0) throw new Error(`${file} is shorter than expected (${start + done} of ${start + length} bytes)`);
      done += bytesRead;
    }
    return buffer;
  } finally {
    await handle.close();
  }
}

export function extensionOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}
