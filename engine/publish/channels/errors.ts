/**
 * The failures a social adapter reports. Retryable ones (network, 429, 5xx)
 * are RetryableError from the channel contract; everything here fails the job
 * with a message the user can act on. None of them carries a token: the
 * parameters are channel names, numbers and redacted platform text only.
 */
import { StudioError } from '../../errors.js';
import { RetryableError, type ChannelId } from '../channel.js';
import { platformDetail } from './redact.js';

/** The account's token is expired or revoked: only reconnecting helps. */
export function tokenExpired(channel: ChannelId): StudioError {
  return new StudioError('publish.tokenExpired', { channel });
}

/** The platform refused the request for a reason retrying will not fix. */
export function rejected(channel: ChannelId, status: number, text: string, secrets: readonly string[]): StudioError {
  return new StudioError('publish.rejected', { channel, status, detail: platformDetail(text, secrets) });
}

export function settingMissing(channel: ChannelId, setting: string): StudioError {
  return new StudioError('publish.settingMissing', { channel, setting });
}

export function credentialMissing(channel: ChannelId, credential: string): StudioError {
  return new StudioError('publish.credentialMissing', { channel, credential });
}

/**
 * The platform says this app may not publish yet (not reviewed, unaudited).
 * Adapters catch it and write a ready-to-upload package instead.
 */
export class AppNotApproved extends Error {
  constructor(readonly detail: string) {
    super(`app not approved: ${detail}`);
    this.name = 'AppNotApproved';
  }
}

/** A network failure (reset, refused, DNS, timeout): worth retrying, message redacted. */
export function networkFailure(channel: ChannelId, error: unknown, secrets: readonly string[]): RetryableError {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const what = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new RetryableError(platformDetail(`${channel}: network error (${what})`, secrets));
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), if any. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}
