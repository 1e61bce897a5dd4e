/**
 * The bundle cache (engine/formats/video/bundleCache.ts) on small folders of
 * its own: a bundle is found again only while every file it was made from is
 * unchanged, it appears whole, and two processes keeping the same one agree.
 */
import { cp, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundleCacheDir, digestOf, findCachedBundle, keepBundle, keptPicturesDir, newBundleDir, pruneShippedPictures, shippedBundlesDir,
} from '../../engine/formats/video/bundleCache.js';
import { tempFiles } from '../helpers/briefs.js';

const { dir } = tempFiles('bundle-cache');

async function fakeBundle(cache: string, marker: string): Promise<string> {
  const temp = await newBundleDir(cache);
  await mkdir(temp, { recursive: true });
  await writeFile(path.join(temp, 'index.html'), marker);
  return temp;
}

describe('video bundle cache', () => {
  it('finds a kept bundle while its inputs are unchanged, and not after one changes', async () => {
    const cache = path.join(dir, 'cache-a');
    const source = path.join(dir, 'Scene.tsx');
    await writeFile(source, 'export const a = 1;');
    expect(await findCachedBundle(source, cache)).toBeNull();
    const kept = await keepBundle(await fakeBundle(cache, 'one'), [source, path.join(dir, 'not-there.ts'), dir], cache);
    expect(await findCachedBundle(source, cache)).toBe(kept);
    // No temp folder is left behind, and the kept one has a name of its contents.
    expect((await readdir(cache)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await writeFile(source, 'export const a = 2;');
    expect(await findCachedBundle(source, cache)).toBeNull();
  });

  it('does not use a bundle kept by another install or checkout, whose own sources are unchanged', async () => {
    const cache = path.join(dir, 'cache-d');
    const theirs = path.join(dir, 'other-install', 'entry.ts');
    const ours = path.join(dir, 'this-install', 'entry.ts');
    await mkdir(path.dirname(theirs), { recursive: true });
    await mkdir(path.dirname(ours), { recursive: true });
    await writeFile(theirs, 'export const v = 1;');
    await writeFile(ours, 'export const v = 2;');
    const kept = await keepBundle(await fakeBundle(cache, 'theirs'), [theirs], cache);
    expect(await findCachedBundle(theirs, cache)).toBe(kept);
    expect(await findCachedBundle(ours, cache)).toBeNull();
  });

  it('two processes keeping the same bundle end with one, whole', async () => {
    const cache = path.join(dir, 'cache-b');
    const source = path.join(dir, 'Card.tsx');
    await writeFile(source, 'export const b = 1;');
    const [first, second] = await Promise.all([
      fakeBundle(cache, 'first').then((t) => keepBundle(t, [source], cache)),
      fakeBundle(cache, 'second').then((t) => keepBundle(t, [source], cache)),
    ]);
    expect(first).toBe(second);
    expect(await readdir(cache)).toEqual([path.basename(first)]);
    expect(await findCachedBundle(source, cache)).toBe(first);
  });

  it('digests differ when a file moves, even with the same contents', async () => {
    const a = path.join(dir, 'x.ts');
    const b = path.join(dir, 'y.ts');
    await writeFile(a, 'same');
    await writeFile(b, 'same');
    expect(await digestOf([a])).not.toBe(await digestOf([b]));
    expect(await digestOf([path.join(dir, 'gone.ts')])).toBeNull();
  });

  it('prunes old bundles together with the pictures kept for them, and old pictures whose bundle is gone', async () => {
    const cache = path.join(dir, 'cache-c', 'video-bundles');
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    // Four older bundles, each with its kept pictures; the oldest two were last used days ago.
    for (const [name, days] of [['old-1', 4], ['old-2', 3], ['recent-1', 0], ['recent-2', 0]] as const) {
      await mkdir(path.join(cache, name), { recursive: true });
      await mkdir(keptPicturesDir(path.join(cache, name)), { recursive: true });
      await writeFile(path.join(keptPicturesDir(path.join(cache, name)), 'a.jpeg'), 'x');
      await utimes(path.join(cache, name), daysAgo(days), daysAgo(days));
    }
    // Pictures whose bundle is gone (a crash between the two removals): an old folder and one just made.
    const pictures = path.dirname(keptPicturesDir(path.join(cache, 'x')));
    for (const [name, days] of [['orphan-old', 2], ['orphan-new', 0]] as const) {
      await mkdir(path.join(pictures, name), { recursive: true });
      await utimes(path.join(pictures, name), daysAgo(days), daysAgo(days));
    }
    const source = path.join(dir, 'Stage.tsx');
    await writeFile(source, 'export const c = 1;');
    const kept = await keepBundle(await fakeBundle(cache, 'new'), [source], cache);
    // The newest three stay; the two older ones go, their pictures with them, and the old orphan.
    expect((await readdir(cache)).sort()).toEqual([path.basename(kept), 'recent-1', 'recent-2'].sort());
    expect((await readdir(pictures)).sort()).toEqual(['orphan-new', 'recent-1', 'recent-2']);
  });

  it('finds a shipped bundle from wherever the app is installed, while the sources there are those it was made from', async () => {
    // An app folder with its sources and the bundle shipped in it, as `npm run build` leaves it…
    const built = path.join(dir, 'built-app');
    await mkdir(path.join(built, 'templates'), { recursive: true });
    await writeFile(path.join(built, 'templates', 'entry.ts'), 'export const e = 1;');
    await writeFile(path.join(built, 'templates', 'Scene.tsx'), 'export const s = 1;');
    const shipped = path.join(built, 'dist', 'video-bundles');
    const kept = await keepBundle(await fakeBundle(shipped, 'shipped'), [path.join(built, 'templates', 'entry.ts'), path.join(built, 'templates', 'Scene.tsx')], shipped, built);
    expect(await findCachedBundle(path.join(built, 'templates', 'entry.ts'), shipped, built)).toBe(kept);
    // …then installed somewhere else (another folder, another user's PC).
    const installed = path.join(dir, 'Program Files', 'Luat Studio');
    await cp(built, installed, { recursive: true });
    const there = path.join(installed, 'dist', 'video-bundles');
    expect(await findCachedBundle(path.join(installed, 'templates', 'entry.ts'), there, installed)).toBe(path.join(there, path.basename(kept)));
    // A template edited in that install: the shipped bundle no longer draws it.
    await writeFile(path.join(installed, 'templates', 'Scene.tsx'), 'export const s = 2;');
    expect(await findCachedBundle(path.join(installed, 'templates', 'entry.ts'), there, installed)).toBeNull();
    // The first install's is unchanged and still found.
    expect(await findCachedBundle(path.join(built, 'templates', 'entry.ts'), shipped, built)).toBe(kept);
  });

  it("keeps a shipped bundle's pictures in the user's cache, prunes those of bundles an earlier version shipped, and not the current one's", async () => {
    const userCache = path.join(dir, 'user-cache');
    const before = process.env['LUAT_STUDIO_CACHE'];
    process.env['LUAT_STUDIO_CACHE'] = userCache;
    // A folder in the app's shipped bundles (the real one, as the tests' install has it): only its name matters here.
    const current = path.join(shippedBundlesDir(), `test-${process.pid}`);
    await mkdir(current, { recursive: true });
    try {
      const pictures = keptPicturesDir(current);
      expect(pictures).toBe(path.join(userCache, 'video-pictures', `shipped-test-${process.pid}`));
      const old = path.join(userCache, 'video-pictures', 'shipped-0123456789abcdef');
      const weekAgo = new Date(Date.now() - 7 * 86_400_000);
      for (const folder of [pictures, old]) {
        await mkdir(folder, { recursive: true });
        await utimes(folder, weekAgo, weekAgo);
      }
      // Keeping a bundle in the user's cache prunes orphan picture folders: not the shipped bundle's.
      const source = path.join(dir, 'Puppet.tsx');
      await writeFile(source, 'export const p = 1;');
      await keepBundle(await fakeBundle(bundleCacheDir(), 'user'), [source]);
      expect(await readdir(path.join(userCache, 'video-pictures'))).toContain(path.basename(pictures));
      await pruneShippedPictures();
      expect((await readdir(path.join(userCache, 'video-pictures'))).filter((n) => n.startsWith('shipped-'))).toEqual([path.basename(pictures)]);
    } finally {
      await rm(current, { recursive: true, force: true });
      if (before === undefined) delete process.env['LUAT_STUDIO_CACHE'];
      else process.env['LUAT_STUDIO_CACHE'] = before;
    }
  });
});

