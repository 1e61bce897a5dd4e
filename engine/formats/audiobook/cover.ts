/**
 * A plain square cover (1400 px, the size audiobook stores ask for): the
 * genre label, the title, the subtitle and the issuer, in the language's
 * sans font chain (Be Vietnam Pro, with Noto for minority scripts). The
 * build's Chromium draws it in a page of its own (our ffmpeg has no text
 * rendering); ffmpeg turns the screenshot into a compact JPEG. It used to
 * start a Chromium of its own for one screenshot: ~2.3 CPU s, more than the
 * rest of the cover many times over.
 * Rich, branded covers come from the print templates later; this one only has
 * to be legible on a phone's lock screen.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { BuildContext } from '../../build/format.js';
import { cssFontStack, fontChain, fontFaceCss } from '../../fonts/index.js';
import { runFfmpeg } from '../../media/ffmpeg.js';
import { closeBrowser, launchBrowser, sharedBrowser } from '../../render/browser.js';
import { escapeHtml } from '../../text/escapeHtml.js';
import { openPage, releasePage } from '../print/render.js';

export interface CoverText {
  label: string;
  title: string;
  subtitle: string | null;
  issuer: string;
  language: string;
}

const SIZE = 1400;

/** The cover's document; its @font-face rules link our font files, which openPage's page serves. */
export async function coverHtml(text: CoverText): Promise<string> {
  const chain = fontChain('sans', [text.language]);
  const words = [text.label.toUpperCase(), text.label, text.title, text.subtitle ?? '', text.issuer].join(' ');
  const fonts = await fontFaceCss(chain, words, { linked: true });
  const titleSize = text.title.length > 60 ? 84 : text.title.length > 35 ? 104 : 124;
  return `<!doctype html><html lang="${escapeHtml(text.language)}"><head><meta charset="utf-8"><style>${fonts}
html,body{margin:0;width:${SIZE}px;height:${SIZE}px;overflow:hidden}
body{box-sizing:border-box;padding:110px;display:flex;flex-direction:column;justify-content:space-between;
background:linear-gradient(160deg,#0b3d91,#062452);color:#fff;
font-family:${cssFontStack(chain)},sans-serif}
.label{font-size:54px;letter-spacing:8px;text-transform:uppercase;color:#ffd166;font-weight:700}
h1{font-size:${titleSize}px;line-height:1.12;margin:0;font-weight:700}
.sub{font-size:50px;line-height:1.3;margin-top:40px;opacity:.9;font-weight:400}
.issuer{font-size:48px;border-top:6px solid #ffd166;padding-top:40px;font-weight:700}
</style></head><body><div class="label">${escapeHtml(text.label)}</div>
<div><h1>${escapeHtml(text.title)}</h1>${text.subtitle ? `<div class="sub">${escapeHtml(text.subtitle)}</div>` : ''}</div>
<div class="issuer">${escapeHtml(text.issuer)}</div></body></html>`;
}

/**
 * Writes the cover as `<workDir>/cover-<language>.jpg`, drawn in `browser`,
 * and returns its path. Rejects when the browser fails; the caller then
 * builds the book without a cover and warns.
 */
export async function renderCover(text: CoverText, workDir: string, browser: Browser, options: { signal?: AbortSignal } = {}): Promise<string> {
  const png = path.join(workDir, `cover-${text.language}.png`);
  const jpg = path.join(workDir, `cover-${text.language}.jpg`);
  options.signal?.throwIfAborted();
  const page = await openPage(browser, await coverHtml(text), { viewport: { width: SIZE, height: SIZE }, media: 'screen' });
  try {
    await writeFile(png, await page.screenshot({ type: 'png' }));
  } finally {
    await releasePage(page);
  }
  options.signal?.throwIfAborted();
  await runFfmpeg(['-v', 'error', '-y', '-i', png, '-c:v', 'mjpeg', '-q:v', '3', '-pix_fmt', 'yuvj444p', '-frames:v', '1', '-f', 'image2', jpg], options.signal ? { signal: options.signal } : {});
  return jpg;
}

/**
 * Runs `draw` with the build's browser, or, when the audiobook's settings
 * name another Chromium than the build's, with that one, started for it alone.
 */
export async function withCoverBrowser<T>(
  ctx: Pick<BuildContext, 'shared' | 'settings'>,
  chromium: string | null,
  draw: (browser: Browser) => Promise<T>,
): Promise<T> {
  if (chromium === null || chromium === ctx.settings['chromiumPath']) return draw(await sharedBrowser(ctx));
  const browser = await launchBrowser({ executablePath: chromium });
  try {
    return await draw(browser);
  } finally {
    await closeBrowser(browser);
  }
}
