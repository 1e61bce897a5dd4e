/**
 * The studio's folder in the user's cache: LUAT_STUDIO_CACHE, else the
 * platform's cache folder (env-paths: ~/.cache/luat-studio on Linux,
 * %LOCALAPPDATA%\luat-studio\Cache on Windows). What is kept there is listed
 * by the formats that keep it (FormatDescriptor.keptCaches) and can be cleared
 * from the settings or `luat-studio cache clear` (engine/app/caches.ts).
 */
import path from 'node:path';
import envPaths from 'env-paths';
import type { KeptCache } from '../build/format.js';

export function studioCacheRoot(): string {
  return path.resolve(process.env['LUAT_STUDIO_CACHE'] || envPaths('luat-studio', { suffix: '' }).cache);
}

/** Where `cache` is below `base` (the studio's cache folder, or a project's folder, as its `place` says). */
export function keptCacheDir(cache: KeptCache, base: string): string {
  return path.join(base, ...cache.folder.split('/'));
}
