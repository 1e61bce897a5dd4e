/**
 * The rules that turn written Vietnamese into what a voice should say, in the
 * order they run. Earlier rules consume the patterns later ones would misread
 * (a date before its numbers, a phone number before its thousands), and every
 * rule writes words only, so no later rule sees its digits again.
 */
import { ABBREVIATIONS, LOANWORDS, spellLetters } from './abbreviations.js';
import { readDigits, readMonth, readNumber, readOrdinal, readWritten, romanValue, type Dialect } from './numbers.js';

export interface RuleContext {
  dialect: Dialect;
}

export interface Rule {
  name: string;
  apply(text: string, ctx: RuleContext): string;
}

/** Not inside a word or a figure. */
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}\p{N}])`;
const re = (source: string, flags = 'gu') => new RegExp(source, flags);

const num = (digits: string, ctx: RuleContext) => readNumber(digits, ctx.dialect);

// ── addresses ──────────────────────────────────────────────────────────────
const ADDRESS_WORDS: Record<string, string> = {
  www: 'vê kép vê kép vê kép', gov: 'gờ o vê', vn: 'vê nờ', com: 'com', org: 'o rờ gờ', net: 'nét',
  edu: 'e đu', info: 'in phô', gmail: 'gờ meo', yahoo: 'da hu', outlook: 'ao lúc', html: '', htm: '',
};
const ADDRESS_MARKS: Record<string, string> = {
  '.': 'chấm', '/': 'gạch chéo', '@': 'a còng', '-': 'gạch ngang', '_': 'gạch dưới', ':': 'hai chấm',
};
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|c|m|n|p|t)?$/;
/** Run-together words alternate consonants and vowels; initials ("pbgdpl") do not. */
const VOWEL_RUN = /^(?:(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(?:ch|ng|nh|c|m|n|p|t)?)+$/;

function readAddressToken(token: string): string {
  const known = ADDRESS_WORDS[token.toLowerCase()];
  if (known !== undefined) return known;
  return token
    .split(/(\d+)/)
    .filter(Boolean)
    .map((piece) => {
      if (/^\d+$/.test(piece)) return readDigits(piece);
      // One syllable ("tin") or several run together ("hotro") is read; initials ("moj", "pbgdpl") are spelled.
      const word = piece.toLowerCase();
      return SYLLABLE.test(word) || (word.length > 4 && VOWEL_RUN.test(word)) ? word : spellLetters(word);
    })
    .join(' ');
}

export function readAddress(address: string): string {
  const bare = address.replace(/^https?:\/\//i, '').replace(/\/$/, '');
  return bare
    .split(/([./@\-_:])/)
    .filter((part) => part !== '' && !/^[?=&#%]+$/.test(part))
    .map((part) => ADDRESS_MARKS[part] ?? readAddressToken(part.replace(/[?=&#%]/g, ' ')))
    .filter((word) => word !== '')
    .join(' ')
    .replace(/\s+chấm$/, '');
}

const EMAIL = /[\p{L}\p{N}._+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const URL = re(String.raw`(?:https?:\/\/|www\.)[^\s]+|${START}[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:vn|com|gov|org|net|edu|info)(?:\/[^\s]*)?${END}`);

const addresses: Rule = {
  name: 'url-email',
  apply: (text) =>
    text.replace(EMAIL, (m) => ` ${readAddress(m)} `).replace(URL, (m) => {
      const trailing = /[.,;:!?)»"']+$/.exec(m)?.[0] ?? '';
      return ` ${readAddress(m.slice(0, m.length - trailing.length))}${trailing}`;
    }),
};

// ── legal document numbers ────────────────────────────────────────────────
const DOC_TYPES = new Set(['NĐ', 'TT', 'TTLT', 'QĐ', 'NQ', 'CT', 'KH', 'HD', 'CV', 'TB', 'BC', 'PL']);
const CODE = String.raw`\p{Lu}[\p{Lu}\p{N}]*(?:-\p{Lu}[\p{Lu}\p{N}]*)*`;

/** "NĐ-CP" → ["nghị định", "chính phủ"]; "QH13" → [null, "quốc hội khóa mười ba"]. */
function readCode(code: string, ctx: RuleContext): { type: string | null; issuers: string[] } {
  const parts = code.split('-');
  const type = parts[0] && DOC_TYPES.has(parts[0]) ? ABBREVIATIONS[parts.shift()!]! : null;
  const issuers = parts.map((part) => {
    const session = /^(\p{Lu}+)(\d+)$/u.exec(part);
    if (session && ABBREVIATIONS[session[1]!]) return `${ABBREVIATIONS[session[1]!]} khóa ${num(session[2]!, ctx)}`;
    return ABBREVIATIONS[part] ?? spellLetters(part);
  });
  return { type, issuers };
}

/**
 * "Nghị định số 144/2021/NĐ-CP" is read as broadcasters read it: "nghị định
 * số một trăm bốn mươi bốn năm hai nghìn không trăm hai mươi mốt của chính
 * phủ" — the type from the code is said only when the sentence has not just
 * said it, the issuer after "của".
 */
function readDocumentNumber(before: string, after: string, n: string, year: string | undefined, code: string, ctx: RuleContext): string {
  const { type, issuers } = readCode(code, ctx);
  const recent = before.slice(-30).toLocaleLowerCase('vi');
  const typeSaid = type !== null && recent.includes(type);
  // "… 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ": the sentence names the issuer itself.
  const coming = after.slice(0, 60).toLocaleLowerCase('vi');
  const rawIssuers = code.split('-').slice(type ? 1 : 0);
  const issuerSaid = issuers.some((issuer, i) => coming.includes(`của ${issuer}`) || coming.includes(`của ${(rawIssuers[i] ?? '').toLocaleLowerCase('vi')}`));
  const words = [num(n, ctx)];
  if (year) words.push('năm', num(year, ctx));
  if (type && !typeSaid) words.push(type);
  if (issuers.length > 0 && !issuerSaid) words.push('của', issuers.join(', '));
  return words.join(' ');
}

const documentNumbers: Rule = {
  name: 'document-number',
  apply: (text, ctx) =>
    text.replace(re(String.raw`${START}(\d+)\/(?:(\d{4})\/)?(${CODE})${END}`), (m, n: string, year: string | undefined, code: string, offset: number) =>
      // "12/QĐ" needs a letter code; "15/01" (a date) never reaches here.
      readDocumentNumber(text.slice(0, offset), text.slice(offset + m.length), n, year, code, ctx),
    ),
};

// ── dates and times ───────────────────────────────────────────────────────
function readDay(day: number, ctx: RuleContext): string {
  // Days one to ten take "mồng" (north) / "mùng" (south): "ngày mồng một".
  const prefix = day <= 10 ? (ctx.dialect === 'south' ? 'mùng ' : 'mồng ') : '';
  return prefix + num(String(day), ctx);
}

function precededByNgay(text: string, offset: number): boolean {
  return /ngày\s*$/iu.test(text.slice(Math.max(0, offset - 8), offset));
}
function precededByThang(text: string, offset: number): boolean {
  return /tháng\s*$/iu.test(text.slice(Math.max(0, offset - 8), offset));
}

const dates: Rule = {
  name: 'date',
  apply(text, ctx) {
    let out = text.replace(re(String.raw`${START}(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${END}`), (m, d: string, _sep: string, mo: string, y: string, offset: number, whole: string) => {
      const day = Number(d);
      const month = Number(mo);
      if (day < 1 || day > 31 || month < 1 || month > 12) return m;
      const lead = precededByNgay(whole, offset) ? '' : 'ngày ';
      return `${lead}${readDay(day, ctx)} tháng ${readMonth(month, ctx.dialect)} năm ${num(y, ctx)}`;
    });
    // "tháng 01/2024", "01/2024"
    out = out.replace(re(String.raw`${START}(\d{1,2})\/(\d{4})${END}`), (m, mo: string, y: string, offset: number, whole: string) => {
      const month = Number(mo);
      if (month < 1 || month > 12) return m;
      const lead = precededByThang(whole, offset) ? '' : 'tháng ';
      return `${lead}${readMonth(month, ctx.dialect)} năm ${num(y, ctx)}`;
    });
    // "ngày 15/01" (no year) and "ngày 01"
    out = out.replace(re(String.raw`(ngày\s+)(\d{1,2})(?:\/(\d{1,2}))?${END}(?![.,/]\d)`, 'giu'), (m, lead: string, d: string, mo: string | undefined) => {
      const day = Number(d);
      if (day < 1 || day > 31) return m;
      if (mo === undefined) return `${lead}${readDay(day, ctx)}`;
      const month = Number(mo);
      if (month < 1 || month > 12) return m;
      return `${lead}${readDay(day, ctx)} tháng ${readMonth(month, ctx.dialect)}`;
    });
    return out.replace(re(String.raw`(tháng\s+)(\d{1,2})${END}(?![.,/]\d)`, 'giu'), (m, lead: string, mo: string) => {
      const month = Number(mo);
      return month >= 1 && month <= 12 ? `${lead}${readMonth(month, ctx.dialect)}` : m;
    });
  },
};

/** "7h", "7h30", "7g30" ("g" only with minutes: "5g" is grams), "07:30" (":" only with minutes). */
const TIME = String.raw`(\d{1,2})(?:h|giờ|g(?=\d{2})|:(?=\d{2}))(\d{2})?(?:'|p|ph|phút)?`;

function readTime(h: string, m: string | undefined, ctx: RuleContext): string | null {
  const hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (hour > 24 || minute > 59) return null;
  const minutes = m === undefined || minute === 0 ? '' : ` ${num(m, ctx)} phút`;
  return `${num(h, ctx)} giờ${minutes}`;
}

const times: Rule = {
  name: 'time',
  apply: (text, ctx) =>
    text.replace(re(String.raw`${START}${TIME}${END}(?:\s*[-–]\s*${TIME}${END})?`), (m, h1: string, m1?: string, h2?: string, m2?: string) => {
      const first = readTime(h1, m1, ctx);
      if (first === null) return m;
      if (h2 === undefined) return first;
      const second = readTime(h2, m2, ctx);
      return second === null ? m : `${first} đến ${second}`;
    }),
};

// ── phone numbers and hotlines ────────────────────────────────────────────
/** Groups as written ("0215.3.825.113"), or 4-3-3 for a run of digits. */
function readPhone(written: string): string {
  const groups = written.split(/[\s.-]+/).filter(Boolean);
  if (groups.length === 1) {
    const d = groups[0]!;
    const cuts = d.length >= 10 ? [4, 7] : d.length === 8 ? [4] : [];
    const pieces: string[] = [];
    let at = 0;
    for (const cut of cuts) {
      pieces.push(d.slice(at, cut));
      at = cut;
    }
    pieces.push(d.slice(at));
    return pieces.map(readDigits).join(', ');
  }
  return groups.map(readDigits).join(', ');
}

/** Emergency and public-service short numbers, always read digit by digit. */
const HOTLINES = String.raw`11[1-9]|1022|1080|18001567`;
const PHONE_CONTEXT = String.raw`(?:gọi(?:\s+(?:ngay|tới|đến|số))?|hotline|tổng\s+đài|đường\s+dây(?:\s+nóng)?|điện\s+thoại|SĐT|ĐT|Tel|liên\s+hệ|số\s+máy)\s*(?:số\s*)?:?\s*`;
/** Words that make "113" a quantity, not a hotline. */
const COUNT_NOUNS = String.raw`người|đồng|trường\s+hợp|vụ|hộ|xã|ngày|năm|tháng|lần|cái|km|ha|nghìn|triệu|tỷ`;

const phones: Rule = {
  name: 'phone',
  apply(text) {
    // Numbers starting with 0 or +84, 9 to 11 digits, with or without separators.
    let out = text.replace(re(String.raw`${START}(?:\+84[\s.]?)?0?\d{1,4}(?:[\s.-]?\d{1,4}){1,4}${END}`), (m) => {
      const digits = m.replace(/\D/g, '');
      const isPhone = (m.startsWith('0') && digits.length >= 9 && digits.length <= 11) || m.startsWith('+84');
      if (!isPhone) return m;
      if (m.startsWith('+84')) return `cộng tám bốn, ${readPhone(m.slice(3).trim())}`;
      return readPhone(m);
    });
    // 1800 / 1900 numbers: "1900 1234", "1800.1567", "19001234".
    out = out.replace(re(String.raw`${START}(1[89]00)[\s.]?(\d{2,4})(?:[\s.]?(\d{2,4}))?${END}`), (_m, a: string, b: string, c?: string) =>
      [a, b, c].filter((g): g is string => g !== undefined).map(readDigits).join(', '),
    );
    // A short number right after "gọi", "đường dây nóng" … is dialled, not counted.
    out = out.replace(re(String.raw`(${PHONE_CONTEXT})(\d{3,6})${END}(?![.,]\d)`, 'giu'), (_m, lead: string, n: string) => `${lead}${readDigits(n)}`);
    return out.replace(re(String.raw`${START}(${HOTLINES})${END}(?![.,]\d)(?!\s*(?:${COUNT_NOUNS})${END})`, 'gu'), (_m, n: string) => readDigits(n));
  },
};

// ── ordinals, headings, article points ────────────────────────────────────
const HEADING_WORDS = String.raw`chương|mục|phần|điều|khoản|phụ\s+lục|tập|quyển|khóa|khoá|hạng|loại|cấp|bài|thứ`;

const ordinalsAndRoman: Rule = {
  name: 'ordinal-roman',
  apply(text, ctx) {
    let out = text.replace(re(String.raw`${START}(thứ\s+)(\d{1,3})${END}(?![.,]\d)`, 'giu'), (_m, lead: string, n: string) => `${lead}${readOrdinal(Number(n), ctx.dialect)}`);
    // Only I, V and X: "loại C", "phụ lục D" are letters, not 100 and 500.
    out = out.replace(re(String.raw`${START}(${HEADING_WORDS})(\s+)([IVX]+)${END}`, 'giu'), (m, word: string, space: string, roman: string) => {
      const value = romanValue(roman);
      if (value === null) return m;
      return `${word}${space}${/^thứ$/iu.test(word) ? readOrdinal(value, ctx.dialect) : num(String(value), ctx)}`;
    });
    // A heading line opening with a Roman numeral: "II. Quyền và nghĩa vụ".
    out = out.replace(/^(\s*)([IVX]+)([.)])(\s)/gmu, (m, lead: string, roman: string, mark: string, space: string) => {
      const value = romanValue(roman);
      return value === null ? m : `${lead}${num(String(value), ctx)}${mark === ')' ? ',' : '.'}${space}`;
    });
    // "điểm a", "điểm đ khoản 1": the point's letter by its Vietnamese name.
    return out.replace(re(String.raw`(điểm\s+)([a-zđ])${END}`, 'giu'), (_m, lead: string, letter: string) => `${lead}${spellLetters(letter)}`);
  },
};

// ── quantities ────────────────────────────────────────────────────────────
/** A written figure: "5.000.000", "2,5", "1.500.000,75", "02". */
const FIGURE = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+`;
const UNITS: Record<string, string> = {
  'km/h': 'ki lô mét trên giờ', km2: 'ki lô mét vuông', 'km²': 'ki lô mét vuông', km: 'ki lô mét', kg: 'ki lô gam',
  m2: 'mét vuông', 'm²': 'mét vuông', m3: 'mét khối', 'm³': 'mét khối', cm: 'xăng ti mét', mm: 'mi li mét', m: 'mét',
  ha: 'héc ta', mg: 'mi li gam', ml: 'mi li lít', g: 'gam', l: 'lít', tr: 'triệu', 'đ': 'đồng', 'VNĐ': 'đồng', VND: 'đồng', 'vnđ': 'đồng',
};
const UNIT_PATTERN = Object.keys(UNITS).sort((a, b) => b.length - a.length).map((u) => u.replace(/[/]/g, '\\/')).join('|');

const quantities: Rule = {
  name: 'percent-money-unit-range',
  apply(text, ctx) {
    const fig = (w: string) => readWritten(w, ctx.dialect);
    let out = text.replace(re(String.raw`${START}(${FIGURE})\s?%`), (_m, n: string) => `${fig(n)} phần trăm`);
    out = out.replace(re(String.raw`${START}(${FIGURE})\s?(${UNIT_PATTERN})${END}`), (_m, n: string, unit: string) => `${fig(n)} ${UNITS[unit]}`);
    // "VNĐ" after words already read ("năm triệu VNĐ").
    out = out.replace(re(String.raw`${START}(?:VNĐ|VND|vnđ)${END}`), 'đồng');
    // Ranges: "15-20", "15 – 20 triệu".
    return out.replace(re(String.raw`${START}(${FIGURE})\s?[-–]\s?(${FIGURE})${END}`), (_m, a: string, b: string) => `${fig(a)} đến ${fig(b)}`);
  },
};

// ── abbreviations, loanwords ──────────────────────────────────────────────
const ADDRESS_PARTS: Record<string, string> = { P: 'phường', Q: 'quận', H: 'huyện', X: 'xã' };
const abbreviations: Rule = {
  name: 'abbreviation',
  apply(text, ctx) {
    // Dotted forms first ("TP.", "TT. Phú Mỹ", "v.v."), then hyphenated codes and single ones.
    let out = text.replace(re(String.raw`${START}(TP|Tp|TT|v\.v)\.(?=\s|\p{Lu}|$)`), (m) => ` ${ABBREVIATIONS[m] ?? m} `);
    // Addresses: "P. Chiềng Lề", "Q.1", "H. Mường Tè", "X. Pá Vây Sử".
    out = out.replace(re(String.raw`${START}([PQHX])\.\s?(?=\p{Lu}|\d)`), (_m, letter: string) => `${ADDRESS_PARTS[letter]} `);
    out = out.replace(re(String.raw`${START}(\p{Lu}[\p{L}]*\p{Lu}[\p{L}]*|\p{Lu}{2,})(\d*)(?:-(\p{Lu}[\p{L}\p{N}]*))*${END}`), (m) =>
      m
        .split('-')
        .map((part) => {
          const known = ABBREVIATIONS[part];
          if (known) return known;
          const session = /^(\p{Lu}+)(\d+)$/u.exec(part);
          if (session && ABBREVIATIONS[session[1]!]) return `${ABBREVIATIONS[session[1]!]} khóa ${num(session[2]!, ctx)}`;
          return part;
        })
        .join(' '),
    );
    return out.replace(re(String.raw`${START}(${Object.keys(LOANWORDS).join('|')})${END}`, 'giu'), (m) => LOANWORDS[m.toLowerCase()] ?? m);
  },
};

// ── what is left ──────────────────────────────────────────────────────────
const numbers: Rule = {
  name: 'number',
  apply(text, ctx) {
    // Letters glued to digits ("B2", "8a", "COVID-19"): said apart.
    let out = text.replace(/(\p{L})(\d)/gu, '$1 $2').replace(/(\d)(\p{L})/gu, '$1 $2');
    // What dates left: "1/3" is a fraction (một phần ba), "24/7" and "1:2" are read "trên".
    out = out.replace(re(String.raw`${START}(\d{1,4})\s?([/:])\s?(\d{1,4})${END}(?![.,]\d)`), (_m, a: string, mark: string, b: string) =>
      `${num(a, ctx)} ${mark === '/' && Number(a) < Number(b) ? 'phần' : 'trên'} ${num(b, ctx)}`,
    );
    out = out.replace(re(String.raw`${START}(\d+)\.(\d+)(?:\.(\d+))*${END}`), (m) =>
      // Dots that are not thousands ("5.000" is read below as a figure): a clause number "2.1" or a version.
      /^\d{1,3}(?:\.\d{3})+$/.test(m) ? m : m.split('.').map((p) => num(p, ctx)).join(' chấm '),
    );
    return out.replace(re(String.raw`${START}(${FIGURE})${END}`), (m) => {
      // Long runs starting with 0 are identifiers (CCCD, accounts): digit by digit.
      if (/^0\d{3,}$/.test(m)) return readDigits(m);
      return readWritten(m, ctx.dialect);
    });
  },
};

const SYMBOLS: Array<[RegExp, string]> = [
  [/&/g, ' và '],
  [/\+/g, ' cộng '],
  [/~/g, ' khoảng '],
  [/≥/g, ' từ '],
  [/≤/g, ' đến '],
  [/[*#•▪●◦§_|<>{}[\]]/g, ' '],
];
const PER_UNITS = String.raw`ngày|tháng|năm|giờ|tuần|người|lần|hộ|suất|thẻ|hồ\s+sơ|bản|trang|con|xe|km|kg`;
/** "30.000 đồng/thẻ": a price or a rate is "per" (một) whatever follows. */
const RATE_WORDS = String.raw`đồng|lần|người|giờ|ngày|km|kg|tấn|mét|lít`;

const leftovers: Rule = {
  name: 'symbols-spelling',
  apply(text) {
    let out = text;
    for (const [pattern, words] of SYMBOLS) out = out.replace(pattern, words);
    // "đồng/tháng" is "đồng một tháng"; "vợ/chồng" is "vợ hoặc chồng".
    out = out.replace(re(String.raw`(\p{L})\s?\/\s?(?=(${PER_UNITS})${END})`, 'giu'), '$1 một ');
    out = out.replace(re(String.raw`${START}(${RATE_WORDS})\s?\/\s?(?=\p{L})`, 'giu'), '$1 một ');
    out = out.replace(/(\p{L})\s?\/\s?(?=\p{L})/gu, '$1 hoặc ');
    out = out.replace(/\//g, ' ');
    // Hyphens between words are pauses; a dash between spaces is a comma.
    out = out.replace(/\s[-–—]\s/g, ', ').replace(/(\p{L})-(\p{L})/gu, '$1 $2');
    // A lone consonant capital ("bằng B2", "phụ lục C") is said by its letter name.
    out = out.replace(re(String.raw`${START}[BCDĐFGHJKLMNPQRSTVWXZ]${END}`), (m) => spellLetters(m));
    // Capitals no table knows are spelled with Vietnamese letter names.
    return out.replace(re(String.raw`${START}\p{Lu}{2,}${END}`), (m) => (/^[\p{Lu}]+$/u.test(m) && !VIETNAMESE_WORD.test(m) ? spellLetters(m) : m));
  },
};

/** A capitalised Vietnamese word written in capitals ("LUẬT", "CHÚ Ý") is read as a word, not spelled. */
const VIETNAMESE_WORD = /^(?:NGH|NG|NH|CH|GH|GI|KH|PH|QU|TH|TR|[BCDĐGHKLMNPRSTVX])?[AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]{1,3}(?:CH|NG|NH|C|M|N|P|T)?$/u;

export const RULES: Rule[] = [addresses, documentNumbers, dates, times, phones, ordinalsAndRoman, quantities, abbreviations, numbers, leftovers];
