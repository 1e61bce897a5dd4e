/**
 * @font-face rules for a page Chromium prints, with the font files inlined as
 * data URLs: a page set with page.setContent (or Electron's printToPDF) has no
 * origin from which file:// fonts could load, and inlining keeps every
 * render independent of where node_modules lives. Pages the studio opens
 * itself (engine/formats/print/render.ts) ask for `linked` rules instead: a
 * page with a megabyte of inlined fonts takes 1–2 s to load here, so the
 * rules name each file under FONT_ORIGIN and the page's route handler answers
 * with the file's bytes (linkedFontBytes).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FontFamilyId } from './families.js';
import { facesOf, inRanges, type FontFace } from './fontFiles.js';
import { promiseCache } from './promiseCache.js';

const fileBytes = promiseCache<string, Buffer>();

/** A font file's bytes, read once per process. */
function fontBytes(file: string): Promise<Buffer> {
  return fileBytes(file, () => readFile(file));
}

async function dataUrl(file: string): Promise<string> {
  return `data:font/woff2;base64,${(await fontBytes(file)).toString('base64')}`;
}

function rangeCss(ranges: FontFace['ranges']): string {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(',');
}

const cssCache = promiseCache<string, string>();

/**
 * The @font-face rules for these families (cached per process: fonts never
 * change while it runs). Given the text a page will show, only the subset
 * files that can draw some of it are included, which keeps pages small.
 */
export async function fontFaceCss(families: FontFamilyId[], text?: string, options: { linked?: boolean } = {}): Promise<string> {
  const used = text === undefined ? null : codePointsOf(text);
  const faces: FontFace[] = [];
  for (const id of [...new Set(families)]) {
    for (const face of await facesOf(id)) {
      if (!used || used.some((cp) => inRanges(cp, face.ranges))) faces.push(face);
    }
  }
  const linked = options.linked === true;
  const key = `${linked ? 'linked' : 'inline'}:${faces.map((f) => `${f.file}`).join('|')}`;
  return cssCache(key, () => buildCss(faces, linked));
}

function codePointsOf(text: string): number[] {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0)!);
  return [...set];
}

/** Where linked rules point; never a real host (.invalid), only the page's route handler answers. */
export const FONT_ORIGIN = 'http://fonts.luat-studio.invalid/';

/** Font file of each linked URL, and back; files are the packages' own, as facesOf() found them. */
const linkedFiles = new Map<string, string>();
const linkedUrls = new Map<string, string>();

function linkedUrl(file: string): string {
  let url = linkedUrls.get(file);
  if (!url) {
    url = `${FONT_ORIGIN}${linkedUrls.size}/${path.basename(file)}`;
    linkedUrls.set(file, url);
    linkedFiles.set(url, file);
  }
  return url;
}

/** The bytes of the font file a linked rule's URL stands for, or null for any other URL. */
export function linkedFontBytes(url: string): Promise<Buffer> | null {
  const file = linkedFiles.get(url);
  return file ? fontBytes(file) : null;
}

async function buildCss(faces: FontFace[], linked: boolean): Promise<string> {
  const rules: string[] = [];
  for (const face of faces) {
    const src = linked ? linkedUrl(face.file) : await dataUrl(face.file);
    rules.push(
      `@font-face{font-family:'${face.family}';font-style:${face.style};font-weight:${face.weight};` +
        `font-display:block;src:url(${src}) format('woff2');unicode-range:${rangeCss(face.ranges)};}`,
    );
  }
  return rules.join('\n');
}
