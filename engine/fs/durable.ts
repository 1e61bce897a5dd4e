/**
 * The one way Luật Studio replaces a file: library records, outputs, packages,
 * cache entries, settings. The new bytes go to a temporary file in the same
 * folder, the temporary file is fsynced and renamed over the target (rename is
 * atomic within one filesystem), and then the folder itself is fsynced so the
 * rename survives a power cut. A crash at any point leaves either the old file
 * or the new one, plus at worst a temporary file.
 *
 * Every temporary name has one shape, so what a killed process left is
 * recognised without guessing:
 *
 *     .<final name>.<pid>-<12 hex>.luat-tmp[<final extension>]
 *
 * e.g. `.book.m4b.1234-ab12cd34ef56.luat-tmp.m4b`. The final extension is
 * repeated at the end so tools that infer a format from the name (ffmpeg,
 * Chromium's screenshot) still do. `sweepTemporaries(dir)` removes them.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** The marker every temporary name carries. */
export const TEMP_MARKER = '.luat-tmp';

const TEMPORARY_NAME = /^\..+\.\d+-[0-9a-f]+\.luat-tmp(\.[^.]+)?$/;

/** True for a name (not a path) this module gives to a temporary file or folder. */
export function isTemporaryName(name: string): boolean {
  return TEMPORARY_NAME.test(name);
}

/** A fresh temporary path beside `finalPath` (see the pattern above). */
export function temporaryPathFor(finalPath: string): string {
  const base = path.basename(finalPath);
  const ext = path.extname(base);
  const name = `.${base}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_MARKER}${ext}`;
  return path.join(path.dirname(finalPath), name);
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
    await fsyncDir(path.dirname(current));
    if (current === firstCreated || path.dirname(current) === current) break;
    current = path.dirname(current);
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

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes a finished temporary file durable and renames it over `finalPath`.
 * For several files that must appear together (a video and its subtitles),
 * write all temporaries first and commit them one after the other.
 */
export async function commitFile(tempPath: string, finalPath: string): Promise<void> {
  await fsyncFile(tempPath);
  await renameWithRetry(tempPath, finalPath);
  await fsyncDir(path.dirname(finalPath));
}

/**
 * Runs `write(tempPath)` (which may hand the path to a tool: ffmpeg, Chromium)
 * and commits the result to `finalPath`; the temporary file is removed on
 * failure or cancellation. Creates the folder when missing.
 */
export async function writeAtomically<T>(finalPath: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  await ensureDirDurably(path.dirname(finalPath));
  const temp = temporaryPathFor(finalPath);
  try {
    const result = await write(temp);
    await commitFile(temp, finalPath);
    return result;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Writes a whole file so that, once this resolves, the new content survives a crash or power cut. */
export async function writeFileDurably(file: string, data: Uint8Array | string): Promise<void> {
  await writeAtomically(file, async (temp) => {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
    } finally {
      await handle.close();
    }
  });
}

/** The streaming variant, for what is too large to hold in memory (a ZIP being built, a download). */
export async function writeStreamDurably(file: string, source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>): Promise<void> {
  await writeAtomically(file, (temp) => pipeline(source, createWriteStream(temp, { flags: 'wx' })));
}

/** Copies a file (e.g. an imported voice clip) with the same guarantees as writeFileDurably. */
export async function copyFileDurably(source: string, file: string): Promise<void> {
  await writeAtomically(file, (temp) => copyFile(source, temp));
}

/**
 * Fills a temporary folder and renames it to `finalDir` only when `fill`
 * succeeded, so a folder under its final name is always complete. The files
 * inside are fsynced before the rename. Fails if `finalDir` already exists.
 */
export async function writeFolderAtomically(finalDir: string, fill: (tempDir: string) => Promise<void>): Promise<void> {
  await ensureDirDurably(path.dirname(finalDir));
  const temp = temporaryPathFor(finalDir);
  await mkdir(temp);
  try {
    await fill(temp);
    for (const entry of await readdir(temp, { withFileTypes: true })) if (entry.isFile()) await fsyncFile(path.join(temp, entry.name));
    await fsyncDir(temp);
    await renameWithRetry(temp, finalDir);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw err;
  }
  await fsyncDir(path.dirname(finalDir));
}

/**
 * Removes the temporary files and folders (see the pattern above) that a
 * killed or crashed writer left in `dir`; with `recursive`, in every folder
 * below it too (an output folder's DIR/<format>/<language>/...). Returns the
 * paths removed; a missing `dir` is not an error.
 *
 * Call it only when no live writer can be using `dir`: while holding the
 * library lock, or before a build starts writing into its output folder.
 * A live writer's temporary file looks exactly like a leftover.
 */
export async function sweepTemporaries(dir: string, options: { recursive?: boolean } = {}): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw err;
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (isTemporaryName(entry.name)) {
      await rm(full, { recursive: true, force: true });
      removed.push(full);
    } else if (options.recursive && entry.isDirectory()) {
      removed.push(...(await sweepTemporaries(full, options)));
    }
  }
  if (removed.some((p) => path.dirname(p) === dir)) await fsyncDir(dir);
  return removed;
}
