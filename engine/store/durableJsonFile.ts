/**
 * Crash-safe files for the project library.
 *
 * Every file the library keeps is replaced, never edited in place: the new
 * bytes go to a temp file in the same folder, the temp file is fsynced and
 * renamed over the target (rename is atomic within one filesystem), and then
 * the folder itself is fsynced so the rename survives a power cut. A crash at
 * any point leaves either the old file or the new one, plus at worst a temp
 * file, which is removed the next time the library opens. The writing itself
 * is engine/fs/durable.ts, shared by everything that replaces a file.
 *
 * DurableJsonFile is a lowdb 7 Adapter. Use it with `new Low(adapter, defaults)`
 * and never with lowdb's JSONFilePreset: the presets silently swap in an
 * in-memory adapter when NODE_ENV=test (which vitest sets), so tests would
 * never touch the disk.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter } from 'lowdb';
import { StudioError } from '../errors.js';
import { sweepTemporaries, writeFileDurably } from '../fs/durable.js';

/** Kept for callers not yet moved to engine/fs/durable.ts (the build and the CLI). */
export { writeFileDurably } from '../fs/durable.js';

export class DurableJsonFile<T> implements Adapter<T> {
  /** Tail of the write queue; each write waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** Opens the adapter, first removing temp files a crashed writer left beside the file. */
  static async open<T>(path: string): Promise<DurableJsonFile<T>> {
    await sweepTemporaries(dirname(path));
    return new DurableJsonFile<T>(path);
  }

  /** null when the file does not exist; a file that does not parse is an error, never replaced. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (cause) {
      throw new StudioError('store.corrupt', { path: this.path }, { cause });
    }
    // lowdb takes a null (or any falsy) read as "no file yet" and would carry
    // on with its defaults, so a file holding a bare value is corrupt too.
    if (value === null || typeof value !== 'object') throw new StudioError('store.corrupt', { path: this.path });
    return value as T;
  }

  /**
   * Serialises now (so later changes to `data` cannot leak into this write),
   * then writes after every earlier write has finished. When the promise
   * resolves, this data is on disk.
   */
  write(data: T): Promise<void> {
    const text = JSON.stringify(data, null, 2) + '\n';
    const result = this.queue.then(() => writeFileDurably(this.path, text));
    // A failed write must not block the ones queued after it.
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write queued so far has finished (successfully or not). */
  flush(): Promise<void> {
    return this.queue;
  }
}
