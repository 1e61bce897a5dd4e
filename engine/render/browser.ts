/**
 * One headless Chromium per build. Starting Chromium costs about a second on
 * these machines, so every print format of a build borrows the same browser
 * through ctx.shared and opens only a fresh page per output.
 */
import type { Browser } from 'playwright-core';
import type { SharedResources } from '../build/format.js';
import { launchChromium } from './chromium.js';

/** Key under which the browser lives in BuildContext.shared. */
export const SHARED_BROWSER_KEY = 'chromium';

/** Starts the system Chromium headless (never a downloaded one). */
export function launchBrowser(options: { executablePath?: string | null } = {}): Promise<Browser> {
  return launchChromium(options);
}

export async function closeBrowser(browser: Browser): Promise<void> {
  await browser.close();
}

/** The build's browser: launched on first use, closed when the build ends. */
export function sharedBrowser(ctx: { shared: SharedResources; settings: Record<string, unknown> }): Promise<Browser> {
  const configured = typeof ctx.settings['chromiumPath'] === 'string' ? (ctx.settings['chromiumPath'] as string) : null;
  return ctx.shared.get(SHARED_BROWSER_KEY, () => launchBrowser({ executablePath: configured }), closeBrowser);
}
