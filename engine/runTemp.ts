/**
 * What a studio process leaves behind when it is killed, and how the next one
 * finds it.
 *
 * Every temp file of a run (our work folders, Playwright's Chromium profile
 * and artifacts folder, ffmpeg's scratch files) goes under ONE folder per
 * process, `TMPDIR/luat-studio-run-<pid>-<random>`: the process points
 * TMPDIR at it, so libraries that call os.tmpdir() (Playwright) land there
 * too. A later run removes every such folder whose pid is no longer alive,
 * without guessing at names that other programs might also use.
 *
 * Child programs (Chromium, ffmpeg) are tethered: on Linux and macOS they are
 * started through a tiny shell that leaves a watchdog in the child's own
 * process group, which kills the group as soon as the studio's pid is gone,
 * so a SIGKILL of the studio does not leave orphaned renderers running.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const RUN_TEMP_PREFIX = 'luat-studio-run-';

let runRoot: { dir: string; base: string; previous: Record<string, string | undefined> } | null = null;

export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but another user's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a studio-made name carries (`…-<pid>-<random>`), or null. */
export function pidInName(name: string, prefix: string): number | null {
  if (!name.startsWith(prefix)) return null;
  const m = /^(\d+)-/.exec(name.slice(prefix.length));
  return m ? Number(m[1]) : null;
}

/**
 * Points this process's temp folder at its own run folder (once per process).
 * Removed when the process exits normally; after a kill, by the next run.
 */
export function enterRunTempRoot(): string {
  if (runRoot && existsSync(runRoot.dir)) return runRoot.dir;
  const base = runRoot?.base ?? tmpdir();
  sweepRunTempRoots(base);
  const dir = mkdtempSync(path.join(base, `${RUN_TEMP_PREFIX}${process.pid}-`));
  const previous = runRoot?.previous ?? { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
  const first = runRoot === null;
  runRoot = { dir, base, previous };
  if (first) {
    process.on('exit', () => {
      if (runRoot) rmSync(runRoot.dir, { recursive: true, force: true });
    });
  }
  return dir;
}

/** The folder temp files went to before enterRunTempRoot (for sweeps and tests). */
export function baseTempDir(): string {
  return runRoot?.base ?? tmpdir();
}

/** Removes run folders of studio processes that are gone. Returns what it removed. */
export function sweepRunTempRoots(base = baseTempDir()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return removed;
  }
  for (const name of names) {
    const pid = pidInName(name, RUN_TEMP_PREFIX);
    if (pid === null || pid === process.pid || isProcessAlive(pid)) continue;
    try {
      rmSync(path.join(base, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Someone else's, or not ours to remove: leave it.
    }
  }
  return removed;
}

/**
 * The watchdog: polls the studio's pid once a second and kills the child's
 * whole process group when it is gone; it also stops when the child itself
 * has ended. Its stdio and the pipes Playwright passes (fds 3, 4) are closed
 * so it never holds a pipe open. `$0` is the program, the rest its arguments.
 */
function watchdogScript(parentPid: number, execLine = 'exec "$0" "$@"'): string {
  return [
    `( while kill -0 ${parentPid} 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done;`,
    ` kill -0 ${parentPid} 2>/dev/null || kill -KILL -- -$$ 2>/dev/null ) </dev/null >/dev/null 2>&1 3>&- 4>&- &`,
    execLine,
  ].join('\n');
}

const tetherable = process.platform !== 'win32' && existsSync('/bin/sh');

/**
 * spawn() for a child program that must not outlive the studio. The child
 * gets its own process group (so cancel can kill all of it) and a watchdog.
 */
export function spawnTethered(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  if (!tetherable) return spawn(command, [...args], options);
  return spawn('/bin/sh', ['-c', watchdogScript(process.pid), command, ...args], { ...options, detached: true });
}

/** Kills a tethered child and everything in its process group. */
export function killTethered(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (tetherable) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * An executable wrapper around `program` for libraries that spawn it
 * themselves (Playwright launching Chromium): the wrapper execs the program
 * with the same watchdog. Null where tethering is not available.
 */
export function tetheredExecutable(program: string): string | null {
  if (!tetherable) return null;
  const dir = enterRunTempRoot();
  // Named by the whole path: two browsers of the same name (a chromium set in the settings after another was used
  // in this run) each get their own wrapper, not the first one's.
  const wrapper = path.join(dir, `tether-${createHash('sha256').update(program).digest('hex').slice(0, 12)}-${path.basename(program)}`);
  if (!existsSync(wrapper)) {
    const quoted = `'${program.replace(/'/g, `'\\''`)}'`;
    writeFileSync(wrapper, `#!/bin/sh\n${watchdogScript(process.pid, `exec ${quoted} "$@"`)}\n`);
    chmodSync(wrapper, 0o755);
  }
  return wrapper;
}
