/**
 * Remotion bundles kept between builds. Bundling templates/video with webpack
 * takes 10–15 s here, and every build, farm worker and preview process did it
 * again for the same sources. A bundle is kept under the name of what went
 * into it: webpack reports every file it read (its fileDependencies), the
 * bundle records them with a digest of their contents, and a later build uses
 * it only if those files still give the same digest — an edited template, a
 * label or an upgraded Remotion makes a new bundle, as a build system would.
 *
 * Bundles appear whole: made in a temp folder beside the cache, then renamed
 * into place (two processes bundling at once both finish; the second uses the
 * first's). Only the newest few are kept.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appPath } from '../../platform/appRoot.js';
import { studioCacheRoot } from '../../platform/userCache.js';
import { VIDEO_BUNDLES_FOLDER, VIDEO_PICTURES_FOLDER } from './descriptor.js';

const INPUTS_FILE = 'luat-studio-inputs.json';
const KEEP = 3;
/** A bundle, or a picture kept for one (./keptPictures.ts), used within this time is never pruned (another build may be reading it). */
export const IN_USE_MS = 6 * 60 * 60 * 1000;

/** Removes `file` (a folder or a file) unless it was used within IN_USE_MS of `now`; one that cannot be read counts as in use. */
export async function removeIfUnused(file: string, now: number): Promise<void> {
  if (now - (await stat(file).then((s) => s.mtimeMs, () => now)) > IN_USE_MS) await rm(file, { recursive: true, force: true });
}

interface BundleInputs {
  /** Absolute paths, or (with `root: 'app'`) paths relative to the app's folder. */
  files: string[];
  digest: string;
  /** The bundle shipped with the app (shipBundle in ./remotion.ts): its inputs are named from the app's folder, wherever it is installed. */
  root?: 'app';
}

/** Where bundles are kept: `video-bundles/` in the studio's cache folder. */
export function bundleCacheDir(): string {
  return path.join(studioCacheRoot(), VIDEO_BUNDLES_FOLDER);
}

/** Where an input recorded as `file` is: relative names are from `root`. */
function inputPath(file: string, root?: string): string {
  return root ? path.resolve(root, file) : file;
}

/**
 * sha256 over each file's name and contents, in the given (sorted) order; null
 * if one is gone. Names relative to `root` are read from there.
 */
export async function digestOf(files: readonly string[], root?: string): Promise<string | null> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    try {
      for await (const chunk of createReadStream(inputPath(file, root))) hash.update(chunk as Buffer);
    } catch {
      return null;
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The same file as webpack and path.resolve name it (Windows paths differ in case and separators only). */
function samePath(a: string, b: string): boolean {
  const [x, y] = [path.resolve(a), path.resolve(b)];
  return process.platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/**
 * Bundles shipped with the app (made by `npm ci`/`npm run build`, and packaged
 * with it): a first video build after installing then needs no webpack run,
 * 10–15 s here and more on an office PC. Read-only in an installed app.
 */
export function shippedBundlesDir(): string {
  return appPath('dist', 'video-bundles');
}

/** `video-pictures/` beside `video-bundles/` in the user's cache. */
function userPicturesRoot(): string {
  return path.join(studioCacheRoot(), VIDEO_PICTURES_FOLDER);
}

/** A shipped bundle's kept pictures are in the user's cache under this prefix (the app's folder may be read-only). */
const SHIPPED_PICTURES_PREFIX = 'shipped-';

/**
 * Where the pictures drawn with a kept bundle are kept (./keptPictures.ts):
 * `<cache>/video-pictures/<bundle's name>`, pruned with the bundle; a shipped
 * bundle's in the user's cache, `video-pictures/shipped-<its name>`.
 */
export function keptPicturesDir(bundleDir: string): string {
  if (samePath(path.dirname(bundleDir), shippedBundlesDir())) return path.join(userPicturesRoot(), `${SHIPPED_PICTURES_PREFIX}${path.basename(bundleDir)}`);
  return path.join(path.dirname(path.dirname(bundleDir)), VIDEO_PICTURES_FOLDER, path.basename(bundleDir));
}

/**
 * A kept bundle made from `entryPoint` (this install's templates/video/entry.ts)
 * whose inputs are unchanged, or null. The entry must be among its inputs: a
 * bundle kept by another install or checkout records that one's files, which
 * stay unchanged while this one's templates differ (a new version installed
 * beside the old one would otherwise draw with the old templates).
 */
export async function findCachedBundle(entryPoint: string, cacheDir = bundleCacheDir(), appRoot = appPath()): Promise<string | null> {
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return null;
  }
  for (const name of names) {
    if (name.endsWith('.tmp')) continue;
    const dir = path.join(cacheDir, name);
    let inputs: BundleInputs;
    try {
      inputs = JSON.parse(await readFile(path.join(dir, INPUTS_FILE), 'utf8')) as BundleInputs;
    } catch {
      continue;
    }
    const root = inputs.root === 'app' ? appRoot : undefined;
    if (!inputs.files.some((file) => samePath(inputPath(file, root), entryPoint))) continue;
    if ((await digestOf(inputs.files, root)) !== inputs.digest) continue;
    const now = new Date();
    await utimes(dir, now, now).catch(() => {});
    return dir;
  }
  return null;
}

/** A temp folder in the cache for a new bundle (same file system, so keepBundle can rename it). */
export async function newBundleDir(cacheDir = bundleCacheDir()): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  return path.join(cacheDir, `${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Records the bundle's inputs and moves it into the cache; returns where it
 * now is. With `appRoot` (a shipped bundle) the inputs are recorded relative
 * to it, so the bundle is found again wherever the app is installed.
 */
export async function keepBundle(tempDir: string, inputFiles: Iterable<string>, cacheDir = bundleCacheDir(), appRoot?: string): Promise<string> {
  // Only real files: webpack also lists folders and files it looked for and did not find.
  const real: string[] = [];
  for (const file of new Set(inputFiles)) {
    if (await stat(file).then((s) => s.isFile(), () => false)) real.push(file);
  }
  // Forward slashes, so a bundle shipped from one system is found on another.
  const files = (appRoot ? real.map((f) => path.relative(appRoot, f).split(path.sep).join('/')) : real).sort();
  const digest = await digestOf(files, appRoot);
  if (!digest) throw new Error('a bundle input disappeared while bundling');
  const record: BundleInputs = { files, digest, ...(appRoot ? { root: 'app' as const } : {}) };
  await writeFile(path.join(tempDir, INPUTS_FILE), JSON.stringify(record), 'utf8');
  const final = path.join(cacheDir, digest.slice(0, 16));
  try {
    await rename(tempDir, final);
  } catch (err) {
    // Another process kept the same bundle first: use that one.
    if (!existsSync(path.join(final, INPUTS_FILE))) throw err;
    await rm(tempDir, { recursive: true, force: true });
  }
  // The shipped folder holds one bundle, replaced whole by shipBundle (./remotion.ts); pruning is for the user's cache.
  if (!appRoot) await pruneBundles(cacheDir, final);
  return final;
}

/**
 * Removes all but the newest KEEP bundles (never one used recently) with their
 * kept pictures, temp folders of crashed bundlings, and picture folders whose
 * bundle is gone (a process that stopped between removing the two).
 */
async function pruneBundles(cacheDir: string, keep: string): Promise<void> {
  const entries = await Promise.all((await readdir(cacheDir)).map(async (name) => {
    const dir = path.join(cacheDir, name);
    return { dir, name, mtime: await stat(dir).then((s) => s.mtimeMs, () => 0) };
  }));
  const now = Date.now();
  const bundles = entries.filter((e) => !e.name.endsWith('.tmp')).sort((a, b) => b.mtime - a.mtime);
  const stale = [
    ...bundles.slice(KEEP),
    // A temp folder is someone's bundle in progress unless it is old.
    ...entries.filter((e) => e.name.endsWith('.tmp')),
  ].filter((e) => e.dir !== keep && now - e.mtime > IN_USE_MS);
  await Promise.all(stale.flatMap((e) => [e.dir, ...(e.name.endsWith('.tmp') ? [] : [keptPicturesDir(e.dir)])]).map((dir) => rm(dir, { recursive: true, force: true })));
  const picturesRoot = path.dirname(keptPicturesDir(keep));
  const bundleNames = new Set(entries.filter((e) => !stale.includes(e)).map((e) => e.name));
  // Pictures of the app's shipped bundles are pruned by the app (pruneShippedPictures), not as orphans of the user's cache.
  const shipped = await shippedPictureNames();
  const orphans = (await readdir(picturesRoot).catch(() => [])).filter((name) => !bundleNames.has(name) && !shipped.has(name));
  // Its bundle may be one being kept right now by another process: only old folders go.
  await Promise.all(orphans.map((name) => removeIfUnused(path.join(picturesRoot, name), now)));
}

/** The kept-picture folder names of the bundles the installed app ships. */
async function shippedPictureNames(): Promise<Set<string>> {
  return new Set((await readdir(shippedBundlesDir()).catch(() => [] as string[])).map((name) => `${SHIPPED_PICTURES_PREFIX}${name}`));
}

/**
 * Removes the kept pictures of bundles an earlier version of the app shipped
 * (a new version ships a new bundle), unless used recently: another install
 * of that version may still be drawing with them.
 */
export async function pruneShippedPictures(): Promise<void> {
  const root = userPicturesRoot();
  const current = await shippedPictureNames();
  const old = (await readdir(root).catch(() => [] as string[])).filter((name) => name.startsWith(SHIPPED_PICTURES_PREFIX) && !current.has(name));
  const now = Date.now();
  await Promise.all(old.map((name) => removeIfUnused(path.join(root, name), now)));
}
