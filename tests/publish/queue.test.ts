import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { approve } from '../../engine/publish/approval.js';
import { AUDIT_FILE, auditLogFor } from '../../engine/publish/auditLog.js';
import { RetryableError, type ChannelAdapter, type PublishContext } from '../../engine/publish/channel.js';
import { noteRequestSending } from '../../engine/publish/attemptCounter.js';
import { publishBuild } from '../../engine/publish/publish.js';
import { PublishQueue, QUEUE_FILE } from '../../engine/publish/queue.js';
import { backoffDelayMs } from '../../engine/publish/runner.js';
import { EnvSecretStore } from '../../engine/publish/secrets.js';
import { openLibrary, type Library } from '../../engine/store/library.js';
import { approvedBuild, libraryWithSample, makeBuild, tempDir } from './fixtures.js';

const TOKEN = 'tok-9f8e7d6c5b4a39281706';
const secrets = new EnvSecretStore({ LUAT_STUDIO_SECRET_WORDPRESS_TOKEN: TOKEN });
const fast = { baseMs: 5, maxMs: 20 };

let open: Library | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** The shared fixture, with the library kept to be closed after the test. */
async function openedBuild() {
  const built = await approvedBuild();
  open = built.library;
  return built;
}

type Step = (ctx: PublishContext, call: number) => Promise<void>;

/** A portal-like adapter driven by a script of steps per call. */
function scripted(step: Step, calls: { n: number; states: unknown[]; credentials: Record<string, string>[] }): ChannelAdapter {
  return {
    id: 'wordpress',
    preset: { channel: 'wordpress', formats: ['booklet', 'video'], aspects: ['16:9'], extensions: ['pdf', 'mp4'] },
    credentialNames: ['token'],
    preflight: () => [],
    async publish(request, ctx) {
      calls.n++;
      calls.states.push(structuredClone(ctx.state));
      calls.credentials.push(ctx.credentials);
      // What a real adapter's first request does: an attempt counts from here.
      await noteRequestSending();
      await step(ctx, calls.n);
      return { url: `https://portal.example/${request.language}`, remoteIds: { post: '42' } };
    },
  };
}

describe('backoff', () => {
  it('waits between half and all of base·2^(n−1), capped, and never less than Retry-After', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), fc.option(fc.integer({ min: 0, max: 900 }), { nil: undefined }),
      (attempt, r, retryAfter) => {
        const backoff = { baseMs: 2000, maxMs: 300_000 };
        const cap = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (attempt - 1));
        const delay = backoffDelayMs(attempt, backoff, retryAfter, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.max(cap / 2, (retryAfter ?? 0) * 1000));
        expect(delay).toBeLessThanOrEqual(Math.max(cap, (retryAfter ?? 0) * 1000));
      },
    ));
  });
});

describe('the publish queue', () => {
  it('retries network errors, 429 and 5xx from the saved state, and records each attempt', async () => {
    const { library, material, outDir, dir } = await openedBuild();
    const calls = { n: 0, states: [] as unknown[], credentials: [] as Record<string, string>[] };
    const adapter = scripted(async (ctx, n) => {
      if (n === 1) {
        await ctx.checkpoint({ uploaded: ['booklet'] });
        throw new RetryableError(`HTTP 503 from server, Authorization: Bearer ${TOKEN}`, 0);
      }
      if (n === 2) throw new RetryableError('HTTP 429', 0);
    }, calls);
    const events: string[] = [];
    const { jobs } = await publishBuild({
      library, material, outDir, channels: ['wordpress'], secrets, backoff: fast,
      createAdapter: async () => adapter, onEvent: (e) => events.push(e.type),
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'done', attempts: 3, result: { url: 'https://portal.example/vi' } });
    expect(calls.states).toEqual([{}, { uploaded: ['booklet'] }, { uploaded: ['booklet'] }]);
    expect(calls.credentials[0]).toEqual({ token: TOKEN });
    expect(events.filter((e) => e === 'retry')).toHaveLength(2);

    const audit = await auditLogFor(dir).read();
    const publishEvents = audit.entries.flatMap((e) => (e.type === 'publish' ? [e.event] : []));
    expect(publishEvents).toEqual(['queued', 'attempt', 'retry', 'attempt', 'retry', 'attempt', 'succeeded']);
    // The token the server echoed never reaches a file.
    for (const file of [AUDIT_FILE, QUEUE_FILE, 'library.json']) {
      expect(await readFile(path.join(dir, file), 'utf8')).not.toContain(TOKEN);
    }
    expect(await readFile(path.join(dir, AUDIT_FILE), 'utf8')).toContain('[redacted]');
  });

  it('gives up after the last attempt and fails at once on an error retrying cannot fix', async () => {
    const { library, material, outDir } = await openedBuild();
    const calls = { n: 0, states: [] as unknown[], credentials: [] as Record<string, string>[] };
    const always = scripted(async () => { throw new RetryableError('connection reset'); }, calls);
    const { jobs } = await publishBuild({
      library, material, outDir, channels: ['wordpress'], secrets, backoff: fast, maxAttempts: 3, createAdapter: async () => always,
    });
    expect(jobs[0]).toMatchObject({ status: 'failed', attempts: 3, error: { code: 'publish.gaveUp' } });
    expect(calls.n).toBe(3);

    const refused = scripted(async () => { throw new StudioError('publish.rejected', { channel: 'wordpress', status: 400, detail: 'bad' }); }, calls);
    const lib2 = await openedBuild();
    const second = await publishBuild({
      library: lib2.library, material: lib2.material, outDir: lib2.outDir, channels: ['wordpress'], secrets, backoff: fast, createAdapter: async () => refused,
    });
    expect(second.jobs[0]).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'publish.rejected', params: { status: 400 } } });
  });

  it('never publishes the same files twice, and retries a failed job from its saved remote ids', async () => {
    const { library, material, outDir, dir } = await openedBuild();
    const calls = { n: 0, states: [] as unknown[], credentials: [] as Record<string, string>[] };
    const adapter = scripted(async (ctx, n) => {
      if (n === 1) {
        await ctx.checkpoint({ postId: 42 });
        throw new StudioError('publish.rejected', { channel: 'wordpress', status: 400, detail: 'category missing' });
      }
    }, calls);
    const options = { library, material, outDir, channels: ['wordpress' as const], secrets, backoff: fast, createAdapter: async () => adapter };
    const first = await publishBuild(options);
    expect(first.jobs[0]?.status).toBe('failed');
    const second = await publishBuild(options);
    expect(second.jobs[0]).toMatchObject({ id: first.jobs[0]!.id, status: 'done' });
    expect(calls.states[1]).toEqual({ postId: 42 });
    const third = await publishBuild(options);
    expect(third.jobs).toEqual([]);
    expect(third.alreadyPublished.map((j) => j.id)).toEqual([first.jobs[0]!.id]);
    expect(calls.n).toBe(2);

    // The queue is on disk: a new process sees the same job, done.
    await library.close();
    open = await openLibrary(dir);
    const queue = await PublishQueue.open(dir);
    expect(queue.list().map((j) => [j.status, j.result?.url])).toEqual([['done', 'https://portal.example/vi']]);
  });

  it('resumes a job left running by a crash', async () => {
    const { library, material, outDir, dir } = await openedBuild();
    const calls = { n: 0, states: [] as unknown[], credentials: [] as Record<string, string>[] };
    const adapter = scripted(async () => {}, calls);
    // A previous process queued the job, checkpointed, and died while it was running.
    const crashed = scripted(async (ctx) => {
      await ctx.checkpoint({ mediaId: 7 });
      throw new Error('simulated crash');
    }, { n: 0, states: [], credentials: [] });
    await publishBuild({ library, material, outDir, channels: ['wordpress'], secrets, backoff: fast, createAdapter: async () => crashed });
    const queue = await PublishQueue.open(dir);
    const [job] = queue.list();
    await queue.update(job!.id, { status: 'running', error: null });
    await queue.close();
    const { jobs } = await publishBuild({ library, material, outDir, channels: ['wordpress'], secrets, backoff: fast, createAdapter: async () => adapter });
    expect(jobs.map((j) => j.id)).toEqual([job!.id]);
    expect(jobs[0]?.status).toBe('done');
    expect(calls.states).toEqual([{ mediaId: 7 }]);
  });
});
