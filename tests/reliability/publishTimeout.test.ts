/**
 * Publishing against a server that accepts the connection and never answers:
 * every attempt ends with a timeout message (then the retry policy), Ctrl-C
 * while waiting to retry is a clean StudioError, and an attempt is counted
 * only when a request actually went out.
 */
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { approve } from '../../engine/publish/approval.js';
import { auditLogFor } from '../../engine/publish/auditLog.js';
import { publishBuild, type PublishEvent } from '../../engine/publish/publish.js';
import { QUEUE_FILE } from '../../engine/publish/queue.js';
import { EnvSecretStore } from '../../engine/publish/secrets.js';
import { StudioError } from '../../engine/errors.js';
import type { Library } from '../../engine/store/library.js';
import { approvedBuild, libraryWithSample, makeBuild, tempDir } from '../publish/fixtures.js';

let server: net.Server;
let connections = 0;
const sockets = new Set<net.Socket>();
let url = '';

beforeAll(async () => {
  server = net.createServer((socket) => {
    // Accept, read, never answer.
    connections++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  process.env.LUAT_STUDIO_PUBLISH_TIMEOUT_SECONDS = '1';
});

afterAll(async () => {
  delete process.env.LUAT_STUDIO_PUBLISH_TIMEOUT_SECONDS;
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let open: Library | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** The shared fixture, with the library kept to be closed after the test. */
async function openedBuild() {
  const built = await approvedBuild({ by: 'Lê Văn Minh', role: 'Trưởng phòng' });
  open = built.library;
  return built;
}

function silentWordPress() {
  const env = {
    LUAT_STUDIO_WORDPRESS_URL: url,
    LUAT_STUDIO_SECRET_WORDPRESS_USER: 'editor',
    LUAT_STUDIO_SECRET_WORDPRESS_APPLICATION_PASSWORD: 'abcd efgh ijkl mnop qrst uvwx',
  };
  return { env, secrets: new EnvSecretStore(env) };
}

describe('publishing to a server that never answers', { timeout: 120_000 }, () => {
  it('fails each attempt with a timeout message, retries per policy, then gives up', async () => {
    const { library, material, outDir } = await openedBuild();
    const before = connections;
    const retries: string[] = [];
    const { jobs } = await publishBuild({
      library, material, outDir, channels: ['wordpress'], ...silentWordPress(),
      maxAttempts: 2, backoff: { baseMs: 10, maxMs: 20 },
      onEvent: (e: PublishEvent) => { if (e.type === 'retry') retries.push(e.message); },
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'publish.gaveUp' } });
    expect(String(jobs[0]!.error!.params['message'])).toContain('no answer from the server within 1 s');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toContain('no answer from the server');
    // One connection per attempt at least (fetch may open a spare one).
    expect(connections - before).toBeGreaterThanOrEqual(2);
  });

  it('stops cleanly when cancelled while waiting to retry, keeping the job queued with its one attempt', async () => {
    const { library, material, outDir, dir } = await openedBuild();
    const controller = new AbortController();
    const run = publishBuild({
      library, material, outDir, channels: ['wordpress'], ...silentWordPress(),
      maxAttempts: 5, backoff: { baseMs: 600_000, maxMs: 600_000 }, signal: controller.signal,
      onEvent: (e: PublishEvent) => { if (e.type === 'retry') setImmediate(() => controller.abort()); },
    });
    const error = await run.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('publish.cancelled');
    const queue = JSON.parse(await readFile(path.join(dir, QUEUE_FILE), 'utf8')) as { jobs: { status: string; attempts: number }[] };
    expect(queue.jobs).toHaveLength(1);
    expect(queue.jobs[0]!.attempts).toBe(1);
    // Still pending: the next publish carries on from here.
    expect(['queued', 'retrying']).toContain(queue.jobs[0]!.status);
  });

  it('does not count an attempt that was stopped before any request left', async () => {
    const { library, material, outDir } = await openedBuild();
    const controller = new AbortController();
    controller.abort();
    const before = connections;
    const error = await publishBuild({
      library, material, outDir, channels: ['wordpress'], ...silentWordPress(), signal: controller.signal, maxAttempts: 1,
    }).then(() => null, (e: unknown) => e);
    expect((error as StudioError).code).toBe('publish.cancelled');
    expect(connections).toBe(before);
    // Run again to the end: the first real request is attempt 1.
    const { jobs } = await publishBuild({
      library, material, outDir, channels: ['wordpress'], ...silentWordPress(), maxAttempts: 1,
    });
    expect(jobs[0]).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'publish.gaveUp' } });
  });
});
