/**
 * The plumbing shared by our local contract servers: an HTTP server on
 * 127.0.0.1 (port 0), a log of what each route received, tokens that are valid
 * or expired, and injectable faults — a status answer (429 with Retry-After,
 * 500, 503), a connection reset after N bytes of a request body, or a request
 * processed in full whose answer is lost (the socket closes before replying).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** `skip`: let that many matching requests through first. */
export type Fault = { skip?: number } & (
  | { route: string; kind: 'status'; status: number; retryAfter?: number; body?: unknown }
  | { route: string; kind: 'reset'; afterBytes: number }
  | { route: string; kind: 'dropAnswer' }
);

export interface Hit {
  route: string;
  method: string;
  path: string;
  bytes: number;
  contentRange?: string;
  /** A route-specific note (the offset a chunk started at, a file offset header…). */
  note?: string;
}

export interface Body {
  bytes: Buffer;
  /** The connection was reset (by a fault) after `bytes.length` bytes. */
  reset: boolean;
}

export abstract class ContractServer {
  url = '';
  readonly hits: Hit[] = [];
  readonly faults: Fault[] = [];
  /** token → state; anything else is unknown. */
  readonly tokens = new Map<string, 'valid' | 'expired'>();
  private server: http.Server | null = null;

  protected abstract handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', this.url);
      this.handle(req, res, url).catch((error: unknown) => {
        if (!res.headersSent && !res.destroyed) send(res, 500, { error: `test server: ${String(error)}` });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  /** The first pending fault for `route`, removed from the list. */
  protected takeFault(route: string, kinds?: Fault['kind'][]): Fault | undefined {
    const i = this.faults.findIndex((f) => f.route === route && (!kinds || kinds.includes(f.kind)));
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    if (f.skip) {
      f.skip--;
      return undefined;
    }
    return this.faults.splice(i, 1)[0];
  }

  /** Answers a pending status fault for `route`; true when it did (the body was drained first). */
  protected async statusFault(route: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
    const f = this.takeFault(route, ['status']);
    if (!f || f.kind !== 'status') return false;
    await readBody(req);
    this.hits.push({ route, method: req.method ?? '', path: req.url ?? '', bytes: 0, note: `fault ${f.status}` });
    send(res, f.status, f.body ?? { error: { message: `injected ${f.status}` } }, f.retryAfter !== undefined ? { 'Retry-After': String(f.retryAfter) } : {});
    return true;
  }

  /** Reads the body, resetting the connection after `afterBytes` when a reset fault is pending. */
  protected async body(route: string, req: http.IncomingMessage): Promise<Body> {
    const f = this.takeFault(route, ['reset']);
    return readBody(req, f && f.kind === 'reset' ? f.afterBytes : undefined);
  }

  /** True (and the socket closed, no answer) when a dropAnswer fault is pending for `route`. */
  protected dropAnswer(route: string, res: http.ServerResponse): boolean {
    const f = this.takeFault(route, ['dropAnswer']);
    if (!f) return false;
    res.socket?.destroy();
    return true;
  }

  /** 'valid', 'expired' or 'unknown' for a token. */
  protected tokenState(token: string | undefined): 'valid' | 'expired' | 'unknown' {
    return token ? (this.tokens.get(token) ?? 'unknown') : 'unknown';
  }
}

export function readBody(req: http.IncomingMessage, resetAfter?: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      if (resetAfter !== undefined && size + chunk.length >= resetAfter) {
        parts.push(chunk.subarray(0, resetAfter - size));
        size = resetAfter;
        done = true;
        req.socket.destroy();
        resolve({ bytes: Buffer.concat(parts), reset: true });
        return;
      }
      parts.push(chunk);
      size += chunk.length;
    });
    req.on('end', () => {
      if (!done) resolve({ bytes: Buffer.concat(parts), reset: false });
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Parses a multipart/form-data body with the web Request parser (undici). */
export async function formData(req: http.IncomingMessage, bytes: Buffer): Promise<FormData> {
  const request = new Request('http://local/', {
    method: 'POST',
    headers: { 'content-type': String(req.headers['content-type'] ?? '') },
    body: new Uint8Array(bytes),
  });
  return request.formData();
}

export function bearer(req: http.IncomingMessage, scheme = 'Bearer'): string | undefined {
  const h = req.headers.authorization;
  const prefix = `${scheme} `;
  return h?.startsWith(prefix) ? h.slice(prefix.length) : undefined;
}

/** "bytes a-b/total" → {first, last, total}; "bytes * /total" → {total}. */
export function parseContentRange(value: string | undefined): { first?: number; last?: number; total: number } | null {
  if (!value) return null;
  let m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(value);
  if (m) return { first: Number(m[1]), last: Number(m[2]), total: Number(m[3]) };
  m = /^bytes \*\/(\d+)$/.exec(value);
  return m ? { total: Number(m[1]) } : null;
}
