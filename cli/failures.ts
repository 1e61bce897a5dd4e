/**
 * What the user sees when something goes wrong: a StudioError in their
 * language, or, for anything unexpected, one sentence and the path of a crash
 * log holding the details for support. Never a stack trace on the terminal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { StudioError } from '../engine/errors.js';
import { redact } from '../engine/publish/secrets.js';

export const EXIT = { ok: 0, invalid: 1, usage: 2, failure: 3, unexpected: 70 } as const;

export function studioErrorMessage(error: StudioError, t: TFunction): string {
  return t(`error.${error.code}`, { ...error.params, defaultValue: error.code });
}

/** Writes the crash log and returns its path (or null if even that failed). */
export function writeCrashLog(error: unknown, context: string): string | null {
  try {
    const dir = path.join(os.tmpdir(), 'luat-studio-crash');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `crash-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`);
    const detail = error instanceof Error ? `${error.stack ?? error.message}\n${error.cause ? `cause: ${String((error.cause as Error).stack ?? error.cause)}` : ''}` : String(error);
    // Tokens known to this process never reach the log, even inside an error message.
    writeFileSync(file, redact(`luat-studio ${context}\nnode ${process.version} ${process.platform}-${process.arch}\n\n${detail}\n`));
    return file;
  } catch {
    return null;
  }
}

export function reportFailure(error: unknown, t: TFunction, context: string): number {
  if (error instanceof StudioError) {
    process.stderr.write(`luat-studio: error: ${studioErrorMessage(error, t)}\n`);
    return EXIT.failure;
  }
  const log = writeCrashLog(error, context);
  process.stderr.write(`luat-studio: error: ${t('cli.unexpected', { log: log ?? '-' })}\n`);
  return EXIT.unexpected;
}
