/**
 * Remotion's webpack bundle of templates/video, made once per build at most
 * (kept between builds, ./bundleCache.ts) and shared through ctx.shared. The
 * pictures are drawn from it by ./capture.ts.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SharedResources } from '../../build/format.js';
import { StudioError } from '../../errors.js';
import { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID } from '../../../templates/video/compositionIds.js';
import { appPath } from '../../platform/appRoot.js';
import { findCachedBundle, keepBundle, newBundleDir, pruneShippedPictures, shippedBundlesDir } from './bundleCache.js';

export const BUNDLE_KEY = 'remotion-bundle';
export { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID };

const ENTRY = appPath('templates', 'video', 'entry.ts');

export interface RemotionBundle {
  /** The bundle's folder: what Remotion's APIs take as serveUrl, and what ./capture.ts serves the page from. */
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
    const { inputs } = await bundleInChild(ENTRY, dir, options.onProgress);
    if (!cache) return { dir, cached: false };
    const kept = await keepBundle(dir, inputs, keepIn, options.shipped ? appPath() : undefined);
    return { dir: kept, cached: true };
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
    return { dir: shipped, cached: true };
  }
  const kept = await findCachedBundle(ENTRY).catch(() => null);
  return kept ? { dir: kept, cached: true } : createBundle();
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

/** The build's bundle: the cached one when its sources are unchanged; `cache: false` bundles afresh (benchmark). */
export function sharedBundle(shared: SharedResources, options: { cache?: boolean } = {}): Promise<RemotionBundle> {
  return shared.get(BUNDLE_KEY, () => (options.cache === false ? createBundle({ cache: false }) : cachedOrNewBundle()), disposeBundle);
}
