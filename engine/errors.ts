/**
 * An error a user may see. It carries an i18n key and parameters, never a
 * stack trace; the CLI and the UI translate it (engine/i18n) at the edge.
 * Anything that is not a StudioError is unexpected: the edge logs it to a
 * crash file and tells the user what to report.
 */
export class StudioError extends Error {
  constructor(
    /** i18next key under `error.` in engine/i18n/locales/*.json. */
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'StudioError';
  }
}
