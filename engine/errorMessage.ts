/**
 * The one way an error becomes words for a user, for the command line, the
 * UI's API and the Electron shell: a StudioError in the user's language; for
 * anything unexpected, one sentence and the path of a crash log holding the
 * details for support (engine/crashLog.ts). Never a stack trace.
 */
import type { TFunction } from 'i18next';
import { writeCrashLog } from './crashLog.js';
import { StudioError } from './errors.js';

export interface UserMessage {
  /** The StudioError's code, or `api.unexpected`. */
  code: string;
  message: string;
  /** Where the details of an unexpected error were written (null if it is a StudioError or the log failed). */
  crashLog: string | null;
}

/** `context` says what was being done ("render booklet", "import brief.md"), for the crash log. */
export function userMessage(error: unknown, t: TFunction, context: string): UserMessage {
  if (error instanceof StudioError) {
    return { code: error.code, message: t(`error.${error.code}`, { ...error.params, defaultValue: error.code }), crashLog: null };
  }
  const crashLog = writeCrashLog(error, context);
  return { code: 'api.unexpected', message: t('error.api.unexpected', { log: crashLog ?? '-' }), crashLog };
}
