import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryableError } from '../../../engine/publish/channel.js';
import { planChunks, TikTokAdapter, type TikTokOptions } from '../../../engine/publish/channels/tiktok/adapter.js';
import { StudioError } from '../../../engine/errors.js';
import { TikTokServer, type TikTokServerOptions } from './servers/tiktok.js';
import { context, fakeOutput, request, video, workspace, type Workspace } from './helpers.js';

const TOKEN = 'act.secret-tiktok-token-1234567890abcdef';
const MiB = 1024 * 1024;
const SIZE = 16 * MiB + 123;

let ws: Workspace;
let server: TikTokServer;

async function restart(options: TikTokServerOptions = {}) {
  await server?.close();
  server = await new TikTokServer(options).start();
  server.tokens.set(TOKEN, 'valid');
}

beforeEach(async () => {
  ws = await workspace();
  await restart();
});
afterEach(async () => {
  await server.close();
  await ws.cleanup();
});

const adapter = (o: TikTokOptions = {}) =>
  new TikTokAdapter({ chunkBytes: 5 * MiB, statusPollMs: 1, packageDir: path.join(ws.dir, 'packages'), ...o });
const creds = { accessToken: TOKEN };
const chunkNotes = () => server.hits.filter((h) => h.route === 'tt.chunk').map((h) => h.note);

describe('TikTok adapter', () => {
  it('follows TikTok chunk rules, including the documented 50,000,123-byte example', () => {
    expect(planChunks(50_000_123, 10_000_000)).toEqual({ chunkSize: 10_000_000, totalChunks: 5 });
    expect(planChunks(3 * MiB, 10 * MiB)).toEqual({ chunkSize: 3 * MiB, totalChunks: 1 });
    expect(planChunks(SIZE, 5 * MiB)).toEqual({ chunkSize: 5 * MiB, totalChunks: 3 });
    expect(planChunks(SIZE, 1 * MiB).chunkSize).toBe(5 * MiB); // never under the minimum
    const huge = planChunks(3.9 * 1024 ** 3, 5 * MiB);
    expect(huge.totalChunks).toBeLessThanOrEqual(1000);
    expect(3.9 * 1024 ** 3 - (huge.totalChunks - 1) * huge.chunkSize).toBeLessThanOrEqual(128e6);
  });

  it('direct-posts the 9:16 video in order, then polls until it is public', async () => {
    const tall = await video(ws, '9:16', SIZE);
    const req = await request([await video(ws, '16:9', 100_000), tall]);
    expect(adapter().preflight(req)).toEqual([]);
    const t = context(server.url, creds);
    const result = await adapter().publish(req, t.ctx);

    expect(server.posts).toHaveLength(1);
    const post = server.posts[0]!;
    expect(post.sha256).toBe(tall.output.sha256);
    expect(post.title).toBe(req.caption);
    expect(post.privacy).toBe('PUBLIC_TO_EVERYONE');
    expect(chunkNotes()).toEqual(['0', '1', '2']);
    expect(server.hits.filter((h) => h.route === 'tt.chunk').at(-1)!.contentRange).toBe(`bytes ${10 * MiB}-${SIZE - 1}/${SIZE}`);
    expect(result.url).toBe(`https://www.tiktok.com/@sotuphap.demo/video/${post.postId}`);
    expect(result.remoteIds).toEqual({ publishId: post.publishId, postId: post.postId });
    expect(t.checkpoints.map((c) => c['nextChunk']).filter((n, i, all) => n !== all[i - 1])).toEqual([0, 1, 2, 3]);
  });

  it('uploads a video under 5 MB whole, and sends inbox drafts without creator info', async () => {
    const small = await video(ws, '9:16', 3 * MiB);
    const result = await adapter({ mode: 'inbox' }).publish(await request([small]), context(server.url, creds).ctx);
    expect(server.hits.map((h) => h.route).filter((r) => r !== 'tt.status')).toEqual(['tt.initInbox', 'tt.chunk']);
    expect(server.posts[0]!.mode).toBe('inbox');
    expect(result.remoteIds['publishId']).toBe(server.posts[0]!.publishId);
  });

  it('retries on 429 with Retry-After and on 503, resuming from the chunk TikTok has', async () => {
    const file = await video(ws, '9:16', SIZE);
    const req = await request([file]);
    server.inject({ route: 'tt.init', kind: 'status', status: 429, retryAfter: 60, body: { error: { code: 'rate_limit_exceeded', message: 'slow down' } } });
    const a = context(server.url, creds);
    const e1 = await adapter().publish(req, a.ctx).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RetryableError);
    expect((e1 as RetryableError).retryAfterSec).toBe(60);

    server.inject({ route: 'tt.chunk', kind: 'status', status: 503, skip: 1 });
    const b = context(server.url, creds, a.saved());
    await expect(adapter().publish(req, b.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(b.saved()['nextChunk']).toBe(1);

    await adapter().publish(req, context(server.url, creds, b.saved()).ctx);
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0]!.sha256).toBe(file.output.sha256);
    expect(chunkNotes().filter((n) => !n?.startsWith('fault'))).toEqual(['0', '1', '2']);
    expect(server.hits.filter((h) => h.route === 'tt.init' && !h.note)).toHaveLength(1);
  });

  it('resumes after a reset mid-chunk at the last acknowledged chunk', async () => {
    const file = await video(ws, '9:16', SIZE);
    const req = await request([file]);
    server.inject({ route: 'tt.chunk', kind: 'reset', afterBytes: 1_000_000, skip: 2 });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(a.saved()['nextChunk']).toBe(2);
    const b = context(server.url, creds, a.saved());
    await adapter().publish(req, b.ctx);
    // Chunks 0 and 1 were acknowledged and are not sent again; the cut-off chunk 2 is.
    expect(chunkNotes()).toEqual(['0', '1', '2', '2']);
    expect(server.hits.filter((h) => h.route === 'tt.chunk').map((h) => h.bytes)).toEqual([5 * MiB, 5 * MiB, 1_000_000, 6 * MiB + 123]);
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0]!.sha256).toBe(file.output.sha256);
  });

  it('does not upload again when the answer to the last chunk was lost', async () => {
    const req = await request([await video(ws, '9:16', 11 * MiB)]);
    server.inject({ route: 'tt.chunk', kind: 'dropAnswer' });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    const b = context(server.url, creds, a.saved());
    const result = await adapter().publish(req, b.ctx);
    expect(server.posts).toHaveLength(1);
    expect(chunkNotes()).toEqual(['0', '1']);
    expect(result.remoteIds['postId']).toBe(server.posts[0]!.postId);
    const before = server.hits.length;
    expect(await adapter().publish(req, context(server.url, creds, b.saved()).ctx)).toEqual(result);
    expect(server.hits.length).toBe(before);
  });

  it('hands back to the queue while TikTok is still processing, then finishes', async () => {
    await restart({ processingPolls: 5 });
    const req = await request([await video(ws, '9:16', 3 * MiB)]);
    const a = context(server.url, creds);
    await expect(adapter({ statusPollLimit: 2 }).publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(a.saved()['uploaded']).toBe(true);
    await adapter().publish(req, context(server.url, creds, a.saved()).ctx);
    expect(server.posts).toHaveLength(1);
    expect(chunkNotes()).toEqual(['0']);
  });

  it('says to reconnect when the token expired, without the token in the error', async () => {
    server.tokens.set(TOKEN, 'expired');
    const error = await adapter().publish(await request([await video(ws, '9:16', 100_000)]), context(server.url, creds).ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('publish.tokenExpired');
    expect(`${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`).not.toContain(TOKEN);
  });

  it("checks the creator's privacy options and maximum duration", async () => {
    await restart({ privacyOptions: ['FOLLOWER_OF_CREATOR', 'SELF_ONLY'], maxDurationSec: 60 });
    const req = await request([await video(ws, '9:16', 100_000, 45)]);
    await expect(adapter().publish(req, context(server.url, creds).ctx)).rejects.toMatchObject({
      code: 'publish.tiktokPrivacyNotAllowed',
      params: { allowed: 'FOLLOWER_OF_CREATOR, SELF_ONLY' },
    });
    const long = await request([await video(ws, '9:16', 100_000, 95)]);
    await expect(adapter({ privacyLevel: 'SELF_ONLY' }).publish(long, context(server.url, creds).ctx)).rejects.toMatchObject({
      code: 'publish.tiktokTooLongForCreator',
      params: { seconds: 95, maxSeconds: 60 },
    });
    expect(server.hits.filter((h) => h.route === 'tt.init')).toHaveLength(0);
  });

  it('writes a ready-to-upload package when TikTok says the client is unaudited', async () => {
    await restart({ unaudited: true });
    const req = await request([await video(ws, '9:16', 200_000)]);
    const t = context(server.url, creds);
    const result = await adapter().publish(req, t.ctx);
    expect(server.posts).toHaveLength(0);
    expect(t.saved()['fallback']).toBe('notApproved');
    const readme = await readFile(path.join(result.packagePath!, 'HUONG-DAN.txt'), 'utf8');
    expect(readme).toContain('chưa được TikTok duyệt');
    expect(readme).toContain('"Tải lên"');
  });

  it('refuses before sending: wrong aspect, too long, caption too long, file too large', async () => {
    expect(adapter().preflight(await request([await video(ws, '16:9', 10_000)])).map((p) => p.code)).toEqual(['wrongAspect']);
    expect(adapter().preflight(await request([await video(ws, '9:16', 10_000, 11 * 60)])).map((p) => p.code)).toEqual(['videoTooLong']);
    const ok = await video(ws, '9:16', 10_000);
    expect(adapter().preflight(await request([ok], 'ư'.repeat(2201))).map((p) => p.code)).toEqual(['captionTooLong']);
    // A sparse 4.5 GB file: the size is real to stat, nothing is written.
    const big = await fakeOutput(ws, { variant: '9x16', path: 'video/vi/big-9x16.mp4', bytes: 1, width: 1080, height: 1920, durationSec: 30 });
    const handle = await open(big.absolutePath, 'r+');
    await handle.truncate(4.5 * 1024 ** 3);
    await handle.close();
    big.output.bytes = 4.5 * 1024 ** 3;
    expect(adapter().preflight(await request([big]))).toEqual([
      { code: 'fileTooLarge', params: { channel: 'tiktok', file: 'video/vi/big-9x16.mp4', sizeMb: 4831.8, maxMb: 4295 } },
    ]);
    expect(server.hits).toHaveLength(0);
  });
});
