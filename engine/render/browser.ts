/**
 * One headless Chromium per build. Starting Chromium costs about a second on
 * these machines, so every print format of a build borrows the same browser
 * through ctx.shared and opens only a fresh page per output.
 */
import type { Browser } from 'playwright-core';
import type { SharedResources } from '../build/format.js';
import { StudioError } from '../errors.js';
import { HEADLESS_ARGS, findChromium } from './chromium.js';
import { tetheredExecutable } from '../runTemp.js';

/** Key under which the browser lives in BuildContext.shared. */
export const SHARED_BROWSER_KEY = 'chromium';

/** Starts the system Chromium headless (never a downloaded one). */
export async function launchBrowser(options: { executablePath?: string | null } = {}): Promise<Browser> {
  const executablePath = findChromium(options.executablePath);
  // Imported here: loading Playwright costs more than a whole `check` (tests/bench/startup.ts).
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({
      // Through a wrapper that kills Chromium if the studio is killed (../runTemp.ts).
      executablePath: tetheredExecutable(executablePath) ?? executablePath,
      headless: true,
      chromiumSandbox: false,
      // Playwright adds its own --headless; ours would clash with it.
      args: HEADLESS_ARGS.filter((a) => !a.startsWith('--headless')),
    });
  } catch (cause) {
    const message = String((cause as Error)?.message ?? cause).split('\n')[0] ?? '';
    throw new StudioError('render.chromiumFailed', { path: executablePath, message }, { cause });
  }
}

export async function closeBrowser(browser: Browser): Promise<void> {
  await browser.close();
}

/** The build's browser: launched on first use, closed when the build ends. */
export function sharedBrowser(ctx: { shared: SharedResources; settings: Record<string, unknown> }): Promise<Browser> {
  const configured = typeof ctx.settings['chromiumPath'] === 'string' ? (ctx.settings['chromiumPath'] as string) : null;
  return ctx.shared.get(SHARED_BROWSER_KEY, () => launchBrowser({ executablePath: configured }), closeBrowser);
}
