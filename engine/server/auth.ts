/**
 * Who may talk to the bridge: only this machine (the socket is bound to
 * 127.0.0.1), only under our own host name (a DNS-rebinding page reaching us
 * as evil.example:PORT is refused), and only with a token sent in the
 * `Authorization: Bearer` header — never a cookie, which a browser would also
 * send to any other server on 127.0.0.1, whatever its port.
 *
 * Tokens:
 * - the launch token, in the URL `serve` prints: good for ONE exchange
 *   (POST /session) against a session token, then never again;
 * - session tokens, held by the page (sessionStorage: this tab, this run) and
 *   sent as a header with every API call and the event stream;
 * - the program token (`Bridge.token`), for programs started with the bridge
 *   in the same process (tests); never printed;
 * - signed file URLs: media elements cannot send headers, so every `/files/…`
 *   URL the bridge hands out carries `?sig=<expiry>.<HMAC of its path>`,
 *   good for that one file for 30 to 60 minutes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** File signatures last until the end of the next half hour: one URL per file per half hour, so media elements do not reload. */
const SIGNATURE_BUCKET_SEC = 30 * 60;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class BridgeGuard {
  private launchToken: string | null = newToken();
  private readonly sessions = new Set<string>();
  private readonly signingKey = randomBytes(32);

  constructor(
    private readonly programToken: string,
    private readonly port: () => number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The token of the printed URL, until it has been exchanged. */
  get launch(): string | null {
    return this.launchToken;
  }

  /** Host header names this server: 127.0.0.1:PORT or localhost:PORT. */
  hostAllowed(req: IncomingMessage): boolean {
    const host = (req.headers.host ?? '').toLowerCase();
    const port = this.port();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  }

  /** No Origin (a program), or one of our own origins. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    const port = this.port();
    return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
  }

  private bearer(req: IncomingMessage): string | null {
    const auth = req.headers.authorization;
    return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
  }

  /** A session token or the program token in the Authorization header. */
  authorised(req: IncomingMessage): boolean {
    const offered = this.bearer(req);
    if (offered === null) return false;
    if (sameSecret(offered, this.programToken)) return true;
    for (const session of this.sessions) if (sameSecret(offered, session)) return true;
    return false;
  }

  /** The launch token (in the Authorization header) → a new session token; null if wrong or already used. */
  exchange(req: IncomingMessage): string | null {
    const offered = this.bearer(req);
    if (offered === null || this.launchToken === null || !sameSecret(offered, this.launchToken)) return null;
    this.launchToken = null;
    const session = newToken();
    this.sessions.add(session);
    return session;
  }

  /** True once the printed URL has been used. */
  get launchUsed(): boolean {
    return this.launchToken === null;
  }

  private signature(pathname: string, expiry: number): string {
    return createHmac('sha256', this.signingKey).update(`${pathname}\n${expiry}`).digest('base64url');
  }

  /** `/files/…` → the same URL with a signature good for that path only. */
  signFileUrl(url: string): string {
    const [pathname] = url.split(/[?#]/);
    const nowSec = Math.floor(this.now() / 1000);
    const expiry = (Math.floor(nowSec / SIGNATURE_BUCKET_SEC) + 2) * SIGNATURE_BUCKET_SEC;
    return `${pathname}?sig=${expiry}.${this.signature(pathname ?? '', expiry)}`;
  }

  /** The request's own `sig` is a valid, unexpired signature of its path. */
  signedFileRequest(pathname: string, sig: string | null): boolean {
    if (!sig) return false;
    const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(sig);
    if (!m) return false;
    const expiry = Number(m[1]);
    if (expiry * 1000 < this.now()) return false;
    return sameSecret(m[2]!, this.signature(pathname, expiry));
  }
}
