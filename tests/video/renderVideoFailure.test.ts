/**
 * A render that fails while it plans (before any capture) leaves nothing
 * behind: no listener on the build's signal (a build renders many videos
 * with one signal), no folder in its work folder.
 */
import { getEventListeners } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { VideoBrowser } from '../../engine/formats/video/capture.js';
import type { PictureCache } from '../../engine/formats/video/pictureCache.js';
import { renderVideo } from '../../engine/formats/video/renderVideo.js';
import { demoPlan } from '../../templates/video/demoPlan.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'render-video-failure-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('a render whose planning fails removes its abort listener from the build\'s signal and leaves its work folder empty', async () => {
  const build = new AbortController();
  const before = getEventListeners(build.signal, 'abort').length;
  // The shared picture cache fails when asked what it keeps (a disk gone under it).
  const broken = { has: () => { throw new Error('disk gone'); } } as unknown as PictureCache;
  const workDir = path.join(dir, 'work');
  const out = path.join(dir, 'out');
  const render = renderVideo({
    bundle: { dir: path.join(dir, 'no-bundle') } as never,
    browser: {} as VideoBrowser,
    plan: demoPlan('1:1'),
    soundtrack: Promise.resolve(path.join(dir, 'none.m4a')),
    tracks: [],
    files: { mp4: path.join(out, 'v.mp4'), srt: path.join(out, 'v.srt'), vtt: path.join(out, 'v.vtt'), poster: path.join(out, 'v.png') },
    workDir,
    jpegQuality: 80,
    pictures: broken,
    signal: build.signal,
    onProgress: () => undefined,
  });
  await expect(render).rejects.toThrow('disk gone');
  expect(getEventListeners(build.signal, 'abort').length).toBe(before);
  expect(await readdir(workDir).catch(() => [])).toEqual([]);
  expect(await readdir(out)).toEqual([]);
});
