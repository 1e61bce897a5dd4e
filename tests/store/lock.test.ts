/** One writer per library folder, and what a second opener sees. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { openLibrary } from '../../engine/store/library.js';
import { spawnChild, watchLines } from './childProcess.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'luat-lock-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

/** A pid that belonged to a process which has exited and been reaped. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '0']).pid;
  if (pid === undefined) throw new Error('could not spawn');
  return pid;
}

describe('library lock', () => {
  it('refuses a second process while the first holds it, naming the holder, and lets a waiting opener in once it closes', async () => {
    const dir = await tempDir();
    const child = spawnChild('./holder-child.ts', [dir]);
    const watch = watchLines(child);
    try {
      await watch.waitFor('ready');

      const err = await rejection(openLibrary(dir, { waitMs: 300 }));
      expect(err.code).toBe('store.locked');
      expect(err.params).toMatchObject({
        pid: child.pid, hostname: hostname(), command: 'holder-child', path: join(dir, 'library.lock'),
      });
      expect(Date.parse(String(err.params.since))).not.toBeNaN();

      let settled = false;
      const waiting = openLibrary(dir, { waitMs: 30_000 }).finally(() => { settled = true; });
      // Several poll rounds pass while the holder still holds the lock.
      await sleep(400);
      expect(settled).toBe(false);
      child.stdin.write('close\n');
      const library = await waiting;
      await watch.waitFor('closed');
      expect(JSON.parse(await readFile(join(dir, 'library.lock'), 'utf8')).pid).toBe(process.pid);
      await library.close();
      expect(existsSync(join(dir, 'library.lock'))).toBe(false);
    } finally {
      child.kill();
      await watch.exited;
    }
  });

  it('removes the lock file when the holder exits without closing', async () => {
    const dir = await tempDir();
    const child = spawnChild('./holder-child.ts', [dir]);
    const watch = watchLines(child);
    await watch.waitFor('ready');
    expect(existsSync(join(dir, 'library.lock'))).toBe(true);
    child.stdin.write('exit\n');
    expect((await watch.exited).code).toBe(0);
    expect(existsSync(join(dir, 'library.lock'))).toBe(false);
  });

  it('refuses a second open in the same process', async () => {
    const dir = await tempDir();
    const first = await openLibrary(dir);
    const err = await rejection(openLibrary(dir, { waitMs: 0 }));
    expect(err.code).toBe('store.locked');
    expect(err.params.pid).toBe(process.pid);
    await first.close();
    const again = await openLibrary(dir, { waitMs: 0 });
    await again.close();
  });

  it('takes over at once a lock whose holder on this host is dead', async () => {
    const dir = await tempDir();
    const pid = deadPid();
    await writeFile(join(dir, 'library.lock'), JSON.stringify({ pid, hostname: hostname(), startedAt: new Date().toISOString(), command: 'crashed' }));
    const library = await openLibrary(dir, { waitMs: 0 });
    expect(JSON.parse(await readFile(join(dir, 'library.lock'), 'utf8')).pid).toBe(process.pid);
    await library.close();
  });

  it('never takes over a lock held from another host, even with a pid unknown here', async () => {
    const dir = await tempDir();
    const pid = deadPid();
    const lock = JSON.stringify({ pid, hostname: `${hostname()}-other`, startedAt: '2025-01-01T00:00:00.000Z', command: 'Luật Studio' });
    await writeFile(join(dir, 'library.lock'), lock);
    const err = await rejection(openLibrary(dir, { waitMs: 150 }));
    expect(err.code).toBe('store.locked');
    expect(err.params).toMatchObject({ pid, hostname: `${hostname()}-other`, since: '2025-01-01T00:00:00.000Z' });
    expect(await readFile(join(dir, 'library.lock'), 'utf8')).toBe(lock);
  });

  it('waits on an empty lock file being written, but takes over one left empty by a crash long ago', async () => {
    const dir = await tempDir();
    const lockPath = join(dir, 'library.lock');
    await writeFile(lockPath, '');
    expect((await rejection(openLibrary(dir, { waitMs: 0 }))).code).toBe('store.locked');
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(lockPath, longAgo, longAgo);
    const library = await openLibrary(dir, { waitMs: 0 });
    await library.close();
  });

  it('lets exactly one of many processes take over one stale lock at a time', async () => {
    const CONTENDERS = 8;
    const ROUNDS = 2;
    for (let round = 0; round < ROUNDS; round++) {
      const dir = await tempDir();
      const log = join(dir, 'holders.log');
      await writeFile(log, '');
      const stale = { pid: deadPid(), hostname: hostname(), startedAt: new Date().toISOString(), command: 'crashed' };
      await writeFile(join(dir, 'library.lock'), JSON.stringify(stale));
      const children = Array.from({ length: CONTENDERS }, () => spawnChild('./lock-racer-child.ts', [dir, log]));
      const watches = children.map((c) => watchLines(c));
      await Promise.all(watches.map((w) => w.waitFor('ready')));
      // All at once, so that their take-overs of the one stale lock overlap.
      for (const c of children) c.stdin.write('go\n');
      const exits = await Promise.all(watches.map((w) => w.exited));
      expect(exits.map((e) => e.code), watches.map((w) => w.stderr()).join('\n')).toEqual(children.map(() => 0));

      const entries = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      // Every holder entered and left before the next entered, and the lock named it throughout.
      const expected = entries.filter((_, i) => i % 2 === 0).flatMap((enter) => [enter, `-${enter.slice(1)}`]);
      expect(entries, `round ${round}`).toEqual(expected);
      expect(new Set(entries.filter((e) => e.startsWith('+'))).size).toBe(CONTENDERS);
      expect(existsSync(join(dir, 'library.lock'))).toBe(false);
      expect((await readdir(dir)).filter((n) => n !== 'holders.log')).toEqual([]);
    }
  }, 600_000);
});
