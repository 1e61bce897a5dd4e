/** Spawning the store's child scripts and reading their line protocol. */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Readable, Writable } from 'node:stream';

export type Child = ChildProcessByStdio<Writable, Readable, Readable>;

export function spawnChild(script: string, args: string[]): Child {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Collects stdout lines and stderr text; `waitFor` resolves when a line appears. */
export function watchLines(child: Child) {
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  const waiters: { line: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      for (const w of waiters.filter((w) => w.line === l)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    // 'close' comes after the process is reaped and all of its output is read.
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${code ?? signal}) before "${w.line}"; stderr: ${stderr}`));
      resolve({ code, signal });
    });
  });
  return {
    lines,
    stderr: () => stderr,
    exited,
    waitFor(line: string): Promise<void> {
      if (lines.includes(line)) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ line, resolve, reject }));
    },
  };
}
