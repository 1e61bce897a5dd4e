/**
 * Breaks a spoken line into caption cues: each at most two lines that fit the
 * aspect's caption box, broken between words, shown for a share of the line's
 * time proportional to its length. The same cues are burned in and written to
 * SRT, WebVTT and the MP4's subtitle tracks.
 */
import type { Measure } from './textMeasure.js';

export interface CueText {
  lines: string[];
  /** Share of the line's time, 0…1; shares of one line add up to 1. */
  share: number;
}

const ENDS_CLAUSE = /[,.;:!?…]$/u;

/**
 * Words into lines no wider than `maxWidth` (px at `fontSize`). A single word
 * wider than a line gets a line of its own (it is never cut inside the word).
 */
export function wrapWords(text: string, maxWidth: number, fontSize: number, measure: Measure): string[] {
  const words = text.split(/\s+/u).filter(Boolean);
  const widths = words.map((w) => measure(w) * fontSize);
  return wrapMeasured(words, widths, measure(' ') * fontSize, maxWidth).map((line) => line.join(' '));
}

function wrapMeasured(words: string[], widths: number[], space: number, maxWidth: number): string[][] {
  const lines: string[][] = [];
  let current: string[] = [];
  let width = 0;
  words.forEach((word, i) => {
    const w = widths[i]!;
    if (current.length > 0 && width + space + w > maxWidth) {
      lines.push(current);
      current = [];
      width = 0;
    }
    width += (current.length > 0 ? space : 0) + w;
    current.push(word);
  });
  if (current.length > 0) lines.push(current);
  return lines;
}

/**
 * Cues of at most `maxLines` lines: as few cues as the text needs, their
 * lengths as even as possible, preferring to end a cue after punctuation.
 * Within a two-line cue the lines are balanced too, so no word is left alone.
 */
export function splitIntoCues(text: string, maxWidth: number, fontSize: number, measure: Measure, maxLines = 2): CueText[] {
  const words = text.replace(/\s+/gu, ' ').trim().split(' ').filter(Boolean);
  if (words.length === 0) return [];
  const widths = words.map((w) => measure(w) * fontSize);
  const space = measure(' ') * fontSize;
  const fits = (a: number, b: number) => wrapMeasured(words.slice(a, b), widths.slice(a, b), space, maxWidth).length <= maxLines;
  const chunkWidth = (a: number, b: number) => widths.slice(a, b).reduce((n, w) => n + w, 0) + space * (b - a - 1);
  const n = words.length;
  const minCues = Math.ceil(wrapMeasured(words, widths, space, maxWidth).length / maxLines);
  for (let k = minCues; k <= n; k++) {
    const ideal = chunkWidth(0, n) / k;
    // best[j][i]: least cost of the first i words in j cues; from[j][i] where the last cue starts.
    const best = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
    const from = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(-1));
    best[0]![0] = 0;
    for (let j = 1; j <= k; j++) {
      for (let i = j; i <= n; i++) {
        for (let a = j - 1; a < i; a++) {
          if (best[j - 1]![a] === Infinity || !fits(a, i)) continue;
          const off = (chunkWidth(a, i) - ideal) / maxWidth;
          const clause = i < n && !ENDS_CLAUSE.test(words[i - 1]!) ? 0.35 : 0;
          const cost = best[j - 1]![a]! + off * off + clause;
          if (cost < best[j]![i]!) {
            best[j]![i] = cost;
            from[j]![i] = a;
          }
        }
      }
    }
    if (best[k]![n] === Infinity) continue;
    const bounds: number[] = [n];
    for (let j = k, i = n; j > 0; j--) {
      i = from[j]![i]!;
      bounds.unshift(i);
    }
    const chunks = bounds.slice(0, -1).map((a, idx) => words.slice(a, bounds[idx + 1]));
    const total = chunks.reduce((sum, c) => sum + c.join(' ').length, 0);
    return chunks.map((c) => ({
      lines: balance(c, space, maxWidth, maxLines, measure, fontSize),
      share: c.join(' ').length / total,
    }));
  }
  return [{ lines: [words.join(' ')], share: 1 }];
}

/** Lines of one cue: one if it fits, else the most even break into `maxLines` (2). */
function balance(words: string[], space: number, maxWidth: number, maxLines: number, measure: Measure, fontSize: number): string[] {
  const widths = words.map((w) => measure(w) * fontSize);
  const wrapped = wrapMeasured(words, widths, space, maxWidth);
  if (wrapped.length <= 1 || maxLines < 2) return wrapped.map((l) => l.join(' '));
  let best: string[] | null = null;
  let bestScore = Infinity;
  for (let k = 1; k < words.length; k++) {
    const wa = widths.slice(0, k).reduce((n, w) => n + w, 0) + space * (k - 1);
    const wb = widths.slice(k).reduce((n, w) => n + w, 0) + space * (words.length - k - 1);
    if (wa > maxWidth || wb > maxWidth) continue;
    const score = Math.abs(wa - wb) - (ENDS_CLAUSE.test(words[k - 1]!) ? 0.15 * maxWidth : 0);
    if (score < bestScore) {
      bestScore = score;
      best = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
    }
  }
  return best ?? wrapped.map((l) => l.join(' '));
}
