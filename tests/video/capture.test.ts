/**
 * Our capture loop (engine/formats/video/capture.ts) drives Remotion's page
 * through the globals Remotion's own renderer drives. These tests hold it to
 * Remotion: each picture must be the one Remotion's renderStill draws for the
 * same frame, with both kinds of browser the studio uses (the headless shell
 * drawn frame by frame, a whole browser with screenshots), so a change of
 * that protocol in a Remotion upgrade fails here rather than in users' videos.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openBrowser, renderStill } from '@remotion/renderer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledError } from '../../engine/errors.js';
import { captureFrames, closeVideoBrowser, launchVideoBrowser, renderPoster } from '../../engine/formats/video/capture.js';
import { closeCapturePage } from '../../engine/formats/video/capturePage.js';
import { scheduleShots } from '../../engine/formats/video/frameSchedule.js';
import { cachedOrNewBundle, type RemotionBundle } from '../../engine/formats/video/remotion.js';
import { findVideoChromium } from '../../engine/render/chromium.js';
import { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID, compositionMetadata } from '../../templates/video/compositionIds.js';
import { demoPlan } from '../../templates/video/demoPlan.js';
import type { VideoPlan } from '../../templates/video/plan.js';
import { framePsnr, SAME_PICTURE_DB } from './fixtures.js';

let bundle: RemotionBundle;
let dir: string;
const plan: VideoPlan = demoPlan('1:1');
// Four distinct pictures of the demo: its first frames of talking, blinking and moving.
const frames = scheduleShots({ ...plan, captions: [] }).pictures.slice(1, 5).map((p) => p.frame);

beforeAll(async () => {
  bundle = await cachedOrNewBundle();
  dir = await mkdtemp(path.join(os.tmpdir(), 'video-capture-test-'));
}, 180_000);

/** Remotion's own browser for each executable, opened once for the file (renderStill alone opens and closes one per still). */
const remotionBrowsers = new Map<string, ReturnType<typeof openBrowser>>();
const chromeModeOf = (executable: string) => (/headless[-_]shell/.test(executable) ? 'headless-shell' : 'chrome-for-testing');

afterAll(async () => {
  for (const browser of remotionBrowsers.values()) await (await browser).close({ silent: true });
  await rm(dir, { recursive: true, force: true });
});

/** What Remotion itself draws for the frame, with the same browser. */
async function remotionStill(executable: string, id: string, frame: number, props: { plan: VideoPlan }, out: string, imageFormat: 'jpeg' | 'png'): Promise<void> {
  let browser = remotionBrowsers.get(executable);
  if (!browser) {
    browser = openBrowser('chrome', { browserExecutable: executable, chromeMode: chromeModeOf(executable), logLevel: 'error' });
    remotionBrowsers.set(executable, browser);
  }
  await renderStill({
    serveUrl: bundle.dir, browserExecutable: executable, puppeteerInstance: await browser, output: out, frame, imageFormat, overwrite: true, logLevel: 'error',
    ...(imageFormat === 'jpeg' ? { jpegQuality: 90 } : {}),
    inputProps: props, chromeMode: chromeModeOf(executable),
    composition: {
      id, ...compositionMetadata(id, props.plan), props, defaultProps: props,
      defaultCodec: null, defaultOutName: null, defaultVideoImageFormat: null, defaultPixelFormat: null, defaultProResProfile: null, defaultSampleRate: null,
    },
  });
}

describe('pictures captured by our own loop', () => {
  for (const [kind, executable] of [['the headless shell', findVideoChromium()], ['a whole browser', '/usr/bin/chromium']] as const) {
    it(`are the pictures Remotion draws for the same frames, in the order asked: ${kind}`, async () => {
      const browser = await launchVideoBrowser(executable);
      const ours: string[] = [];
      const again: string[] = [];
      try {
        const order: number[] = [];
        await captureFrames({
          bundleDir: bundle.dir, browser, plan: { ...plan, captions: [] }, frames, compositionId: COMPOSITION_ID, jpegQuality: 90,
          onFrame: async (frame, jpeg) => {
            order.push(frame);
            const file = path.join(dir, `${kind}-ours-${frame}.jpeg`);
            await writeFile(file, jpeg);
            ours.push(file);
          },
        });
        expect(order).toEqual(frames);
        // The browser keeps its one page for the next capture, which shows another composition in it (a caption
        // band), then these frames again: the same pictures, from the same page.
        const kept = browser.page!.page;
        expect(browser.context.pages()).toEqual([kept]);
        await captureFrames({ bundleDir: bundle.dir, browser, plan, frames: [0], compositionId: CAPTION_BAND_ID, imageFormat: 'png', onFrame: async () => {} });
        await captureFrames({
          bundleDir: bundle.dir, browser, plan: { ...plan, captions: [] }, frames, compositionId: COMPOSITION_ID, jpegQuality: 90,
          onFrame: async (frame, jpeg) => {
            const file = path.join(dir, `${kind}-again-${frame}.jpeg`);
            await writeFile(file, jpeg);
            again.push(file);
          },
        });
        expect(browser.context.pages()).toEqual([kept]);
      } finally {
        await closeVideoBrowser(browser);
      }
      for (const [i, frame] of frames.entries()) {
        const theirs = path.join(dir, `${kind}-remotion-${frame}.jpeg`);
        await remotionStill(executable, COMPOSITION_ID, frame, { plan: { ...plan, captions: [] } }, theirs, 'jpeg');
        expect(framePsnr(ours[i]!, theirs)[0]).toBeGreaterThan(SAME_PICTURE_DB);
        expect(framePsnr(again[i]!, theirs)[0]).toBeGreaterThan(SAME_PICTURE_DB);
        // Each frame was really drawn: it is not the picture before it.
        if (i > 0) expect(framePsnr(ours[i]!, ours[i - 1]!)[0]).toBeLessThan(SAME_PICTURE_DB);
      }
    }, 240_000);
  }

  it('draws caption bands on a transparent background and the poster whole, as Remotion does', async () => {
    const executable = findVideoChromium();
    const browser = await launchVideoBrowser(executable);
    const band = path.join(dir, 'band.png');
    const poster = path.join(dir, 'poster.png');
    try {
      await captureFrames({
        bundleDir: bundle.dir, browser, plan, frames: [0], compositionId: CAPTION_BAND_ID, imageFormat: 'png',
        onFrame: (_frame, png) => writeFile(band, png),
      });
      await renderPoster({ bundleDir: bundle.dir, browser, plan, output: poster });
    } finally {
      await closeVideoBrowser(browser);
    }
    const theirBand = path.join(dir, 'band-remotion.png');
    const theirPoster = path.join(dir, 'poster-remotion.png');
    await remotionStill(executable, CAPTION_BAND_ID, 0, { plan }, theirBand, 'png');
    await remotionStill(executable, POSTER_ID, 0, { plan }, theirPoster, 'png');
    // Byte for byte is too strict across two browser sessions; the pixels and the alpha channel are compared.
    expect(framePsnr(band, theirBand)[0]).toBeGreaterThan(SAME_PICTURE_DB);
    expect(framePsnr(poster, theirPoster)[0]).toBeGreaterThan(SAME_PICTURE_DB);
    const { Image } = await import('@napi-rs/canvas');
    const image = new Image();
    image.src = await readFile(band);
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(image.width, image.height);
    const g = canvas.getContext('2d');
    g.drawImage(image, 0, 0);
    const alpha = [...g.getImageData(0, 0, image.width, image.height).data.filter((_, i) => i % 4 === 3)];
    expect(image.height).toBe(compositionMetadata(CAPTION_BAND_ID, plan).height);
    // Transparent around the caption, opaque in it.
    expect(alpha.filter((a) => a === 0).length).toBeGreaterThan(alpha.length / 4);
    expect(alpha.some((a) => a === 255)).toBe(true);
  }, 240_000);

  it('shoots a frame again when a wait begins after it was drawn (an image loading late), and keeps the other pictures as they were', async () => {
    const browser = await launchVideoBrowser(findVideoChromium());
    const capture = async (name: string) => {
      const files = new Map<number, string>();
      await captureFrames({
        bundleDir: bundle.dir, browser, plan: { ...plan, captions: [] }, frames, compositionId: COMPOSITION_ID, jpegQuality: 90,
        onFrame: async (frame, jpeg) => {
          const file = path.join(dir, `late-${name}-${frame}.jpeg`);
          await writeFile(file, jpeg);
          files.set(frame, file);
        },
      });
      return files;
    };
    // A frame in the middle (the page has moved on when the wait is seen) and the last one (seen after the loop).
    const late = [frames[1]!, frames[3]!];
    try {
      const before = await capture('plain');
      // Each late frame, the first time it is shown: just after it is drawn, the page is not ready for 300 ms and a
      // red square appears (what it waited for); shown again later, the frame has its square at once.
      await browser.context.addInitScript((lateFrames: number[]) => {
        let setFrame: ((frame: number, ...rest: unknown[]) => void) | undefined;
        const loaded = new Set<number>();
        let shown = -1;
        let square: HTMLElement | null = null;
        // The wait holds the page's readiness as a delayRender handle would: Remotion's own continueRender for the
        // change, which may run after it on the same animation frame, does not end it.
        let loading = false;
        let ready: unknown;
        Object.defineProperty(window, 'remotion_renderReady', {
          configurable: true,
          set: (value) => { ready = value; },
          get: () => (loading ? false : ready),
        });
        const showSquare = (frame: number) => {
          square?.remove();
          square = null;
          if (!loaded.has(frame)) return;
          square = document.createElement('div');
          square.style.cssText = 'position:fixed;left:0;top:0;width:200px;height:200px;background:#f00;z-index:99999';
          document.body.append(square);
        };
        Object.defineProperty(window, 'remotion_setFrame', {
          configurable: true,
          set: (value) => { setFrame = value; },
          get: () => setFrame && ((frame: number, ...rest: unknown[]) => {
            shown = frame;
            setFrame!(frame, ...rest);
            showSquare(frame);
            if (!lateFrames.includes(frame) || loaded.has(frame)) return;
            // Remotion continues the change on this animation frame; the wait begins right after, and the square is
            // drawn after the frame was (a task after it).
            requestAnimationFrame(() => {
              loading = true;
              setTimeout(() => {
                loaded.add(frame);
                if (shown === frame) showSquare(frame);
                setTimeout(() => { loading = false; }, 300);
              }, 0);
            });
          }),
        });
      }, late);
      // The script runs when a page loads: the next capture loads a new one.
      await closeCapturePage(browser);
      const after = await capture('late');
      expect([...after.keys()]).toEqual(frames);
      const { Image, createCanvas } = await import('@napi-rs/canvas');
      const isRed = async (file: string) => {
        const image = new Image();
        image.src = await readFile(file);
        const g = createCanvas(image.width, image.height).getContext('2d');
        g.drawImage(image, 0, 0);
        const [r, gr, b] = g.getImageData(100, 100, 1, 1).data;
        return r! > 200 && gr! < 60 && b! < 60;
      };
      for (const frame of frames) {
        expect(await isRed(before.get(frame)!)).toBe(false);
        if (late.includes(frame)) expect(await isRed(after.get(frame)!)).toBe(true);
        else expect(framePsnr(after.get(frame)!, before.get(frame)!)[0]).toBeGreaterThan(SAME_PICTURE_DB);
      }
    } finally {
      await closeVideoBrowser(browser);
    }
  }, 120_000);

  it('takes turns when two captures are asked of one browser at once (two begin-frame pages in one shell lose their screenshots)', async () => {
    const browser = await launchVideoBrowser(findVideoChromium());
    try {
      const got: Record<string, number[]> = { pictures: [], bands: [] };
      await Promise.all([
        captureFrames({
          bundleDir: bundle.dir, browser, plan: { ...plan, captions: [] }, frames, compositionId: COMPOSITION_ID, jpegQuality: 80,
          onFrame: async (frame) => void got['pictures']!.push(frame),
        }),
        captureFrames({
          bundleDir: bundle.dir, browser, plan, frames: [0, 1], compositionId: CAPTION_BAND_ID, imageFormat: 'png',
          onFrame: async (frame) => void got['bands']!.push(frame),
        }),
      ]);
      expect(got).toEqual({ pictures: frames, bands: [0, 1] });
    } finally {
      await closeVideoBrowser(browser);
    }
  }, 120_000);

  it('fails at once, naming the frame and its time in the video, when the composition throws, and leaves no page open', async () => {
    const browser = await launchVideoBrowser(findVideoChromium());
    const started = performance.now();
    try {
      // A plan the templates cannot draw (a scene with nothing in it): React throws in the page.
      const broken = { ...plan, captions: [], segments: [{ kind: 'scene' }] } as unknown as VideoPlan;
      // Five seconds and two frames in: the editor is told the time, 0:05.
      const at = broken.fps * 5 + 2;
      const capture = captureFrames({ bundleDir: bundle.dir, browser, plan: broken, frames: [at], compositionId: COMPOSITION_ID, jpegQuality: 80, onFrame: async () => {} });
      await expect(capture).rejects.toMatchObject({ code: 'video.captureFailed', params: { frame: at, time: '0:05' } });
      // Not after Remotion's own 60 s timeout for a page that never becomes ready.
      expect(performance.now() - started).toBeLessThan(20_000);
      expect(browser.context.pages()).toEqual([]);
    } finally {
      await closeVideoBrowser(browser);
    }
  }, 120_000);

  it('stops at once when cancelled, with the cancellation error, and leaves no page open', async () => {
    const browser = await launchVideoBrowser(findVideoChromium());
    const cancel = new AbortController();
    let drawn = 0;
    try {
      const capture = captureFrames({
        bundleDir: bundle.dir, browser, plan: { ...plan, captions: [] }, frames, compositionId: COMPOSITION_ID, jpegQuality: 80, signal: cancel.signal,
        onFrame: async () => {
          if (++drawn === 2) cancel.abort();
        },
      });
      await expect(capture).rejects.toBeInstanceOf(CancelledError);
      expect(drawn).toBe(2);
      expect(browser.context.pages()).toEqual([]);
    } finally {
      await closeVideoBrowser(browser);
    }
  }, 120_000);
});
