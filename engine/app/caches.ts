/**
 * What the studio keeps on this PC to make the next build faster, and how to
 * get the space back: the settings' "Storage" section and `luat-studio cache`.
 * The formats say what they keep (FormatDescriptor.keptCaches: the video's
 * pictures and bundles), the build its machine speech per project
 * (PROJECT_SPEECH_CACHE). Everything there can be made again, so clearing
 * loses only time; it is refused while a build runs on this PC, which may be
 * about to read a kept file it already looked up (engine/build/buildLease.ts).
 */
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { KeptCache, Localized } from '../build/format.js';
import { runningBuilds, whileNoBuildRuns } from '../build/buildLease.js';
import { formatDescriptors } from '../build/registry.js';
import { PROJECT_SPEECH_CACHE } from '../build/speech.js';
import { StudioError } from '../errors.js';
import { keptCacheDir, studioCacheRoot } from '../platform/userCache.js';
import type { Studio } from './studio.js';

export interface CacheUsage {
  id: string;
  label: Localized;
  hint: Localized;
  bytes: number;
  files: number;
}

export interface CachesReport {
  caches: CacheUsage[];
  /** The studio's cache folder (the project caches are in the library's project folders). */
  folder: string;
  /** Builds running on this PC now: while any runs, nothing is cleared. */
  runningBuilds: number;
}

/** Every kept cache, the formats' in registration order, then the build's. */
export function keptCaches(): KeptCache[] {
  return [...formatDescriptors().flatMap((d) => d.keptCaches ?? []), PROJECT_SPEECH_CACHE];
}

/** A project cache's folders: every project's, those in the bin too (their caches take the same disk, and can be made again after a restore). */
async function foldersOf(studio: Studio, cache: KeptCache): Promise<string[]> {
  if (cache.place === 'user-cache') return [keptCacheDir(cache, studioCacheRoot())];
  const { library } = studio;
  const projects = [
    ...(await library.listProjects()).map((p) => library.projectDir(p.id)),
    ...(await library.listBin()).map((b) => library.binnedProjectDir(b.binId)),
  ];
  return projects.map((dir) => keptCacheDir(cache, dir));
}

/** Bytes and files below `dir` (nothing when it is not there); a file removed while counting is not counted. */
async function sizeOf(dir: string): Promise<{ bytes: number; files: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let bytes = 0;
  let files = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const s = await stat(path.join(entry.parentPath, entry.name)).catch(() => null);
    if (!s) continue;
    bytes += s.size;
    files++;
  }
  return { bytes, files };
}

async function usageOf(studio: Studio, cache: KeptCache): Promise<CacheUsage> {
  let bytes = 0;
  let files = 0;
  for (const dir of await foldersOf(studio, cache)) {
    const size = await sizeOf(dir);
    bytes += size.bytes;
    files += size.files;
  }
  return { id: cache.id, label: cache.label, hint: cache.hint, bytes, files };
}

/** What each kept cache holds now. Reads only. */
export async function cacheUsage(studio: Studio): Promise<CachesReport> {
  const caches = await Promise.all(keptCaches().map((c) => usageOf(studio, c)));
  return { caches, folder: studioCacheRoot(), runningBuilds: await runningBuilds() };
}

/**
 * Removes the kept caches named by `ids` (every one when none is named).
 * Refused while a build runs on this PC. A file another program holds open
 * (Windows) stays, and is counted in the report that comes back.
 */
export async function clearCaches(studio: Studio, ids: readonly string[] = []): Promise<{ freedBytes: number; report: CachesReport }> {
  const all = keptCaches();
  const unknown = ids.find((id) => !all.some((c) => c.id === id));
  if (unknown !== undefined) throw new StudioError('cache.unknown', { id: unknown, known: all.map((c) => c.id).join(', ') });
  const chosen = ids.length === 0 ? all : all.filter((c) => ids.includes(c.id));
  const before = await cacheUsage(studio);
  const cleared = await whileNoBuildRuns(async () => {
    for (const cache of chosen) {
      for (const dir of await foldersOf(studio, cache)) await rm(dir, { recursive: true, force: true, maxRetries: 2 }).catch(() => {});
    }
  });
  if (!cleared.ran) throw new StudioError('cache.buildRunning', { count: cleared.running });
  const report = await cacheUsage(studio);
  const total = (r: CachesReport) => r.caches.reduce((sum, c) => sum + c.bytes, 0);
  return { freedBytes: Math.max(0, total(before) - total(report)), report };
}
