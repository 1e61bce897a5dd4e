/**
 * Key figures (ages, days, amounts, numbers to call) found in a message, so
 * the infographic can set them large. A figure is copied character for
 * character from the text — "05 ngày" stays "05 ngày", "10.000.000 đồng"
 * keeps its dots — never reformatted: legal figures must stay exact.
 */

export interface KeyFigure {
  /** The number as written: "20", "10.000.000", "05". */
  value: string;
  /** The word right after it as written ("tuổi", "ngày", "đồng"), or "" (a hotline like "111 —"). */
  unit: string;
  /** Where the number starts in the text. */
  index: number;
}

// A number (digits with . , or space-free thousands separators) and the word after it, if a word follows.
const FIGURE = /(?<![\p{L}\p{N}])(\p{Nd}+(?:[.,]\p{Nd}+)*)(?:[ \u00a0]([\p{L}\p{M}]+))?/gu;

/** Every figure in a text, in reading order. */
export function keyFiguresOf(text: string): KeyFigure[] {
  const out: KeyFigure[] = [];
  for (const m of text.matchAll(FIGURE)) out.push({ value: m[1]!, unit: m[2] ?? '', index: m.index });
  return out;
}
