import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from '../helpers/briefs.js';

export const BRIEF = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');
const ENTRY = path.join(ROOT, 'bin/luat-studio.js');

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `luat-rel-${prefix}-`));
}

export interface Run {
  child: ChildProcess;
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>;
}

/** The real CLI in a child process, with its own TMPDIR so its debris can be found. */
export function startCli(args: string[], tmp: string, locale = 'vi'): Run {
  const child = spawn(process.execPath, [ENTRY, '--locale', locale, ...args], {
    cwd: ROOT,
    env: { ...process.env, TMPDIR: tmp, LUAT_STUDIO_LOCALE: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => { stdout += c.toString('utf8'); });
  child.stderr!.on('data', (c: Buffer) => { stderr += c.toString('utf8'); });
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }>((resolve) => {
    child.on('close', (status, signal) => resolve({ status, signal, stderr, stdout }));
  });
  return { child, done };
}

export function buildArgs(outDir: string, extra: string[] = []): string[] {
  return ['build', BRIEF, '--out', outDir, '--formats', 'leaflet', ...extra];
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Every manifest entry's file compared byte for byte (size and sha256); returns the mismatches. */
export async function manifestMismatches(outDir: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as { outputs: { path: string; bytes: number; sha256: string }[] };
  const problems: string[] = [];
  for (const o of manifest.outputs) {
    const file = path.join(outDir, o.path);
    if (!existsSync(file)) {
      problems.push(`${o.path}: missing`);
      continue;
    }
    const data = readFileSync(file);
    if (data.length !== o.bytes) problems.push(`${o.path}: ${data.length} bytes, manifest says ${o.bytes}`);
    if (sha256(data) !== o.sha256) problems.push(`${o.path}: sha256 differs`);
  }
  if (manifest.outputs.length === 0) problems.push('manifest lists no outputs');
  return problems;
}

/** Processes whose command line mentions `needle` (Chromium's profile path names its run folder). */
export function processesMentioning(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmdline.includes(needle)) found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** Waits (bounded by work, not time: a watchdog notices a dead studio within a second or two) until none are left. */
export async function waitForNoProcesses(needle: string, rounds = 120): Promise<number[]> {
  let left = processesMentioning(needle);
  for (let i = 0; i < rounds && left.length > 0; i++) {
    await sleep(500);
    left = processesMentioning(needle);
  }
  return left;
}

export const isRoot = process.getuid?.() === 0;

/** Makes `dir` read-only: a read-only bind mount as root (chmod does not stop root), else chmod. */
export function makeReadOnly(dir: string): () => void {
  if (isRoot) {
    const bind = spawnSync('mount', ['--bind', dir, dir]);
    const ro = bind.status === 0 ? spawnSync('mount', ['-o', 'remount,bind,ro', dir]) : bind;
    if (ro.status === 0) return () => { spawnSync('umount', [dir]); };
    if (bind.status === 0) spawnSync('umount', [dir]);
  }
  spawnSync('chmod', ['-R', 'a-w', dir]);
  return () => { spawnSync('chmod', ['-R', 'u+w', dir]); };
}

/** A small tmpfs at `dir`, or null where this machine does not allow mounting. */
export function mountSmallDisk(dir: string, size: string): (() => void) | null {
  if (!isRoot) return null;
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return r.status === 0 ? () => { spawnSync('umount', ['-l', dir]); } : null;
}
