/**
 * Children tied to the studio's life (engine/runTemp.ts). The wrapper made for
 * a browser runs the program it was made for: a browser chosen in the settings
 * after another of the same name was used runs as itself. A child we start
 * ourselves dies with the studio, and its watchdog waits without polling and
 * leaves with the child.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { spawnTethered, tetheredExecutable } from '../../engine/runTemp.js';
import { processesMentioning, waitForNoProcesses } from './helpers.js';

/** The commands of the processes in process group `pgid` (from /proc). */
function groupCommands(pgid: number): string[] {
  const found: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) found.push(stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
    } catch {
      // gone meanwhile
    }
  }
  return found.sort();
}

const unixOnly = it.runIf(process.platform !== 'win32');

describe('a child started with spawnTethered', () => {
  unixOnly('holds only the program and a waiting watchdog in its group while it runs, and the watchdog leaves with it', async () => {
    // A marker only this test's processes carry in their command line.
    const marker = `tether-marker-${process.pid}-${Date.now()}`;
    const child = spawnTethered('/bin/sh', ['-c', `sleep 3; exit 0 # ${marker}`], { stdio: 'ignore' });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise((resolve) => child.once('spawn', resolve));
    const samples: string[][] = [];
    for (let i = 0; i < 8; i++) {
      await sleep(250);
      samples.push(groupCommands(child.pid!));
    }
    // The program (sh running `sleep 3`, and its sleep) and one watchdog (sh): a polling watchdog
    // would show a `sleep 1` of its own, so three sleeps would never be seen as two.
    for (const sample of samples) expect(sample).toEqual(['sh', 'sh', 'sleep']);
    expect(await closed).toBe(0);
    expect(await waitForNoProcesses(marker, 4)).toEqual([]);
  });

  unixOnly.each(['spawn', 'wrapper'])('is killed when the studio is killed (started by %s)', async (how) => {
    const seconds = `61.${process.pid}${how.length}`;
    const studio = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'tetheredChild.ts'), how, '/bin/sleep', seconds], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pid = await new Promise<number>((resolve, reject) => {
      studio.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
      studio.once('exit', () => reject(new Error('the stand-in studio ended before starting its child')));
    });
    expect(pid).toBeGreaterThan(0);
    expect(processesMentioning(seconds).length).toBeGreaterThan(0);
    studio.kill('SIGKILL');
    // Nothing else ends a sleep: only the watchdog's kill does.
    expect(await waitForNoProcesses(seconds, 20)).toEqual([]);
  });
});

describe('a tethered executable', () => {
  it.runIf(process.platform !== 'win32')('runs the program it was made for, when two programs have the same name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tether-'));
    try {
      const programs = await Promise.all(['first', 'second'].map(async (name) => {
        await mkdir(path.join(dir, name));
        const program = path.join(dir, name, 'chromium');
        await writeFile(program, `#!/bin/sh\necho ${name} "$@"\n`, { mode: 0o755 });
        return program;
      }));
      const wrappers = programs.map((p) => tetheredExecutable(p)!);
      expect(new Set(wrappers).size).toBe(2);
      expect(wrappers.map((w) => execFileSync(w, ['--flag'], { encoding: 'utf8' }).trim())).toEqual(['first --flag', 'second --flag']);
      // Asked again, the same wrapper.
      expect(tetheredExecutable(programs[0]!)).toBe(wrappers[0]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
