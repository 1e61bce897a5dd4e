/**
 * One writer per library folder.
 *
 * The lock is a file, `library.lock`, created with the exclusive open flag
 * ('wx') and holding {pid, hostname, startedAt, command} of its holder.
 *
 * Why a PID lock and not a time-based stale lock (as proper-lockfile does):
 * an mtime lock counts as stale only after its holder has stopped refreshing
 * it for the stale period, so after a crash (or a kill from the task manager)
 * the library stays blocked for that whole period, and a holder that is
 * merely slow (a long render, a suspended laptop) can lose its lock to a
 * second writer. A PID lock is taken over the moment its holder is known to
 * be dead, and is never taken from a live holder.
 *
 * Known limits:
 * - Liveness can only be checked on the same host. A lock held from another
 *   machine (library on a network drive shared between hosts) is never taken
 *   over automatically: the error names the host so the user can close the
 *   studio there, or delete the lock file if that machine crashed.
 * - PID reuse: if a crashed holder's PID now belongs to an unrelated process,
 *   the lock is held until that process ends (the error shows the command).
 * - 'wx' is not atomic on some old NFS setups.
 * - SIGKILL, a crash, or a signal without a handler skip the 'exit' handler;
 *   the lock file then stays and the next opener takes it over (dead PID).
 * - A take-over claim (`library.lock.takeover`, see takeOver) left by a
 *   process on another host that died mid-take-over is, like its locks,
 *   never removed automatically.
 */
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { StudioError } from '../errors.js';
import { fsyncDir } from '../fs/durable.js';

export const LOCK_FILE_NAME = 'library.lock';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** What the holder is, for the user: "Luật Studio", "luat-studio build …". */
  command: string;
}

export interface LibraryLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a live holder to let go before failing (default 0: fail at once). */
  waitMs?: number;
  pollMs?: number;
  command?: string;
}

/** A lock file younger than this that does not parse is being written right now. */
const HALF_WRITTEN_GRACE_MS = 10_000;

/** Lock files this process holds, so a second open in the same process is refused, not taken over. */
const heldHere = new Map<string, LockHolder>();

/**
 * Lock and claim files this process created and still has: one naming our
 * own pid is live, not a leftover of an earlier process that had our pid.
 */
const createdHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid === 'number' && typeof v.hostname === 'string'
      && typeof v.startedAt === 'string' && typeof v.command === 'string') return v as LockHolder;
  } catch {
    // fall through
  }
  return null;
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  createdHere.add(path);
  try {
    await handle.writeFile(JSON.stringify(holder));
    await handle.sync();
  } catch (err) {
    // A full disk (ENOSPC) or I/O error between create and write would leave an
    // empty lock that blocks the library; the lock is ours, so remove it.
    await handle.close().catch(() => {});
    await rm(path, { force: true }).catch(() => {});
    throw err;
  }
  await handle.close();
  return true;
}

type Existing =
  | { state: 'gone' }
  | { state: 'held'; holder: LockHolder | null; text: string }
  | { state: 'abandoned'; text: string };

async function inspect(path: string): Promise<Existing> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'gone' };
    throw err;
  }
  const holder = parseHolder(text);
  if (!holder) {
    // Created but never filled: its writer died between open and write.
    const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => 0);
    return age > HALF_WRITTEN_GRACE_MS ? { state: 'abandoned', text } : { state: 'held', holder: null, text };
  }
  const sameHost = holder.hostname === osHostname();
  const dead = sameHost && (holder.pid === process.pid ? !createdHere.has(path) : !isAlive(holder.pid));
  return dead ? { state: 'abandoned', text } : { state: 'held', holder, text };
}

/**
 * Removes an abandoned lock without racing another process doing the same.
 *
 * Renaming the stale file aside is not enough: between one taker's look and
 * its rename, another taker may already have removed the stale lock and a
 * third process created a fresh one, which the first would then move away
 * (the race this replaces). So the removal is done under a claim,
 * `<lock>.takeover`, itself created with 'wx': whoever holds the claim looks
 * at the lock again and removes it only if it is still abandoned. While the
 * claim is held nobody else removes the lock, and nobody creates one while it
 * exists, so that second look stays true until the removal.
 *
 * A claim whose taker died mid-way (it holds the same {pid, hostname, ...} as
 * a lock) is abandoned in turn and removed the same way, one level up
 * (`<lock>.takeover.takeover`). Returns without removing anything when a live
 * process holds the claim: the caller looks again.
 */
async function takeOver(path: string, depth = 0): Promise<void> {
  const claim = `${path}.takeover`;
  if (!(await tryCreate(claim, ownHolder('taking over a dead lock')))) {
    if (depth < MAX_CLAIM_DEPTH && (await inspect(claim)).state === 'abandoned') await takeOver(claim, depth + 1);
    return;
  }
  try {
    if ((await inspect(path)).state === 'abandoned') await rm(path, { force: true });
  } finally {
    await rm(claim, { force: true });
    createdHere.delete(claim);
  }
}

/** Claims on claims are needed only when takers keep dying mid-way; past a few, wait for a person. */
const MAX_CLAIM_DEPTH = 4;

function ownHolder(command: string): LockHolder {
  return { pid: process.pid, hostname: osHostname(), startedAt: new Date().toISOString(), command };
}

function lockedError(path: string, dir: string, holder: LockHolder | null): StudioError {
  return new StudioError('store.locked', {
    pid: holder?.pid ?? 0,
    hostname: holder?.hostname ?? '?',
    since: holder?.startedAt ?? '?',
    command: holder?.command ?? '?',
    path,
    dir,
  });
}

export async function acquireLibraryLock(dir: string, options: LockOptions = {}): Promise<LibraryLock> {
  dir = resolve(dir);
  const path = join(dir, LOCK_FILE_NAME);
  const waitMs = options.waitMs ?? 0;
  const pollMs = options.pollMs ?? 100;
  const holder = ownHolder(options.command ?? process.argv.slice(1).join(' '));
  const deadline = Date.now() + waitMs;
  let lastSeen: LockHolder | null = null;
  for (;;) {
    const ours = heldHere.get(path);
    if (ours) {
      lastSeen = ours;
    } else {
      if (await tryCreate(path, holder)) break;
      const existing = await inspect(path);
      if (existing.state === 'gone') continue;
      if (existing.state === 'abandoned') {
        await takeOver(path);
        continue;
      }
      lastSeen = existing.holder;
    }
    if (Date.now() >= deadline) throw lockedError(path, dir, lastSeen);
    await sleep(Math.min(pollMs, Math.max(1, deadline - Date.now())));
  }
  await fsyncDir(dir);
  heldHere.set(path, holder);
  const ourText = JSON.stringify(holder);

  // Sync: 'exit' handlers cannot wait for promises.
  const releaseOnExit = () => {
    try {
      if (existsSync(path) && readFileSync(path, 'utf8') === ourText) unlinkSync(path);
      createdHere.delete(path);
    } catch {
      // Exiting anyway; the next opener takes over a dead holder's lock.
    }
  };
  process.on('exit', releaseOnExit);

  let released = false;
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      process.off('exit', releaseOnExit);
      heldHere.delete(path);
      const current = await readFile(path, 'utf8').catch(() => null);
      if (current === ourText) {
        await rm(path, { force: true });
        await fsyncDir(dir);
      }
      createdHere.delete(path);
    },
  };
}
