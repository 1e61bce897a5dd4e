/**
 * Checks, before anything is rendered, that the fonts we ship can draw every
 * character of every text unit. Chromium would otherwise fall back to
 * whatever the PC has, or print an empty box (tofu) into a PDF that goes to
 * print; a missing glyph is an error naming the character and the unit.
 */
import * as fontkit from 'fontkit';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import { listTextUnits } from '../model/units.js';
import { FONT_FAMILIES, printChains, type FontFamilyId } from './families.js';
import { facesOf, inRanges, type FontFace } from './fontFiles.js';

export interface GlyphProblem {
  /** Text unit id, or a pseudo id for printed text that is not a unit (legal.<ref>.articles, label.<key> …). */
  unitId: string;
  language: string;
  /** The character itself. */
  character: string;
  /** "U+1F9FF". */
  codePoint: string;
  /** Family names of the chain that lacks it. */
  chain: string[];
}

/** A string the templates print, with the id errors should name. */
export interface PrintedText {
  id: string;
  text: string;
}

/** Control characters are layout, not glyphs. */
const NOT_DRAWN = new Set([0x09, 0x0a, 0x0d]);

export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every string of a Material that print formats can put on a page, in reading order. */
export function printedTexts(material: Material): PrintedText[] {
  const out: PrintedText[] = listTextUnits(material).map(({ unit }) => ({ id: unit.id, text: unit.text }));
  for (const doc of material.legalBasis) {
    out.push({ id: `legal.${doc.ref}.ref`, text: doc.ref });
    doc.articles.forEach((article, i) => out.push({ id: `legal.${doc.ref}.articles[${i}]`, text: article }));
  }
  for (const section of material.sections) {
    if (section.kind !== 'situation') continue;
    for (const c of section.characters) out.push({ id: `${section.id}.character.${c.id}`, text: c.name });
  }
  if (material.portalUrl) out.push({ id: 'meta.portalUrl', text: material.portalUrl });
  return out;
}

/** Whether a family (at its regular face; the weights of one family share one character set) can draw a code point. */
async function familyCovers(id: FontFamilyId, codePoint: number): Promise<boolean> {
  for (const face of await facesOf(id)) {
    if (face.weight !== 400 || face.style !== 'normal' || !inRanges(codePoint, face.ranges)) continue;
    if (openFont(face).hasGlyphForCodePoint(codePoint)) return true;
  }
  return false;
}

const fonts = new Map<string, fontkit.Font>();

function openFont(face: FontFace): fontkit.Font {
  let font = fonts.get(face.file);
  if (!font) {
    const opened = fontkit.openSync(face.file);
    // Fontsource files are single fonts, never collections.
    font = ('fonts' in opened ? opened.fonts[0] : opened) as fontkit.Font;
    fonts.set(face.file, font);
  }
  return font;
}

/**
 * Every character of the Material in `language` that some font chain of the
 * print templates cannot draw. `fontLanguages` are the languages set together
 * on the page (both for a bilingual booklet); it decides the chains.
 */
export async function checkGlyphs(
  material: Material,
  language: string,
  options: { extra?: PrintedText[]; fontLanguages?: string[] } = {},
): Promise<GlyphProblem[]> {
  const chains = printChains(options.fontLanguages ?? [language]);
  const texts = [...printedTexts(material), ...(options.extra ?? [])];
  const problems: GlyphProblem[] = [];
  const verdicts = new Map<number, FontFamilyId[] | null>();
  for (const { id, text } of texts) {
    const reported = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (NOT_DRAWN.has(cp) || reported.has(cp)) continue;
      let lacking = verdicts.get(cp);
      if (lacking === undefined) {
        lacking = null;
        for (const chain of chains) {
          let covered = false;
          for (const family of chain) if ((covered = await familyCovers(family, cp))) break;
          if (!covered) {
            lacking = chain;
            break;
          }
        }
        verdicts.set(cp, lacking);
      }
      if (lacking) {
        reported.add(cp);
        problems.push({ unitId: id, language, character: ch, codePoint: codePointLabel(cp), chain: lacking.map(familyName) });
      }
    }
  }
  return problems;
}

function familyName(id: FontFamilyId): string {
  return FONT_FAMILIES[id].family;
}

/** Throws StudioError('fonts.missingGlyph') naming the first problem (and how many there are). */
export async function assertGlyphs(
  material: Material,
  language: string,
  options: { extra?: PrintedText[]; fontLanguages?: string[] } = {},
): Promise<void> {
  const problems = await checkGlyphs(material, language, options);
  const first = problems[0];
  if (!first) return;
  throw new StudioError('fonts.missingGlyph', {
    character: first.character,
    codePoint: first.codePoint,
    unitId: first.unitId,
    language: first.language,
    fonts: first.chain.join(', '),
    count: problems.length,
  });
}
