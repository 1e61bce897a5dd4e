/**
 * The local HTTP bridge behind `luat-studio serve`: the built UI at /, the
 * StudioApi at POST /api/<method>, job events as Server-Sent Events at
 * GET /api/events, and output/preview/voice files at GET /files/…. It listens
 * on 127.0.0.1 only, and every API or file request needs this run's token
 * (see ./auth.ts). The token is never logged.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { StudioService } from '../api/service.js';
import { FILES_PREFIX } from '../api/files.js';
import { outputContentTypeOf, outputFileCsp } from '../http/mediaTypes.js';
import { BridgeGuard, newToken } from './auth.js';
import { serveStatic, UI_CSP } from './static.js';
import { appPath } from '../platform/appRoot.js';

/** The Vite build of renderer/. */
export const DEFAULT_UI_DIR = appPath('dist', 'renderer');
/** Voice clips come as base64 in JSON; 70 MiB covers a long chapter of WAV. */
const MAX_BODY_BYTES = 100 * 1024 * 1024;
const HEARTBEAT_MS = 20_000;

export interface BridgeOptions {
  service: StudioService;
  /** 0 picks a free port. */
  port?: number;
  uiDir?: string;
  /** Fixed token (tests); default a new random one per run. */
  token?: string;
}

export interface Bridge {
  server: Server;
  port: number;
  /** Open this once in the browser: it sets the cookie and goes to the UI. */
  loginUrl: string;
  token: string;
  close(): Promise<void>;
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken();
  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  let port = 0;
  const guard = new BridgeGuard(token, () => port);
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, options.service.refusal('api.internal'));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (!guard.hostAllowed(req)) return send(res, 421, options.service.refusal('api.badHost'));
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/events' && req.method === 'GET') {
        if (!guard.authorised(req)) return send(res, 401, options.service.refusal('api.unauthorised'));
        return openEventStream(res);
      }
      if (req.method !== 'POST') return send(res, 405, options.service.refusal('api.method'));
      if (!guard.postAllowed(req)) return send(res, 401, options.service.refusal('api.unauthorised'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, options.service.refusal('api.contentType'));
      }
      const body = await readBody(req).catch(() => null);
      if (body === null) return send(res, 413, options.service.refusal('api.tooLarge'));
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        return send(res, 400, options.service.refusal('api.badJson'));
      }
      const result = await options.service.call(decodeURIComponent(url.pathname.slice('/api/'.length)), input);
      return send(res, 200, result);
    }

    if (url.pathname.startsWith(FILES_PREFIX)) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, {});
      if (!guard.authorised(req)) return send(res, 401, options.service.refusal('api.unauthorised'));
      const file = await options.service.resolveFileUrl(url.pathname).catch(() => null);
      if (!file) return send(res, 404, options.service.refusal('api.fileNotFound'));
      return sendFile(req, res, file);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, {});
    // The printed URL: trade the token for the cookie, then drop it from the address bar.
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!guard.tokenMatches(offered)) return send(res, 401, options.service.refusal('api.unauthorised'));
      res.writeHead(303, { 'Set-Cookie': guard.cookieHeader(), Location: '/', 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    return serveStatic(req, res, uiDir, url.pathname);
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
    const data = `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
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
    loginUrl: `http://127.0.0.1:${port}/?token=${token}`,
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
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
