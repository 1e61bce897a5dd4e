/**
 * Pictures kept between builds on this PC. A translator who adds a language
 * a week after the Vietnamese video, or an editor who fixes a caption, gets
 * the stage pictures the earlier build captured (captions are laid on after
 * capture, so they are not in the pictures). A picture's key says what the
 * frame shows (./pictureKey.ts) but not how the composition's code draws it,
 * so pictures are kept per bundle: beside the kept bundles
 * (./bundleCache.ts), in a folder named like the bundle, which is the digest
 * of the composition's sources. A changed template makes a new bundle and so
 * a new, empty folder; a bundle's pictures are pruned with it (pruneBundles).
 *
 * Within it, pictures are kept per browser (pictureCache.ts browserFolderName):
 * an updated Chrome or another configured browser starts a folder of its own,
 * and the other browsers' folders go once unused for a while.
 *
 * The folder is capped (KEPT_PICTURES_MAX_BYTES): past it, the pictures used
 * longest ago go first, but never one used in the last hours, which another
 * build may be about to read.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { IN_USE_MS, removeIfUnused } from './bundleCache.js';

/** About five 90 s videos in two aspects at 1080p: per aspect ~39 MB of pictures, and ~49 MB of captioned shots per language. */
export const KEPT_PICTURES_MAX_BYTES = 1024 * 1024 * 1024;

/** Removes the least recently used pictures of `dir` past `maxBytes`, none used within IN_USE_MS. */
export async function pruneKeptPictures(dir: string, maxBytes = KEPT_PICTURES_MAX_BYTES, now = Date.now()): Promise<void> {
  const files = await Promise.all((await readdir(dir).catch(() => [] as string[])).map(async (name) => {
    const file = path.join(dir, name);
    const s = await stat(file).catch(() => null);
    return s?.isFile() ? { file, bytes: s.size, used: s.mtimeMs } : null;
  }));
  const pictures = files.filter((f): f is NonNullable<typeof f> => f !== null).sort((a, b) => a.used - b.used);
  let total = pictures.reduce((sum, p) => sum + p.bytes, 0);
  for (const p of pictures) {
    if (total <= maxBytes) break;
    if (now - p.used <= IN_USE_MS) break;
    // Windows refuses to remove a file another process has open: skip it, the next build tries again.
    if (await rm(p.file, { force: true }).then(() => true, () => false)) total -= p.bytes;
  }
}

/** Removes what is beside `dir` (other browsers' pictures of the same bundle) unused within IN_USE_MS. */
export async function pruneOtherBrowsers(dir: string, now = Date.now()): Promise<void> {
  const parent = path.dirname(dir);
  // Loose files there are pictures kept before they were kept per browser.
  const others = (await readdir(parent, { withFileTypes: true }).catch(() => [])).filter((e) => e.name !== path.basename(dir));
  await Promise.all(others.map((e) => removeIfUnused(path.join(parent, e.name), now)));
}
