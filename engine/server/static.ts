/**
 * The built UI (dist/renderer) at /. Only files inside that folder. A path
 * without an extension (a screen's address) is the page, index.html, so a
 * reload on any screen works; a missing file (an old /assets/*.js) is a 404,
 * never the page in its place.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../http/mediaTypes.js';
import { realPathInside } from '../http/pathInside.js';

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
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('bad request\n');
    return;
  }
  let file = await realPathInside(root, decoded);
  if (path.extname(decoded) === '') file = path.join(root, 'index.html');
  const info = file ? await stat(file).catch(() => null) : null;
  if (!info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
    return;
  }
  if (!file) return;
  const isHtml = file.endsWith('.html');
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': info.size,
    // Vite names assets by content hash, so they never change; the page itself always revalidates.
    'Cache-Control': isHtml ? 'no-cache' : 'public, max-age=31536000, immutable',
    ...(isHtml ? { 'Content-Security-Policy': UI_CSP, 'X-Frame-Options': 'DENY' } : {}),
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}
