/**
 * Remotion, used once per build: one webpack bundle of templates/video (kept
 * between builds, ./bundleCache.ts) and one headless Chromium (the system's,
 * never downloaded), both shared through ctx.shared; the browser is closed
 * when the build ends.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CancelSignal, openBrowser } from '@remotion/renderer';
import type { VideoConfig } from 'remotion';
import type { SharedResources } from '../../build/format.js';
import { StudioError } from '../../errors.js';
import { findVideoChromium, isHeadlessShell } from '../../render/chromium.js';
import type { VideoPlan } from '../../../templates/video/plan.js';
import { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID, compositionMetadata } from '../../../templates/video/compositionIds.js';
import { appPath } from '../../platform/appRoot.js';
import { findCachedBundle, keepBundle, newBundleDir, pruneShippedPictures, shippedBundlesDir } from './bundleCache.js';

export type RemotionBrowser = Awaited<ReturnType<typeof openBrowser>>;

export const BUNDLE_KEY = 'remotion-bundle';
export const BROWSER_KEY = 'remotion-browser';
export { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID };

const ENTRY = appPath('templates', 'video', 'entry.ts');

export interface RemotionBundle {
  serveUrl: string;
  dir: string;
  /** Kept in the bundle cache (./bundleCache.ts) for later builds: not removed when the build ends. */
  cached: boolean;
}

/**
 * Bundles templates/video: into the bundle cache, or (cache: false, for the
 * benchmark) into a fresh temp folder, or (shipped: true, for shipBundle) into
 * the folder shipped with the app. The cache keys the bundle on every file
 * webpack read.
 */
export async function createBundle(options: { cache?: boolean; shipped?: boolean; onProgress?: (percent: number) => void } = {}): Promise<RemotionBundle> {
  const cache = options.cache !== false;
  // Undefined: the user's cache (bundleCache.ts defaults).
  const keepIn = options.shipped ? shippedBundlesDir() : undefined;
  const dir = cache ? await newBundleDir(keepIn) : path.join(os.tmpdir(), `luat-studio-video-${randomBytes(6).toString('hex')}`);
  try {
    const { serveUrl, inputs } = await bundleInChild(ENTRY, dir, options.onProgress);
    if (!cache) return { serveUrl, dir, cached: false };
    const kept = await keepBundle(dir, inputs, keepIn, options.shipped ? appPath() : undefined);
    return { serveUrl: kept, dir: kept, cached: true };
  } catch (cause) {
    await rm(dir, { recursive: true, force: true });
    throw new StudioError('video.bundleFailed', {}, { cause });
  }
}

/** Runs webpack in ./bundleChild.mjs (why there, see that file); resolves with the bundle's URL and every file webpack read. Exported for its test. */
export function bundleInChild(entryPoint: string, outDir: string, onProgress?: (percent: number) => void): Promise<{ serveUrl: string; inputs: string[] }> {
  return new Promise((resolve, reject) => {
    const child = fork(appPath('engine', 'formats', 'video', 'bundleChild.mjs'), [], {
      // Plain JavaScript: none of the parent's loaders (tsx, vitest) are needed.
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let answered = false;
    child.on('message', (msg: { progress?: number; serveUrl?: string; inputs?: string[]; error?: string }) => {
      if (typeof msg.progress === 'number') return onProgress?.(msg.progress);
      answered = true;
      if (msg.serveUrl && msg.inputs) resolve({ serveUrl: msg.serveUrl, inputs: msg.inputs });
      else reject(new Error(msg.error ?? 'bundling failed'));
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (!answered) reject(new Error(`the bundler process ended (${signal ?? code}) ${stderr}`.trim()));
    });
    child.send({ entryPoint, outDir });
  });
}

/** The bundle the app shipped with while the sources are still those it was made from, else the kept bundle of the current sources, else a new one. */
export async function cachedOrNewBundle(): Promise<RemotionBundle> {
  const shipped = await findCachedBundle(ENTRY, shippedBundlesDir()).catch(() => null);
  if (shipped) {
    await pruneShippedPictures().catch(() => {});
    return { serveUrl: shipped, dir: shipped, cached: true };
  }
  const kept = await findCachedBundle(ENTRY).catch(() => null);
  return kept ? { serveUrl: kept, dir: kept, cached: true } : createBundle();
}

/**
 * Makes the bundle shipped with the app (dist/video-bundles, see
 * shippedBundlesDir), unless the one there is still that of the current
 * sources; older ones are removed. Run by scripts/build-dist.mjs.
 */
export async function shipBundle(): Promise<{ dir: string; made: boolean }> {
  const current = await findCachedBundle(ENTRY, shippedBundlesDir()).catch(() => null);
  if (current) return { dir: current, made: false };
  await rm(shippedBundlesDir(), { recursive: true, force: true });
  return { dir: (await createBundle({ shipped: true })).dir, made: true };
}

export function disposeBundle(b: RemotionBundle): Promise<void> {
  return b.cached ? Promise.resolve() : rm(b.dir, { recursive: true, force: true });
}

export async function launchRemotionBrowser(configured?: string | null): Promise<RemotionBrowser> {
  const executable = findVideoChromium(configured);
  const { openBrowser } = await import('@remotion/renderer');
  try {
    const browser = await openBrowser('chrome', {
      browserExecutable: executable,
      logLevel: 'error',
      // An explicit executable means Remotion never downloads a browser of its own.
      chromiumOptions: { headless: true },
      // Only picks the headless flag here: the shell takes --headless=old, a whole browser --headless=new.
      chromeMode: isHeadlessShell(executable) ? 'headless-shell' : 'chrome-for-testing',
    });
    await closeStartPages(browser);
    return browser;
  } catch (cause) {
    if (cause instanceof StudioError) throw cause;
    const message = String((cause as Error)?.message ?? cause).split('\n')[0] ?? '';
    throw new StudioError('render.chromiumFailed', { path: executable, message }, { cause });
  }
}

/**
 * Remotion starts Chromium on about:blank and never uses that tab (each
 * capture opens and closes its own). Measured with Chromium 156: the idle tab
 * kept two renderer processes alive through the whole render, about 330 MB
 * RSS (160 MB PSS) of the build's peak. Headless Chromium stays up with no tab.
 */
async function closeStartPages(browser: RemotionBrowser): Promise<void> {
  const blank = browser.targets().filter((t) => t.type() === 'page' && t.url() === 'about:blank');
  await Promise.all(blank.map((t) => browser.connection.send('Target.closeTarget', { targetId: t._getTargetInfo().targetId })));
}

/** The build's bundle: the cached one when its sources are unchanged; `cache: false` bundles afresh (benchmark). */
export function sharedBundle(shared: SharedResources, options: { cache?: boolean } = {}): Promise<RemotionBundle> {
  return shared.get(BUNDLE_KEY, () => (options.cache === false ? createBundle({ cache: false }) : cachedOrNewBundle()), disposeBundle);
}

/**
 * What draws a build's pictures, for keeping them apart (pictureCache.ts): the
 * kind of executable (the headless shell or a browser, and its name: Chrome,
 * Edge, Chromium) and its version. Not its path or file time, so the PCs of a
 * render farm with the same browser share their pictures.
 */
export async function videoBrowserIdentity(browser: RemotionBrowser, executable: string): Promise<string> {
  // A CDP command Remotion's typings do not list.
  type Version = { product?: string; revision?: string };
  const send = browser.connection.send.bind(browser.connection) as unknown as (method: string) => Promise<{ value: Version }>;
  const version = (await send('Browser.getVersion')).value;
  const name = path.basename(executable).toLowerCase().replace(/\.exe$/, '');
  return [isHeadlessShell(executable) ? 'shell' : 'browser', name, version.product ?? '', version.revision ?? ''].join('|');
}

/** The browser a build with these settings captures video frames with. */
export function videoChromiumFor(settings: Record<string, unknown>): string {
  return findVideoChromium(typeof settings['chromiumPath'] === 'string' ? (settings['chromiumPath'] as string) : null);
}

export function sharedRemotionBrowser(shared: SharedResources, settings: Record<string, unknown>): Promise<RemotionBrowser> {
  return shared.get(BROWSER_KEY, () => launchRemotionBrowser(videoChromiumFor(settings)), (b) => b.close({ silent: true }));
}

export interface CaptureArgs {
  serveUrl: string;
  browser: RemotionBrowser;
  plan: VideoPlan;
  frames: number[];
  /** The situation video (default), or CAPTION_BAND_ID for the captions alone. */
  compositionId?: string;
  /** JPEG (default) at jpegQuality, or PNG with a transparent background. */
  imageFormat?: 'jpeg' | 'png';
  jpegQuality: number;
  /** Tabs capturing at once. */
  concurrency?: number;
  cancelSignal?: CancelSignal;
  onFrame: (frame: number, jpeg: Buffer) => Promise<void>;
}

/**
 * Remotion waits 30 s by default for the page to load its bundle; a modest
 * office PC that is also encoding (or a busy CI machine) can take longer, and
 * a render that fails for that is lost work.
 */
const PAGE_LOAD_TIMEOUT_MS = 180_000;

/**
 * What selectComposition would answer, without its tab: Root.tsx computes the
 * metadata with the same compositionMetadata(), and nothing else of the
 * composition depends on the page.
 */
function compositionFor(id: string, plan: VideoPlan): VideoConfig {
  const props = { plan };
  return {
    id, ...compositionMetadata(id, plan), props, defaultProps: props,
    defaultCodec: null, defaultOutName: null, defaultVideoImageFormat: null, defaultPixelFormat: null, defaultProResProfile: null, defaultSampleRate: null,
  };
}

/** Captures the listed frames of the plan as JPEGs (or PNGs), in ascending order, one tab. */
export async function captureFrames(args: CaptureArgs): Promise<void> {
  if (args.frames.length === 0) return;
  const { renderFrames } = await import('@remotion/renderer');
  const inputProps = { plan: args.plan };
  const composition = compositionFor(args.compositionId ?? COMPOSITION_ID, args.plan);
  await renderFrames({
    serveUrl: args.serveUrl,
    composition,
    inputProps,
    puppeteerInstance: args.browser,
    frames: args.frames,
    imageFormat: args.imageFormat ?? 'jpeg',
    ...(args.imageFormat === 'png' ? {} : { jpegQuality: args.jpegQuality }),
    concurrency: args.concurrency ?? 1,
    outputDir: null,
    onFrameBuffer: (buffer, frame) => args.onFrame(frame, buffer),
    onStart: () => {},
    onFrameUpdate: () => {},
    logLevel: 'error',
    timeoutInMilliseconds: PAGE_LOAD_TIMEOUT_MS,
    ...(args.cancelSignal ? { cancelSignal: args.cancelSignal } : {}),
  });
}

export async function renderPoster(args: { serveUrl: string; browser: RemotionBrowser; plan: VideoPlan; output: string; cancelSignal?: CancelSignal }): Promise<void> {
  const { renderStill } = await import('@remotion/renderer');
  const inputProps = { plan: args.plan };
  const composition = compositionFor(POSTER_ID, args.plan);
  await renderStill({
    serveUrl: args.serveUrl,
    composition,
    inputProps,
    output: args.output,
    imageFormat: 'png',
    puppeteerInstance: args.browser,
    overwrite: true,
    logLevel: 'error',
    timeoutInMilliseconds: PAGE_LOAD_TIMEOUT_MS,
    ...(args.cancelSignal ? { cancelSignal: args.cancelSignal } : {}),
  });
}
