/**
 * The studio's own folder (where package.json, templates/, media/ and dist/
 * are), found the same way from the TypeScript sources (engine/…), from the
 * compiled bundles (dist/chunks/…) and from the packaged app (resources/app):
 * the nearest folder above this module whose package.json is ours. A relative
 * `new URL('../..', import.meta.url)` would point elsewhere once bundled.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'luat-studio';

export function findAppRoot(start: string): string {
  for (let dir = start; ; ) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${PACKAGE_NAME}: package.json not found above ${start}`);
    dir = parent;
  }
}

let cached: string | undefined;

/** Absolute path of a file of the app, e.g. appPath('templates', 'video', 'entry.ts'). */
export function appPath(...segments: string[]): string {
  cached ??= findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
  return path.join(cached, ...segments);
}
