/**
 * fetch (Node 20) with the failure classes every platform shares: a network
 * error or a 429/5xx answer is a RetryableError (with the server's
 * Retry-After), an abort stays an abort, and nothing that is thrown carries a
 * token. Platform-specific answers (Graph error codes, TikTok error strings…)
 * are classified by each adapter after `expectOk` has handled the shared ones.
 */
import { RetryableError, type ChannelId } from '../channel.js';
import { isAbort, networkFailure, retryAfterSeconds } from './errors.js';
import { platformDetail } from './redact.js';
import { RequestTimeout, timedFetch } from '../timedFetch.js';

export interface Caller {
  channel: ChannelId;
  /** Every credential value this call may carry, masked in any message. */
  secrets: readonly string[];
  signal: AbortSignal;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

export async function call(caller: Caller, url: string, init: RequestInit & { duplex?: 'half' }): Promise<Answer> {
  let res: Response;
  let text: string;
  try {
    ({ res, text } = await timedFetch(url, init, caller.signal));
  } catch (error) {
    if (isAbort(error) || caller.signal.aborted) throw caller.signal.reason ?? error;
    if (error instanceof RequestTimeout) throw new RetryableError(`${caller.channel}: ${error.message}`);
    throw networkFailure(caller.channel, error, caller.secrets);
  }
  return { status: res.status, headers: res.headers, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A RetryableError (with the server's Retry-After) for 429 and 5xx answers, else undefined. */
export function transientError(caller: Caller, answer: Answer): RetryableError | undefined {
  if (answer.status !== 429 && answer.status < 500) return undefined;
  return new RetryableError(
    platformDetail(`${caller.channel}: HTTP ${answer.status} ${answer.text}`, caller.secrets),
    retryAfterSeconds(answer.headers),
  );
}

/** A JSON object's property, typed loosely: platform answers are checked field by field. */
export function field(value: unknown, ...path: string[]): unknown {
  let v = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

export function stringField(value: unknown, ...path: string[]): string | undefined {
  const v = field(value, ...path);
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}
