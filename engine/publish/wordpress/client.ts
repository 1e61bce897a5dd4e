/**
 * The few WordPress REST API calls the portal adapter makes, with the
 * failure classes the queue understands: network errors, 429 and 5xx are
 * RetryableError (with Retry-After); a wrong password, a refused upload or
 * a site that is not WordPress are StudioErrors the user can act on. No
 * message carries the application password (see ../secrets.ts).
 *
 * Routes are addressed as `<site>/?rest_route=/wp/v2/…`, which works whether
 * or not the site has pretty permalinks (`/wp-json/` needs them).
 * Authentication is HTTP Basic with an application password (WordPress ≥ 5.6).
 */
import { StudioError } from '../../errors.js';
import { RetryableError } from '../channel.js';
import { redact } from '../secrets.js';
import { RequestTimeout, timedFetch } from '../timedFetch.js';
import { retryAfterSeconds } from '../channels/errors.js';

export interface WordPressAuth {
  user: string;
  applicationPassword: string;
}

type Query = Record<string, string | number | readonly (string | number)[] | undefined>;

export interface WordPressAnswer {
  status: number;
  json: unknown;
}

function wpErrorCode(json: unknown): string {
  const code = (json as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

function wpErrorMessage(json: unknown, text: string): string {
  const message = (json as { message?: unknown } | null)?.message;
  const raw = typeof message === 'string' ? message : text;
  const clean = redact(raw.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  return clean.length > 300 ? `${clean.slice(0, 297)}...` : clean;
}

export class WordPressClient {
  private readonly site: string;
  private readonly authorization: string;

  constructor(site: string, auth: WordPressAuth, private readonly signal: AbortSignal) {
    this.site = site.replace(/\/+$/, '');
    this.authorization = `Basic ${Buffer.from(`${auth.user}:${auth.applicationPassword}`, 'utf8').toString('base64')}`;
  }

  url(route: string, query: Query = {}): string {
    const params = new URLSearchParams({ rest_route: route });
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    return `${this.site}/?${params.toString()}`;
  }

  async request(
    method: 'GET' | 'POST',
    route: string,
    options: { query?: Query; json?: unknown; body?: ReadableStream<Uint8Array>; headers?: Record<string, string>; expect?: number[] } = {},
  ): Promise<WordPressAnswer> {
    const headers: Record<string, string> = { authorization: this.authorization, accept: 'application/json', ...options.headers };
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(options.json);
    } else if (options.body) {
      body = options.body;
    }
    const where = `${method} ${route}`;
    let res: Response;
    let text: string;
    try {
      ({ res, text } = await timedFetch(this.url(route, options.query), {
        method, headers, body, redirect: 'follow',
        ...(options.body ? { duplex: 'half' } : {}),
      } as RequestInit, this.signal));
    } catch (error) {
      if (this.signal.aborted) throw this.signal.reason ?? error;
      if (error instanceof RequestTimeout) throw new RetryableError(`wordpress: ${where}: ${error.message}`);
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RetryableError(redact(`wordpress: ${where}: network error (${cause?.code ?? cause?.message ?? (error as Error).message})`));
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (res.status === 429 || res.status >= 500) {
      throw new RetryableError(`wordpress: ${where}: HTTP ${res.status} ${wpErrorMessage(json, text)}`, retryAfterSeconds(res.headers));
    }
    if (res.status === 401 || res.status === 403) {
      throw new StudioError('publish.wordpress.unauthorized', { site: this.site, status: res.status, code: wpErrorCode(json) || '-' });
    }
    if (res.status === 413) throw new StudioError('publish.wordpress.tooLarge', { site: this.site });
    if (res.status === 404 && wpErrorCode(json) === '' ) throw new StudioError('publish.wordpress.notWordPress', { site: this.site });
    if (!(options.expect ?? [200, 201]).includes(res.status)) {
      throw new StudioError('publish.rejected', { channel: 'wordpress', status: res.status, detail: `${wpErrorCode(json)} ${wpErrorMessage(json, text)}`.trim() });
    }
    if (json === undefined) throw new StudioError('publish.wordpress.notWordPress', { site: this.site });
    return { status: res.status, json };
  }
}
