/**
 * What the user sees when something goes wrong: a StudioError in their
 * language, or, for anything unexpected, one sentence and the path of a crash
 * log holding the details for support. Never a stack trace on the terminal.
 */
import type { TFunction } from 'i18next';
import { StudioError, writeCrashLog } from '../engine/app/index.js';

export { writeCrashLog };

export const EXIT = { ok: 0, invalid: 1, usage: 2, failure: 3, unexpected: 70 } as const;

export function studioErrorMessage(error: StudioError, t: TFunction): string {
  return t(`error.${error.code}`, { ...error.params, defaultValue: error.code });
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
