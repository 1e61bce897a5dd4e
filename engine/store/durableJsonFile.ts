/**
 * Crash-safe files for the project library.
 *
 * Every file the library keeps is replaced, never edited in place: the new
 * bytes go to a temp file in the same folder, the temp file is fsynced and
 * renamed over the target (rename is atomic within one filesystem), and then
 * the folder itself is fsynced so the rename survives a power cut. A crash at
 * any point leaves either the old file or the new one, plus at worst a temp
 * file, which is removed the next time the library opens.
 *
 * DurableJsonFile is a lowdb 7 Adapter. Use it with `new Low(adapter, defaults)`
 * and never with lowdb's JSONFilePreset: the presets silently swap in an
 * in-memory adapter when NODE_ENV=test (which vitest sets), so tests would
 * never touch the disk.
 */
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Adapter } from 'lowdb';
import { StudioError } from '../errors.js';

/** Every temp file ends with this, so leftovers are recognised without guessing. */
export const TEMP_SUFFIX = '.luat-tmp';

function tempPathFor(target: string): string {
  const name = `.${basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  return join(dirname(target), name);
}

/**
 * Makes a folder's entries (a rename, a new or deleted file) durable.
 *
 * Skipped on Windows: Node cannot open a directory there (EISDIR/EPERM), and
 * NTFS journals the rename metadata itself, so there is nothing to call.
 * Some network and FUSE filesystems refuse fsync on a folder (EINVAL,
 * ENOTSUP); there the rename is as durable as that filesystem allows.
 */
export async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP') throw err;
  } finally {
    await handle.close();
  }
}

/** mkdir -p whose new folder entries are themselves fsynced into their parents. */
export async function ensureDirDurably(dir: string): Promise<void> {
  const firstCreated = await mkdir(dir, { recursive: true });
  if (firstCreated === undefined) return;
  // Each created folder's entry lives in its parent: sync from the deepest up.
  let current = dir;
  for (;;) {
    await fsyncDir(dirname(current));
    if (current === firstCreated || dirname(current) === current) break;
    current = dirname(current);
  }
}

/**
 * On Windows a rename over a file that another program (an antivirus scan,
 * the search indexer, a media player) has open fails for a moment with
 * EPERM/EACCES/EBUSY; retry briefly there. Elsewhere rename does not fail so.
 */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const transient = code === 'EPERM' || code === 'EACCES' || code === 'EBUSY';
      if (process.platform !== 'win32' || !transient || attempt >= 20) throw err;
      await sleep(50);
    }
  }
}

async function replaceDurably(target: string, fillTemp: (tempPath: string) => Promise<void>): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await fillTemp(temp);
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dirname(target));
}

/** Writes a whole file so that, once this resolves, the new content survives a crash or power cut. */
export async function writeFileDurably(path: string, data: Uint8Array | string): Promise<void> {
  await replaceDurably(path, async (temp) => {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  });
}

/** Copies a file (e.g. an imported voice clip) with the same guarantees as writeFileDurably. */
export async function copyFileDurably(source: string, path: string): Promise<void> {
  await replaceDurably(path, (temp) => copyFile(source, temp));
}

/**
 * Removes temp files a crashed writer left in one folder (not recursive).
 * Only call this while holding the library lock: a live writer's temp file
 * looks exactly like a leftover.
 */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const leftovers = names.filter((n) => n.startsWith('.') && n.endsWith(TEMP_SUFFIX));
  for (const name of leftovers) await rm(join(dir, name), { force: true });
  if (leftovers.length > 0) await fsyncDir(dir);
  return leftovers.map((n) => join(dir, n));
}

export class DurableJsonFile<T> implements Adapter<T> {
  /** Tail of the write queue; each write waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();

  private constructor(readonly path: string) {}

  /** Opens the adapter, first removing temp files a crashed writer left beside the file. */
  static async open<T>(path: string): Promise<DurableJsonFile<T>> {
    await removeLeftoverTempFiles(dirname(path));
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
