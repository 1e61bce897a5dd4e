/**
 * Who may talk to the bridge: only this machine (the socket is bound to
 * 127.0.0.1), only under our own host name (a DNS-rebinding page reaching us
 * as evil.example:PORT is refused), and only with this run's token — from the
 * HttpOnly cookie set by the printed URL, or `Authorization: Bearer`. A POST
 * carrying a browser Origin must come from our own origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'luat_studio_token';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class BridgeGuard {
  constructor(
    private readonly token: string,
    private readonly port: () => number,
  ) {}

  /** Host header names this server: 127.0.0.1:PORT or localhost:PORT. */
  hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = this.port();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  /** Our own origins, for the Origin check of state-changing requests. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const port = this.port();
    return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }

  /** The token from the cookie or the Authorization header matches this run's. */
  authorised(req: IncomingMessage): boolean {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ') && sameSecret(auth.slice(7).trim(), this.token)) return true;
    const cookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
    return cookie !== null && sameSecret(cookie, this.token);
  }

  /** POSTs from a browser carry an Origin; a program using Bearer may send none. */
  postAllowed(req: IncomingMessage): boolean {
    if (!this.authorised(req)) return false;
    if (req.headers.origin !== undefined) return this.originAllowed(req);
    // A cookie-only POST without Origin is not something our UI sends.
    return req.headers.authorization?.startsWith('Bearer ') === true;
  }

  tokenMatches(candidate: string | null): boolean {
    return candidate !== null && sameSecret(candidate, this.token);
  }

  cookieHeader(): string {
    return `${TOKEN_COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
