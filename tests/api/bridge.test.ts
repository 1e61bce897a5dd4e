/**
 * The HTTP bridge's guard: 127.0.0.1 only, our Host only (DNS rebinding),
 * tokens only in the Authorization header (the printed URL's token traded
 * once for a session token; never a cookie), other origins refused, files
 * only from their folders and only with a header or their signed URL, the
 * UI with its CSP.
 */
import { request } from 'node:http';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../engine/server/server.js';
import { tempService } from './helpers.js';

let ctx: Awaited<ReturnType<typeof tempService>>;
let bridge: Bridge;
let uiDir: string;

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

/** Raw HTTP, so Host and Origin can be set as an attacker would. */
function send(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, method, path: pathname, headers: { Host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const bearer = () => ({ Authorization: `Bearer ${bridge.token}` });
const json = { 'Content-Type': 'application/json' };

beforeAll(async () => {
  ctx = await tempService();
  uiDir = await mkdtemp(path.join(os.tmpdir(), 'luat-ui-dist-'));
  await writeFile(path.join(uiDir, 'index.html'), '<!doctype html><title>ui</title>');
  await mkdir(path.join(uiDir, 'assets'));
  await writeFile(path.join(uiDir, 'assets', 'app.js'), 'console.log(1)');
  bridge = await startBridge({ service: ctx.service, port: 0, uiDir });
});

afterAll(async () => {
  await bridge.close();
  await ctx.done();
  await rm(uiDir, { recursive: true, force: true });
});

describe('the HTTP bridge', () => {
  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    const address = bridge.server.address();
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
    expect(bridge.loginUrl).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    // The program token is never the printed one.
    expect(bridge.loginUrl).not.toContain(bridge.token);
    expect(bridge.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses any other Host header (DNS rebinding)', async () => {
    for (const host of [`evil.example:${bridge.port}`, '127.0.0.1', `127.0.0.1:${bridge.port + 1}`, `0.0.0.0:${bridge.port}`]) {
      const reply = await send('POST', '/api/app.info', { ...bearer(), ...json, Host: host }, '{}');
      expect(reply.status, host).toBe(421);
    }
    expect((await send('POST', '/api/app.info', { ...bearer(), ...json, Host: `localhost:${bridge.port}` }, '{}')).status).toBe(200);
  });

  it('needs the token for the API, the event stream and files', async () => {
    expect((await send('POST', '/api/app.info', json, '{}')).status).toBe(401);
    expect((await send('POST', '/api/app.info', { ...json, Authorization: 'Bearer wrong' }, '{}')).status).toBe(401);
    expect((await send('GET', '/api/events')).status).toBe(401);
    expect((await send('GET', '/files/x/voice/a.wav')).status).toBe(401);
    const ok = await send('POST', '/api/app.info', { ...bearer(), ...json }, '{}');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { version: expect.any(String) } });
  });

  it("trades the printed URL's token once for a session token, sets no cookie, and refuses other origins", async () => {
    const launch = new URL(bridge.loginUrl).searchParams.get('token')!;
    expect(launch).not.toBe(bridge.token);
    const page = await send('GET', `/?token=${launch}`);
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await send('POST', '/session', { Authorization: 'Bearer nope' })).status).toBe(401);
    const traded = await send('POST', '/session', { Authorization: `Bearer ${launch}` });
    expect(traded.status).toBe(200);
    const session = (JSON.parse(traded.body) as { value: { token: string } }).value.token;
    expect((await send('POST', '/session', { Authorization: `Bearer ${launch}` })).status).toBe(401);
    const origin = `http://127.0.0.1:${bridge.port}`;
    const mine = await send('POST', '/api/projects.list', { Authorization: `Bearer ${session}`, Origin: origin, ...json }, '{}');
    expect(mine.status).toBe(200);
    expect(mine.headers['set-cookie']).toBeUndefined();
    // Another page's request carries its own Origin: refused even with the token.
    expect((await send('POST', '/api/projects.list', { Authorization: `Bearer ${session}`, Origin: 'http://evil.example', ...json }, '{}')).status).toBe(403);
    // A cookie is worth nothing.
    expect((await send('POST', '/api/projects.list', { Cookie: `luat_studio_token=${bridge.token}`, Origin: origin, ...json }, '{}')).status).toBe(401);
  });

  it('takes JSON POSTs only', async () => {
    expect((await send('GET', '/api/app.info', bearer())).status).toBe(405);
    expect((await send('POST', '/api/app.info', { ...bearer(), 'Content-Type': 'text/plain' }, '{}')).status).toBe(415);
    expect((await send('POST', '/api/app.info', { ...bearer(), ...json }, '{nope')).status).toBe(400);
    const unknown = await send('POST', '/api/fs.readFile', { ...bearer(), ...json }, '{}');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'api.unknownMethod' } });
    expect((await send('POST', '/api/app.%ZZinfo', { ...bearer(), ...json }, '{}')).status).toBe(400);
    // A body over the method's limit is refused from its Content-Length (briefs.validate takes 13 MiB, app.info 1 MiB).
    expect((await send('POST', '/api/app.info', { ...bearer(), ...json, 'Content-Length': String(2 * 1024 * 1024) }, '{}').catch(() => ({ status: 413 }))).status).toBe(413);
  });

  it('serves the UI with its CSP, and never a file outside the UI folder', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(String(page.headers['content-security-policy'])).not.toContain(" 'unsafe-eval'");
    expect((await send('GET', '/assets/app.js')).headers['content-type']).toMatch(/javascript/);
    expect((await send('GET', '/assets/gone.js')).status).toBe(404);
    expect((await send('GET', '/translations')).status).toBe(200);
    for (const evil of ['/../library.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const reply = await send('GET', evil);
      expect(reply.body, evil).not.toMatch(/root:|schemaVersion/);
    }
  });

  it('serves a voice clip to the token holder with ranges, and nothing outside the project', async () => {
    const { project } = await ctx.service.invoke('projects.createFromSample', {});
    const projectDir = path.join(ctx.dir, 'projects', project.id);
    await writeFile(path.join(projectDir, 'voice', 'clip.wav'), Buffer.alloc(1000, 7));
    const full = await send('GET', `/files/${project.id}/voice/clip.wav`, bearer());
    expect(full.status).toBe(200);
    expect(full.headers['content-type']).toBe('audio/wav');
    // A sandboxed media document does not play in Chromium: audio and video get the policy without it.
    expect(String(full.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(String(full.headers['content-security-policy'])).not.toContain('sandbox');
    await writeFile(path.join(projectDir, 'voice', 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await writeFile(path.join(projectDir, 'voice', 'page.html'), '<script>alert(1)</script>');
    const svg = await send('GET', `/files/${project.id}/voice/drawing.svg`, bearer());
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(String(svg.headers['content-security-policy'])).toMatch(/^sandbox;/);
    const html = await send('GET', `/files/${project.id}/voice/page.html`, bearer());
    expect(html.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(String(html.headers['content-security-policy'])).toMatch(/^sandbox;/);
    // Media elements send no header: the signed URL opens this file only, and nothing opens without one.
    const signed = bridge.signFileUrl(`/files/${project.id}/voice/clip.wav`);
    expect((await send('GET', signed)).status).toBe(200);
    expect((await send('GET', `/files/${project.id}/voice/clip.wav`)).status).toBe(401);
    expect((await send('GET', `/files/${project.id}/voice/page.html?${signed.split('?')[1]}`)).status).toBe(401);
    const part = await send('GET', `/files/${project.id}/voice/clip.wav`, { ...bearer(), Range: 'bytes=10-19' });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 10-19/1000');
    expect((await send('GET', `/files/${project.id}/voice/..%2F..%2F..%2Flibrary.json`, bearer())).status).toBe(404);
    expect((await send('GET', `/files/${project.id}/voice/../brief.md`, bearer())).status).toBe(404);
  });

  it('streams job events to the token holder', async () => {
    const chunks: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: bridge.port, path: '/api/events', headers: { Host: `127.0.0.1:${bridge.port}`, ...bearer() } }, (res) => {
        expect(res.headers['content-type']).toMatch(/text\/event-stream/);
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          chunks.push(c);
          if (chunks.join('').includes(': connected')) {
            req.destroy();
            resolve();
          }
        });
      });
      req.on('error', (e) => (chunks.join('').includes(': connected') ? resolve() : reject(e)));
      req.end();
    });
    expect(chunks.join('')).toContain(': connected');
  });
});
