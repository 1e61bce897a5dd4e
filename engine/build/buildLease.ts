/**
 * Which builds are running on this PC, whatever process runs them (the app's
 * render process, `luat-studio build`, a farm worker): each holds a lease, a
 * file named by its pid in the studio's cache folder, from its start to its
 * end. Clearing the caches (engine/app/caches.ts) waits for none of them and
 * removes nothing while one runs: a build reads a kept picture some time after
 * it looked it up. A lease whose process is gone (killed) counts for nothing
 * and is removed by the next look.
 *
 * Clearing marks itself the same way before it looks for builds, and a build
 * that starts while a clear runs waits for it to end: each writes its own mark
 * before reading the other's, so a build and a clear that start together never
 * both go ahead.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { studioCacheRoot } from '../platform/userCache.js';
import { isProcessAlive, pidInName } from '../runTemp.js';

const LEASES_FOLDER = 'builds-running';
const LEASE_PREFIX = 'build-';
const CLEARING_PREFIX = 'clearing-';
/** A clear removes at most a few thousand files: a build waits this long at most, then goes ahead. */
const CLEAR_WAIT_MS = 120_000;

function leasesDir(): string {
  return path.join(studioCacheRoot(), LEASES_FOLDER);
}

/** Marks a build of this process as running; the returned function ends the lease (call it in a finally). */
export async function holdBuildLease(): Promise<() => Promise<void>> {
  const release = await mark(LEASE_PREFIX);
  for (const deadline = Date.now() + CLEAR_WAIT_MS; Date.now() < deadline && (await live(CLEARING_PREFIX)) > 0; ) await delay(200);
  return release;
}

/** How many builds hold a lease now, in any process; leases of processes that are gone are removed. */
export function runningBuilds(): Promise<number> {
  return live(LEASE_PREFIX);
}

/**
 * Runs `clear` unless a build is running (then says how many are, and runs
 * nothing); builds that start meanwhile wait for it.
 */
export async function whileNoBuildRuns<T>(clear: () => Promise<T>): Promise<{ ran: true; result: T } | { ran: false; running: number }> {
  const release = await mark(CLEARING_PREFIX);
  try {
    const running = await runningBuilds();
    if (running > 0) return { ran: false, running };
    return { ran: true, result: await clear() };
  } finally {
    await release();
  }
}

/** Writes this process's mark; the function returned removes it. */
async function mark(prefix: string): Promise<() => Promise<void>> {
  const file = path.join(leasesDir(), `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, '');
  } catch {
    // A cache folder that cannot be written (a read-only profile): the build still runs, and a clear there
    // removes nothing anyway.
    return async () => {};
  }
  return () => rm(file, { force: true });
}

/** Marks with `prefix` of processes alive now; the others' are removed. */
async function live(prefix: string): Promise<number> {
  const names = await readdir(leasesDir()).catch(() => [] as string[]);
  let count = 0;
  for (const name of names) {
    const pid = pidInName(name, prefix);
    if (pid === null) continue;
    if (isProcessAlive(pid)) count++;
    else await rm(path.join(leasesDir(), name), { force: true }).catch(() => {});
  }
  return count;
}
