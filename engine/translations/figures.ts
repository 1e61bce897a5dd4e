/**
 * The figures a translation must carry over unchanged, as a CAT tool's QA
 * checks them: amounts, counts, dates, percentages, document numbers, article
 * numbers, phone numbers and hotlines, URLs and e-mail addresses. A fine of
 * "5.000.000" that comes back as "500.000" is caught here, never published.
 *
 * Each figure is reduced to a canonical value (digits of a phone number, the
 * day-month-year of a date, the plain value of an amount) so the target may
 * spell separators its own way when the language is configured to.
 */
export type FigureKind = 'url' | 'email' | 'documentNumber' | 'date' | 'phone' | 'percent' | 'number';

export interface Figure {
  kind: FigureKind;
  /** As written in the text. */
  text: string;
  /** What must match between source and target. */
  value: string;
}

export interface NumberStyle {
  /** Characters that group thousands in this language's numbers ("." in Vietnamese). */
  thousands: string[];
  /** Decimal marks ("," in Vietnamese). */
  decimal: string[];
}

/** Vietnamese writing, the source language's; also the default for targets. */
export const VIETNAMESE_NUMBERS: NumberStyle = { thousands: ['.'], decimal: [','] };

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+[^\s<>"')\].,;:!?]/giu;
const EMAIL_RE = /\b[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}\b/gu;
// 52/2014/QH13, 144/2021/NĐ-CP, 01/2024/TT-BTP: kept exactly as written.
const DOC_RE = /(?<![\p{L}\p{N}/])\d{1,4}\/\d{4}\/[\p{Lu}\p{N}]+(?:-[\p{Lu}\p{N}]+)*(?![\p{L}\p{N}])/gu;
const DATE_RE = /(?<![\p{N}/.])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\p{N}/])/gu;
// Hotlines and phone numbers: 0 or 1800/1900 followed by at least 7 more digits, in groups.
const PHONE_RE = /(?<![\p{N}.,])(?:0|1[89]00)[\d .]{6,}\d(?![\p{N}])/gu;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function numberPattern(style: NumberStyle): RegExp {
  const group = `[${style.thousands.map(escape).join('')}]`;
  const decimal = `[${style.decimal.map(escape).join('')}]`;
  return new RegExp(`(?<![\\p{L}\\p{N}])\\d{1,3}(?:${group}\\d{3})+(?:${decimal}\\d+)?(?![\\p{N}])|(?<![\\p{L}\\p{N}])\\d+(?:${decimal}\\d+)?(?![\\p{N}])(\\s*%)?`, 'gu');
}

/** The plain value of a number written in `style`: 5.000.000 → 5000000, 2,5 → 2.5, 02 → 2. */
function numberValue(text: string, style: NumberStyle): string {
  let plain = text;
  for (const mark of style.thousands) plain = plain.split(mark).join(style.decimal.includes(mark) ? mark : '');
  for (const mark of style.decimal) plain = plain.replace(mark, '.');
  const [whole = '0', fraction] = plain.split('.');
  const wholeValue = whole.replace(/^0+(?=\d)/, '');
  const fractionValue = fraction?.replace(/0+$/, '');
  return fractionValue ? `${wholeValue}.${fractionValue}` : wholeValue;
}

/** Every figure in `text`, each part of the text counted once (a date's digits are not also numbers). */
export function figuresIn(text: string, style: NumberStyle = VIETNAMESE_NUMBERS): Figure[] {
  const figures: Figure[] = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const collect = (re: RegExp, kind: FigureKind, value: (m: RegExpMatchArray) => string | null) => {
    for (const m of text.matchAll(re)) {
      const start = m.index!;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      const v = value(m);
      if (v === null) continue;
      taken.push([start, end]);
      figures.push({ kind, text: m[0], value: v });
    }
  };
  collect(URL_RE, 'url', (m) => m[0].toLowerCase().replace(/^https?:\/\//, '').replace(/\/$/, ''));
  collect(EMAIL_RE, 'email', (m) => m[0].toLowerCase());
  collect(DOC_RE, 'documentNumber', (m) => m[0]);
  collect(DATE_RE, 'date', (m) => `${Number(m[1])}-${Number(m[2])}-${m[3]}`);
  collect(PHONE_RE, 'phone', (m) => {
    const digits = m[0].replace(/\D/g, '');
    // "0215.3.825.113" is a phone number; "0,5" or a lone "0" is not.
    return digits.length >= 8 && /[ .]/.test(m[0].trim()) || digits.length >= 9 ? digits : null;
  });
  collect(numberPattern(style), 'number', (m) => {
    const isPercent = m[1] !== undefined;
    const value = numberValue(m[0].replace(/\s*%$/, ''), style);
    return isPercent ? `${value}%` : value;
  });
  return figures;
}

export interface FigureMismatch {
  kind: FigureKind;
  /** As written in the source, for the message. */
  source: string | null;
  /** As written in the target, or null when the target lacks it. */
  target: string | null;
}

/**
 * The figures that differ between a source unit and its translation, as
 * pairs a translator can read: "5.000.000 → 500.000", or one side missing.
 */
export function figureMismatches(source: string, target: string, targetStyle: NumberStyle = VIETNAMESE_NUMBERS): FigureMismatch[] {
  // A translator may keep the Vietnamese way of writing a figure or use the language's own: either is the same figure.
  const asVietnamese = mismatchesAgainst(figuresIn(source, VIETNAMESE_NUMBERS), figuresIn(target, VIETNAMESE_NUMBERS));
  if (asVietnamese.length === 0 || targetStyle === VIETNAMESE_NUMBERS) return asVietnamese;
  const asOwn = mismatchesAgainst(figuresIn(source, VIETNAMESE_NUMBERS), figuresIn(target, targetStyle));
  return asOwn.length < asVietnamese.length ? asOwn : asVietnamese;
}

function mismatchesAgainst(wanted: Figure[], found: Figure[]): FigureMismatch[] {
  const unmatchedFound = [...found];
  const missing: Figure[] = [];
  for (const figure of wanted) {
    const at = unmatchedFound.findIndex((f) => f.value === figure.value && sameFamily(f.kind, figure.kind));
    if (at >= 0) unmatchedFound.splice(at, 1);
    else missing.push(figure);
  }
  const mismatches: FigureMismatch[] = [];
  for (const figure of missing) {
    const at = unmatchedFound.findIndex((f) => sameFamily(f.kind, figure.kind));
    const paired = at >= 0 ? unmatchedFound.splice(at, 1)[0]! : null;
    mismatches.push({ kind: figure.kind, source: figure.text, target: paired?.text ?? null });
  }
  for (const extra of unmatchedFound) mismatches.push({ kind: extra.kind, source: null, target: extra.text });
  return mismatches;
}

/** A percentage may lose its sign in a language that writes "phần trăm" as a word; numbers and percents pair up. */
function sameFamily(a: FigureKind, b: FigureKind): boolean {
  const family = (k: FigureKind) => (k === 'percent' ? 'number' : k);
  return family(a) === family(b);
}
