/**
 * `luat-studio serve` as it runs, attacked as the findings of issue 14 did:
 * no cookie (another server on 127.0.0.1 would receive it), the printed
 * URL's token good for one exchange only, another origin refused, no program
 * path through settings.put, 413 before the body is read, 4xx for malformed
 * requests, 404 for a missing asset. And a render that runs in a render
 * process of its own: the studio answers while it runs, only the chosen
 * aspect is made, the same request gives the same job, and killing the
 * studio ends the render process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../engine/api/contract.js';
import { ffprobe } from '../../engine/media/ffmpeg.js';
import { ROOT, sampleText } from '../helpers/briefs.js';

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }

let library: string;
let serve: ChildProcess;
let port: number;
let launchUrl: URL;
let session: string;

function http(method: string, pathname: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: pathname, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${session}`, 'Content-Type': 'application/json' });

async function api<T = unknown>(method: string, input: unknown = {}): Promise<T> {
  const reply = await http('POST', `/api/${method}`, auth(), JSON.stringify(input));
  const result = JSON.parse(reply.body) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${reply.status} ${result.error?.message}`);
  return result.value as T;
}

/** The sample cut to one short scene: a few seconds of video. */
function tinyBrief(): string {
  const text = sampleText();
  const start = text.indexOf('## Cảnh 1');
  const end = text.indexOf('# Sách nói');
  return `${text.slice(0, start)}## Cảnh 1 — Thông điệp\n- Người dẫn chuyện: Kết hôn đúng tuổi.\n\n${text.slice(end)}`;
}

/** Pids of this process's children running the render host (from /proc). */
function renderHosts(parent: number): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number).filter((pid) => {
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      return ppid === parent && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('render-host.mjs');
    } catch {
      return false;
    }
  });
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, timeoutMs = 540_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const jobOf = async (id: string) => (await api<{ jobs: Job[] }>('render.jobs', {})).jobs.find((j) => j.id === id)!;

beforeAll(async () => {
  library = await mkdtemp(path.join(os.tmpdir(), 'luat-serve-'));
  serve = spawn(process.execPath, [path.join(ROOT, 'bin', 'luat-studio.js'), 'serve', '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, LUAT_STUDIO_LIBRARY: library, LUAT_STUDIO_LOCALE: 'en', LUAT_STUDIO_VIDEO_SCALE: '0.2' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const printed = await new Promise<string>((resolve, reject) => {
    let out = '';
    serve.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+/.exec(out);
      if (m) resolve(m[0]);
    });
    serve.once('exit', (code) => reject(new Error(`serve exited (${code})`)));
  });
  launchUrl = new URL(printed);
  port = Number(launchUrl.port);
}, 120_000);

afterAll(async () => {
  if (serve.exitCode === null && serve.signalCode === null) {
    const exited = new Promise((r) => serve.once('exit', r));
    serve.kill('SIGTERM');
    await exited;
  }
  await rm(library, { recursive: true, force: true });
});

describe('the printed URL and the session', () => {
  it('serves the page without a cookie, and trades the URL token for a session token once', async () => {
    const page = await http('GET', `${launchUrl.pathname}${launchUrl.search}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/<html/i);
    expect(page.headers['set-cookie']).toBeUndefined();
    const launch = launchUrl.searchParams.get('token')!;
    // The launch token is no API token.
    expect((await http('POST', '/api/projects.list', { Authorization: `Bearer ${launch}`, 'Content-Type': 'application/json' }, '{}')).status).toBe(401);
    // Another origin cannot take the session.
    expect((await http('POST', '/session', { Authorization: `Bearer ${launch}`, Origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    const first = await http('POST', '/session', { Authorization: `Bearer ${launch}` });
    expect(first.status).toBe(200);
    expect(first.headers['set-cookie']).toBeUndefined();
    session = (JSON.parse(first.body) as { value: { token: string } }).value.token;
    expect(session).not.toBe(launch);
    const again = await http('POST', '/session', { Authorization: `Bearer ${launch}` });
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, error: { code: 'bridge.loginUsed' } });
    expect((await http('POST', '/api/projects.list', auth(), '{}')).status).toBe(200);
  });

  it('lets no other origin read: no CORS answer, its requests refused', async () => {
    const other = `http://127.0.0.1:${port + 1}`;
    const preflight = await http('OPTIONS', '/api/projects.list', { Origin: other, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const posted = await http('POST', '/api/projects.list', { ...auth(), Origin: other }, '{}');
    expect(posted.status).toBe(403);
    expect(posted.headers['access-control-allow-origin']).toBeUndefined();
    expect((await http('GET', '/api/events', { Authorization: `Bearer ${session}`, Origin: other })).status).toBe(403);
    expect((await http('GET', '/api/events')).status).toBe(401);
  });

  it('refuses a program path in settings.put', async () => {
    const reply = await http('POST', '/api/settings.put', auth(), JSON.stringify({ app: { chromiumPath: '/tmp/x.sh' } }));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    expect((await api<{ app: { chromiumPath: string | null } }>('settings.get', {})).app.chromiumPath).toBeNull();
  });

  it('answers 413 from the Content-Length, before the body, and stops a body that streams past the limit', async () => {
    // A 1 GB body announced, two bytes sent: the answer comes without the rest.
    const head = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST /api/projects.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${session}\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n{}`);
      });
      let data = '';
      socket.on('data', (d: Buffer) => {
        data += d.toString();
        if (data.includes('\r\n\r\n')) {
          socket.destroy();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    expect(head).toMatch(/^HTTP\/1\.1 413 /);
    // No Content-Length (chunked): cut off once it passes the method's 1 MiB. A raw socket, because
    // the server closes once it has answered and an HTTP client may report that write error before
    // it hands over the answer it already received.
    const streamed = await new Promise<number>((resolve, reject) => {
      let answer = '';
      let done = false;
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST /api/projects.list HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${session}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
        const chunk = Buffer.concat([Buffer.from(`${(256 * 1024).toString(16)}\r\n`), Buffer.alloc(256 * 1024, 0x20), Buffer.from('\r\n')]);
        let sent = 0;
        const pump = () => {
          while (!done && sent < 40 && socket.write(chunk)) sent++;
          if (!done && sent < 40) socket.once('drain', pump);
        };
        pump();
        // A busy client reads late: the answer must still be there (a reset once wiped it in CI).
        socket.pause();
        setTimeout(() => socket.resume(), 800);
      });
      socket.on('data', (d: Buffer) => {
        answer += d.toString('latin1');
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
        if (status && !done) {
          done = true;
          socket.destroy();
          resolve(Number(status[1]));
        }
      });
      // Writing into a socket the server has closed after answering is expected; only a close without an answer fails.
      socket.on('error', () => {});
      socket.on('close', () => {
        if (!done) reject(new Error(`closed without an answer: ${JSON.stringify(answer.slice(0, 200))}`));
      });
    });
    expect(streamed).toBe(413);
  });

  it('gives 4xx to malformed requests and 404 to a missing asset', async () => {
    expect((await http('POST', '/api/projects.%E0%A4%A', auth(), '{}')).status).toBe(400);
    expect((await http('POST', '/api/fs.readFile', auth(), '{}')).status).toBe(404);
    expect((await http('POST', '/api/projects.list', auth(), '{nope')).status).toBe(400);
    expect((await http('POST', '/api/projects.rename', auth(), '{}')).status).toBe(400);
    expect((await http('GET', '/assets/no-such-file.js')).status).toBe(404);
    expect((await http('GET', '/%E0%A4%A')).status).toBe(400);
    const screen = await http('GET', '/editor');
    expect(screen.status).toBe(200);
    expect(screen.body).toMatch(/<html/i);
  });
});

describe('a render in a render process', () => {
  let job: Job;
  let hosts: number[];
  let answeredWhileRunning: boolean;
  let seen: Job[];

  beforeAll(async () => {
    await api('projects.createFromBrief', { fileName: 'tiny.md', text: tinyBrief() });
    job = await api<Job>('render.start', { projectId: 'ket-hon-dung-tuoi', formats: ['video'], languages: ['vi'], aspects: ['16:9'] });
    await until(async () => ((await jobOf(job.id)).status === 'running' ? true : undefined));
    hosts = await until(() => (renderHosts(serve.pid!).length > 0 ? renderHosts(serve.pid!) : undefined), 60_000);
    // The same request again: the same job back, not a second render.
    const again = await api<Job>('render.start', { projectId: 'ket-hon-dung-tuoi', formats: ['video'], languages: ['vi'], aspects: ['16:9'] });
    expect(again.id).toBe(job.id);
    await api('projects.list', {});
    answeredWhileRunning = (await jobOf(job.id)).status === 'running';
    seen = [];
    const done = await until(async () => {
      const now = await jobOf(job.id);
      seen.push(now);
      return now.finishedAt ? now : undefined;
    });
    job = done;
  }, 600_000);

  it('runs in a child of serve while serve answers the API', () => {
    expect(hosts.length).toBeGreaterThan(0);
    expect(hosts).not.toContain(serve.pid);
    expect(answeredWhileRunning).toBe(true);
  });

  it('makes only the chosen aspect, with progress that never goes back and says what it does', async () => {
    expect(job).toMatchObject({ status: 'done', error: null, fraction: 1 });
    const videos = job.outputs.filter((o) => o.path.endsWith('.mp4'));
    expect(videos.map((o) => o.variant)).toEqual(['16x9']);
    expect(existsSync(path.join(job.outDir, 'video', 'vi'))).toBe(true);
    expect(readdirSync(path.join(job.outDir, 'video', 'vi')).filter((f) => f.endsWith('.mp4'))).toEqual([path.basename(videos[0]!.path)]);
    const probe = await ffprobe(path.join(job.outDir, videos[0]!.path));
    const stream = (probe as { streams: { codec_type: string; width?: number; height?: number }[] }).streams.find((s) => s.codec_type === 'video')!;
    expect(stream.width! / stream.height!).toBeCloseTo(16 / 9, 1);
    expect(stream.width).toBe(384);
    const fractions = seen.map((j) => j.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(seen.some((j) => j.status === 'running' && j.label.includes('voices'))).toBe(true);
    expect(seen.some((j) => j.status === 'running' && j.label.includes('16:9'))).toBe(true);
  });

  it('serves the output to a media element by its signed URL, and nothing without it', async () => {
    const url = job.outputs.find((o) => o.path.endsWith('.mp4'))!.url;
    expect(url).toMatch(/\?sig=\d+\.[A-Za-z0-9_-]{43}$/);
    expect((await http('GET', url, { Range: 'bytes=0-99' })).status).toBe(206);
    expect((await http('GET', url.split('?')[0]!)).status).toBe(401);
    expect((await http('GET', `${url.split('?')[0]!.replace('.mp4', '.srt')}?${url.split('?')[1]}`)).status).toBe(401);
  });

  it('ends the render process when the studio is killed', async () => {
    const next = await api<Job>('render.start', { projectId: 'ket-hon-dung-tuoi', formats: ['video'], languages: ['vi'], aspects: ['9:16'] });
    await until(async () => ((await jobOf(next.id)).status === 'running' ? true : undefined));
    const running = await until(() => (renderHosts(serve.pid!).length > 0 ? renderHosts(serve.pid!) : undefined), 60_000);
    const exited = new Promise((r) => serve.once('exit', r));
    serve.kill('SIGKILL');
    await exited;
    await until(() => (running.every((pid) => !existsSync(`/proc/${pid}`)) ? true : undefined), 30_000);
  }, 120_000);
});
