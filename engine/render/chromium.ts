/**
 * Where the Chromium that prints PDFs, captures video frames and runs the
 * browser tests lives. No tool may download its own browser: users' PCs are
 * often offline, so we take the one configured, or the one installed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors.js';

const POSIX_CANDIDATES: Partial<Record<NodeJS.Platform, string[]>> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
};

/**
 * Where a browser may be installed, in order of preference. On Windows Chrome
 * installs per machine (Program Files, either one) or per user (when the user
 * is not an administrator: %LOCALAPPDATA%); Edge is on every Windows 10/11 PC,
 * so it is the last resort that is always there.
 */
export function chromiumCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform !== 'win32') return POSIX_CANDIDATES[platform] ?? [];
  const win = path.win32;
  const programFiles = env['PROGRAMFILES'] || 'C:\\Program Files';
  const programFilesX86 = env['PROGRAMFILES(X86)'] || 'C:\\Program Files (x86)';
  const localAppData = env['LOCALAPPDATA'] || (env['USERPROFILE'] ? win.join(env['USERPROFILE'], 'AppData', 'Local') : undefined);
  const chrome = ['Google', 'Chrome', 'Application', 'chrome.exe'];
  const edge = ['Microsoft', 'Edge', 'Application', 'msedge.exe'];
  const roots = [programFiles, programFilesX86];
  return [
    ...roots.map((root) => win.join(root, ...chrome)),
    ...(localAppData ? [win.join(localAppData, ...chrome), win.join(localAppData, 'Chromium', 'Application', 'chrome.exe')] : []),
    ...roots.map((root) => win.join(root, ...edge)),
  ].filter((p, i, all) => all.indexOf(p) === i);
}

/** The configured path (setting, then LUAT_STUDIO_CHROMIUM), else the first installed browser. */
export function findChromium(configured?: string | null): string {
  const explicit = configured || process.env['LUAT_STUDIO_CHROMIUM'];
  if (explicit) {
    if (!existsSync(explicit)) throw new StudioError('render.chromiumMissing', { path: explicit });
    return explicit;
  }
  const found = chromiumCandidates().find((p) => existsSync(p));
  if (!found) throw new StudioError('render.chromiumNotFound', {});
  return found;
}

/** Flags for a headless Chromium on a machine with no network beyond loopback. */
export const HEADLESS_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
