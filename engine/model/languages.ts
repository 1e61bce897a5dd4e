/**
 * Languages the studio knows: their names for the UI and the scripts their
 * text is written in (fonts and the mixed-script check depend on it).
 * A brief may name other ISO 639-3 codes; they get a warning, not an error.
 */
export interface LanguageInfo {
  code: string;
  nameVi: string;
  nameEn: string;
  /** Unicode script names as in \p{Script=…}. */
  scripts: string[];
  /**
   * ISO 639-2/T code for media containers (MP4/M4B language fields take only
   * 639-2). A language with a 639-3 code only is tagged with its 639-2
   * collective (tai, mkh, cmc…) or `mis`, and named in the track title.
   */
  iso6392: string;
  /** Number separators a translation in this language may use, when not Vietnamese usage. */
  numbers?: { thousands: string[]; decimal: string[] };
}

export const LANGUAGES: LanguageInfo[] = [
  { code: 'vi', nameVi: 'Tiếng Việt', nameEn: 'Vietnamese', scripts: ['Latin'], iso6392: 'vie' },
  { code: 'blt', nameVi: 'Tiếng Thái Đen', nameEn: 'Tai Dam', scripts: ['Tai_Viet', 'Latin'], iso6392: 'tai' },
  { code: 'hnj', nameVi: "Tiếng H'Mông Njua", nameEn: 'Hmong Njua', scripts: ['Latin'], iso6392: 'hmn' },
  { code: 'hmn', nameVi: "Tiếng H'Mông", nameEn: 'Hmong', scripts: ['Latin'], iso6392: 'hmn' },
  { code: 'kjg', nameVi: 'Tiếng Khơ Mú', nameEn: 'Khmu', scripts: ['Latin'], iso6392: 'mkh' },
  { code: 'mtq', nameVi: 'Tiếng Mường', nameEn: 'Muong', scripts: ['Latin'], iso6392: 'mkh' },
  { code: 'ium', nameVi: 'Tiếng Dao (Iu Miền)', nameEn: 'Iu Mien (Dao)', scripts: ['Latin'], iso6392: 'mis' },
  { code: 'tyz', nameVi: 'Tiếng Tày', nameEn: 'Tày', scripts: ['Latin'], iso6392: 'tai' },
  { code: 'nut', nameVi: 'Tiếng Nùng', nameEn: 'Nùng', scripts: ['Latin'], iso6392: 'tai' },
  { code: 'khm', nameVi: 'Tiếng Khmer', nameEn: 'Khmer', scripts: ['Khmer'], iso6392: 'khm' },
  { code: 'km', nameVi: 'Tiếng Khmer', nameEn: 'Khmer', scripts: ['Khmer'], iso6392: 'khm' },
  { code: 'cja', nameVi: 'Tiếng Chăm', nameEn: 'Western Cham', scripts: ['Cham', 'Latin'], iso6392: 'cmc' },
  { code: 'jra', nameVi: 'Tiếng Gia Rai', nameEn: 'Jarai', scripts: ['Latin'], iso6392: 'cmc' },
  { code: 'rad', nameVi: 'Tiếng Ê Đê', nameEn: 'Rade (Ê Đê)', scripts: ['Latin'], iso6392: 'cmc' },
  { code: 'bdq', nameVi: 'Tiếng Ba Na', nameEn: 'Bahnar', scripts: ['Latin'], iso6392: 'mkh' },
  { code: 'en', nameVi: 'Tiếng Anh', nameEn: 'English', scripts: ['Latin'], iso6392: 'eng', numbers: { thousands: [',', ' '], decimal: ['.'] } },
];

export function languageInfo(code: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.code === code);
}

const TWO_LETTER_6392: Record<string, string> = { vi: 'vie', en: 'eng', km: 'khm', fr: 'fra', zh: 'zho', lo: 'lao', th: 'tha' };

/**
 * The language tag and track title for a media container. Known languages use
 * their table entry; other three-letter codes are ISO 639-3 at best, which MP4
 * does not take, so they become `mis` with the code in the title.
 */
export function mediaLanguage(code: string): { iso6392: string; title: string } {
  const info = languageInfo(code);
  if (info) {
    const exact = info.iso6392 === code || TWO_LETTER_6392[code] === info.iso6392;
    return { iso6392: info.iso6392, title: exact ? info.nameVi : `${info.nameVi} (${code})` };
  }
  const base = code.split('-')[0]!.toLowerCase();
  const mapped = TWO_LETTER_6392[base];
  return mapped ? { iso6392: mapped, title: code } : { iso6392: 'mis', title: code };
}
