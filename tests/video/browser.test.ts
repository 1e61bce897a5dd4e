/**
 * Remotion's Chromium holds no tab of its own between captures: the
 * about:blank tab it starts with kept renderer processes (~330 MB RSS) alive
 * through a whole render. It still captures after that tab is gone. Both
 * kinds of browser the studio finds are tried: the headless shell (preferred,
 * and what the packaged app ships) and a whole browser (a Windows PC's Chrome
 * or Edge), each started in its own headless mode.
 */
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { launchRemotionBrowser, videoBrowserIdentity, type RemotionBrowser } from '../../engine/formats/video/remotion.js';
import { findChromium, findVideoChromium, isHeadlessShell } from '../../engine/render/chromium.js';

let browser: RemotionBrowser | null = null;
afterEach(async () => {
  await browser?.close({ silent: true });
  browser = null;
});

const WHOLE_BROWSER = '/usr/bin/chromium';
const identities = new Map<string, string>();

describe('the video browser', () => {
  it('is the headless shell where one is installed; PDFs stay with the whole browser', () => {
    expect(isHeadlessShell(findVideoChromium())).toBe(true);
    expect(findChromium()).toBe(WHOLE_BROWSER);
    // A browser the user chose is used for both.
    expect(findVideoChromium(WHOLE_BROWSER)).toBe(WHOLE_BROWSER);
  });

  for (const [kind, executable] of [['the headless shell', findVideoChromium()], ['a whole browser', WHOLE_BROWSER]] as const) {
    it(`starts with no page open, and opens and closes pages afterwards: ${kind}`, async () => {
      expect(existsSync(executable)).toBe(true);
      browser = await launchRemotionBrowser(executable);
      // Closing is asked for at launch; Chromium reports it a moment later.
      for (let i = 0; i < 50 && browser.targets().some((t) => t.type() === 'page'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(browser.targets().filter((t) => t.type() === 'page').map((t) => t.url())).toEqual([]);
      const page = await browser.newPage({ context: () => null, logLevel: 'error', indent: false, pageIndex: 0, onBrowserLog: null, onLog: () => {} });
      expect(browser.targets().filter((t) => t.type() === 'page')).toHaveLength(1);
      expect(await page.evaluateHandle('navigator.userAgent').then((h) => h.toString())).toMatch(/Headless/);
      await page.close();
      identities.set(kind, await videoBrowserIdentity(browser, executable));
      expect(identities.get(kind)).toMatch(/\|(Headless)?Chrome\/\d+\.\d+/);
    }, 60_000);
  }

  it('tells the two apart, so their pictures are kept apart', () => {
    expect(identities.size).toBe(2);
    expect(new Set(identities.values()).size).toBe(2);
  });
});
