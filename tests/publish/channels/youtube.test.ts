import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RetryableError } from '../../../engine/publish/channel.js';
import { YouTubeAdapter, type YouTubeOptions } from '../../../engine/publish/channels/youtube/adapter.js';
import { StudioError } from '../../../engine/errors.js';
import { YouTubeServer } from './servers/youtube.js';
import { context, fakeOutput, request, video, workspace, type Workspace } from './helpers.js';

const TOKEN = 'ya29.a0AfB-secret-youtube-token';
const UNIT = 256 * 1024;
const SIZE = 5 * UNIT + 1000;

let ws: Workspace;
let server: YouTubeServer;

beforeEach(async () => {
  ws = await workspace();
  server = await new YouTubeServer().start();
  server.tokens.set(TOKEN, 'valid');
});
afterEach(async () => {
  await server.close();
  await ws.cleanup();
});

const adapter = (o: YouTubeOptions = {}) => new YouTubeAdapter({ chunkBytes: UNIT, packageDir: path.join(ws.dir, 'packages'), ...o });
const creds = { accessToken: TOKEN };

async function subtitles(language: string, ext: '.srt' | '.vtt') {
  const content = Buffer.from(ext === '.srt' ? `1\n00:00:00,000 --> 00:00:02,000\nXin chào (${language})\n` : `WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào (${language})\n`);
  return fakeOutput(ws, { variant: `16x9${ext}`, language, path: `video/${language}/ket-hon-16x9${ext}`, bytes: content.length, content, durationSec: 95 });
}

/** Starts of the chunks the server received, in order. */
const chunkStarts = () => server.hits.filter((h) => h.route === 'yt.chunk' && !h.note?.startsWith('fault')).map((h) => Number(h.note));

describe('YouTube adapter', () => {
  it('uploads the 16:9 video in 256 KiB chunks, then one caption track per language', async () => {
    const wide = await video(ws, '16:9', SIZE);
    const tall = await video(ws, '9:16', 100_000);
    const req = await request([tall, wide, await subtitles('vi', '.srt'), await subtitles('vi', '.vtt'), await subtitles('en', '.srt')]);
    expect(adapter().preflight(req)).toEqual([]);
    const t = context(server.url, creds);
    const result = await adapter().publish(req, t.ctx);

    expect(server.videos).toHaveLength(1);
    const v = server.videos[0]!;
    expect(v.sha256).toBe(wide.output.sha256);
    expect(v.title).toBe(req.material.title.text);
    expect(v.description).toBe(req.caption);
    expect(v.privacyStatus).toBe('public');
    expect(result.url).toBe(`https://www.youtube.com/watch?v=${v.id}`);
    expect(chunkStarts()).toEqual([0, 1, 2, 3, 4, 5].map((i) => i * UNIT));
    const ranges = server.hits.filter((h) => h.route === 'yt.chunk').map((h) => h.contentRange);
    expect(ranges.at(-1)).toBe(`bytes ${5 * UNIT}-${SIZE - 1}/${SIZE}`);
    expect(server.captions.map((c) => [c.videoId, c.language]).sort()).toEqual([[v.id, 'en'], [v.id, 'vi']]);
    expect(server.captions.find((c) => c.language === 'vi')!.content).toContain('00:00:00,000 --> 00:00:02,000');
    expect(Object.keys(result.remoteIds).sort()).toEqual(['caption:en', 'caption:vi', 'videoId']);
    // An offset is checkpointed after every acknowledged chunk.
    const offsets = t.checkpoints.map((c) => c['offset']).filter((o, i, all) => o !== undefined && o !== all[i - 1]);
    expect(offsets).toEqual([0, ...[1, 2, 3, 4, 5].map((i) => i * UNIT)]);
  });

  it('publishes a Short from the 9:16 variant', async () => {
    const req = await request([await video(ws, '16:9', 50_000, 60), await video(ws, '9:16', 50_000, 60)]);
    const result = await adapter({ shorts: true }).publish(req, context(server.url, creds).ctx);
    expect(result.url).toMatch(/^https:\/\/www\.youtube\.com\/shorts\//);
    expect(server.videos).toHaveLength(1);
  });

  it('retries on 429 (Retry-After) and 500, continuing from the acknowledged offset', async () => {
    const file = await video(ws, '16:9', SIZE);
    const req = await request([file]);
    server.inject({ route: 'yt.start', kind: 'status', status: 429, retryAfter: 30 });
    const a = context(server.url, creds);
    const e1 = await adapter().publish(req, a.ctx).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(RetryableError);
    expect((e1 as RetryableError).retryAfterSec).toBe(30);

    // The third chunk gets a 500.
    server.inject({ route: 'yt.chunk', kind: 'status', status: 500, skip: 2 });
    const b = context(server.url, creds, a.saved());
    await expect(adapter().publish(req, b.ctx)).rejects.toBeInstanceOf(RetryableError);
    const c = context(server.url, creds, b.saved());
    const result = await adapter().publish(req, c.ctx);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
    expect(result.remoteIds['videoId']).toBe(server.videos[0]!.id);
    expect(server.hits.filter((h) => h.route === 'yt.start' && !h.note)).toHaveLength(1);
    expect(server.hits.filter((h) => h.route === 'yt.query')).toHaveLength(1);
    expect(chunkStarts()).toEqual([0, 1, 2, 3, 4, 5].map((i) => i * UNIT));
  });

  it('resumes after a reset mid-chunk from the last acknowledged chunk, never re-sending earlier ones', async () => {
    const file = await video(ws, '16:9', SIZE);
    const req = await request([file]);
    // Two chunks go through, the third is cut off after 100 KB.
    server.inject({ route: 'yt.chunk', kind: 'reset', afterBytes: 100_000, skip: 2 });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(a.saved()['offset']).toBe(2 * UNIT);

    const b = context(server.url, creds, a.saved());
    await adapter().publish(req, b.ctx);
    const starts = chunkStarts();
    expect(starts).toEqual([0, UNIT, 2 * UNIT, 2 * UNIT, 3 * UNIT, 4 * UNIT, 5 * UNIT]);
    const resumedAt = starts.indexOf(2 * UNIT) + 1;
    expect(Math.min(...starts.slice(resumedAt))).toBe(2 * UNIT);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
  });

  it('starts a new session when Google no longer knows the old one (404)', async () => {
    const file = await video(ws, '16:9', SIZE);
    const req = await request([file]);
    server.inject({ route: 'yt.chunk', kind: 'reset', afterBytes: 1000, skip: 1 });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    server.uploads.clear();
    await adapter().publish(req, context(server.url, creds, a.saved()).ctx);
    expect(server.hits.filter((h) => h.route === 'yt.start')).toHaveLength(2);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
  });

  it('stops on cancel and continues later from the saved offset', async () => {
    const file = await video(ws, '16:9', SIZE);
    const req = await request([file]);
    const a = context(server.url, creds);
    a.ctx.progress = (done) => {
      if (done >= 3 * UNIT) a.abort();
    };
    await expect(adapter().publish(req, a.ctx)).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.videos).toHaveLength(0);
    const saved = a.saved()['offset'] as number;
    expect(saved).toBeGreaterThanOrEqual(3 * UNIT);

    const b = context(server.url, creds, a.saved());
    await adapter().publish(req, b.ctx);
    const starts = chunkStarts();
    // Every chunk start appears once: nothing acknowledged before the cancel was sent again.
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts).toContain(saved);
    expect(server.videos).toHaveLength(1);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
  });

  it('honours a Range shorter than the chunk it sent', async () => {
    const file = await video(ws, '16:9', SIZE);
    server.keepOfNextChunk = 100_000;
    await adapter().publish(await request([file]), context(server.url, creds).ctx);
    expect(chunkStarts().slice(0, 3)).toEqual([0, 100_000, 100_000 + UNIT]);
    expect(server.videos[0]!.sha256).toBe(file.output.sha256);
  });

  it('learns the video id from a status query when the final answer was lost: one video only', async () => {
    const file = await video(ws, '16:9', 2 * UNIT + 10);
    const req = await request([file, await subtitles('vi', '.srt')]);
    // The server creates the video on the last chunk, then the socket closes before the answer.
    server.inject({ route: 'yt.chunk', kind: 'dropAnswer' });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    expect(server.videos).toHaveLength(1);
    const b = context(server.url, creds, a.saved());
    const result = await adapter().publish(req, b.ctx);
    expect(server.videos).toHaveLength(1);
    expect(result.remoteIds['videoId']).toBe(server.videos[0]!.id);
    expect(server.captions).toHaveLength(1);
    // Done means done: calling again with the final state sends nothing.
    const before = server.hits.length;
    expect(await adapter().publish(req, context(server.url, creds, b.saved()).ctx)).toEqual(result);
    expect(server.hits.length).toBe(before);
  });

  it('does not insert a caption twice when its answer was lost', async () => {
    const req = await request([await video(ws, '16:9', 10_000), await subtitles('vi', '.srt'), await subtitles('en', '.srt')]);
    server.inject({ route: 'yt.caption', kind: 'dropAnswer' });
    const a = context(server.url, creds);
    await expect(adapter().publish(req, a.ctx)).rejects.toBeInstanceOf(RetryableError);
    await adapter().publish(req, context(server.url, creds, a.saved()).ctx);
    expect(server.captions.map((c) => c.language).sort()).toEqual(['en', 'vi']);
    expect(server.hits.filter((h) => h.route === 'yt.listCaptions')).toHaveLength(1);
  });

  it('says to reconnect when the token expired, without the token in the error', async () => {
    server.tokens.set(TOKEN, 'expired');
    const error = await adapter().publish(await request([await video(ws, '16:9', 10_000)]), context(server.url, creds).ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('publish.tokenExpired');
    expect(`${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`).not.toContain(TOKEN);
  });

  it('refuses before sending: too long, wrong aspect, title and description limits', async () => {
    const long = await video(ws, '16:9', 10_000, 16 * 60);
    expect(adapter().preflight(await request([long])).map((p) => p.code)).toEqual(['videoTooLong']);
    expect(adapter({ verifiedChannel: true }).preflight(await request([long]))).toEqual([]);
    const tall = await video(ws, '9:16', 10_000);
    expect(adapter().preflight(await request([tall])).map((p) => p.code)).toEqual(['wrongAspect']);
    const ok = await video(ws, '16:9', 10_000);
    const description = 'Điều kiện kết hôn '.repeat(250); // 4,500 characters, over 5,000 bytes in UTF-8
    expect([...description].length).toBeLessThan(5000);
    expect(adapter().preflight(await request([ok], description)).map((p) => p.code)).toEqual(['captionTooLongBytes']);
    const req = await request([ok]);
    const longTitle = { ...req, material: { ...req.material, title: { ...req.material.title, text: 'Kết hôn '.repeat(15) } } };
    expect(adapter().preflight(longTitle).map((p) => p.code)).toEqual(['titleTooLong']);
    expect(server.hits).toHaveLength(0);
  });

  it('writes a package with the video, subtitles and title when the app is not approved', async () => {
    const file = await video(ws, '16:9', 20_000);
    const srt = await subtitles('vi', '.srt');
    const req = await request([file, srt]);
    const result = await adapter({ appApproved: false }).publish(req, context(server.url, creds).ctx);
    expect(server.hits).toHaveLength(0);
    expect((await readdir(result.packagePath!)).sort()).toEqual(
      ['HUONG-DAN.txt', path.basename(file.absolutePath), path.basename(srt.absolutePath), 'noi-dung-bai-dang.txt', 'tieu-de.txt'].sort(),
    );
    expect(await readFile(path.join(result.packagePath!, 'tieu-de.txt'), 'utf8')).toBe(`${req.material.title.text}\n`);
    expect(await readFile(path.join(result.packagePath!, 'HUONG-DAN.txt'), 'utf8')).toContain('YouTube Studio');
  });
});
