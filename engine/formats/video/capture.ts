/**
 * Captures the video compositions' pictures with our own loop over the
 * DevTools protocol, in a Chromium started through Playwright (the studio's
 * one way to drive a browser, ../../render/chromium.ts), instead of Remotion's
 * renderFrames.
 *
 * Why (measured 2026-12-04, Chromium 156, the sample's 9:16 pictures, one
 * tab): with renderFrames a picture cost ~88 ms, ~73 of them the screenshot,
 * and a 16×16 screenshot of a page that had not changed still took 36–48 ms
 * of wall time for 9 ms of Chromium's CPU: Page.captureScreenshot waits for
 * the compositor's next frames, paced at 60 Hz. The headless shell can be
 * driven frame by frame instead (--enable-begin-frame-control,
 * --run-all-compositor-stages-before-draw, HeadlessExperimental.beginFrame):
 * the page draws when asked and the screenshot comes back with that frame
 * (a test page: 85 → 46 ms per picture, the same pixels). A whole browser (a
 * Windows PC's Chrome or Edge) has no such mode and gets Page.captureScreenshot,
 * still without renderFrames' extra round trips.
 *
 * The page is Remotion's own (the bundle's index.html, served from its folder
 * through request interception: no port is opened) driven through the globals
 * renderFrames drives (remotion_setBundleMode, remotion_setFrame,
 * remotion_renderReady; Remotion is pinned to one version in package.json).
 * tests/video/capture.test.ts compares our pictures with Remotion's
 * renderStill of the same frames, so a change of that protocol fails there.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { SharedResources } from '../../build/format.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { findVideoChromium, isHeadlessShell, launchChromium } from '../../render/chromium.js';
import type { VideoPlan } from '../../../templates/video/plan.js';
import type { Box } from '../../../templates/video/layout.js';
import { CAPTION_BAND_ID, compositionMetadata, POSTER_ID } from '../../../templates/video/compositionIds.js';
import { closeCapturePage, FRAME_TIMEOUT_MS, pageShowing, PAGE_LOAD_TIMEOUT_MS, WINDOW, type CapturePage, type Composition } from './capturePage.js';

export const VIDEO_BROWSER_KEY = 'video-browser';

export interface VideoBrowser {
  browser: Browser;
  context: BrowserContext;
  /** Frames drawn on request (the headless shell), else screenshots of frames drawn at the compositor's pace. */
  beginFrames: boolean;
  /** What draws the pictures: pictures of two identities are kept apart (pictureCache.ts). */
  identity: string;
  /** The browser context's CDP id, for creating pages under begin-frame control in it. */
  contextId: string;
  /**
   * The capture running, if any: captures take turns. Two pages under
   * begin-frame control in one headless shell lost their screenshots
   * (Chromium 156: beginFrame answered without one), and a second page would
   * not be found by newPage's wait for "the next page".
   */
  turn: Promise<unknown>;
  /** The page captures are made in, kept for the next (capturePage.ts); null until the first is opened. */
  page: CapturePage | null;
}

/** The browser a build with these settings captures video frames with. */
export function videoChromiumFor(settings: Record<string, unknown>): string {
  return findVideoChromium(typeof settings['chromiumPath'] === 'string' ? (settings['chromiumPath'] as string) : null);
}

/**
 * The build's video browser; `slot` n > 0 is one more of the same browser,
 * for a capture at once with the first (captures in one browser take turns,
 * see VideoBrowser.turn). Each is started when first asked for.
 */
export function sharedVideoBrowser(shared: SharedResources, settings: Record<string, unknown>, slot = 0): Promise<VideoBrowser> {
  const key = slot === 0 ? VIDEO_BROWSER_KEY : `${VIDEO_BROWSER_KEY}:${slot}`;
  return shared.get(key, () => launchVideoBrowser(videoChromiumFor(settings)), closeVideoBrowser);
}

/** Flags Remotion also starts its browser with, so our pictures are drawn as its renderer draws them. */
const DRAWING_ARGS = ['--force-color-profile=srgb', '--font-render-hinting=none', '--hide-scrollbars'];

const BEGIN_FRAME_ARGS = ['--enable-begin-frame-control', '--run-all-compositor-stages-before-draw'];

/** Chromium drives frames on request only in its headless shell, and not on macOS (CDP Target.createTarget, enableBeginFrameControl). */
export function drawsOnRequest(executable: string, platform: NodeJS.Platform = process.platform): boolean {
  return isHeadlessShell(executable) && platform !== 'darwin';
}

export async function launchVideoBrowser(executable: string): Promise<VideoBrowser> {
  const beginFrames = drawsOnRequest(executable);
  const browser = await launchChromium({ executablePath: executable, extraArgs: [...DRAWING_ARGS, ...(beginFrames ? BEGIN_FRAME_ARGS : [])] });
  try {
    const context = await browser.newContext({ viewport: null });
    // Playwright does not say a context's CDP id; a page of it does. The page is closed at once.
    const probe = await context.newPage();
    const probeSession = await context.newCDPSession(probe);
    const { targetInfo } = await probeSession.send('Target.getTargetInfo');
    await probe.close();
    const browserSession = await browser.newBrowserCDPSession();
    const version = await browserSession.send('Browser.getVersion');
    await browserSession.detach();
    const name = path.basename(executable).toLowerCase().replace(/\.exe$/, '');
    const identity = [isHeadlessShell(executable) ? 'shell' : 'browser', name, version.product, version.revision, beginFrames ? 'begin-frame' : 'screenshot'].join('|');
    return { browser, context, beginFrames, identity, contextId: targetInfo.browserContextId ?? '', turn: Promise.resolve(), page: null };
  } catch (cause) {
    await browser.close().catch(() => undefined);
    throw new StudioError('render.chromiumFailed', { path: executable, message: String((cause as Error)?.message ?? cause).split('\n')[0] ?? '' }, { cause });
  }
}

export async function closeVideoBrowser(b: VideoBrowser): Promise<void> {
  await b.browser.close().catch(() => undefined);
}

export interface CaptureArgs {
  /** The bundle's folder (remotion.ts RemotionBundle.dir). */
  bundleDir: string;
  browser: VideoBrowser;
  plan: VideoPlan;
  frames: number[];
  /** The situation video, the captions alone (CAPTION_BAND_ID) or the poster (POSTER_ID). */
  compositionId: string;
  /** JPEG at jpegQuality, or PNG with a transparent background. */
  imageFormat?: 'jpeg' | 'png';
  jpegQuality?: number;
  signal?: AbortSignal;
  /** The part of a frame to capture (patches.ts), when not the whole frame: the image is that part alone. */
  clipOf?: (frame: number) => Box | undefined;
  onFrame: (frame: number, image: Buffer) => Promise<void>;
}

/** Where the video shows `frame` of a capture, as m:ss (what an editor can find): a caption band's frame is its caption's index. */
function videoTime(args: CaptureArgs, frame: number): string {
  const at = args.compositionId === CAPTION_BAND_ID ? (args.plan.captions[frame]?.from ?? 0) : frame;
  const seconds = Math.floor(at / args.plan.fps);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

function compositionFor(id: string, plan: VideoPlan): Composition {
  return { id, ...compositionMetadata(id, plan), props: { plan } };
}

/** Captures the listed frames, in the order given, in one page, once the browser's earlier captures are done. */
export function captureFrames(args: CaptureArgs): Promise<void> {
  const run = args.browser.turn.then(() => captureInOnePage(args));
  args.browser.turn = run.catch(() => undefined);
  return run;
}

async function captureInOnePage(args: CaptureArgs): Promise<void> {
  if (args.frames.length === 0) return;
  throwIfCancelled(args.signal);
  const composition = compositionFor(args.compositionId, args.plan);
  const { beginFrames } = args.browser;
  // A failure names the frame the page was at.
  let current = args.frames[0]!;
  try {
    const { kept, reused } = await pageShowing(args.browser, args.bundleDir, composition);
    const { page, session } = kept;
    const pageError = () => kept.firstError;
    const whole: Box = { x: 0, y: 0, width: composition.width, height: composition.height };
    // The view at the whole frame's size; a view an earlier capture grew is first reset (see WINDOW). The view was
    // just reset: its first frame may come back without a screenshot (its new size not drawn yet).
    let reset = beginFrames && reused;
    await showSize(session, whole, reset);
    await page.evaluate(showFrame, [current, composition.id, null, false] as const);
    await waitUntilReady(page, session, beginFrames, PAGE_LOAD_TIMEOUT_MS, pageError);
    const png = args.imageFormat === 'png';
    // Transparent for caption bands; cleared (the page's own white under a black body) for pictures.
    await session.send('Emulation.setDefaultBackgroundColorOverride', png ? { color: { r: 0, g: 0, b: 0, a: 0 } } : {});
    await page.evaluate((background) => {
      document.body.style.background = background;
    }, png ? 'transparent' : 'black');
    const format = png ? ({ format: 'png' } as const) : ({ format: 'jpeg', quality: args.jpegQuality ?? 80 } as const);
    let shown = whole;
    // The view's size as Chromium holds it (see WINDOW).
    let grown: { width: number; height: number } = whole;
    const shoot = async () => {
      const error = pageError();
      if (error) throw error;
      let image = await screenshot(session, beginFrames, format, shown);
      // Usually the next frame has it, sometimes a few later (the sample's cold render: 60 resets, one needed 6 frames).
      for (let again = 0, deadline = Date.now() + FRAME_TIMEOUT_MS; !image && reset && Date.now() < deadline; again++) {
        if (again >= 2) await delay(10);
        image = await screenshot(session, beginFrames, format, shown);
      }
      reset = false;
      if (!image) throw new Error('no screenshot came back');
      return image;
    };
    const corner = (clip: Box) => ({ x: clip.x, y: clip.y });
    // A frame shot as soon as the page showed it is kept once the page is known to have stayed ready after the
    // shot: asked with the next frame's change (one round trip less per picture), or on its own before a resize
    // and after the last frame.
    type Shot = { frame: number; image: Buffer; clip: Box };
    let unchecked: Shot | null = null;
    const keep = async (shot: Shot, stillReady: boolean, pageMovedOn: boolean) => {
      current = shot.frame;
      let { image } = shot;
      if (!stillReady) {
        // A wait the frame began after it was drawn (a delayRender): shown again, and shot again once it is over.
        if (pageMovedOn) await page.evaluate(showFrame, [shot.frame, composition.id, corner(shot.clip), false] as const);
        await waitUntilReady(page, session, beginFrames, FRAME_TIMEOUT_MS, pageError);
        image = await shoot();
      }
      await args.onFrame(shot.frame, image);
    };
    const isReady = () => page.evaluate(() => window.remotion_renderReady === true);
    for (const frame of args.frames) {
      throwIfCancelled(args.signal);
      const clip = args.clipOf?.(frame) ?? whole;
      const resized = clip.width !== shown.width || clip.height !== shown.height;
      if (unchecked && resized) {
        await keep(unchecked, await isReady(), false);
        unchecked = null;
      }
      current = frame;
      if (resized) {
        reset = beginFrames && (grown.width > WINDOW.width || grown.height > WINDOW.height) && (clip.width < grown.width || clip.height < grown.height);
        await showSize(session, clip, reset);
        grown = reset ? clip : { width: Math.max(grown.width, clip.width), height: Math.max(grown.height, clip.height) };
      }
      const moved = clip.x !== shown.x || clip.y !== shown.y;
      shown = clip;
      const change = await page.evaluate(showFrame, [frame, composition.id, moved ? corner(clip) : null, unchecked !== null] as const);
      let { drawn } = change;
      if (unchecked) {
        const shot = unchecked;
        unchecked = null;
        await keep(shot, change.wasReady, true);
        if (!change.wasReady) ({ drawn } = await page.evaluate(showFrame, [frame, composition.id, corner(clip), false] as const));
        current = frame;
      }
      // Remotion's page says it is ready only on the animation frame after the change; under begin-frame control
      // that is the screenshot's own frame, so the frame is shot as soon as the page shows it (see showFrame).
      if (beginFrames && drawn) {
        unchecked = { frame, image: await shoot(), clip };
        continue;
      }
      await waitUntilReady(page, session, beginFrames, FRAME_TIMEOUT_MS, pageError);
      await args.onFrame(frame, await shoot());
    }
    if (unchecked) await keep(unchecked, await isReady(), false);
  } catch (error) {
    // A page whose capture failed (or was cancelled) may be in any state: the next capture loads a new one.
    await closeCapturePage(args.browser);
    if (error instanceof StudioError) throw error;
    throwIfCancelled(args.signal);
    throw new StudioError('video.captureFailed', { frame: current, time: videoTime(args, current) }, { cause: error });
  }
}

/**
 * Runs in the page: says whether the frame shown so far is still ready
 * (when `askReady`: no wait began after it was shot), moves the composition
 * by `corner` when the part shown moved (see showSize), asks Remotion for
 * the frame and resolves once React has put it in the page, with whether
 * nothing else is awaited (fonts loaded, no delayRender open but the one
 * Remotion opened for the change itself, which it continues on the next
 * animation frame). React 19 schedules the render from a microtask as a
 * task of its scheduler, posted on a MessageChannel; a message posted after
 * that microtask is delivered after that task (messages are one task source,
 * in order), and a default-priority render is not sliced over several tasks.
 * The question and the move are asked here, not in evaluates of their own:
 * a round trip less for each.
 */
function showFrame([frame, composition, corner, askReady]: readonly [number, string, { x: number; y: number } | null, boolean]): Promise<{ wasReady: boolean; drawn: boolean }> {
  const label = `Setting the current frame to ${frame}`;
  const wasReady = !askReady || window.remotion_renderReady === true;
  if (corner) {
    // Remotion's canvas is made the containing block of the composition's absolutely placed layers, which
    // would otherwise shrink with the viewport.
    const canvas = document.getElementById('remotion-canvas');
    if (!canvas) throw new Error('no remotion-canvas in the page');
    canvas.style.position = 'relative';
    canvas.style.transform = corner.x === 0 && corner.y === 0 ? '' : `translate(${-corner.x}px, ${-corner.y}px)`;
  }
  return new Promise((resolve) => {
    window.remotion_setFrame(frame, composition, 1);
    queueMicrotask(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        const open = Object.values(window.remotion_delayRenderTimeouts ?? {});
        resolve({ wasReady, drawn: document.fonts.status === 'loaded' && open.every((h) => h.label === label) });
      };
      channel.port2.postMessage(null);
    });
  });
}

/**
 * Makes the viewport the size of the part of the composition to show
 * (showFrame moves the composition by the part's corner): Chromium draws
 * and reads back only what the viewport shows. `reset`: the view is first
 * brought back to its window's size (see WINDOW).
 */
async function showSize(session: CDPSession, clip: Box, reset: boolean): Promise<void> {
  if (reset) await session.send('Emulation.clearDeviceMetricsOverride');
  await session.send('Emulation.setDeviceMetricsOverride', { width: clip.width, height: clip.height, deviceScaleFactor: 1, mobile: false });
}

/** The poster (POSTER_ID), as a PNG file. */
export async function renderPoster(args: { bundleDir: string; browser: VideoBrowser; plan: VideoPlan; output: string; signal?: AbortSignal }): Promise<void> {
  await captureFrames({
    bundleDir: args.bundleDir, browser: args.browser, plan: args.plan, frames: [0], compositionId: POSTER_ID, imageFormat: 'png',
    ...(args.signal ? { signal: args.signal } : {}),
    onFrame: (_frame, png) => writeFile(args.output, png),
  });
}

type ScreenshotFormat = { format: 'png' } | { format: 'jpeg'; quality: number };

async function screenshot(session: CDPSession, beginFrames: boolean, format: ScreenshotFormat, size: Box): Promise<Buffer | null> {
  if (beginFrames) {
    const drawn = await session.send('HeadlessExperimental.beginFrame', { screenshot: { ...format, optimizeForSpeed: true } });
    return drawn.screenshotData ? Buffer.from(drawn.screenshotData, 'base64') : null;
  }
  const shot = await session.send('Page.captureScreenshot', {
    ...format, optimizeForSpeed: true, captureBeyondViewport: false,
    clip: { x: 0, y: 0, width: size.width, height: size.height, scale: 1 },
  });
  return Buffer.from(shot.data, 'base64');
}

/**
 * Waits for Remotion's page to be ready (every delayRender continued, fonts
 * loaded), or fails at once on an error in the page. Remotion continues a
 * frame change on the next animation frame: under begin-frame control that
 * frame comes only when asked for, so one is drawn, without display, at each
 * check; what else it waits for (fonts, images) takes time, not frames, so
 * the checks are spaced after the first two.
 */
async function waitUntilReady(page: Page, session: CDPSession, beginFrames: boolean, timeoutMs: number, pageError: () => Error | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let check = 0; ; check++) {
    const state = await page.evaluate(() =>
      window.remotion_cancelledError !== undefined ? String(window.remotion_cancelledError)
        : window.remotion_renderReady === true && document.fonts.status === 'loaded' ? 'ready' : 'waiting');
    if (state === 'ready') return;
    const failure = pageError() ?? (state !== 'waiting' ? new Error(state) : Date.now() > deadline ? new Error(`not ready after ${timeoutMs} ms`) : null);
    if (failure) throw failure;
    if (check >= 2) await delay(10);
    if (beginFrames) await session.send('HeadlessExperimental.beginFrame', { noDisplayUpdates: true });
    else await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
  }
}
