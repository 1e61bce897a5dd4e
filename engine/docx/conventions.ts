/**
 * How a brief is written in Word (docs/brief-format.md, "Soạn bằng Word"):
 * the front-matter table's keys and their Vietnamese labels, the legal-basis
 * table's columns, and the styles the studio's own documents use. Both
 * directions (engine/docx/toDocx.ts and fromDocx.ts) read these, so a label
 * changed here changes in the template and in what import accepts.
 */

/** Front-matter keys in the order they are written, each with the label staff see in Word. */
export const FRONT_MATTER_ROWS = [
  { key: 'id', label: 'Mã tài liệu', list: false },
  { key: 'title', label: 'Tiêu đề', list: false },
  { key: 'subtitle', label: 'Tiêu đề phụ', list: false },
  { key: 'issuer', label: 'Cơ quan ban hành', list: false },
  { key: 'audience', label: 'Đối tượng', list: true },
  { key: 'source_language', label: 'Ngôn ngữ gốc', list: false },
  { key: 'target_languages', label: 'Ngôn ngữ dịch', list: true },
  { key: 'hotline', label: 'Đường dây nóng', list: false },
  { key: 'portal_url', label: 'Trang cổng thông tin', list: false },
] as const;

export const LEGAL_BASIS_KEY = 'legal_basis';

/** The legal-basis table's columns: one row per document. */
export const LEGAL_BASIS_COLUMNS = [
  { key: 'ref', label: 'Số hiệu' },
  { key: 'title', label: 'Tên văn bản' },
  { key: 'articles', label: 'Điều, khoản' },
  { key: 'effective', label: 'Ngày hiệu lực' },
] as const;

/** "Tiêu đề (title)": the label people read, the key the importer trusts. */
export const cellLabel = (label: string, key: string): string => `${label} (${key})`;

/** Paragraph style for text copied verbatim into the brief (directive comments, raw Markdown). */
export const RAW_STYLE = { id: 'LuatMarkdown', name: 'Chỉ dẫn Markdown' } as const;
/** Paragraph style for one dialogue line "Tên: lời" in a scene. */
export const DIALOGUE_STYLE = { id: 'LuatLoiThoai', name: 'Lời thoại' } as const;

const fold = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').replace(/[:：]\s*$/, '').trim();

const LABELS = new Map<string, string>([
  ...FRONT_MATTER_ROWS.map((r) => [fold(r.label), r.key] as [string, string]),
  ...FRONT_MATTER_ROWS.map((r) => [fold(r.key), r.key] as [string, string]),
  [fold('Căn cứ pháp lý'), LEGAL_BASIS_KEY],
  [fold(LEGAL_BASIS_KEY), LEGAL_BASIS_KEY],
]);

/** The front-matter key a first-column cell names ("Tiêu đề (title)", "Tiêu đề", "title"), or null. */
export function frontMatterKey(cell: string): string | null {
  const text = cell.normalize('NFC').trim();
  const inParens = /\(([a-z_]+)\)\s*:?\s*$/u.exec(text);
  if (inParens && LABELS.has(inParens[1]!)) return LABELS.get(inParens[1]!)!;
  return LABELS.get(fold(text)) ?? null;
}

const COLUMN_LABELS = new Map<string, string>([
  ...LEGAL_BASIS_COLUMNS.map((c) => [fold(c.label), c.key] as [string, string]),
  ...LEGAL_BASIS_COLUMNS.map((c) => [fold(c.key), c.key] as [string, string]),
  [fold('Điều khoản'), 'articles'],
  [fold('Hiệu lực'), 'effective'],
  [fold('Tên'), 'title'],
]);

/** The legal-basis column a header cell names, or null. */
export function legalBasisColumn(cell: string): string | null {
  const text = cell.normalize('NFC').trim();
  const inParens = /\(([a-z_]+)\)\s*:?\s*$/u.exec(text);
  if (inParens && COLUMN_LABELS.has(inParens[1]!)) return COLUMN_LABELS.get(inParens[1]!)!;
  return COLUMN_LABELS.get(fold(text)) ?? null;
}

/** "01/01/2015" or "1/1/2015" → "2015-01-01"; YYYY-MM-DD as is; anything else unchanged (the brief check names it). */
export function isoDate(text: string): string {
  const t = text.trim();
  const vn = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (vn) return `${vn[3]}-${vn[2]!.padStart(2, '0')}-${vn[1]!.padStart(2, '0')}`;
  return t;
}

/** "2015-01-01" → "01/01/2015", as dates are written in Vietnamese documents. */
export function vietnameseDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** A Word built-in heading ("heading 1" by name, Heading1 by id, also in localised Word): its level, or null. */
export function headingLevel(styleId: string | null, styleName: string | null): number | null {
  const byName = /^heading\s*([1-9])$/i.exec(styleName ?? '');
  if (byName) return Number(byName[1]);
  const byId = /^heading([1-9])$/i.exec(styleId ?? '');
  if (byId) return Number(byId[1]);
  return null;
}
