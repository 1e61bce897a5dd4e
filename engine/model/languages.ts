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
}

export const LANGUAGES: LanguageInfo[] = [
  { code: 'vi', nameVi: 'Tiếng Việt', nameEn: 'Vietnamese', scripts: ['Latin'] },
  { code: 'blt', nameVi: 'Tiếng Thái Đen', nameEn: 'Tai Dam', scripts: ['Tai_Viet', 'Latin'] },
  { code: 'hnj', nameVi: "Tiếng H'Mông Njua", nameEn: 'Hmong Njua', scripts: ['Latin'] },
  { code: 'hmn', nameVi: "Tiếng H'Mông", nameEn: 'Hmong', scripts: ['Latin'] },
  { code: 'kjg', nameVi: 'Tiếng Khơ Mú', nameEn: 'Khmu', scripts: ['Latin'] },
  { code: 'mtq', nameVi: 'Tiếng Mường', nameEn: 'Muong', scripts: ['Latin'] },
  { code: 'ium', nameVi: 'Tiếng Dao (Iu Miền)', nameEn: 'Iu Mien (Dao)', scripts: ['Latin'] },
  { code: 'tyz', nameVi: 'Tiếng Tày', nameEn: 'Tày', scripts: ['Latin'] },
  { code: 'nut', nameVi: 'Tiếng Nùng', nameEn: 'Nùng', scripts: ['Latin'] },
  { code: 'khm', nameVi: 'Tiếng Khmer', nameEn: 'Khmer', scripts: ['Khmer'] },
  { code: 'km', nameVi: 'Tiếng Khmer', nameEn: 'Khmer', scripts: ['Khmer'] },
  { code: 'cja', nameVi: 'Tiếng Chăm', nameEn: 'Western Cham', scripts: ['Cham', 'Latin'] },
  { code: 'jra', nameVi: 'Tiếng Gia Rai', nameEn: 'Jarai', scripts: ['Latin'] },
  { code: 'rad', nameVi: 'Tiếng Ê Đê', nameEn: 'Rade (Ê Đê)', scripts: ['Latin'] },
  { code: 'bdq', nameVi: 'Tiếng Ba Na', nameEn: 'Bahnar', scripts: ['Latin'] },
  { code: 'en', nameVi: 'Tiếng Anh', nameEn: 'English', scripts: ['Latin'] },
];

export function languageInfo(code: string): LanguageInfo | undefined {
  return LANGUAGES.find((l) => l.code === code);
}
