/**
 * What the user sees when something goes wrong: a StudioError in their
 * language, or, for anything unexpected, one sentence and the path of a crash
 * log holding the details for support. Never a stack trace on the terminal.
 */
import type { TFunction } from 'i18next';
import { StudioError, userMessage, writeCrashLog } from '../engine/app/index.js';

export { writeCrashLog };

export const EXIT = { ok: 0, invalid: 1, usage: 2, failure: 3, unexpected: 70, cancelled: 130 } as const;

/** Turns a command's action into commander's handler: the exit code the action returns becomes the process's (cli/main.ts). */
export type Run = (action: () => Promise<number>) => () => Promise<void>;

export function studioErrorMessage(error: StudioError, t: TFunction): string {
  return userMessage(error, t, '').message;
}

export function reportFailure(error: unknown, t: TFunction, context: string): number {
  const said = userMessage(error, t, context);
  process.stderr.write(`luat-studio: error: ${said.message}\n`);
  if (said.crashLog !== null || said.code === 'api.unexpected') return EXIT.unexpected;
  // Stopped on request (Ctrl-C): the shell's convention for an interrupted command.
  return said.code.endsWith('.cancelled') ? EXIT.cancelled : EXIT.failure;
}
