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
 * process group, which kills the group as soon as the studio is gone, so a
 * SIGKILL of the studio does not leave orphaned renderers running.
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
 * The watchdog, a background subshell in the child's process group: after
 * `waitFirst` (if any), it polls the studio's pid once a second and kills the
 * group when the pid is gone; it stops when the child itself has ended. Its
 * stdio (and `closeFds`) are closed so it never holds a pipe open. The group
 * is killed as `kill -KILL -PGID`: Debian's sh (dash) reads
 * `kill -KILL -- -PGID` as a pid of "-" and kills nothing.
 */
function watchdog(parentPid: number, waitFirst: string, closeFds: string): string {
  return [
    `( ${waitFirst}while kill -0 ${parentPid} 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done;`,
    ` kill -0 ${parentPid} 2>/dev/null || kill -KILL -$$ 2>/dev/null ) </dev/null >/dev/null 2>&1${closeFds} &`,
  ].join('\n');
}

/**
 * The script of a browser that Playwright starts (it chooses the browser's
 * pipes, so it cannot be given one of ours): the watchdog polls from the
 * start, with the pipes Playwright passes (fds 3, 4) closed.
 */
function pollingWatchdogScript(parentPid: number, execLine: string): string {
  return [watchdog(parentPid, '', ' 3>&- 4>&-'), execLine].join('\n');
}

/**
 * The script of a child we start ourselves: the watchdog first blocks reading
 * `lifeline`, one end of a socket pair whose other end only the studio holds,
 * so it costs nothing while it waits (the polling one starts a `sleep`
 * process every second: ~160 fewer processes in a demo build). The read ends
 * when the studio closes its end, which it does once the child has exited,
 * or when the studio dies. A dying process closes its files before its pid
 * goes (it is a zombie until reaped), so after the read the watchdog polls
 * until the child is gone (the usual case: at once) or the studio's pid is,
 * and kills the group only in the second case. `$0` is the program, the rest
 * its arguments; the program itself does not keep the lifeline.
 */
function lifelineWatchdogScript(parentPid: number, lifeline: number): string {
  return [watchdog(parentPid, `read _ <&${lifeline}; `, ''), `exec "$0" "$@" ${lifeline}<&-`].join('\n');
}

const tetherable = process.platform !== 'win32' && existsSync('/bin/sh');

type StdioEntry = Exclude<SpawnOptions['stdio'], string | undefined>[number];

function stdioArray(stdio: SpawnOptions['stdio']): StdioEntry[] {
  if (Array.isArray(stdio)) return [...stdio];
  const each = stdio ?? 'pipe';
  return [each, each, each];
}

/**
 * spawn() for a child program that must not outlive the studio. The child
 * gets its own process group (so cancel can kill all of it) and a watchdog.
 */
export function spawnTethered(command: string, args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  if (!tetherable) return spawn(command, [...args], options);
  const stdio = stdioArray(options.stdio);
  const lifeline = stdio.length;
  const child = spawn('/bin/sh', ['-c', lifelineWatchdogScript(process.pid, lifeline), command, ...args], {
    ...options,
    stdio: [...stdio, 'pipe'],
    detached: true,
  });
  // Closing our end lets the watchdog go; until then the child's 'close' waits for it too.
  const release = () => child.stdio[lifeline]?.destroy();
  child.once('exit', release);
  child.once('error', release);
  return child;
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
    writeFileSync(wrapper, `#!/bin/sh\n${pollingWatchdogScript(process.pid, `exec ${quoted} "$@"`)}\n`);
    chmodSync(wrapper, 0o755);
  }
  return wrapper;
}
