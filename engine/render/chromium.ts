/**
 * Where the Chromium that prints PDFs, captures video frames and runs the
 * browser tests lives. No tool may download its own browser: users' PCs are
 * often offline, so we take the one configured, or the one installed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { StudioError } from '../errors.js';

const CANDIDATES: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    path.join(process.env['PROGRAMFILES'] ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Microsoft\\Edge\\Application\\msedge.exe'),
    path.join(process.env['PROGRAMFILES'] ?? 'C:\\Program Files', 'Microsoft\\Edge\\Application\\msedge.exe'),
  ],
};

/** The configured path (setting, then LUAT_STUDIO_CHROMIUM), else the first installed browser. */
export function findChromium(configured?: string | null): string {
  const explicit = configured || process.env['LUAT_STUDIO_CHROMIUM'];
  if (explicit) {
    if (!existsSync(explicit)) throw new StudioError('render.chromiumMissing', { path: explicit });
    return explicit;
  }
  const found = (CANDIDATES[process.platform] ?? []).find((p) => existsSync(p));
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
