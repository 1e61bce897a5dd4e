/**
 * Output files appear whole or not at all: tools write to a temp name in the
 * destination folder (keeping the extension, so ffmpeg still infers the
 * format), which is fsynced and renamed over the final name.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fsyncDir, TEMP_SUFFIX } from '../store/durableJsonFile.js';

/** A temp path next to `finalPath`, e.g. `.book.m4b.1234-ab12cd.luat-tmp.m4b`. */
export function tempPathFor(finalPath: string): string {
  const ext = path.extname(finalPath);
  const name = `.${path.basename(finalPath)}.${process.pid}-${randomBytes(6).toString('hex')}${TEMP_SUFFIX}${ext}`;
  return path.join(path.dirname(finalPath), name);
}

/** Makes `tempPath` durable and renames it to `finalPath`. */
export async function commitFile(tempPath: string, finalPath: string): Promise<void> {
  const handle = await open(tempPath, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tempPath, finalPath);
  await fsyncDir(path.dirname(finalPath));
}

/** Runs `write(tempPath)` and commits the result to `finalPath`; the temp file is removed on failure. */
export async function writeAtomically<T>(finalPath: string, write: (tempPath: string) => Promise<T>): Promise<T> {
  const temp = tempPathFor(finalPath);
  try {
    const result = await write(temp);
    await commitFile(temp, finalPath);
    return result;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** A private work folder under the OS temp folder, removed by `dispose` however the work ended. */
export async function workFolder(prefix: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `luat-${prefix}-`));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
