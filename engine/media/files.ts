/**
 * Work folders for media tools. Output files themselves are written with
 * engine/fs/durable.ts (temporary name in the destination folder, keeping the
 * extension so ffmpeg still infers the format, fsynced and renamed).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A private work folder under the OS temp folder, removed by `dispose` however the work ended. */
export async function workFolder(prefix: string): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), `luat-${prefix}-`));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
