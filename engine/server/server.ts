/**
 * The local HTTP bridge behind `luat-studio serve`: the built UI at /, the
 * StudioApi at POST /api/<method>, job events as Server-Sent Events at
 * GET /api/events, and output/preview/voice files at GET /files/…. It listens
 * on 127.0.0.1 only; every API call, the event stream and every file needs a
 * token in the Authorization header, or (files only) the signature the bridge
 * put on the file's URL (see ./auth.ts). No cookie is ever set. Tokens are
 * never logged.
 *
 * Requests are checked before their body is read: a body larger than the
 * method takes (engine/api/contract.ts BODY_LIMITS) is answered 413 from its
 * Content-Length, or as soon as it streams past the limit.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { StudioService } from '../api/service.js';
import { bodyLimitOf, isMethodName } from '../api/contract.js';
import { FILES_PREFIX } from '../api/files.js';
import { outputContentTypeOf, outputFileCsp } from '../http/mediaTypes.js';
import { BridgeGuard, newToken } from './auth.js';
import { serveStatic, UI_CSP } from './static.js';
import { appPath } from '../platform/appRoot.js';

/** The Vite build of renderer/. */
export const DEFAULT_UI_DIR = appPath('dist', 'renderer');
const HEARTBEAT_MS = 20_000;
/** How long the rest of a refused body is discarded before the connection is dropped. */
const LINGER_MS = 2000;
/** Where the page trades the printed URL's token for its session token. */
export const SESSION_PATH = '/session';

export interface BridgeOptions {
  service: StudioService;
  /** 0 picks a free port. */
  port?: number;
  uiDir?: string;
  /** Fixed program token (tests); default a new random one per run. */
  token?: string;
}

export interface Bridge {
  server: Server;
  port: number;
  /** Printed once: opening it lets the page take a session token (once). */
  loginUrl: string;
  /** The program token, for callers in this process (tests); never printed. */
  token: string;
  /** Signs a `/files/…` URL as the bridge does in its answers. */
  signFileUrl(url: string): string;
  close(): Promise<void>;
}

class TooLarge extends Error {}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  let port = 0;
  const guard = new BridgeGuard(token, () => port);
  const streams = new Set<ServerResponse>();
  const refuse = (res: ServerResponse, status: number, code: string) => send(res, status, options.service.refusal(code));
  /** JSON out, with every `/files/…` URL signed so media elements can load it. */
  const json = (value: unknown) => JSON.stringify(value, (key, v: unknown) =>
    key === 'url' && typeof v === 'string' && v.startsWith(FILES_PREFIX) ? guard.signFileUrl(v) : v);

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) refuse(res, 500, 'api.internal');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!guard.hostAllowed(req)) return refuse(res, 421, 'api.badHost');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return refuse(res, 400, 'bridge.badPath');
    }

    if (url.pathname === SESSION_PATH) {
      if (req.method !== 'POST') return refuse(res, 405, 'api.method');
      if (!guard.originAllowed(req)) return refuse(res, 403, 'api.unauthorised');
      const session = guard.exchange(req);
      if (!session) return refuse(res, 401, guard.launchUsed ? 'bridge.loginUsed' : 'api.unauthorised');
      return send(res, 200, { ok: true, value: { token: session } });
    }

    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!guard.authorised(req)) return refuse(res, 401, 'api.unauthorised');
        if (!guard.originAllowed(req)) return refuse(res, 403, 'api.unauthorised');
        return openEventStream(res);
      }
      if (req.method !== 'POST') return refuse(res, 405, 'api.method');
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return refuse(res, 400, 'bridge.badPath');
      }
      if (!guard.authorised(req)) return refuse(res, 401, 'api.unauthorised');
      if (!guard.originAllowed(req)) return refuse(res, 403, 'api.unauthorised');
      if (!isMethodName(method)) return send(res, 404, await options.service.call(method, {}));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, 'api.contentType');
      const limit = bodyLimitOf(method);
      const declared = req.headers['content-length'];
      if (declared !== undefined && !(Number(declared) <= limit)) return tooLarge(req, res);
      let body: string;
      try {
        body = await readBody(req, limit);
      } catch (error) {
        if (error instanceof TooLarge) return tooLarge(req, res);
        throw error;
      }
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return refuse(res, 400, 'api.badJson');
      }
      const result = await options.service.call(method, input);
      const status = !result.ok && result.error.code === 'api.badInput' ? 400 : 200;
      return sendText(res, status, json(result));
    }

    if (url.pathname.startsWith(FILES_PREFIX)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'api.method');
      if (!guard.authorised(req) && !guard.signedFileRequest(url.pathname, url.searchParams.get('sig'))) {
        return refuse(res, 401, 'api.unauthorised');
      }
      const file = await options.service.resolveFileUrl(url.pathname).catch(() => null);
      if (!file) return refuse(res, 404, 'api.fileNotFound');
      return sendFile(req, res, file);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'api.method');
    // The printed URL (`/?token=…`) is the page like any other: the page itself trades the token (POST /session).
    return serveStatic(req, res, uiDir, url.pathname);
  }

  /**
   * 413 without reading the body into memory. The connection then closes: what
   * the client still sends is read and dropped for a moment (so it reads our
   * answer rather than a reset), then the socket is dropped. Node would close
   * the socket as soon as a `Connection: close` answer is sent (destroySoon),
   * and the body still arriving then makes the kernel reset the connection,
   * which can wipe the answer before a busy client has read it (seen in CI):
   * for this socket, "close soon" half-closes and lingers instead.
   */
  function tooLarge(req: IncomingMessage, res: ServerResponse): void {
    const socket = req.socket;
    socket.destroySoon = () => {
      socket.end();
      setTimeout(() => socket.destroy(), LINGER_MS).unref();
    };
    res.setHeader('Connection', 'close');
    refuse(res, 413, 'api.tooLarge');
    req.resume();
  }

  function openEventStream(res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    res.on('close', () => {
      clearInterval(heartbeat);
      streams.delete(res);
    });
  }

  const unsubscribe = options.service.onEvent((event) => {
    const data = `event: ${event.type}\ndata: ${json(event)}\n\n`;
    for (const stream of streams) stream.write(data);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    token,
    loginUrl: `http://127.0.0.1:${port}/?token=${guard.launch}`,
    signFileUrl: (url) => guard.signFileUrl(url),
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** The body as text, refusing (TooLarge) as soon as it passes `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        req.pause();
        reject(new TooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Files with Range support (the audio and video elements seek with it). */
async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const info = await stat(file);
  const type = outputContentTypeOf(file);
  const headers: Record<string, string | number> = {
    'Content-Type': type,
    'Cache-Control': 'no-cache',
    'Accept-Ranges': 'bytes',
    'Content-Security-Policy': outputFileCsp(file),
    'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(path.basename(file))}`,
  };
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
  if (range && (range[1] || range[2])) {
    let start = range[1] ? Number(range[1]) : info.size - Number(range[2]);
    let end = range[1] && range[2] ? Number(range[2]) : info.size - 1;
    start = Math.max(0, start);
    end = Math.min(end, info.size - 1);
    if (start > end) {
      res.writeHead(416, { 'Content-Range': `bytes */${info.size}` });
      res.end();
      return;
    }
    res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${info.size}`, 'Content-Length': end - start + 1 });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file, { start, end }).pipe(res);
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': info.size });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

export { UI_CSP };
