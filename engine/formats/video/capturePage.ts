/**
 * The page a video browser captures in: Remotion's bundle loaded once, then
 * shown one composition after another (remotion_setBundleMode), as Remotion
 * Studio switches compositions, instead of a page loaded for each capture.
 *
 * Why: loading the bundle in a fresh page took ~0.9 s (the sample, 2026-12-07),
 * and a render loaded it three times in turn (caption bands, pictures,
 * poster), each time while nothing else could be captured; showing another
 * composition in a loaded page takes ~0.1 s. The page is kept for the
 * browser's next capture; a capture that fails closes it, so a page in an
 * unknown state is never used again.
 */
import type { CDPSession, Page } from 'playwright-core';
import path from 'node:path';
import { NoReactInternals } from 'remotion/no-react';
import type { CompositionMetadata } from '../../../templates/video/compositionIds.js';
import type { VideoPlan } from '../../../templates/video/plan.js';
import type { VideoBrowser } from './capture.js';

/** Requests to this origin are answered from the bundle's folder; nothing is fetched from the network. */
const BUNDLE_ORIGIN = 'http://bundle.luat-studio.invalid';

/**
 * A modest office PC that is also encoding (or a busy CI machine) can take
 * long to load the bundle; a render that fails for that is lost work.
 */
export const PAGE_LOAD_TIMEOUT_MS = 180_000;
/** A frame whose page never becomes ready (a delayRender never continued) fails the render instead of hanging it. */
export const FRAME_TIMEOUT_MS = 60_000;

/**
 * The window of a page under begin-frame control, kept tiny: its view is
 * always emulated at the size shown (capture.ts showSize). A view emulated
 * larger than its window grows to that size and stays grown when a smaller
 * part is shown next, and every frame drawn then costs the GPU process
 * buffers of the grown size in fresh memory, dear on these VMs (Chromium 156,
 * the headless shell): a 400×300 part after a whole 1080×1920 frame took
 * ~2,200 fresh pages and 18 ms a screenshot, against ~120 and 10 ms in a view
 * that never grew; and a window as large as the view cost a whole frame ~2,000
 * fresh pages more than a tiny one. So before a part smaller than the grown
 * view the emulation is cleared (the view falls back to the tiny window) and
 * set again. The sample's cold 9:16 render: 1.40 M → 0.99 M fresh pages in the
 * GPU process.
 */
export const WINDOW = { width: 16, height: 16 };

/** A composition of Root.tsx for a plan: Root.tsx computes the same metadata. */
export interface Composition extends CompositionMetadata {
  id: string;
  props: { plan: VideoPlan };
}

/** The page a browser keeps between captures. */
export interface CapturePage {
  page: Page;
  session: CDPSession;
  bundleDir: string;
  /** The composition shown, if any: once one was, an earlier capture may have grown the view (capture.ts). */
  shown: string | null;
  /** The first error thrown in the page since the current capture began. */
  firstError: Error | null;
}

/**
 * The browser's page showing `composition`, loaded now if the browser has
 * none for this bundle, and whether an earlier capture used it (its view may
 * be grown). Call in the browser's turn (capture.ts captureFrames).
 */
export async function pageShowing(b: VideoBrowser, bundleDir: string, composition: Composition): Promise<{ kept: CapturePage; reused: boolean }> {
  if (b.page && (b.page.bundleDir !== bundleDir || b.page.page.isClosed())) await closeCapturePage(b);
  const kept = b.page ?? (await openBundlePage(b, bundleDir));
  b.page = kept;
  kept.firstError = null;
  const reused = kept.shown !== null;
  if (reused && kept.shown !== composition.id) {
    // Composition mode registers only the composition it shows, and keeps that list when shown another:
    // Remotion's page would not find the new one. Evaluation mode registers them all, under the same provider.
    await kept.page.evaluate(() => window.remotion_setBundleMode({ type: 'evaluation' }));
    await kept.page.waitForFunction(async (id) => (await window.getStaticCompositions()).some((c) => c.id === id), composition.id, { timeout: PAGE_LOAD_TIMEOUT_MS, polling: 10 });
  }
  kept.shown = composition.id;
  const props = NoReactInternals.serializeJSONWithSpecialTypes({ data: composition.props, indent: undefined, staticBase: null }).serializedString;
  await kept.page.evaluate(([c, props]) => {
    // What getInputProps() reads, as Remotion's renderer sets it before the bundle runs (set-props-and-env).
    (window as unknown as Record<string, unknown>)['remotion_inputProps'] = props;
    // A part shown by the last capture moved the composition (showFrame); the next capture starts from its corner.
    const canvas = document.getElementById('remotion-canvas');
    if (canvas) canvas.style.transform = '';
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
  }, [composition, props] as const);
  return { kept, reused };
}

/** Closes the browser's page: after a failed capture, or before another bundle's. */
export async function closeCapturePage(b: VideoBrowser): Promise<void> {
  const kept = b.page;
  b.page = null;
  await kept?.page.close().catch(() => undefined);
}

/**
 * A page with Remotion's bundle loaded and the globals its renderer sets
 * before the bundle runs (set-props-and-env); no composition shown yet.
 */
async function openBundlePage(b: VideoBrowser, bundleDir: string): Promise<CapturePage> {
  const page = await newPage(b);
  try {
    // A session lasts across the page's navigations: made on the blank page, it serves the bundle's.
    const kept: CapturePage = { page, session: await page.context().newCDPSession(page), bundleDir, shown: null, firstError: null };
    // Listened to before the bundle loads: a composition first renders while it does.
    page.on('pageerror', (error) => {
      kept.firstError ??= error;
    });
    const root = path.resolve(bundleDir);
    await page.route(`${BUNDLE_ORIGIN}/**`, (route) => {
      const file = path.resolve(root, `.${decodeURIComponent(new URL(route.request().url()).pathname)}`);
      // Only files of the bundle's folder are answered.
      if (!file.startsWith(root + path.sep)) return route.fulfill({ status: 404 });
      return route.fulfill({ path: file }).catch(() => route.fulfill({ status: 404 }));
    });
    await page.addInitScript((timeout) => {
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
      // Each composition's own props are set when it is shown (pageShowing).
      w['remotion_inputProps'] = '{}';
      w['remotion_initialFrame'] = 0;
      w['remotion_attempt'] = 1;
      w['remotion_proxyPort'] = 0;
      w['remotion_audioEnabled'] = false;
      w['remotion_videoEnabled'] = true;
      w['remotion_logLevel'] = 'error';
    }, FRAME_TIMEOUT_MS);
    await page.goto(`${BUNDLE_ORIGIN}/index.html`, { waitUntil: 'load', timeout: PAGE_LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => typeof window.remotion_setBundleMode === 'function', undefined, { timeout: PAGE_LOAD_TIMEOUT_MS, polling: 50 });
    return kept;
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
