/**
 * Text → the words a voice says. The pronunciation lexicon (the project's and
 * the library's "đọc là" entries) runs first, then, for Vietnamese, the rules
 * in rules.ts. SpeechRegistry calls this for every synthesised line, so every
 * engine (espeak-ng, HTTP, neural) hears the same words; the app and
 * `luat-studio speech normalize` show them as "Đọc là".
 */
import { applyPronunciations, type PronunciationEntry } from './lexicon.js';
import type { Dialect } from './numbers.js';
import { RULES } from './rules.js';

export type { PronunciationEntry } from './lexicon.js';
export { applyPronunciations } from './lexicon.js';

export interface NormalizeOptions {
  /** ISO 639 code of the text; only Vietnamese has rules, other languages get their lexicon only. */
  language: string;
  /** The voice's accent: southern forms ("ngàn", "lẻ", "mùng") for 'south', northern otherwise. */
  accent?: 'north' | 'central' | 'south';
  /** Entries for this language, project's before library's. */
  lexicon?: PronunciationEntry[];
}

export function dialectOf(accent: NormalizeOptions['accent']): Dialect {
  return accent === 'south' ? 'south' : 'north';
}

export function normalizeForSpeech(text: string, options: NormalizeOptions): string {
  const base = (options.language.toLowerCase().split('-')[0] ?? '');
  const own = (options.lexicon ?? []).filter((e) => (e.language.toLowerCase().split('-')[0] ?? '') === base);
  let out = applyPronunciations(text.normalize('NFC'), own);
  if (base !== 'vi') return out;
  const ctx = { dialect: dialectOf(options.accent) };
  for (const rule of RULES) out = rule.apply(out, ctx);
  if (ctx.dialect === 'south') out = out.replace(/(?<!\p{L})nghìn(?!\p{L})/gu, 'ngàn').replace(/(?<!\p{L})mồng(?!\p{L})/gu, 'mùng');
  // Lower case keeps espeak-ng on its Vietnamese voice (capitals read as English initials).
  return tidy(out.toLocaleLowerCase('vi'));
}

function tidy(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ ([,.;:!?])/g, '$1')
    .replace(/,(?:\s*,)+/g, ',')
    .replace(/^ +| +$/gm, '');
}
