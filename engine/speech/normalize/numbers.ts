/**
 * Numbers as Vietnamese words, through read-vietnamese-number (checked against
 * our table in tests). Its `thousandSign` option is used as an unescaped RegExp
 * (a "." would remove every character), so we strip the writer's "." thousands
 * ourselves and hand it plain digits with "." as the decimal point.
 */
import { ReadingConfig, doReadNumber } from 'read-vietnamese-number';

export type Dialect = 'north' | 'south';

function config(dialect: Dialect): ReadingConfig {
  const c = new ReadingConfig();
  c.unit = [];
  c.pointSign = '.';
  c.pointText = 'phẩy';
  c.oddText = dialect === 'south' ? 'lẻ' : 'linh';
  c.units = [[], [dialect === 'south' ? 'ngàn' : 'nghìn'], ['triệu'], ['tỷ']];
  return c;
}

const CONFIGS: Record<Dialect, ReadingConfig> = { north: config('north'), south: config('south') };

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** Beyond this many integer digits a figure is an identifier, read digit by digit. */
const MAX_VALUE_DIGITS = 15;

/**
 * `integer` is digits only (leading zeros allowed: "02" is two), `fraction`
 * the digits after the decimal comma.
 */
export function readNumber(integer: string, dialect: Dialect, fraction?: string): string {
  if (integer.length > MAX_VALUE_DIGITS) return readDigits(integer);
  const input = fraction ? `${integer}.${fraction}` : integer;
  return doReadNumber(input, CONFIGS[dialect]);
}

/** "0215" → "không hai một năm". */
export function readDigits(digits: string): string {
  return [...digits].filter((d) => d >= '0' && d <= '9').map((d) => DIGITS[Number(d)]).join(' ');
}

/** "1.500.000" → "1500000"; "2,5" → ["2", "5"]. */
export function splitWritten(written: string): { integer: string; fraction?: string } {
  const [intPart, fraction] = written.split(',');
  const integer = (intPart ?? '').replace(/\./g, '');
  return fraction ? { integer, fraction } : { integer };
}

export function readWritten(written: string, dialect: Dialect): string {
  const { integer, fraction } = splitWritten(written);
  return readNumber(integer, dialect, fraction);
}

const MONTHS = ['', 'một', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];

/** Month names: "tháng tư", never "tháng bốn". */
export function readMonth(month: number, dialect: Dialect): string {
  return MONTHS[month] ?? readNumber(String(month), dialect);
}

/** Ordinals after "thứ": nhất, hai, ba, tư … */
export function readOrdinal(n: number, dialect: Dialect): string {
  if (n === 1) return 'nhất';
  if (n === 4) return 'tư';
  return readNumber(String(n), dialect);
}

const ROMAN = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a Roman numeral, or null when `text` is not one. */
export function romanValue(text: string): number | null {
  if (!text || !ROMAN.test(text)) return null;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const v = ROMAN_VALUES[text[i]!]!;
    const next = ROMAN_VALUES[text[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}
