import { open, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryableError } from '../../../engine/publish/channel.js';
import { ZaloAdapter, type ZaloOptions } from '../../../engine/publish/channels/zalo/adapter.js';
import { StudioError } from '../../../engine/errors.js';
import { ZaloServer, type ZaloServerOptions } from './servers/zalo.js';
import { context, fakeOutput, request, video, workspace, type Workspace } from './helpers.js';

const TOKEN = 'zalo-oa-secret-token-abcdefghijklmnop';
const COVER = 'https://stp.example.gov.vn/media/bia-ket-hon.jpg';

let ws: Workspace;
let server: ZaloServer;

async function restart(options: ZaloServerOptions = {}) {
  await server?.close();
  server = await new ZaloServer(options).start();
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

const adapter = (o: Partial<ZaloOptions> = {}) =>
  new ZaloAdapter({ oaId: '4318775591258128370', author: 'Sở Tư pháp', coverPhotoUrl: COVER, pollMs: 1, packageDir: path.join(ws.dir, 'packages'), ...o });
const creds = { accessToken: TOKEN };

describe('Zalo OA adapter', () => {
  it('uploads the 16:9 video, waits for the conversion, then creates and verifies a video article', async () => {
    const wide = await video(ws, '16:9', 3_000_000);
    const req = await request([await video(ws, '9:16', 100_000), wide]);
    expect(adapter().preflight(req)).toEqual([]);
    const t = context(server.url, creds);
    const result = await adapter().publish(req, t.ctx);

    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(wide.output.sha256);
    expect(server.articles).toHaveLength(1);
    const article = server.articles[0]!;
    expect(article).toMatchObject({ type: 'video', title: req.material.title.text, description: req.caption, videoId: server.videos[0]!.videoId });
    expect(result).toEqual({ url: 'https://zalo.me/4318775591258128370', remoteIds: { articleId: article.id, oaId: '4318775591258128370' } });
    expect(server.hits.map((h) => h.route)).toEqual(['zl.video', 'zl.videoVerify', 'zl.videoVerify', 'zl.create', 'zl.verify']);
    expect(Object.keys(t.saved()).sort()).toEqual(['articleId', 'articleToken', 'createStartedAt', 'videoId', 'videoToken']);
  });

  it('creates a normal article for an infographic, with the image by its public URL and its description as caption', async () => {
    const altText = 'Kết hôn đúng tuổi, đăng ký đúng luật. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi. Căn cứ: Điều 8, 52/2014/QH13.';
    const feed = await fakeOutput(ws, { format: 'infographic', variant: 'feed', path: 'infographic/vi/x-feed.png', bytes: 300_000, width: 1080, height: 1350, altText });
    const req = await request([feed]);
    const url = 'https://stp.example.gov.vn/media/x-feed.png';
    await adapter({ imageUrls: { [feed.output.path]: url } }).publish(req, context(server.url, creds).ctx);
    expect(server.videos).toHaveLength(0);
    expect(server.articles[0]).toMatchObject({ type: 'normal', body: [{ type: 'image', url, caption: altText }, { type: 'text', content: req.caption }] });
  });

  it('retries on 429 and 500 without uploading the video twice', async () => {
    const req = await request([await video(ws, '16:9', 500_000)]);
    server.inject({ route: 'zl.video', kind: 'status', status: 429, retryAfter: 12 });
    server.inject({ route: 'zl.create', kind: 'status', status: 500 });
    const a = context(server.url, creds);
    const e1 = await adapter().publish(req, a.ctx).catch((e: unknown) => e);
    expect((e1 as RetryableError).retryAfterSec).toBe(12);
    const b = context(server.url, creds, a.saved());
    await expect(adapter().publish(req, b.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(b.saved()['videoId']).toBeTruthy();
    await adapter().publish(req, context(server.url, creds, b.saved()).ctx);
    expect(server.videos).toHaveLength(1);
    expect(server.articles).toHaveLength(1);
    expect(server.hits.filter((h) => h.route === 'zl.video' && !h.note)).toHaveLength(1);
  });

  it('sends an interrupted video again whole (Zalo has no resumable upload) and keeps later steps once', async () => {
    const file = await video(ws, '16:9', 2_000_000);
    const req = await request([file]);
    server.inject({ route: 'zl.video', kind: 'reset', afterBytes: 700_000 });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(a.saved()['videoToken']).toBeUndefined();
    await adapter().publish(req, context(server.url, creds, a.saved()).ctx);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
    expect(server.articles).toHaveLength(1);
  });

  it('finds the article instead of creating a second one when the create answer was lost', async () => {
    const req = await request([await video(ws, '16:9', 400_000)]);
    server.inject({ route: 'zl.create', kind: 'dropAnswer' });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    const b = context(server.url, creds, a.saved());
    const result = await adapter().publish(req, b.ctx);
    expect(server.articles).toHaveLength(1);
    const before = server.hits.length;
    expect(await adapter().publish(req, context(server.url, creds, b.saved()).ctx)).toEqual(result);
    expect(server.hits.length).toBe(before);
    expect(result.remoteIds['articleId']).toBe(server.articles[0]!.id);
    expect(server.hits.filter((h) => h.route === 'zl.video')).toHaveLength(1);
    expect(server.hits.filter((h) => h.route === 'zl.slice')).toHaveLength(1);
  });

  it('waits while Zalo processes the article (-214)', async () => {
    await restart({ processingPolls: 2 });
    await adapter().publish(await request([await video(ws, '16:9', 100_000)]), context(server.url, creds).ctx);
    expect(server.hits.filter((h) => h.route === 'zl.verify')).toHaveLength(3);
  });

  it('says to reconnect when the token expired, without the token in the error', async () => {
    server.tokens.set(TOKEN, 'expired');
    const error = await adapter().publish(await request([await video(ws, '16:9', 100_000)]), context(server.url, creds).ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('publish.tokenExpired');
    expect(`${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`).not.toContain(TOKEN);
  });

  it('writes a ready-to-upload package when Zalo refuses the OA for this API', async () => {
    await restart({ createError: -221 });
    const file = await video(ws, '16:9', 100_000);
    const t = context(server.url, creds);
    const result = await adapter().publish(await request([file]), t.ctx);
    expect(server.articles).toHaveLength(0);
    expect(t.saved()['fallback']).toBe('notApproved');
    expect((await readdir(result.packagePath!)).sort()).toEqual(['HUONG-DAN.txt', path.basename(file.absolutePath), 'noi-dung-bai-dang.txt', 'tieu-de.txt'].sort());
  });

  it('refuses before sending: caption, title, size, image URL and settings', async () => {
    const ok = await video(ws, '16:9', 10_000);
    expect(adapter().preflight(await request([ok], 'ơ'.repeat(301))).map((p) => p.code)).toEqual(['captionTooLong']);
    const req = await request([ok]);
    const longTitle = { ...req, material: { ...req.material, title: { ...req.material.title, text: 'Luật '.repeat(31) } } };
    expect(adapter().preflight(longTitle).map((p) => p.code)).toEqual(['titleTooLong']);
    expect(adapter({ coverPhotoUrl: '' }).preflight(req)).toEqual([{ code: 'settingMissing', params: { channel: 'zalo', setting: 'coverPhotoUrl' } }]);
    const big = await fakeOutput(ws, { variant: '16x9', path: 'video/vi/big-16x9.mp4', bytes: 1, width: 1920, height: 1080, durationSec: 30 });
    const handle = await open(big.absolutePath, 'r+');
    await handle.truncate(60_000_000);
    await handle.close();
    big.output.bytes = 60_000_000;
    expect(adapter().preflight(await request([big])).map((p) => p.code)).toEqual(['fileTooLarge']);
    const image = await fakeOutput(ws, { format: 'infographic', variant: 'square', path: 'infographic/vi/x-square.png', bytes: 1_200_000, width: 1080, height: 1080 });
    expect(adapter().preflight(await request([image])).map((p) => p.code)).toEqual(['imageTooLarge', 'imageNeedsPublicUrl']);
    expect(server.hits).toHaveLength(0);
  });
});
