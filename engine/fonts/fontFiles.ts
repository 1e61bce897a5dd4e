/**
 * The font files behind a family, read from the Fontsource package's own CSS
 * (one @font-face per subset, with its unicode-range). Both the @font-face
 * rules we give Chromium and the glyph check read this one list, so what is
 * checked is exactly what is printed.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { FONT_FAMILIES, type FontFamilyId } from './families.js';
import { promiseCache } from './promiseCache.js';

export interface FontFace {
  familyId: FontFamilyId;
  family: string;
  style: 'normal' | 'italic';
  weight: number;
  /** Absolute path of the woff2 file. */
  file: string;
  /** Inclusive code point ranges this file is used for. */
  ranges: Array<[number, number]>;
}

const require = createRequire(import.meta.url);

/** Folder of an installed font package. */
export function fontPackageDir(packageName: string): string {
  try {
    return path.dirname(require.resolve(`${packageName}/package.json`));
  } catch (cause) {
    throw new StudioError('fonts.packageMissing', { package: packageName }, { cause });
  }
}

const faceCache = promiseCache<FontFamilyId, FontFace[]>();

/** Every subset file of a family at the weights and styles the templates use. */
export function facesOf(familyId: FontFamilyId): Promise<FontFace[]> {
  return faceCache(familyId, () => loadFaces(familyId));
}

async function loadFaces(familyId: FontFamilyId): Promise<FontFace[]> {
  const spec = FONT_FAMILIES[familyId];
  const dir = fontPackageDir(spec.packageName);
  const cssFiles = spec.weights.map((w) => `${w}.css`);
  if (spec.italic) cssFiles.push('400-italic.css');
  const faces: FontFace[] = [];
  for (const name of cssFiles) {
    const css = await readFile(path.join(dir, name), 'utf8').catch((cause) => {
      throw new StudioError('fonts.packageMissing', { package: `${spec.packageName}/${name}` }, { cause });
    });
    for (const face of parseFontsourceCss(css)) {
      faces.push({ ...face, familyId, file: path.join(dir, face.file) });
    }
  }
  return faces;
}

/** Reads @font-face rules as Fontsource writes them. Exported for tests. */
export function parseFontsourceCss(css: string): Array<Omit<FontFace, 'familyId'>> {
  const out: Array<Omit<FontFace, 'familyId'>> = [];
  for (const block of css.matchAll(/@font-face\s*{([^}]*)}/g)) {
    const body = block[1] ?? '';
    const family = /font-family:\s*'([^']+)'/.exec(body)?.[1];
    const style = /font-style:\s*(normal|italic)/.exec(body)?.[1] as 'normal' | 'italic' | undefined;
    const weight = Number(/font-weight:\s*(\d+)/.exec(body)?.[1]);
    const file = /url\(\.\/([^)]+\.woff2)\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    if (!family || !style || !weight || !file || !range) continue;
    out.push({ family, style, weight, file, ranges: parseUnicodeRange(range) });
  }
  return out;
}

export function parseUnicodeRange(value: string): Array<[number, number]> {
  return value.split(',').map((part) => {
    const [a, b] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(a ?? '', 16);
    return [start, b ? parseInt(b, 16) : start] as [number, number];
  });
}

export function inRanges(codePoint: number, ranges: Array<[number, number]>): boolean {
  return ranges.some(([a, b]) => codePoint >= a && codePoint <= b);
}
