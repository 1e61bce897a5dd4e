/**
 * @font-face rules for a page Chromium prints, with the font files inlined as
 * data URLs: a page set with page.setContent (or Electron's printToPDF) has no
 * origin from which file:// fonts could load, and inlining keeps every
 * render independent of where node_modules lives.
 */
import { readFile } from 'node:fs/promises';
import type { FontFamilyId } from './families.js';
import { facesOf, inRanges, type FontFace } from './fontFiles.js';

const fileCache = new Map<string, Promise<string>>();

function dataUrl(file: string): Promise<string> {
  let url = fileCache.get(file);
  if (!url) {
    url = readFile(file).then((bytes) => `data:font/woff2;base64,${bytes.toString('base64')}`);
    fileCache.set(file, url);
    url.catch(() => fileCache.delete(file));
  }
  return url;
}

function rangeCss(ranges: FontFace['ranges']): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',');
}

const cssCache = new Map<string, Promise<string>>();

/**
 * The @font-face rules for these families (cached per process: fonts never
 * change while it runs). Given the text a page will show, only the subset
 * files that can draw some of it are included, which keeps pages small.
 */
export async function fontFaceCss(families: FontFamilyId[], text?: string): Promise<string> {
  const used = text === undefined ? null : codePointsOf(text);
  const faces: FontFace[] = [];
  for (const id of [...new Set(families)]) {
    for (const face of await facesOf(id)) {
      if (!used || used.some((cp) => inRanges(cp, face.ranges))) faces.push(face);
    }
  }
  const key = faces.map((f) => `${f.file}`).join('|');
  let css = cssCache.get(key);
  if (!css) {
    css = buildCss(faces);
    cssCache.set(key, css);
    css.catch(() => cssCache.delete(key));
  }
  return css;
}

function codePointsOf(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0)!);
  return [...set];
}

async function buildCss(faces: FontFace[]): Promise<string> {
  const rules: string[] = [];
  for (const face of faces) {
    rules.push(
      `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
        `font-display:block;src:url(${await dataUrl(face.file)}) format('woff2');unicode-range:${rangeCss(face.ranges)};}`,
    );
  }
  return rules.join('\n');
}
