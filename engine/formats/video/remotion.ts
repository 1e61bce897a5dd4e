/**
 * Remotion, used once per build: one webpack bundle of templates/video and one
 * headless Chromium (the system's, never downloaded), both shared through
 * ctx.shared and disposed when the build ends (the bundle's temp folder too).
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CancelSignal, openBrowser } from '@remotion/renderer';
import type { VideoConfig } from 'remotion';
import type { SharedResources } from '../../build/format.js';
import { StudioError } from '../../errors.js';
import { findChromium } from '../../render/chromium.js';
import type { VideoPlan } from '../../../templates/video/plan.js';
import { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID, compositionMetadata } from '../../../templates/video/compositionIds.js';
import { appPath } from '../../platform/appRoot.js';

export type RemotionBrowser = Awaited<ReturnType<typeof openBrowser>>;

export const BUNDLE_KEY = 'remotion-bundle';
export const BROWSER_KEY = 'remotion-browser';
export { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID };

const ENTRY = appPath('templates', 'video', 'entry.ts');

export interface RemotionBundle {
  serveUrl: string;
  dir: string;
}

/** Bundles templates/video into a fresh temp folder. */
export async function createBundle(onProgress?: (percent: number) => void): Promise<RemotionBundle> {
  const dir = path.join(os.tmpdir(), `luat-studio-video-${randomBytes(6).toString('hex')}`);
  try {
    // Remotion is imported when a video is made: its bundler (webpack) is slow to load.
    const { bundle } = await import('@remotion/bundler');
    const serveUrl = await bundle({
      entryPoint: ENTRY,
      outDir: dir,
      onProgress: (p) => onProgress?.(p),
      // Our sources import './x.js' for './x.ts' (NodeNext); teach webpack the same.
      webpackOverride: (config) => ({
        ...config,
        resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
      }),
    });
    return { serveUrl, dir };
  } catch (cause) {
    await rm(dir, { recursive: true, force: true });
    throw new StudioError('video.bundleFailed', {}, { cause });
  }
}

export function disposeBundle(b: RemotionBundle): Promise<void> {
  return rm(b.dir, { recursive: true, force: true });
}

export async function launchRemotionBrowser(configured?: string | null): Promise<RemotionBrowser> {
  const executable = findChromium(configured);
  const { openBrowser } = await import('@remotion/renderer');
  try {
    return await openBrowser('chrome', {
      browserExecutable: executable,
      logLevel: 'error',
      // An explicit executable means Remotion never downloads a browser of its own.
      chromiumOptions: { headless: true },
    });
  } catch (cause) {
    if (cause instanceof StudioError) throw cause;
    const message = String((cause as Error)?.message ?? cause).split('\n')[0] ?? '';
    throw new StudioError('render.chromiumFailed', { path: executable, message }, { cause });
  }
}

export function sharedBundle(shared: SharedResources): Promise<RemotionBundle> {
  return shared.get(BUNDLE_KEY, () => createBundle(), disposeBundle);
}

export function sharedRemotionBrowser(shared: SharedResources, settings: Record<string, unknown>): Promise<RemotionBrowser> {
  const configured = typeof settings['chromiumPath'] === 'string' ? (settings['chromiumPath'] as string) : null;
  return shared.get(BROWSER_KEY, () => launchRemotionBrowser(configured), (b) => b.close({ silent: true }));
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
