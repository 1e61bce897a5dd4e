/**
 * What the user sees when something goes wrong: a StudioError in their
 * language, or, for anything unexpected, one sentence and the path of a crash
 * log holding the details for support. Never a stack trace on the terminal.
 */
import type { TFunction } from 'i18next';
import { StudioError } from '../engine/errors.js';
import { writeCrashLog } from '../engine/crashLog.js';
import { userMessage } from '../engine/errorMessage.js';

export { writeCrashLog };

export const EXIT = { ok: 0, invalid: 1, usage: 2, failure: 3, unexpected: 70 } as const;

export function studioErrorMessage(error: StudioError, t: TFunction): string {
  return userMessage(error, t, '').message;
}

export function reportFailure(error: unknown, t: TFunction, context: string): number {
  process.stderr.write(`luat-studio: error: ${userMessage(error, t, context).message}\n`);
  return error instanceof StudioError ? EXIT.failure : EXIT.unexpected;
}
