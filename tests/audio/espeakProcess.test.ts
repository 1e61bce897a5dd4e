/**
 * espeak-ng (GPL-3.0) runs in child processes of its own, never in the
 * engine's process, and none outlives the engine: not when it exits, not
 * when it is killed outright.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { EspeakEngine, IDLE_EXIT_MS, espeakProcessIds } from '../../engine/speech/espeak.js';
import { tempDir } from './helpers.js';

const tmp = tempDir('espeak-process');
afterAll(() => tmp.remove());

/** Running (a zombie waiting for a reaper that is not ours to run counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The children need a moment to notice; wait as long as a busy machine needs, then say which are still there. */
async function survivors(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 600 && pids.some(alive); i++) await sleep(100);
  return pids.filter(alive);
}

function startParent() {
  const script = fileURLToPath(new URL('./espeak-parent.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, `${tmp.dir}/parent-cache`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const pids = new Promise<{ parent: number; espeak: number[] }>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('pids '));
      if (!line) return;
      const [parent, ...espeak] = line.slice(5).trim().split(' ').map(Number);
      resolve({ parent: parent!, espeak });
    });
    child.on('close', (code) => reject(new Error(`parent exited (${code}) before speaking: ${err}`)));
  });
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, pids, closed };
}

describe('espeak-ng process boundary', () => {
  it('speaks in other processes, running the espeak worker', async () => {
    const engine = new EspeakEngine({ cacheDir: `${tmp.dir}/cache` });
    const [result] = await engine.synthesizeMany([{ text: 'Hãy nói không với tảo hôn.', language: 'vi', voice: {} }]);
    expect(result!.durationSec).toBeGreaterThan(0.5);
    const pids = espeakProcessIds();
    expect(pids.length).toBeGreaterThanOrEqual(1);
    expect(pids.length).toBeLessThanOrEqual(2);
    for (const pid of pids) {
      expect(pid).not.toBe(process.pid);
      expect(alive(pid)).toBe(true);
      if (process.platform === 'linux') expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('espeakWorker.mjs');
    }
  });

  it('stops children left idle (each holds over 100 MB a long render needs) and starts fresh ones for the next line', async () => {
    const engine = new EspeakEngine({ cacheDir: `${tmp.dir}/idle-cache` });
    await engine.synthesizeMany([{ text: 'Tảo hôn là vi phạm pháp luật.', language: 'vi', voice: {} }]);
    const first = espeakProcessIds();
    expect(first.length).toBeGreaterThanOrEqual(1);
    expect(first.every(alive)).toBe(true);
    const started = performance.now();
    expect(await survivors(first)).toEqual([]);
    expect(performance.now() - started).toBeGreaterThan(IDLE_EXIT_MS / 2);
    expect(espeakProcessIds()).toEqual([]);
    const [again] = await engine.synthesizeMany([{ text: 'Nữ từ đủ 18 tuổi.', language: 'vi', voice: {} }]);
    expect(again!.durationSec).toBeGreaterThan(0.5);
    const second = espeakProcessIds();
    expect(second.length).toBeGreaterThanOrEqual(1);
    expect(second.some((pid) => first.includes(pid))).toBe(false);
  }, 90_000);

  it('leaves no espeak process behind when the engine is killed with SIGKILL', async () => {
    const { child, pids } = startParent();
    const { parent, espeak } = await pids;
    expect(espeak.length).toBeGreaterThanOrEqual(1);
    expect(espeak).not.toContain(parent);
    expect(espeak.every(alive)).toBe(true);
    child.kill('SIGKILL');
    expect(await survivors(espeak)).toEqual([]);
  });

  it('leaves no espeak process behind when the engine exits', async () => {
    const { child, pids, closed } = startParent();
    const { espeak } = await pids;
    expect(espeak.every(alive)).toBe(true);
    child.stdin.write('exit\n');
    await closed;
    expect(await survivors(espeak)).toEqual([]);
  });
});
