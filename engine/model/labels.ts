/**
 * The label catalogue: every word a format adds around the Material's own
 * text (a booklet's "Mục lục", a scene card's "CẢNH 2", an audiobook's
 * "Chương 1"), once, with its Vietnamese source text. Labels are translated
 * like text units (they travel in the same XLIFF/PO file, in their own group)
 * and a translation is kept per language in the library's label memory, so a
 * label translated once serves every project in that language.
 *
 * A format never writes a label of its own: it asks the build for the label
 * texts of the edition's language (BuildContext.labelsFor) and reads them by
 * id. A minority-language edition whose labels are not all translated is not
 * built, so it can never show a Vietnamese label.
 *
 * `{n}`-style placeholders are filled in by fillLabel; a translation must keep
 * every placeholder of the source. Pure data: the UI and templates import it.
 */

export interface LabelDefinition {
  id: string;
  /** The Vietnamese text, as the source-language editions show it. */
  source: string;
  /** The shipped English text, for English editions (a translator may still override it). */
  en: string;
  /** For the translator: where the label appears. */
  note: string;
}

/** Every label, grouped by where it is shown. Ids are stable: translations are keyed by them. */
export const LABELS = [
  // Print: booklet, leaflet, infographic (their covers and back covers too).
  { id: 'print.contents', source: 'Mục lục', en: 'Contents', note: 'Booklet: title of the contents page' },
  { id: 'print.legalBasis', source: 'Căn cứ pháp lý', en: 'Legal basis', note: 'Booklet, leaflet: heading of the list of legal documents' },
  { id: 'print.legalBasisIntro', source: 'Tài liệu này được biên soạn theo các văn bản quy phạm pháp luật sau:', en: 'This material is based on the following legal documents:', note: 'Booklet: sentence before the list of legal documents' },
  { id: 'print.citedLaw', source: 'Căn cứ', en: 'Legal basis', note: 'Booklet, leaflet: before the articles a section cites' },
  { id: 'print.question', source: 'Hỏi', en: 'Q', note: 'Booklet, leaflet: badge before a question' },
  { id: 'print.answer', source: 'Đáp', en: 'A', note: 'Booklet, leaflet: badge before an answer' },
  { id: 'print.effectiveFrom', source: 'Hiệu lực từ', en: 'In force since', note: 'Legal documents: before the date a law takes effect' },
  { id: 'print.documentNumber', source: 'Số hiệu', en: 'No.', note: 'Legal documents: before a document number such as 52/2014/QH13' },
  { id: 'print.hotline', source: 'Đường dây nóng', en: 'Hotline', note: 'Back cover, infographic: above the hotline number' },
  { id: 'print.scanQr', source: 'Quét mã QR để đọc thêm', en: 'Scan the QR code to read more', note: 'Back cover, infographic: beside the QR code' },
  { id: 'print.edition', source: 'Ấn bản', en: 'Edition', note: 'Back cover: before the edition date' },
  { id: 'print.situation', source: 'Tình huống', en: 'Situation', note: 'Booklet: before the title of a situation (a short play)' },
  { id: 'print.characters', source: 'Nhân vật', en: 'Characters', note: 'Booklet: heading of the list of characters of a situation' },
  { id: 'print.scene', source: 'Cảnh {n}', en: 'Scene {n}', note: 'Booklet: before a scene title; {n} is the scene number' },
  { id: 'print.legalEducation', source: 'Tài liệu phổ biến, giáo dục pháp luật', en: 'Legal education material', note: 'Cover of every print format: what kind of document this is' },
  { id: 'print.issuedBy', source: 'Cơ quan phát hành', en: 'Issued by', note: 'Back cover: above the issuing agency' },
  { id: 'print.cover', source: 'Bìa', en: 'Cover', note: 'PDF page label of the cover (shown by PDF readers)' },
  { id: 'print.backCover', source: 'Bìa sau', en: 'Back cover', note: 'PDF page label of the back cover' },
  { id: 'print.sheetFront', source: 'Tờ {n} mặt trước', en: 'Sheet {n} front', note: 'PDF page label of a printed sheet; {n} is the sheet number' },
  { id: 'print.sheetBack', source: 'Tờ {n} mặt sau', en: 'Sheet {n} back', note: 'PDF page label of a printed sheet; {n} is the sheet number' },
  { id: 'print.leafletOutside', source: 'Mặt ngoài', en: 'Outside', note: 'Leaflet: PDF page label of the outside' },
  { id: 'print.leafletInside', source: 'Mặt trong', en: 'Inside', note: 'Leaflet: PDF page label of the inside' },
  // Video: title, scene and end cards.
  { id: 'video.scene', source: 'Cảnh {n}', en: 'Scene {n}', note: 'Video scene card; {n} is the scene number' },
  { id: 'video.hotline', source: 'Đường dây nóng', en: 'Hotline', note: 'Video end card: above the hotline number' },
  { id: 'video.scanQr', source: 'Quét mã để xem thêm', en: 'Scan for more', note: 'Video end card: beside the QR code' },
  // Comic: the cover, the caption boxes' speaker (in alternative texts) and the closing box.
  { id: 'comic.comic', source: 'Truyện tranh', en: 'Comic', note: 'Comic cover: what kind of document this is' },
  { id: 'comic.narrator', source: 'Người kể', en: 'Narrator', note: 'Comic: who speaks a caption box, in the pictures\' alternative texts' },
  { id: 'comic.scene', source: 'Cảnh {n}', en: 'Scene {n}', note: 'Comic: before a scene title on its first panel; {n} is the scene number' },
  { id: 'comic.lesson', source: 'Điều cần nhớ', en: 'Remember', note: 'Comic: heading of the closing box with the key messages' },
  { id: 'comic.legalBasis', source: 'Căn cứ pháp lý', en: 'Legal basis', note: 'Comic: before the articles the story cites' },
  { id: 'comic.hotline', source: 'Đường dây nóng', en: 'Hotline', note: 'Comic: before the hotline number' },
  { id: 'comic.characters', source: 'Nhân vật', en: 'Characters', note: 'Comic cover: heading of the cast' },
  // Audiobook: what the book says itself, and its chapter and cover labels.
  { id: 'audio.chapter', source: 'Chương {n}', en: 'Chapter {n}', note: 'Audiobook: said before a chapter title, and its chapter label; {n} is the chapter number' },
  { id: 'audio.intro', source: 'Giới thiệu', en: 'Introduction', note: 'Audiobook: label of the opening part' },
  { id: 'audio.outro', source: 'Kết thúc', en: 'Closing', note: 'Audiobook: label of the closing part' },
  { id: 'audio.issuedBy', source: 'Đơn vị phát hành', en: 'Published by', note: 'Audiobook: said before the issuer' },
  { id: 'audio.hotline', source: 'Khi cần hỗ trợ, xin gọi', en: 'For help, call', note: 'Audiobook: said before the hotline number' },
  { id: 'audio.portal', source: 'Xem thêm tại cổng thông tin điện tử', en: 'Read more at', note: 'Audiobook: said before the portal address' },
  { id: 'audio.end', source: 'Hết.', en: 'The end.', note: 'Audiobook: said last' },
  { id: 'audio.audiobook', source: 'Sách nói', en: 'Audiobook', note: 'Audiobook cover and genre' },
  { id: 'audio.welcome', source: 'Xin kính chào quý vị và các bạn. Sau đây là sách nói', en: 'Welcome. This is the audiobook', note: 'Audiobook: said first, before the title' },
  { id: 'audio.thanks', source: 'Cảm ơn quý vị và các bạn đã lắng nghe.', en: 'Thank you for listening.', note: 'Audiobook: said before the end' },
  { id: 'audio.question', source: 'Hỏi', en: 'Question', note: 'Audiobook: said before a question' },
  { id: 'audio.answer', source: 'Đáp', en: 'Answer', note: 'Audiobook: said before an answer' },
  { id: 'audio.basis', source: 'Căn cứ {documents}.', en: 'Legal basis: {documents}.', note: 'Audiobook: a section\'s legal basis; {documents} is the list of articles and laws' },
  { id: 'audio.basisDocument', source: '{articles} {title}', en: '{articles} of the {title}', note: 'Audiobook: one law in the legal basis; {articles} are its articles, {title} its title' },
  { id: 'audio.and', source: 'và', en: 'and', note: 'Audiobook: joins the last two articles of a list ("Điều 8 và Điều 9")' },
] as const satisfies readonly LabelDefinition[];

export type LabelId = (typeof LABELS)[number]['id'];

/** The texts of every label in one language. */
export type LabelTexts = Readonly<Record<LabelId, string>>;

export const LABEL_IDS: readonly LabelId[] = LABELS.map((l) => l.id);

const BY_ID = new Map<string, LabelDefinition>(LABELS.map((l) => [l.id, l]));

export function labelDefinition(id: string): LabelDefinition | undefined {
  return BY_ID.get(id);
}

export function isLabelId(id: string): id is LabelId {
  return BY_ID.has(id);
}

/** The source (Vietnamese) texts. */
export const SOURCE_LABELS: LabelTexts = Object.fromEntries(LABELS.map((l) => [l.id, l.source])) as LabelTexts;
const ENGLISH_LABELS: LabelTexts = Object.fromEntries(LABELS.map((l) => [l.id, l.en])) as LabelTexts;

/** Texts shipped with the studio for `language` (the source language, English), or null: others are translated. */
export function shippedLabels(language: string): LabelTexts | null {
  const base = language.toLowerCase().split('-')[0];
  if (base === 'vi') return SOURCE_LABELS;
  if (base === 'en') return ENGLISH_LABELS;
  return null;
}

/** "Cảnh {n}" with { n: 2 } → "Cảnh 2". An unknown placeholder stays as written. */
export function fillLabel(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The placeholders of a label text, sorted: a translation must have the same ones. */
export function labelPlaceholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** Two label sets shown together (the bilingual booklet): "Mục lục / ꪁꪮꪉ". Equal texts are shown once. */
export function joinLabels(first: LabelTexts, second: LabelTexts, separator = ' / '): LabelTexts {
  return Object.fromEntries(LABEL_IDS.map((id) => [id, first[id] === second[id] ? first[id] : `${first[id]}${separator}${second[id]}`])) as LabelTexts;
}
