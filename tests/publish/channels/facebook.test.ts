import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryableError } from '../../../engine/publish/channel.js';
import { FacebookAdapter } from '../../../engine/publish/channels/facebook/adapter.js';
import { StudioError } from '../../../engine/errors.js';
import { FacebookServer } from './servers/facebook.js';
import { context, fakeOutput, request, sha256, video, workspace, type Workspace } from './helpers.js';

const PAGE_TOKEN = 'EAAPageToken-secret-1234567890';
const USER_TOKEN = 'EAAUserToken-secret-0987654321';
const credentials = { pageAccessToken: PAGE_TOKEN, userAccessToken: USER_TOKEN };

let ws: Workspace;
let server: FacebookServer;

beforeEach(async () => {
  ws = await workspace();
  server = await new FacebookServer({ appId: '584544743160774', pageId: '1755847768034402' }).start();
  server.tokens.set(PAGE_TOKEN, 'valid');
  server.tokens.set(USER_TOKEN, 'valid');
});
afterEach(async () => {
  await server.close();
  await ws.cleanup();
});

const adapter = (extra: Partial<ConstructorParameters<typeof FacebookAdapter>[0]> = {}) =>
  new FacebookAdapter({ pageId: '1755847768034402', appId: '584544743160774', packageDir: path.join(ws.dir, 'packages'), ...extra });

describe('Facebook Page adapter', () => {
  it('uploads the square video through the Resumable Upload API and publishes it once', async () => {
    const wide = await video(ws, '16:9', 300_000);
    const square = await video(ws, '1:1', 3_000_000);
    const tall = await video(ws, '9:16', 300_000);
    const req = await request([wide, tall, square]);
    const fb = adapter();
    expect(fb.preflight(req)).toEqual([]);
    const t = context(server.url, credentials);
    const result = await fb.publish(req, t.ctx);

    expect(server.videos).toHaveLength(1);
    const created = server.videos[0]!;
    expect(created.sha256).toBe(square.output.sha256);
    expect(created.title).toBe(req.material.title.text);
    expect(created.description).toBe(req.caption);
    expect(result.remoteIds['videoId']).toBe(created.id);
    expect(result.url).toBe(`https://www.facebook.com/1755847768034402/videos/${created.id}`);
    // One session, every byte sent exactly once, starting at offset 0.
    const transfers = server.hits.filter((h) => h.route === 'fb.transfer');
    expect(transfers.map((h) => [h.note, h.bytes])).toEqual([['0', 3_000_000]]);
    expect(t.checkpoints.map((c) => Object.keys(c).sort().join(','))).toContain('uploadSession');
    expect(t.saved()['fileHandle']).toMatch(/^2:/);
    expect(t.progress.at(-1)).toEqual([3_000_000, 3_000_000]);
  });

  it('posts a 4:5 infographic as a photo with the caption and the picture\'s alternative text', async () => {
    const altText = 'Kết hôn đúng tuổi. 1. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.';
    const feed = await fakeOutput(ws, { format: 'infographic', variant: 'feed', path: 'infographic/vi/x-feed.png', bytes: 200_000, width: 1080, height: 1350, altText });
    const req = await request([feed]);
    const result = await adapter().publish(req, context(server.url, credentials).ctx);
    expect(server.photos).toHaveLength(1);
    expect(server.photos[0]!.message).toBe(req.caption);
    expect(server.photos[0]!.altText).toBe(altText);
    expect(server.photos[0]!.bytes).toBe(200_000);
    expect(result.url).toBe(`https://www.facebook.com/${server.photos[0]!.postId}`);
  });

  it('turns 429 and 503 into RetryableError and resumes without redoing acknowledged steps', async () => {
    const req = await request([await video(ws, '16:9', 1_000_000)]);
    server.inject({ route: 'fb.session', kind: 'status', status: 429, retryAfter: 7, body: { error: { message: 'Too many calls', code: 4 } } });
    server.inject({ route: 'fb.videos', kind: 'status', status: 503 });
    const first = context(server.url, credentials);
    const e1 = await adapter().publish(req, first.ctx).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RetryableError);
    expect((e1 as RetryableError).retryAfterSec).toBe(7);

    const second = context(server.url, credentials, first.saved());
    const e2 = await adapter().publish(req, second.ctx).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(RetryableError);
    expect(second.saved()['fileHandle']).toBeTruthy();

    const third = context(server.url, credentials, second.saved());
    await adapter().publish(req, third.ctx);
    expect(server.videos).toHaveLength(1);
    expect(server.hits.filter((h) => h.route === 'fb.session' && !h.note)).toHaveLength(1);
    expect(server.hits.filter((h) => h.route === 'fb.transfer')).toHaveLength(1);
  });

  it('resumes an interrupted upload at the offset the server acknowledged', async () => {
    const file = await video(ws, '16:9', 4_000_000);
    const req = await request([file]);
    server.inject({ route: 'fb.transfer', kind: 'reset', afterBytes: 1_500_000 });
    const first = context(server.url, credentials);
    await expect(adapter().publish(req, first.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(first.saved()['uploadSession']).toBeTruthy();
    expect(first.saved()['fileHandle']).toBeUndefined();

    const second = context(server.url, credentials, first.saved());
    await adapter().publish(req, second.ctx);
    const transfers = server.hits.filter((h) => h.route === 'fb.transfer');
    // The second request starts where the first stopped: no byte before 1,500,000 is sent again.
    expect(transfers.map((h) => [h.note, h.bytes])).toEqual([['0', 1_500_000], ['1500000', 2_500_000]]);
    expect(server.hits.filter((h) => h.route === 'fb.status')).toHaveLength(1);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
  });

  it('opens a new upload session when the old one has expired', async () => {
    const file = await video(ws, '16:9', 2_000_000);
    const req = await request([file]);
    server.inject({ route: 'fb.transfer', kind: 'reset', afterBytes: 500_000 });
    const first = context(server.url, credentials);
    await expect(adapter().publish(req, first.ctx)).rejects.toBeInstanceOf(RetryableError);
    server.sessions.clear();
    await adapter().publish(req, context(server.url, credentials, first.saved()).ctx);
    expect(server.hits.filter((h) => h.route === 'fb.session')).toHaveLength(2);
    expect(server.hits.filter((h) => h.route === 'fb.transfer').map((h) => h.note)).toEqual(['0', '0']);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
  });

  it('never creates a second video when the publish answer was lost', async () => {
    const req = await request([await video(ws, '1:1', 500_000)]);
    server.inject({ route: 'fb.videos', kind: 'dropAnswer' });
    const first = context(server.url, credentials);
    await expect(adapter().publish(req, first.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(server.videos).toHaveLength(1);
    const second = context(server.url, credentials, first.saved());
    const result = await adapter().publish(req, second.ctx);
    expect(server.videos).toHaveLength(1);
    expect(result.remoteIds['videoId']).toBe(server.videos[0]!.id);
    expect(server.hits.filter((h) => h.route === 'fb.listVideos')).toHaveLength(1);
    // Done means done: a third call sends nothing.
    const before = server.hits.length;
    await adapter().publish(req, context(server.url, credentials, second.saved()).ctx);
    expect(server.hits.length).toBe(before);
  });

  it('says to reconnect when the token expired, without the token in the error', async () => {
    server.tokens.set(USER_TOKEN, 'expired');
    server.tokens.set(PAGE_TOKEN, 'expired');
    const req = await request([await video(ws, '1:1', 100_000)]);
    const error = await adapter().publish(req, context(server.url, credentials).ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('publish.tokenExpired');
    expect((error as StudioError).params).toEqual({ channel: 'facebook' });
    const shown = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`;
    expect(shown).not.toContain(PAGE_TOKEN);
    expect(shown).not.toContain(USER_TOKEN);
  });

  it('redacts a token the platform echoes in an error', async () => {
    await server.close();
    server = await new FacebookServer({ appId: '584544743160774', pageId: '1755847768034402', maxPhotoBytes: 1000 }).start();
    server.tokens.set(PAGE_TOKEN, 'valid');
    const photo = await fakeOutput(ws, { format: 'infographic', variant: 'square', path: 'infographic/vi/x-square.png', bytes: 5000, width: 1080, height: 1080 });
    const error = await adapter().publish(await request([photo]), context(server.url, credentials).ctx).catch((e: unknown) => e);
    expect((error as StudioError).code).toBe('publish.rejected');
    const detail = String((error as StudioError).params['detail']);
    expect(detail).toContain('too large');
    expect(detail).toContain('[redacted]');
    expect(JSON.stringify(error)).not.toContain(PAGE_TOKEN);
  });

  it('refuses before sending: too long, too large, wrong aspect, caption too long', async () => {
    const long = await video(ws, '1:1', 10_000, 5 * 60 * 60);
    expect(adapter().preflight(await request([long])).map((p) => p.code)).toEqual(['videoTooLong']);
    const bigPhoto = await fakeOutput(ws, { format: 'infographic', variant: 'square', path: 'i/big.png', bytes: 4_100_000, width: 1080, height: 1080 });
    expect(adapter().preflight(await request([bigPhoto])).map((p) => p.code)).toEqual(['imageTooLarge']);
    const tall = await video(ws, '9:16', 10_000);
    const wrong = adapter().preflight(await request([tall]));
    expect(wrong).toEqual([{ code: 'wrongAspect', params: { channel: 'facebook', language: 'vi', found: '9:16', wanted: '1:1, 16:9, 4:5' } }]);
    const ok = await video(ws, '16:9', 10_000);
    expect(adapter().preflight(await request([ok], 'x'.repeat(63_207))).map((p) => p.code)).toEqual(['captionTooLong']);
    await expect(adapter().publish(await request([tall]), context(server.url, credentials).ctx)).rejects.toMatchObject({ code: 'publish.preflightFailed' });
    expect(server.hits).toHaveLength(0);
  });

  it('writes a ready-to-upload package when the app is not approved', async () => {
    const file = await video(ws, '1:1', 200_000);
    const req = await request([file]);
    const result = await adapter({ appApproved: false }).publish(req, context(server.url, credentials).ctx);
    expect(server.hits).toHaveLength(0);
    expect(result.url).toBe(pathToFileURL(result.packagePath!).href);
    expect(path.dirname(result.packagePath!)).toBe(path.join(ws.dir, 'packages'));
    const names = (await readdir(result.packagePath!)).sort();
    expect(names).toEqual(['HUONG-DAN.txt', path.basename(file.absolutePath), 'noi-dung-bai-dang.txt'].sort());
    expect(await readFile(path.join(result.packagePath!, 'noi-dung-bai-dang.txt'), 'utf8')).toBe(`${req.caption}\n`);
    const readme = await readFile(path.join(result.packagePath!, 'HUONG-DAN.txt'), 'utf8');
    expect(readme).toContain('GÓI ĐĂNG TẢI THỦ CÔNG — Facebook');
    expect(readme).toContain('Tạo bài viết');
    // Checked with Info-ZIP's unzip, as a publisher's tools would read it.
    const zip = result.remoteIds['packageZip']!;
    expect(execFileSync('unzip', ['-tq', zip], { encoding: 'utf8' })).toContain('No errors');
    const listed = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listed).toEqual(names);
    expect(sha256(execFileSync('unzip', ['-p', zip, path.basename(file.absolutePath)], { maxBuffer: 16 * 1024 * 1024 }))).toBe(file.output.sha256);
    expect(execFileSync('unzip', ['-p', zip, 'noi-dung-bai-dang.txt'], { encoding: 'utf8' })).toBe(`${req.caption}\n`);
  });

  it('falls back to the package when Graph answers that the permission is not approved', async () => {
    await server.close();
    server = await new FacebookServer({ appId: '584544743160774', pageId: '1755847768034402', appApproved: false }).start();
    server.tokens.set(PAGE_TOKEN, 'valid');
    server.tokens.set(USER_TOKEN, 'valid');
    const req = await request([await video(ws, '1:1', 200_000)]);
    const t = context(server.url, credentials);
    const result = await adapter().publish(req, t.ctx);
    expect(server.videos).toHaveLength(0);
    expect(t.saved()['fallback']).toBe('notApproved');
    expect(await readFile(path.join(result.packagePath!, 'HUONG-DAN.txt'), 'utf8')).toContain('chưa được Facebook duyệt');
  });
});
