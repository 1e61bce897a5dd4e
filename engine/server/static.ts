/**
 * The built UI (dist/renderer) at /. Only files inside that folder; anything
 * else that is not a file falls back to index.html so a reload on any screen works.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/**
 * The UI's Content-Security-Policy: scripts and workers only from here
 * ('wasm-unsafe-eval' lets ffmpeg.wasm compile), no inline script, no CDN.
 */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.ico': 'image/x-icon', '.map': 'application/json', '.mp3': 'audio/mpeg', '.wav': 'audio/wav', '.txt': 'text/plain; charset=utf-8',
};

export async function serveStatic(req: IncomingMessage, res: ServerResponse, uiDir: string, pathname: string): Promise<void> {
  let root: string;
  try {
    root = await realpath(uiDir);
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    // serve builds the UI before listening (./uiBuild.ts); this answers only if it was removed since.
    res.end('Giao diện chưa được dựng: chạy npm ci rồi mở lại. / The UI is not built: run npm ci, then start again.\n');
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/';
  }
  let file = await inside(root, decoded);
  if (!file || path.extname(decoded) === '') file = path.join(root, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    // Vite names assets by content hash, so they never change; the page itself always revalidates.
    'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    ...(isHtml ? { 'Content-Security-Policy': UI_CSP, 'X-Frame-Options': 'DENY' } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

async function inside(root: string, requested: string): Promise<string | null> {
  const candidate = path.join(root, path.normalize(requested).replace(/^([/\\])+/, ''));
  const real = await realpath(candidate).catch(() => null);
  if (!real) return null;
  const relative = path.relative(root, real);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? real : null;
}
