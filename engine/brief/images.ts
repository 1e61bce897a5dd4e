/**
 * Pictures in a brief: `![mô tả](anh/so-do.png)` on a line of its own (or
 * inside a paragraph) becomes an `image` block whose alt text is a text unit.
 *
 * Parsing (sync, in parseBlocks) checks what the text alone can tell: the alt
 * text is there, the type is one we print, the path stays inside the brief's
 * folder. `checkBriefImages` (async) then reads each file next to the brief:
 * it must exist and have pixels enough for the width it is printed at.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Image } from 'mdast';
import { imageSize } from 'image-size';
import type { ImageBlock, Material } from '../model/material.js';
import type { ParseContext } from './context.js';
import { startOf } from './context.js';
import type { Diagnostic } from './diagnostics.js';

export const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.svg': 'image/svg+xml',
};
/**
 * Widest a picture is printed: the booklet's text column (A5, 148 mm less two
 * 14 mm margins). The leaflet's panels are narrower, so this is the strictest.
 */
export const PRINT_WIDTH_MM = 120;
/** Below this a print shop sees soft pixels: a warning. */
export const WARN_BELOW_DPI = 150;
/** Below this the picture prints visibly blocky: an error. */
export const ERROR_BELOW_DPI = 96;

/** The image block for one Markdown image, or null (with an error) when it cannot be one. */
export function parseImage(ctx: ParseContext, node: Image, container: string, slotBase: string): ImageBlock | null {
  const loc = startOf(node);
  const src = decodeURI(node.url ?? '').trim();
  const alt = (node.alt ?? '').replace(/\s+/g, ' ').trim();
  let ok = true;
  if (!alt) {
    ctx.bag.error('image.noAlt', loc, { src });
    ok = false;
  }
  if (!isInsideBriefFolder(src)) {
    ctx.bag.error('image.outsideBrief', loc, { src });
    return null;
  }
  if (!IMAGE_TYPES[path.posix.extname(src).toLowerCase()]) {
    ctx.bag.error('image.type', loc, { src, types: Object.keys(IMAGE_TYPES).join(', ') });
    ok = false;
  }
  if (!ok) return null;
  return { type: 'image', unit: ctx.leafUnit(container, slotBase, 'img', alt, loc), src: path.posix.normalize(src), loc };
}

/**
 * A relative path that stays in the brief's folder: the library copies the
 * file to the same place beside its own brief.md, which needs exactly this.
 */
function isInsideBriefFolder(src: string): boolean {
  if (!src || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('/') || src.startsWith('\\')) return false;
  const normal = path.posix.normalize(src.replace(/\\/g, '/'));
  return normal !== '..' && !normal.startsWith('../');
}

export function imageBlocks(material: Material): ImageBlock[] {
  return material.sections.flatMap((s) => (s.kind === 'content' ? s.blocks.filter((b): b is ImageBlock => b.type === 'image') : []));
}

/** Pixels per inch of a picture `widthPx` wide printed PRINT_WIDTH_MM wide (an SVG has no pixels: null). */
export function printDpi(widthPx: number): number {
  return Math.round(widthPx / (PRINT_WIDTH_MM / 25.4));
}

/**
 * Reads every picture the Material names from `baseDir` (the brief's folder,
 * or the project's folder in the library): a missing or unreadable file is an
 * error, too few pixels for the printed width a warning or an error.
 */
export async function checkBriefImages(material: Material, baseDir: string): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  for (const image of imageBlocks(material)) {
    const at = { line: image.loc.line, col: image.loc.col };
    let bytes: Buffer;
    try {
      bytes = await readFile(path.join(baseDir, ...image.src.split('/')));
    } catch {
      out.push({ severity: 'error', code: 'image.missing', ...at, params: { src: image.src } });
      continue;
    }
    if (path.posix.extname(image.src).toLowerCase() === '.svg') continue;
    let width: number | undefined;
    try {
      width = imageSize(bytes).width;
    } catch {
      width = undefined;
    }
    if (!width) {
      out.push({ severity: 'error', code: 'image.unreadable', ...at, params: { src: image.src } });
      continue;
    }
    const dpi = printDpi(width);
    const params = { src: image.src, dpi: String(dpi), width: String(width), mm: String(PRINT_WIDTH_MM), min: String(WARN_BELOW_DPI) };
    if (dpi < ERROR_BELOW_DPI) out.push({ severity: 'error', code: 'image.lowResolution', ...at, params });
    else if (dpi < WARN_BELOW_DPI) out.push({ severity: 'warning', code: 'image.softResolution', ...at, params });
  }
  return out;
}

/** The pictures as data: URLs for a print page, read from `baseDir`; a missing one is a StudioError-worthy gap the caller reports. */
export async function loadBriefImages(material: Material, baseDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const image of imageBlocks(material)) {
    if (out[image.src]) continue;
    const type = IMAGE_TYPES[path.posix.extname(image.src).toLowerCase()]!;
    const bytes = await readFile(path.join(baseDir, ...image.src.split('/')));
    out[image.src] = `data:${type};base64,${bytes.toString('base64')}`;
  }
  return out;
}
