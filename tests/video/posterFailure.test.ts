/**
 * The poster is drawn while the last chunks of the video encode and the
 * video is muxed (engine/formats/video/renderVideo.ts). When drawing it fails
 * there, the render fails with that error once the encode is done, and leaves
 * nothing: no video, share version, subtitles or poster in the output folder
 * (not even under a temporary name), and no ffmpeg still running.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it, vi } from 'vitest';
import { createVideoFormat } from '../../engine/formats/video/index.js';
import { testContext } from './context.js';
import { materialFrom, realSpeech, shortSampleText } from './fixtures.js';

/** What the poster saw when it was asked for, and when it failed. */
const seen = vi.hoisted(() => ({ asked: 0, ffmpegAtFailure: -1 }));

/** ffmpeg processes descended from this one (the render's encoder and muxes). */
function ffmpegChildren(): number {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,comm='], { encoding: 'utf8' });
  const rows = out.trim().split('\n').map((l) => l.trim().split(/\s+/)).map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm ?? '' }));
  const mine = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) if (!mine.has(r.pid) && mine.has(r.ppid)) { mine.add(r.pid); grew = true; }
  }
  return rows.filter((r) => mine.has(r.pid) && r.comm === 'ffmpeg').length;
}

vi.mock('../../engine/formats/video/capture.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/formats/video/capture.js')>();
  return {
    ...real,
    // Fails while the encoder still has chunks to write, as a browser that dies at that moment would. The ffmpegs
    // are counted when the poster is asked, before any await: the render ends the encoder's input only after that,
    // so its ffmpeg is running then on any machine (a count taken after a 50 ms wait raced the encode's end on a
    // busy CI machine).
    renderPoster: async () => {
      seen.asked++;
      seen.ffmpegAtFailure = ffmpegChildren();
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('the poster could not be drawn');
    },
  };
});

it('a poster that fails while the video is still encoding fails the render and leaves no file and no ffmpeg behind', async () => {
  const work = await mkdtemp(path.join(os.tmpdir(), 'video-poster-failure-'));
  // A cache of its own: chunks another test file kept would leave the encoder nothing to do when the poster fails.
  const userCache = process.env['LUAT_STUDIO_CACHE'];
  process.env['LUAT_STUDIO_CACHE'] = path.join(work, 'user-cache');
  const ctx = testContext({ material: await materialFrom(shortSampleText('[1:1]')), outDir: path.join(work, 'out') });
  try {
    const format = createVideoFormat({ engineFor: realSpeech(path.join(work, 'speech')), sizes: { '1:1': { width: 300, height: 300 } } });
    await expect(format.build(ctx)).rejects.toThrow('the poster could not be drawn');
    expect(seen.asked).toBe(1);
    // The encode was still running when the poster failed: the failure did not wait for a finished video.
    expect(seen.ffmpegAtFailure).toBeGreaterThan(0);
    const left = readdirSync(ctx.outDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);
    expect(left).toEqual([]);
    expect(ffmpegChildren()).toBe(0);
  } finally {
    await ctx.sharedTest.disposeAll();
    if (userCache === undefined) delete process.env['LUAT_STUDIO_CACHE'];
    else process.env['LUAT_STUDIO_CACHE'] = userCache;
    await rm(work, { recursive: true, force: true });
  }
}, 180_000);
