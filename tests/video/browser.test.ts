/**
 * The browser that draws a video's pictures (engine/formats/video/capture.ts):
 * the headless shell where one is installed, driven frame by frame; a whole
 * browser (a Windows PC's Chrome or Edge) otherwise, with screenshots. It
 * holds no page between captures, and the two kinds tell themselves apart so
 * their pictures are kept apart.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeVideoBrowser, drawsOnRequest, launchVideoBrowser, type VideoBrowser } from '../../engine/formats/video/capture.js';
import { createVideoFormat } from '../../engine/formats/video/index.js';
import { findChromium, findVideoChromium, isHeadlessShell } from '../../engine/render/chromium.js';
import { TestShared, testContext } from './context.js';
import { materialFrom, shortSampleText } from './fixtures.js';

let browser: VideoBrowser | null = null;
afterEach(async () => {
  if (browser) await closeVideoBrowser(browser);
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

  for (const [kind, executable, beginFrames] of [['the headless shell', findVideoChromium(), true], ['a whole browser', WHOLE_BROWSER, false]] as const) {
    it(`starts with no page open and says how it draws: ${kind}`, async () => {
      expect(existsSync(executable)).toBe(true);
      browser = await launchVideoBrowser(executable);
      expect(browser.beginFrames).toBe(beginFrames);
      expect(browser.context.pages()).toEqual([]);
      identities.set(kind, browser.identity);
      expect(browser.identity).toMatch(new RegExp(`\\|(Headless)?Chrome/\\d+\\.\\d+.*\\|${beginFrames ? 'begin-frame' : 'screenshot'}$`));
    }, 60_000);
  }

  it('draws on request only with the headless shell, and not on macOS, where Chromium cannot', () => {
    expect(drawsOnRequest('/usr/lib/chromium/chromium-headless-shell', 'linux')).toBe(true);
    expect(drawsOnRequest('C:\\Luat Studio\\chrome-headless-shell.exe', 'win32')).toBe(true);
    expect(drawsOnRequest('/Applications/Luat Studio.app/chrome-headless-shell', 'darwin')).toBe(false);
    expect(drawsOnRequest('/usr/bin/chromium', 'linux')).toBe(false);
  });

  it('tells the two apart, so their pictures are kept apart', () => {
    expect(identities.size).toBe(2);
    expect(new Set(identities.values()).size).toBe(2);
  });

  it('that does not start fails the build with the error that names it (its start runs beside the voices), and writes no video', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'video-browser-fails-'));
    const shared = new TestShared();
    try {
      const notABrowser = path.join(dir, 'chromium');
      await writeFile(notABrowser, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
      const material = await materialFrom(shortSampleText('[9:16]'));
      const outDir = path.join(dir, 'out');
      const build = createVideoFormat().build(testContext({ material, outDir, shared, settings: { chromiumPath: notABrowser } }));
      await expect(build).rejects.toMatchObject({ name: 'StudioError', code: 'render.chromiumFailed', params: { path: notABrowser } });
      expect(await readdir(outDir, { recursive: true }).catch(() => [])).toEqual([]);
    } finally {
      await shared.disposeAll();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
