/**
 * The one guard for "this path stays inside that folder", used wherever a
 * request names a file: the bridge's UI and /files/ routes and the Electron
 * shell's. `..`, an absolute path or a symlink pointing out all resolve to null.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** True when `candidate` is strictly below `root` (both absolute and already resolved). */
export function isStrictlyInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The real path (symlinks followed) of `relative` under `root`, or null when
 * it does not exist or is not strictly inside the real `root`. `relative` may
 * be a URL path (`/assets/x.js`) or segments; leading slashes do not escape.
 */
export async function realPathInside(root: string, relative: string | string[]): Promise<string | null> {
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const parts = typeof relative === 'string' ? [path.normalize(relative).replace(/^([/\\])+/, '')] : relative;
  const real = await realpath(path.join(realRoot, ...parts)).catch(() => null);
  return real && isStrictlyInside(realRoot, real) ? real : null;
}
