/**
 * A plain square cover (1400 px, the size audiobook stores ask for): the
 * genre label, the title, the subtitle and the issuer, in Be Vietnam Pro
 * with Noto fallbacks for minority scripts. Chromium draws it (our ffmpeg has
 * no text rendering); ffmpeg turns the screenshot into a compact JPEG.
 * Rich, branded covers come from the print templates later; this one only has
 * to be legible on a phone's lock screen.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, HEADLESS_ARGS } from '../../render/chromium.js';
import { runFfmpeg } from '../../media/ffmpeg.js';
import { killTethered, spawnTethered } from '../../runTemp.js';
import { escapeHtml } from '../../text/escapeHtml.js';

export interface CoverText {
  label: string;
  title: string;
  subtitle: string | null;
  issuer: string;
  language: string;
}

const SIZE = 1400;
const require = createRequire(import.meta.url);

function fontCss(): string[] {
  const sheets = [
    '@fontsource/be-vietnam-pro/400.css',
    '@fontsource/be-vietnam-pro/700.css',
    '@fontsource/noto-sans/400.css',
    '@fontsource/noto-sans/700.css',
    '@fontsource/noto-sans-tai-viet/400.css',
  ];
  return sheets.flatMap((sheet) => {
    try {
      return [pathToFileURL(require.resolve(sheet)).href];
    } catch {
      return [];
    }
  });
}


export function coverHtml(text: CoverText): string {
  const links = fontCss().map((href) => `<link rel="stylesheet" href="${href}">`).join('');
  const titleSize = text.title.length > 60 ? 84 : text.title.length > 35 ? 104 : 124;
  return `<!doctype html><html lang="${escapeHtml(text.language)}"><head><meta charset="utf-8">${links}<style>
html,body{margin:0;width:${SIZE}px;height:${SIZE}px;overflow:hidden}
body{box-sizing:border-box;padding:110px;display:flex;flex-direction:column;justify-content:space-between;
background:linear-gradient(160deg,#0b3d91,#062452);color:#fff;
font-family:'Be Vietnam Pro','Noto Sans','Noto Sans Tai Viet',sans-serif}
.label{font-size:54px;letter-spacing:8px;text-transform:uppercase;color:#ffd166;font-weight:700}
h1{font-size:${titleSize}px;line-height:1.12;margin:0;font-weight:700}
.sub{font-size:50px;line-height:1.3;margin-top:40px;opacity:.9;font-weight:400}
.issuer{font-size:48px;border-top:6px solid #ffd166;padding-top:40px;font-weight:700}
</style></head><body><div class="label">${escapeHtml(text.label)}</div>
<div><h1>${escapeHtml(text.title)}</h1>${text.subtitle ? `<div class="sub">${escapeHtml(text.subtitle)}</div>` : ''}</div>
<div class="issuer">${escapeHtml(text.issuer)}</div></body></html>`;
}

/**
 * Writes the cover as `<workDir>/cover-<language>.jpg` and returns its path.
 * Rejects when no Chromium is installed or it fails; the caller then builds
 * the book without a cover and warns.
 */
export async function renderCover(text: CoverText, workDir: string, options: { signal?: AbortSignal; chromium?: string | null } = {}): Promise<string> {
  const chromium = findChromium(options.chromium ?? null);
  const html = path.join(workDir, `cover-${text.language}.html`);
  const png = path.join(workDir, `cover-${text.language}.png`);
  const jpg = path.join(workDir, `cover-${text.language}.jpg`);
  await writeFile(html, coverHtml(text));
  const args = [
    ...HEADLESS_ARGS,
    '--hide-scrollbars',
    `--user-data-dir=${path.join(workDir, `chromium-${text.language}`)}`,
    `--window-size=${SIZE},${SIZE}`,
    // Lets the web fonts load before the picture is taken.
    '--virtual-time-budget=3000',
    `--screenshot=${png}`,
    pathToFileURL(html).href,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawnTethered(chromium, args, { stdio: 'ignore', windowsHide: true });
    const timer = setTimeout(() => killTethered(child), 60_000);
    const onAbort = () => killTethered(child);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) reject(options.signal.reason);
      else if (code === 0 && existsSync(png)) resolve();
      else reject(new Error(`chromium exited with ${code} without a screenshot`));
    });
  });
  await runFfmpeg(['-v', 'error', '-y', '-i', png, '-c:v', 'mjpeg', '-q:v', '3', '-pix_fmt', 'yuvj444p', '-frames:v', '1', '-f', 'image2', jpg], options.signal ? { signal: options.signal } : {});
  return jpg;
}
