/**
 * Vitest global set-up: the run keeps its pictures, bands, shots, chunks and
 * bundles in a cache folder of its own, removed at the end.
 *
 * Without it the tests shared the user's cache (~/.cache/luat-studio) with
 * `npm run demo` and every earlier run, so a test that counts the work a
 * render did could pass or fail depending on what an earlier build had kept.
 * Files in one run still share the folder (the cache is keyed by content, so
 * sharing is correct); a test that counts work sets a folder of its own.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export default async function setup(): Promise<() => Promise<void>> {
  const before = process.env['LUAT_STUDIO_CACHE'];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-studio-test-cache-'));
  // Set before the workers start, so every test file's process inherits it.
  process.env['LUAT_STUDIO_CACHE'] = dir;
  return async () => {
    await rm(dir, { recursive: true, force: true });
    if (before === undefined) delete process.env['LUAT_STUDIO_CACHE'];
    else process.env['LUAT_STUDIO_CACHE'] = before;
  };
}
