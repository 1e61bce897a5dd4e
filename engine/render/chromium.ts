/**
 * Where the Chromium that prints PDFs, captures video frames and runs the
 * browser tests lives. No tool may download its own browser: users' PCs are
 * often offline, so we take the one configured, or the one installed.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { tetheredExecutable } from '../runTemp.js';
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

/**
 * Chromium's headless shell: Chromium without a browser UI, so without the
 * WebUI renderer and UI services a whole browser runs beside its pages.
 * Installed (Debian: chromium-headless-shell; the real binary, not the /usr/bin
 * wrapper, a shell that stays as a parent) or shipped with the app
 * (LUAT_STUDIO_HEADLESS_SHELL, set by electron/main.ts).
 */
export function headlessShellCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  const shipped = env['LUAT_STUDIO_HEADLESS_SHELL'];
  const installed = platform === 'linux' ? ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium-headless-shell'] : [];
  return [...(shipped ? [shipped] : []), ...installed];
}

/** Whether a browser is Chromium's headless shell (it takes Remotion's `--headless=old`, a whole browser `--headless=new`). */
export function isHeadlessShell(executable: string): boolean {
  return /headless[-_]shell(\.exe)?$/i.test(executable);
}

/**
 * The browser that prints PDFs and runs the UI: the configured path (setting,
 * then LUAT_STUDIO_CHROMIUM), else the first installed browser, else a
 * headless shell. A whole browser first because the shell's PDFs lose text:
 * pdftotext read Tai Viet words split apart and a comic's lines out of place
 * in PDFs the shell printed (Chromium 156).
 */
export function findChromium(configured?: string | null): string {
  const explicit = configured || process.env['LUAT_STUDIO_CHROMIUM'];
  if (explicit) {
    if (!existsSync(explicit)) throw new StudioError('render.chromiumMissing', { path: explicit });
    return explicit;
  }
  const found = [...chromiumCandidates(), ...headlessShellCandidates()].find((p) => existsSync(p));
  if (!found) throw new StudioError('render.chromiumNotFound', {});
  return found;
}

/**
 * The browser that captures video frames: the configured one, else a headless
 * shell, else findChromium's. Measured with Chromium 156 on a cold 90 s 9:16
 * video: the build's process tree peaked at 1.24 GB with the shell against
 * 1.71 GB with the whole browser, at the same speed; frames differ only in
 * text anti-aliasing (SSIM 0.9987).
 */
export function findVideoChromium(configured?: string | null): string {
  if (configured || process.env['LUAT_STUDIO_CHROMIUM']) return findChromium(configured);
  return headlessShellCandidates().find((p) => existsSync(p)) ?? findChromium();
}

/**
 * Chromium refuses to start as root with its sandbox on (a container, a CI
 * runner); everywhere else the sandbox stays on.
 */
const RUNNING_AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** Flags every Chromium we start gets: no network beyond loopback, no GPU, no first-run work. */
const COMMON_ARGS = [
  ...(RUNNING_AS_ROOT ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The common flags with headless mode, for tests that start a Chromium of their own. */
export const HEADLESS_ARGS = ['--headless=new', ...COMMON_ARGS];

/**
 * The one way to start a Chromium to drive (print PDFs, the report, the UI
 * tests): the configured or installed browser, never a downloaded one, with
 * the common flags plus `extraArgs`. Remotion starts its own for video
 * frames (engine/formats/video/remotion.ts), from the same findChromium.
 */
export async function launchChromium(options: { executablePath?: string | null; extraArgs?: string[] } = {}): Promise<Browser> {
  const executablePath = findChromium(options.executablePath);
  // Imported here: loading Playwright costs more than a whole `check` (tests/bench/startup.ts).
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      // Through a wrapper that kills Chromium if the studio is killed (../runTemp.ts).
      executablePath: tetheredExecutable(executablePath) ?? executablePath,
      headless: true,
      chromiumSandbox: !RUNNING_AS_ROOT,
      // Playwright adds its own --headless and sandbox flag; the rest are ours.
      args: [...COMMON_ARGS.filter((a) => a !== '--no-sandbox'), ...(options.extraArgs ?? [])],
    });
  } catch (cause) {
    const message = String((cause as Error)?.message ?? cause).split('\n')[0] ?? '';
    throw new StudioError('render.chromiumFailed', { path: executablePath, message }, { cause });
  }
}
