/**
 * The library survives a writer killed at any moment: every write that was
 * acknowledged (its promise resolved) is on disk, the file always parses and
 * validates, and the dead writer's lock is taken over at once.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../engine/store/library.js';
import { LibraryData } from '../../engine/store/schema.js';
import { isTemporaryName } from '../../engine/fs/durable.js';
import { spawnChild, watchLines } from './childProcess.js';
import { makeMaterial } from './fixtures.js';

const KILLS = 40;

/** Small seeded PRNG so a failing run can be repeated exactly. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('writer killed with SIGKILL mid-stream', () => {
  it(`keeps every acknowledged record across ${KILLS} kills`, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'luat-kill-'));
    dirs.push(dir);
    const material = makeMaterial(['Nam từ đủ 20 tuổi trở lên.', 'Nữ từ đủ 18 tuổi trở lên.']);
    const setup = await openLibrary(dir);
    await setup.saveBrief({ material, briefText: '# brief\n', origin: null });
    await setup.close();

    const seed = Number(process.env.LUAT_KILL_SEED ?? 20240611);
    const random = mulberry32(seed);
    const acknowledged: string[] = [];
    let killsAfterAck = 0;
    let killsBeforeAck = 0;
    let killsMidWrite = 0;

    for (let i = 0; i < KILLS; i++) {
      const tag = `k${i}`;
      const child = spawnChild('./writer-child.ts', [dir, tag]);
      const watch = watchLines(child);
      await watch.waitFor('ready');
      await sleep(10 + Math.floor(random() * 141));
      child.kill('SIGKILL');
      const { signal } = await watch.exited;
      expect(signal, `seed ${seed}, kill ${i}; stderr: ${watch.stderr()}`).toBe('SIGKILL');

      const acks = watch.lines.filter((l) => l.startsWith('ack ')).map((l) => `${tag}-${l.slice(4)}`);
      if (acks.length > 0) killsAfterAck++;
      else killsBeforeAck++;
      acknowledged.push(...acks);

      // The file on disk, read directly: it parses and validates.
      const raw: unknown = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'));
      const onDisk = LibraryData.parse(raw);
      const onDiskIds = new Set(onDisk.translations.map((t) => t.unitId));
      expect(acknowledged.filter((id) => !onDiskIds.has(id)), `seed ${seed}, kill ${i}`).toEqual([]);

      // The dead writer's lock is still there, naming it, and is taken over without waiting.
      const lockPath = join(dir, 'library.lock');
      expect(existsSync(lockPath)).toBe(true);
      expect(JSON.parse(await readFile(lockPath, 'utf8')).pid).toBe(child.pid);
      if ((await readdir(dir)).some((n) => isTemporaryName(n))) killsMidWrite++;
      const library = await openLibrary(dir, { waitMs: 0 });
      const listed = new Set((await library.listTranslations(material.id)).map((t) => t.unitId));
      expect(acknowledged.filter((id) => !listed.has(id))).toEqual([]);
      await library.close();
      expect((await readdir(dir)).filter((n) => isTemporaryName(n))).toEqual([]);
    }

    // The kills really landed in the middle of a stream of writes.
    expect(killsAfterAck).toBeGreaterThanOrEqual(KILLS / 2);
    expect(acknowledged.length).toBeGreaterThan(KILLS);
    console.info(`kill test: seed ${seed}, ${acknowledged.length} acknowledged records, ${killsAfterAck} kills after ≥1 ack, ${killsBeforeAck} before, ${killsMidWrite} left a temp file`);
  });
});
