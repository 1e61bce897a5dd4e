import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './briefs.js';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `luat-studio` entry point in a child process. */
export function runCli(args: string[], env: Record<string, string> = {}, input?: string): CliResult {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bin/luat-studio.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LUAT_STUDIO_LOCALE: '', ...env },
    input,
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
