/**
 * The captured pictures of a build, one JPEG per pictureKey(), shared by every
 * language and aspect the build renders (ctx.shared), so a picture another
 * video already showed is never captured again. It lives in a temp folder of
 * its own, removed when the build's shared resources are disposed. Files
 * appear whole (written under a temp name, then renamed), so readers never see
 * half a picture even if two renders of the build write the same key.
 *
 * A render farm's units keep it in the build's folder of the shared storage
 * instead (BuildSettings.pictureCacheDir), so a second language or aspect on
 * another PC reuses the pictures the first captured; the farm removes that
 * folder with the build's. A build on one PC with a kept bundle keeps them
 * between builds (./keptPictures.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, utimesSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SharedResources } from '../../build/format.js';
import { StudioError } from '../../errors.js';
import { keptPicturesDir } from './bundleCache.js';
import { pruneKeptPictures, pruneOtherBrowsers } from './keptPictures.js';

export const PICTURE_CACHE_KEY = 'video-picture-cache';

/**
 * What a file of the cache holds: a captured picture (pictureKey), a caption
 * band as Chromium drew it (captionBandKey, PNG with alpha), or an encoded
 * chunk of the video or of its share version (encodeFrames.ts chunkKey), so a
 * re-render redoes none of them; for a stage, the whole picture later pictures of it are laid over
 * (patches.ts stageKeyOf, JSON); and a picture kept as a part of it with the
 * whole picture it is laid over (patches.ts partFile).
 */
export type CachedKind = 'picture' | 'band' | 'chunk' | 'share-chunk' | 'stage' | 'part';

const SUFFIX: Record<CachedKind, string> = {
  picture: '.jpeg', band: '.band.png', chunk: '.chunk.h264', 'share-chunk': '.share.h264', stage: '.stage.json', part: '.part',
};

export class PictureCache {
  constructor(readonly dir: string) {}

  pathOf(key: string, kind: CachedKind = 'picture'): string {
    return path.join(this.dir, `${key}${SUFFIX[kind]}`);
  }

  has(key: string, kind: CachedKind = 'picture'): boolean {
    return existsSync(this.pathOf(key, kind));
  }

  /**
   * A file the render planned with (has, pictureKept). One gone now was removed under the build (a disk
   * cleaner, another program: the studio's own clearing waits for builds, engine/build/buildLease.ts): the
   * user is told so, and the next build makes what is missing.
   */
  read(key: string, kind: CachedKind = 'picture'): Promise<Buffer> {
    return readFile(this.pathOf(key, kind)).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new StudioError('video.keptFileGone', {}, { cause: err }) : err;
    });
  }

  async put(key: string, data: Buffer, kind: CachedKind = 'picture'): Promise<void> {
    const final = this.pathOf(key, kind);
    // Another render (another PC's, on a shared folder) may have written it meanwhile: equal keys are equal pictures.
    if (existsSync(final)) return;
    const temp = `${final}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await writeFile(temp, data).catch(async (error: NodeJS.ErrnoException) => {
        // The folder was removed under the build (a disk cleaner, the user): made again, the build goes on.
        if (error.code !== 'ENOENT') throw error;
        await mkdir(this.dir, { recursive: true });
        await writeFile(temp, data);
      });
      await rename(temp, final);
    } catch (error) {
      // Windows refuses to replace a file another process is reading (EPERM, EBUSY): if the picture is there, keep it.
      await rm(temp, { force: true });
      if (!existsSync(final)) throw error;
    }
  }
}

/** Pictures kept between builds: a lookup marks a picture found as used now, so the cap removes the least recently used. */
export class KeptPictureCache extends PictureCache {
  override has(key: string, kind: CachedKind = 'picture'): boolean {
    try {
      const now = new Date();
      utimesSync(this.pathOf(key, kind), now, now);
      return true;
    } catch {
      // Not there (ENOENT), or a folder where times cannot be set: then only whether it exists.
      return existsSync(this.pathOf(key, kind));
    }
  }
}

export async function createPictureCache(parent = os.tmpdir()): Promise<PictureCache> {
  return new PictureCache(await mkdtemp(path.join(parent, 'luat-studio-video-pictures-')));
}

export function disposePictureCache(cache: PictureCache): Promise<void> {
  return rm(cache.dir, { recursive: true, force: true });
}

export interface PictureCachePlace {
  /** A render farm's folder for the build (BuildSettings.pictureCacheDir): used as it is, removed by the farm. */
  farmDir?: string | undefined;
  /** The kept bundle the build draws with: pictures are kept between builds beside it (./keptPictures.ts). */
  keptBundleDir?: string | null | undefined;
  /**
   * What captures (remotion.ts videoBrowserIdentity). Lasting pictures are kept
   * per browser: two browsers draw the same frame a little differently (text
   * anti-aliasing), and a video mixing their pictures differs where they meet.
   */
  browser?: string | undefined;
}

/** A folder name for one browser identity. */
export function browserFolderName(identity: string): string {
  return `browser-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

/** The build's cache: the farm's folder, the pictures kept for this bundle, or else a temp folder removed with the build's resources. */
export function sharedPictureCache(shared: SharedResources, place: PictureCachePlace = {}): Promise<PictureCache> {
  // A folder that outlives the build: opened once per build, left in place when the build ends.
  const lasting = (dir: string, open: () => Promise<PictureCache>) =>
    shared.get(`${PICTURE_CACHE_KEY}:${dir}`, async () => {
      await mkdir(dir, { recursive: true });
      return open();
    }, async () => {});
  const { farmDir, keptBundleDir } = place;
  const perBrowser = (dir: string) => (place.browser ? path.join(dir, browserFolderName(place.browser)) : dir);
  if (farmDir) {
    const dir = perBrowser(farmDir);
    return lasting(dir, async () => new PictureCache(dir));
  }
  if (keptBundleDir) {
    const dir = perBrowser(keptPicturesDir(keptBundleDir));
    return lasting(dir, async () => {
      // Pruning is housekeeping: a failure (a file another build is removing) must not fail this build.
      await pruneKeptPictures(dir).catch(() => {});
      await pruneOtherBrowsers(dir).catch(() => {});
      return new KeptPictureCache(dir);
    });
  }
  return shared.get(PICTURE_CACHE_KEY, () => createPictureCache(), disposePictureCache);
}
