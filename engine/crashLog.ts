/**
 * Anything unexpected goes to a crash log for support; the user is told, in
 * their language, which file to send. Never a stack trace on screen. Tokens
 * known to this process are masked before the log is written.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { redact } from './redact.js';
import { baseTempDir } from './runTemp.js';

/** Writes the log and returns its path, or null if even that failed. */
export function writeCrashLog(error: unknown, context: string): string | null {
  try {
    // Not the run's own temp folder (./runTemp.ts): that one is removed when the process ends.
    const dir = path.join(baseTempDir(), 'luat-studio-crash');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `crash-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
    const detail = error instanceof Error
      ? `${error.stack ?? error.message}\n${error.cause ? `cause: ${String((error.cause as Error).stack ?? error.cause)}` : ''}`
      : String(error);
    writeFileSync(file, redact(`Luật Studio ${context}\nnode ${process.version} ${process.platform}-${process.arch}\n\n${detail}\n`));
    return file;
  } catch {
    return null;
  }
}
