/**
 * The fonts the studio prints with, and which of them set which language.
 *
 * Every font ships as an npm package (@fontsource/*, OFL-licensed), so a
 * booklet looks the same on every PC and never depends on what happens to be
 * installed there. Each family is split by Fontsource into subset files with
 * a unicode-range; Chromium loads only the subsets a page uses.
 */
import { languageInfo } from '../model/languages.js';

export interface FontFamily {
  /** CSS font-family name, as in the package's CSS. */
  family: string;
  /** npm package that ships the files. */
  packageName: string;
  /** Weights the templates use (the package may ship more). */
  weights: number[];
  /** Whether the templates use its italic (only at weight 400). */
  italic: boolean;
}

export const FONT_FAMILIES = {
  beVietnamPro: { family: 'Be Vietnam Pro', packageName: '@fontsource/be-vietnam-pro', weights: [400, 500, 600, 700, 800], italic: true },
  notoSerif: { family: 'Noto Serif', packageName: '@fontsource/noto-serif', weights: [400, 700], italic: true },
  notoSans: { family: 'Noto Sans', packageName: '@fontsource/noto-sans', weights: [400, 700], italic: false },
  notoSansTaiViet: { family: 'Noto Sans Tai Viet', packageName: '@fontsource/noto-sans-tai-viet', weights: [400], italic: false },
} satisfies Record<string, FontFamily>;

export type FontFamilyId = keyof typeof FONT_FAMILIES;

/** Fonts for scripts other than Latin, tried after the style's own face. */
const SCRIPT_FONTS: Record<string, FontFamilyId[]> = {
  Latin: [],
  Tai_Viet: ['notoSansTaiViet'],
};

/** Last resort inside our own fonts: Noto Sans covers Latin, Greek, Cyrillic and more. */
const FINAL_FALLBACK: FontFamilyId = 'notoSans';

/** The faces a template style starts its stacks with. */
export type FaceRole = 'sans' | 'serif';
const ROLE_FACE: Record<FaceRole, FontFamilyId> = { sans: 'beVietnamPro', serif: 'notoSerif' };

/** Scripts a language is written in; unknown languages are taken to be Latin. */
export function scriptsOf(language: string): string[] {
  return languageInfo(language)?.scripts ?? ['Latin'];
}

/**
 * The font chain for text in these languages set in this role: the style's
 * face first, then one font per extra script, then the final fallback.
 * Chromium falls through the chain per character, exactly as checkGlyphs does.
 */
export function fontChain(role: FaceRole, languages: string[]): FontFamilyId[] {
  const chain: FontFamilyId[] = [ROLE_FACE[role]];
  for (const language of languages) {
    for (const script of scriptsOf(language)) {
      for (const id of SCRIPT_FONTS[script] ?? []) if (!chain.includes(id)) chain.push(id);
    }
  }
  if (!chain.includes(FINAL_FALLBACK)) chain.push(FINAL_FALLBACK);
  return chain;
}

/** Every chain the print templates use for these languages. */
export function printChains(languages: string[]): FontFamilyId[][] {
  return [fontChain('sans', languages), fontChain('serif', languages)];
}

/** A CSS font-family value for a chain. */
export function cssFontStack(chain: FontFamilyId[]): string {
  return chain.map((id) => `'${FONT_FAMILIES[id].family}'`).join(', ');
}

/** Both CSS stacks the templates need. */
export function cssFontStacks(languages: string[]): { sans: string; serif: string } {
  return { sans: cssFontStack(fontChain('sans', languages)), serif: cssFontStack(fontChain('serif', languages)) };
}
