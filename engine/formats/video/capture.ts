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
import { NoReactInternals } from 'remotion/no-react';
import type { SharedResources } from '../../build/format.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { findVideoChromium, isHeadlessShell, launchChromium } from '../../render/chromium.js';
import type { VideoPlan } from '../../../templates/video/plan.js';
import type { Box } from '../../../templates/video/layout.js';
import { CAPTION_BAND_ID, compositionMetadata, POSTER_ID, type CompositionMetadata } from '../../../templates/video/compositionIds.js';

export const VIDEO_BROWSER_KEY = 'video-browser';

/** Requests to this origin are answered from the bundle's folder; nothing is fetched from the network. */
const BUNDLE_ORIGIN = 'http://bundle.luat-studio.invalid';

/**
 * A modest office PC that is also encoding (or a busy CI machine) can take
 * long to load the bundle; a render that fails for that is lost work.
 */
const PAGE_LOAD_TIMEOUT_MS = 180_000;
/** A frame whose page never becomes ready (a delayRender never continued) fails the render instead of hanging it. */
const FRAME_TIMEOUT_MS = 60_000;

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

/**
 * The window of a page under begin-frame control, kept tiny: its view is
 * always emulated at the size shown (showSize). A view emulated larger than
 * its window grows to that size and stays grown when a smaller part is shown
 * next, and every frame drawn then costs the GPU process buffers of the grown
 * size in fresh memory, dear on these VMs (Chromium 156, the headless shell):
 * a 400×300 part after a whole 1080×1920 frame took ~2,200 fresh pages and
 * 18 ms a screenshot, against ~120 and 10 ms in a view that never grew; and
 * a window as large as the view cost a whole frame ~2,000 fresh pages more
 * than a tiny one. So before a part smaller than the grown view the emulation
 * is cleared (the view falls back to the tiny window) and set again. The
 * sample's cold 9:16 render: 1.40 M → 0.99 M fresh pages in the GPU process.
 */
const WINDOW = { width: 16, height: 16 };
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
    return { browser, context, beginFrames, identity, contextId: targetInfo.browserContextId ?? '', turn: Promise.resolve() };
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

/** A composition of Root.tsx for a plan: Root.tsx computes the same metadata. */
interface Composition extends CompositionMetadata {
  id: string;
  props: { plan: VideoPlan };
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
  const { page, pageError } = await openCompositionPage(args.browser, args.bundleDir, composition, args.frames[0]!);
  const session = await page.context().newCDPSession(page);
  // The page opens at the first frame; a failure names the frame it was at.
  let current = args.frames[0]!;
  try {
    await waitUntilReady(page, session, args.browser.beginFrames, PAGE_LOAD_TIMEOUT_MS, pageError);
    const png = args.imageFormat === 'png';
    if (png) await session.send('Emulation.setDefaultBackgroundColorOverride', { color: { r: 0, g: 0, b: 0, a: 0 } });
    await page.evaluate((background) => {
      document.body.style.background = background;
    }, png ? 'transparent' : 'black');
    const format = png ? ({ format: 'png' } as const) : ({ format: 'jpeg', quality: args.jpegQuality ?? 80 } as const);
    const { beginFrames } = args.browser;
    const whole: Box = { x: 0, y: 0, width: composition.width, height: composition.height };
    let shown = whole;
    // The view's size as Chromium holds it (see WINDOW): the page opens at the whole frame's.
    let grown: { width: number; height: number } = whole;
    // The view was just reset: its first frame may come back without a screenshot (its new size not drawn yet).
    let reset = false;
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
    if (error instanceof StudioError) throw error;
    throwIfCancelled(args.signal);
    throw new StudioError('video.captureFailed', { frame: current, time: videoTime(args, current) }, { cause: error });
  } finally {
    await page.close().catch(() => undefined);
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

/**
 * A page showing the composition: Remotion's bundle, with the globals its
 * renderer sets before the bundle runs (set-props-and-env), then put in
 * composition mode as its renderer does (make-page).
 */
async function openCompositionPage(b: VideoBrowser, bundleDir: string, composition: Composition, initialFrame: number): Promise<{ page: Page; pageError: () => Error | null }> {
  const page = await newPage(b);
  // Listened to before the bundle loads: the composition first renders while it does.
  let firstError: Error | null = null;
  page.on('pageerror', (error) => {
    firstError ??= error;
  });
  try {
    await page.setViewportSize({ width: composition.width, height: composition.height });
    const root = path.resolve(bundleDir);
    await page.route(`${BUNDLE_ORIGIN}/**`, (route) => {
      const file = path.resolve(root, `.${decodeURIComponent(new URL(route.request().url()).pathname)}`);
      // Only files of the bundle's folder are answered.
      if (!file.startsWith(root + path.sep)) return route.fulfill({ status: 404 });
      return route.fulfill({ path: file }).catch(() => route.fulfill({ status: 404 }));
    });
    const serializedProps = NoReactInternals.serializeJSONWithSpecialTypes({ data: composition.props, indent: undefined, staticBase: null }).serializedString;
    await page.addInitScript(([props, frame, timeout]) => {
      const w = window as unknown as Record<string, unknown> & { process?: { env?: Record<string, string> } };
      w['remotion_puppeteerTimeout'] = timeout;
      w['remotion_isMainTab'] = true;
      w['remotion_mediaCacheSizeInBytes'] = null;
      w['remotion_initialMemoryAvailable'] = null;
      w['remotion_sampleRate'] = 48000;
      w.process ??= {};
      w.process.env ??= {};
      w.process.env['NODE_ENV'] = 'production';
      w['remotion_broadcastChannel'] = new BroadcastChannel('remotion-video-frame-extraction');
      w['remotion_envVariables'] = '{}';
      w['remotion_inputProps'] = props;
      w['remotion_initialFrame'] = frame;
      w['remotion_attempt'] = 1;
      w['remotion_proxyPort'] = 0;
      w['remotion_audioEnabled'] = false;
      w['remotion_videoEnabled'] = true;
      w['remotion_logLevel'] = 'error';
    }, [serializedProps, initialFrame, FRAME_TIMEOUT_MS] as const);
    await page.goto(`${BUNDLE_ORIGIN}/index.html`, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => typeof window.remotion_setBundleMode === 'function', undefined, { timeout: PAGE_LOAD_TIMEOUT_MS, polling: 50 });
    await page.evaluate(([c, props]) => {
      window.remotion_setBundleMode({
        type: 'composition',
        compositionName: c.id,
        serializedResolvedPropsWithSchema: props,
        compositionDurationInFrames: c.durationInFrames,
        compositionFps: c.fps,
        compositionHeight: c.height,
        compositionWidth: c.width,
        // Read only by Remotion Studio's render dialog.
        compositionDefaultCodec: 'h264',
        compositionDefaultOutName: null,
        compositionDefaultVideoImageFormat: null,
        compositionDefaultPixelFormat: null,
        compositionDefaultProResProfile: null,
        compositionDefaultSampleRate: null,
      });
    }, [composition, serializedProps] as const);
    return { page, pageError: () => firstError };
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
}

/** A page of the browser's context; under begin-frame control in the headless shell, created over CDP (Playwright cannot ask for that). */
async function newPage(b: VideoBrowser): Promise<Page> {
  if (!b.beginFrames) return b.context.newPage();
  const opened = b.context.waitForEvent('page', { timeout: PAGE_LOAD_TIMEOUT_MS });
  const session = await b.browser.newBrowserCDPSession();
  try {
    await session.send('Target.createTarget', { url: 'about:blank', browserContextId: b.contextId, enableBeginFrameControl: true, ...WINDOW });
  } finally {
    await session.detach().catch(() => undefined);
  }
  return opened;
}
