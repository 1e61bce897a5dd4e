/**
 * Builds are transactions: two good builds into one folder, then rebuilds
 * killed (SIGKILL) at random moments. After each kill the folder holds either
 * the previous build and its manifest exactly, or (when the kill hit the
 * commit) a journal the next run rolls forward; files are compared with the
 * manifest byte for byte. No Chromium of the killed build survives it, the
 * next run removes its staging folder and temp folder, and its render record
 * becomes "interrupted". Leaflets only: cheap, but Chromium-rendered.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { JOURNAL_PREFIX, recoverOutputFolder, STAGING_PREFIX } from '../../engine/build/transaction.js';
import { RUN_TEMP_PREFIX, sweepRunTempRoots } from '../../engine/runTemp.js';
import { openLibrary } from '../../engine/store/library.js';
import { buildArgs, manifestMismatches, startCli, tempDir, waitForNoProcesses } from './helpers.js';

const KILLS = 2;

describe('a rebuild killed at a random moment', { timeout: 20 * 60_000 }, () => {
  it('leaves the previous build and manifest exactly, or one the next run completes; no orphans, no debris', async () => {
    const out = await tempDir('out');
    const lib = await tempDir('lib');
    const tmp = await tempDir('tmp');
    const args = buildArgs(out, ['--library', lib]);

    const first = await startCli(args, tmp).done;
    expect(first.stderr).not.toMatch(/unexpected|bất ngờ/i);
    expect(first.status).toBe(0);
    expect(await manifestMismatches(out)).toEqual([]);
    const started = Date.now();
    const second = await startCli(args, tmp).done;
    expect(second.status).toBe(0);
    const duration = Date.now() - started;
    expect(await manifestMismatches(out)).toEqual([]);

    for (let k = 0; k < KILLS; k++) {
      const before = await readFile(path.join(out, 'manifest.json'), 'utf8');
      const run = startCli(args, tmp);
      // Anywhere from the start to the end of a build's measured length.
      await sleep(Math.round(duration * (0.15 + Math.random() * 0.8)));
      const pid = run.child.pid!;
      run.child.kill('SIGKILL');
      const ended = await run.done;
      const names = readdirSync(out);
      const pendingCommit = names.some((n) => n.startsWith(JOURNAL_PREFIX));
      const after = await readFile(path.join(out, 'manifest.json'), 'utf8');
      if (ended.status === 0) {
        // Finished before the kill landed: a complete new build.
        expect(await manifestMismatches(out)).toEqual([]);
      } else if (!pendingCommit) {
        // Killed before the commit: the previous build, untouched.
        expect(after).toBe(before);
        expect(await manifestMismatches(out)).toEqual([]);
      }

      // Its Chromium (whose profile lives in the killed run's temp folder) dies with it.
      expect(await waitForNoProcesses(`${RUN_TEMP_PREFIX}${pid}-`)).toEqual([]);

      // What the next run does first.
      await recoverOutputFolder(out);
      sweepRunTempRoots(tmp);
      expect(await manifestMismatches(out)).toEqual([]);
      const left = readdirSync(out);
      expect(left.filter((n) => n.startsWith(STAGING_PREFIX) || n.startsWith(JOURNAL_PREFIX))).toEqual([]);
      expect(readdirSync(tmp).filter((n) => n.startsWith(`${RUN_TEMP_PREFIX}${pid}-`))).toEqual([]);
    }

    // Render records left "running" by the killed builds are marked interrupted on the next open.
    const raw = JSON.parse(await readFile(path.join(lib, 'library.json'), 'utf8')) as { renders: { id: string; status: string }[] };
    const stuck = raw.renders.filter((r) => r.status === 'running').map((r) => r.id);
    const library = await openLibrary(lib, { command: 'reliability test' });
    try {
      const projectIds = (await library.listProjects()).map((p) => p.id);
      const renders = (await Promise.all(projectIds.map((id) => library.listRenders(id)))).flat();
      expect(renders.filter((r) => r.status === 'running')).toEqual([]);
      for (const id of stuck) expect(renders.find((r) => r.id === id)?.status).toBe('interrupted');
      expect(renders.filter((r) => r.status === 'done').length).toBeGreaterThanOrEqual(2);
    } finally {
      await library.close();
    }
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(true);
  });
});
