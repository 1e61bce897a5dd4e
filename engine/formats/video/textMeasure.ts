/**
 * Widths of caption text, measured from the very font files the composition
 * draws with (Be Vietnam Pro 600, Noto Sans Tai Viet, Noto Sans), so a line
 * the engine breaks to fit does fit when Chromium draws it. Advance widths
 * per code point, no kerning: a small safety margin covers the difference.
 */
import type * as fontkit from 'fontkit';
import { facesOf, type FontFace, type FontFamilyId } from '../../fonts/index.js';
import { inRanges } from '../../fonts/fontFiles.js';
import { CAPTION_WEIGHT } from '../../../templates/video/typography.js';

/** Measures a string at 1 px font size. */
export type Measure = (text: string) => number;

const SAFETY = 1.04;
const CHAIN: FontFamilyId[] = ['beVietnamPro', 'notoSansTaiViet', 'notoSans'];

interface LoadedFace {
  ranges: Array<[number, number]>;
  font: fontkit.Font;
}

let cached: Promise<Measure> | null = null;

/** The caption measurer, loaded once per process. */
export function captionMeasure(): Promise<Measure> {
  cached ??= loadMeasure().catch((err) => {
    cached = null;
    throw err;
  });
  return cached;
}

async function loadMeasure(): Promise<Measure> {
  // Loaded here, not at the top: every command that merely imports the app layer would pay for fontkit.
  const { openSync } = await import('fontkit');
  const faces: LoadedFace[] = [];
  for (const id of CHAIN) {
    const all = await facesOf(id);
    const weight = closestWeight(all, CAPTION_WEIGHT);
    for (const face of all) {
      if (face.style !== 'normal' || face.weight !== weight) continue;
      const opened = openSync(face.file);
      const font = ('fonts' in opened ? opened.fonts[0] : opened) as fontkit.Font;
      faces.push({ ranges: face.ranges, font });
    }
  }
  const widths = new Map<number, number>();
  const advance = (cp: number): number => {
    let w = widths.get(cp);
    if (w !== undefined) return w;
    w = 0.6; // unknown glyph: a generous average
    for (const face of faces) {
      if (!inRanges(cp, face.ranges)) continue;
      const glyph = face.font.glyphForCodePoint(cp);
      if (glyph && glyph.id !== 0) {
        w = glyph.advanceWidth / face.font.unitsPerEm;
        break;
      }
    }
    widths.set(cp, w);
    return w;
  };
  return (text: string) => {
    let total = 0;
    for (const ch of text.normalize('NFC')) total += advance(ch.codePointAt(0)!);
    return total * SAFETY;
  };
}

function closestWeight(faces: FontFace[], wanted: number): number {
  const weights = [...new Set(faces.map((f) => f.weight))];
  return weights.sort((a, b) => Math.abs(a - wanted) - Math.abs(b - wanted))[0] ?? wanted;
}
