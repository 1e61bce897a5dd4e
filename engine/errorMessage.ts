/**
 * The one way an error becomes words for a user, for the command line, the
 * UI's API and the Electron shell: a StudioError in the user's language; for
 * anything unexpected, one sentence and the path of a crash log holding the
 * details for support (engine/crashLog.ts). Never a stack trace.
 */
import type { TFunction } from 'i18next';
import { writeCrashLog } from './crashLog.js';
import { userFacingError } from './fsErrors.js';

export interface UserMessage {
  /** The StudioError's code, or `api.unexpected`. */
  code: string;
  message: string;
  /** Where the details of an unexpected error were written (null if it is a StudioError or the log failed). */
  crashLog: string | null;
}

/** `context` says what was being done ("render booklet", "import brief.md"), for the crash log. */
export function userMessage(error: unknown, t: TFunction, context: string): UserMessage {
  // A StudioError, or a file-system failure (read-only, full disk, wrong kind of path) put in words.
  const known = userFacingError(error);
  if (known) {
    return { code: known.code, message: t(`error.${known.code}`, { ...known.params, defaultValue: known.code }), crashLog: null };
  }
  const crashLog = writeCrashLog(error, context);
  return { code: 'api.unexpected', message: t('error.api.unexpected', { log: crashLog ?? '-' }), crashLog };
}
