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

/** The one error a cancelled build, export or publish ends with ("Đã hủy."). */
export class CancelledError extends StudioError {
  constructor(options?: { cause?: unknown }) {
    super('build.cancelled', {}, options);
  }
}

/** True for the cancellation error, whatever raised it (our checks, an AbortSignal's reason, a tool killed by the signal). */
export function isCancelled(error: unknown, signal?: AbortSignal): boolean {
  if (error instanceof StudioError && error.code === 'build.cancelled') return true;
  return signal?.aborted === true;
}

/**
 * Stops work once the user cancelled. Every long task checks its signal with
 * this (between pages, frames, lines), so every cancellation ends the same way.
 */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError({ cause: signal.reason });
}

/** Turns whatever a cancelled step threw (an AbortError, a killed tool's error) into the cancellation error. */
export function asCancelled(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted && !(error instanceof StudioError && error.code === 'build.cancelled')) return new CancelledError({ cause: error });
  return error;
}
