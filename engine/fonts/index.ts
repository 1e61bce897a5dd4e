/** Fonts for everything the studio prints: which families, their @font-face rules, and the glyph check. */
export { FONT_FAMILIES, cssFontStack, cssFontStacks, fontChain, printChains, scriptsOf } from './families.js';
export type { FaceRole, FontFamily, FontFamilyId } from './families.js';
export { facesOf, fontPackageDir } from './fontFiles.js';
export type { FontFace } from './fontFiles.js';
export { FONT_ORIGIN, fontFaceCss, linkedFontBytes } from './fontFace.js';
export { assertGlyphs, checkGlyphs, codePointLabel, printedTexts } from './glyphs.js';
export type { GlyphProblem, PrintedText } from './glyphs.js';
