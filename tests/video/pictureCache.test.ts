/**
 * The picture cache on a folder several renders write to at once (a render
 * farm's shared folder): a picture is written whole or not at all, the first
 * copy of a key stays, and nothing half-written is left behind. Pictures
 * kept between builds on one PC: where, and what the cap removes.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keptPicturesDir } from '../../engine/formats/video/bundleCache.js';
import { pruneKeptPictures } from '../../engine/formats/video/keptPictures.js';
import { browserFolderName, KeptPictureCache, PictureCache, sharedPictureCache } from '../../engine/formats/video/pictureCache.js';
import { StudioError } from '../../engine/errors.js';
import { TestShared } from './context.js';

let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a picture cache shared by several renders', () => {
  it('keeps the first copy of a key and leaves no temp file', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-pictures-'));
    const cache = new PictureCache(dir);
    await Promise.all([cache.put('k', Buffer.from('first')), cache.put('k', Buffer.from('second'))]);
    await cache.put('k', Buffer.from('third'));
    expect(['first', 'second']).toContain(readFileSync(cache.pathOf('k'), 'utf8'));
    expect(readdirSync(dir)).toEqual(['k.jpeg']);
    expect(cache.has('k')).toBe(true);
    expect(cache.has('other')).toBe(false);
  });

  it('makes its folder again when it was removed under the build (a cleared cache), and keeps the picture', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-pictures-'));
    const cache = new PictureCache(path.join(dir, 'kept', 'browser-x'));
    mkdirSync(cache.dir, { recursive: true });
    await cache.put('a', Buffer.from('first'));
    rmSync(path.join(dir, 'kept'), { recursive: true });
    await cache.put('b', Buffer.from('second'));
    expect(readFileSync(cache.pathOf('b'), 'utf8')).toBe('second');
    expect(readdirSync(cache.dir)).toEqual(['b.jpeg']);
  });

  it('fails when it cannot write, and leaves nothing behind', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-pictures-'));
    // A "folder" that is a file: every write into it fails (ENOTDIR), as a vanished network share would.
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const cache = new PictureCache(path.join(dir, 'not-a-folder'));
    await expect(cache.put('k', Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readdirSync(dir)).toEqual(['not-a-folder']);
  });

  it('names a read of a kept file removed under the build, and only that failure', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-pictures-'));
    const cache = new PictureCache(dir);
    await cache.put('root', Buffer.from('jpeg'));
    expect((await cache.read('root')).toString()).toBe('jpeg');
    // Removed after the render planned with it (a disk cleaner): the user is told so, the cause kept for the crash log.
    rmSync(cache.pathOf('root'));
    const gone = await cache.read('root').catch((err: unknown) => err);
    expect(gone).toBeInstanceOf(StudioError);
    expect([(gone as StudioError).code, ((gone as StudioError).cause as NodeJS.ErrnoException).code]).toEqual(['video.keptFileGone', 'ENOENT']);
    // Another failure (here a folder where the file should be) is not called a removal.
    mkdirSync(cache.pathOf('odd', 'band'));
    await expect(cache.read('odd', 'band')).rejects.toMatchObject({ code: 'EISDIR' });
  });
});

describe('pictures kept between builds on one PC', () => {
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
  const put = (file: string, bytes: number, usedHoursAgo: number) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.alloc(bytes));
    utimesSync(file, hoursAgo(usedHoursAgo), hoursAgo(usedHoursAgo));
  };

  it('live beside the kept bundles, in a folder named like the bundle', () => {
    expect(keptPicturesDir('/cache/luat-studio/video-bundles/0123456789abcdef')).toBe(path.normalize('/cache/luat-studio/video-pictures/0123456789abcdef'));
  });

  it('past the cap, the pictures used longest ago go first, never one used in the last hours', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-kept-'));
    const kept = path.join(dir, 'video-pictures', 'current');
    put(path.join(kept, 'oldest.jpeg'), 400, 48);
    put(path.join(kept, 'older.jpeg'), 400, 24);
    put(path.join(kept, 'old.jpeg'), 400, 12);
    put(path.join(kept, 'recent-1.jpeg'), 400, 1);
    put(path.join(kept, 'recent-2.jpeg'), 400, 0);
    await pruneKeptPictures(kept, 1000);
    // 2,000 bytes against a cap of 1,000: the three old ones go; the two recent stay although still over.
    expect(readdirSync(kept).sort()).toEqual(['recent-1.jpeg', 'recent-2.jpeg']);
    await pruneKeptPictures(kept, 1000);
    expect(readdirSync(kept)).toHaveLength(2);
  });

  it('are kept per browser: another browser gets its own folder, and unused ones go', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-kept-'));
    const bundle = path.join(dir, 'video-bundles', 'b1');
    const browsers = ['shell|chromium-headless-shell|HeadlessChrome/156.0.8078.114|@1', 'browser|chrome|HeadlessChrome/156.0.8078.114|@1'];
    const root = keptPicturesDir(bundle);
    // Loose pictures from before folders per browser, and another browser's, both unused for two days.
    put(path.join(root, 'loose.jpeg'), 10, 48);
    put(path.join(root, 'browser-0123456789ab', 'x.jpeg'), 10, 48);
    utimesSync(path.join(root, 'browser-0123456789ab'), hoursAgo(48), hoursAgo(48));
    const shared = new TestShared();
    try {
      const [a, b] = await Promise.all(browsers.map((browser) => sharedPictureCache(shared, { keptBundleDir: bundle, browser })));
      expect(a!.dir).toBe(path.join(root, browserFolderName(browsers[0]!)));
      expect(b!.dir).toBe(path.join(root, browserFolderName(browsers[1]!)));
      expect(a!.dir).not.toBe(b!.dir);
      await a!.put('k', Buffer.from('from the shell'));
      expect(b!.has('k')).toBe(false);
      expect(readdirSync(root).sort()).toEqual([path.basename(a!.dir), path.basename(b!.dir)].sort());
    } finally {
      await shared.disposeAll();
    }
  });

  it('a cache lookup marks the picture used now, so it is not the first to go', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-kept-'));
    const cache = new KeptPictureCache(dir);
    put(cache.pathOf('a'), 10, 48);
    expect(cache.has('a')).toBe(true);
    expect(Date.now() - statSync(cache.pathOf('a')).mtimeMs).toBeLessThan(60_000);
    expect(cache.has('b')).toBe(false);
  });
});
