/**
 * Remotion's Chromium holds no tab of its own between captures: the
 * about:blank tab it starts with kept renderer processes (~330 MB RSS) alive
 * through a whole render. It still captures after that tab is gone.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { launchRemotionBrowser, type RemotionBrowser } from '../../engine/formats/video/remotion.js';

let browser: RemotionBrowser | null = null;
afterAll(() => browser?.close({ silent: true }));

describe('the video browser', () => {
  it('starts with no page open, and opens and closes pages afterwards', async () => {
    browser = await launchRemotionBrowser();
    // Closing is asked for at launch; Chromium reports it a moment later.
    for (let i = 0; i < 50 && browser.targets().some((t) => t.type() === 'page'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(browser.targets().filter((t) => t.type() === 'page').map((t) => t.url())).toEqual([]);
    const page = await browser.newPage({ context: () => null, logLevel: 'error', indent: false, pageIndex: 0, onBrowserLog: null, onLog: () => {} });
    expect(browser.targets().filter((t) => t.type() === 'page')).toHaveLength(1);
    await page.close();
  }, 60_000);
});
