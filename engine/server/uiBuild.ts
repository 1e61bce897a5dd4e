/**
 * `serve` right after `npm ci --ignore-scripts`, or after `dist/` was removed,
 * must not answer 503: when the default UI folder has no index.html, build it
 * once with scripts/build-ui.mjs (Vite), its progress on stderr, before the
 * address is printed. A packaged app always ships dist/renderer.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { appPath } from '../platform/appRoot.js';

const ROOT = appPath();
const BUILD_SCRIPT = path.join(ROOT, 'scripts', 'build-ui.mjs');

export function uiIsBuilt(uiDir: string): boolean {
  return existsSync(path.join(uiDir, 'index.html'));
}

/** Builds the UI into the default folder when it is missing; `announce` is told before the build starts. */
export async function ensureUiBuilt(uiDir: string, defaultUiDir: string, announce: () => void): Promise<void> {
  if (uiIsBuilt(uiDir)) return;
  const canBuild = path.resolve(uiDir) === path.resolve(defaultUiDir) && existsSync(BUILD_SCRIPT) && existsSync(path.join(ROOT, 'node_modules', 'vite'));
  if (!canBuild) throw new StudioError('api.uiNotBuilt', { dir: uiDir });
  announce();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [BUILD_SCRIPT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // Vite's progress goes to our stderr: stdout carries only the address line.
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.once('error', () => resolve(null));
    child.once('close', resolve);
  });
  if (code !== 0 || !uiIsBuilt(uiDir)) throw new StudioError('api.uiBuildFailed', { dir: uiDir });
}
