/**
 * What the render farm tests stand on: a real redis-server on 127.0.0.1 (a
 * free port, nothing saved) and real `luat-studio worker` processes, each a
 * child process whose output can be waited for. `stopStarted()` kills what is
 * still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { ROOT } from './briefs.js';

export const CLI = path.join(ROOT, 'bin/luat-studio.js');
const children: ChildProcess[] = [];

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

export type Started = ReturnType<typeof start>;

export function start(command: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, LUAT_STUDIO_LOCALE: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, ms = 120_000) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in:\n${out}`)), ms);
    const check = () => {
      const m = out.match(pattern);
      if (m) { clearTimeout(timer); child.stdout!.off('data', check); resolve(m[0]); }
    };
    child.stdout!.on('data', check);
    check();
  });
  return { child, exited, waitFor, output: () => out };
}

/** A redis-server on a free port of 127.0.0.1, nothing written to disk but in `dir`; its queue address. */
export async function startRedis(dir: string): Promise<string> {
  const port = await freePort();
  const redis = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
  await redis.waitFor(/Ready to accept connections/);
  return `redis://127.0.0.1:${port}`;
}

/** `luat-studio worker` with a library of its own, started (not yet waiting: `waitFor(/is waiting for work/)`). */
export function startWorker(options: { queue: string; shared: string; library: string }): Started {
  return start(process.execPath, [CLI, '--locale', 'en', '--library', options.library, 'worker', '--queue', options.queue, '--shared', options.shared, '--stall-seconds', '5']);
}

/** Kills every process these helpers started that is still running. */
export function stopStarted(): void {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
