/**
 * Words that mix scripts, such as a Vietnamese word holding a Cyrillic "о"
 * pasted from another document. They look right on screen but break search,
 * speech, citations and fonts, so each is reported with its line and column.
 */
const SCRIPTS = [
  'Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Armenian', 'Georgian',
  'Tai_Viet', 'Thai', 'Lao', 'Khmer', 'Cham', 'Han', 'Hangul', 'Hiragana', 'Katakana', 'Devanagari',
] as const;

const SCRIPT_TESTS = SCRIPTS.map((name) => ({ name, re: new RegExp(`^\\p{Script=${name}}$`, 'u') }));
const WORD = /[\p{L}\p{M}\p{Nd}]+/gu;
const LETTER = /^\p{L}$/u;

export interface MixedScriptWord {
  /** 0-based offset of the word in the line. */
  index: number;
  word: string;
  /** The first letter whose script differs from the word's first script, and where it is. */
  odd: { char: string; index: number; script: string };
  mainScript: string;
}

function scriptOf(ch: string): string {
  return SCRIPT_TESTS.find((s) => s.re.test(ch))?.name ?? 'Other';
}

export function findMixedScriptWords(line: string): MixedScriptWord[] {
  const found: MixedScriptWord[] = [];
  for (const match of line.matchAll(WORD)) {
    let main: string | null = null;
    let offset = 0;
    for (const ch of match[0]) {
      if (LETTER.test(ch)) {
        const script = scriptOf(ch);
        if (main === null) main = script;
        else if (script !== main) {
          found.push({ index: match.index, word: match[0], mainScript: main, odd: { char: ch, index: match.index + offset, script } });
          break;
        }
      }
      offset += ch.length;
    }
  }
  return found;
}

export function codePointLabel(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
