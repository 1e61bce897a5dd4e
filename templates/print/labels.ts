/**
 * The few words the print templates add around the Material's own text.
 * Materials for minority-language readers keep these in Vietnamese, the
 * national language every reader of a state document knows; English only
 * for English editions. Kept here (not in the app's i18n) because they are
 * part of the printed design and must travel with the template into the UI preview.
 */
export interface PrintLabels {
  contents: string;
  legalBasis: string;
  legalBasisIntro: string;
  citedLaw: string;
  question: string;
  answer: string;
  effectiveFrom: string;
  documentNumber: string;
  hotline: string;
  scanQr: string;
  edition: string;
  situation: string;
  characters: string;
  scene: string;
  legalEducation: string;
  issuedBy: string;
  cover: string;
  backCover: string;
  sheet: string;
  sheetFront: string;
  sheetBack: string;
  leafletOutside: string;
  leafletInside: string;
  steps: string;
  keyMessages: string;
}

const vi: PrintLabels = {
  contents: 'Mục lục',
  legalBasis: 'Căn cứ pháp lý',
  legalBasisIntro: 'Tài liệu này được biên soạn theo các văn bản quy phạm pháp luật sau:',
  citedLaw: 'Căn cứ',
  question: 'Hỏi',
  answer: 'Đáp',
  effectiveFrom: 'Hiệu lực từ',
  documentNumber: 'Số hiệu',
  hotline: 'Đường dây nóng',
  scanQr: 'Quét mã QR để đọc thêm',
  edition: 'Ấn bản',
  situation: 'Tình huống',
  characters: 'Nhân vật',
  scene: 'Cảnh',
  legalEducation: 'Tài liệu phổ biến, giáo dục pháp luật',
  issuedBy: 'Cơ quan phát hành',
  cover: 'Bìa',
  backCover: 'Bìa sau',
  sheet: 'Tờ',
  sheetFront: 'mặt trước',
  sheetBack: 'mặt sau',
  leafletOutside: 'Mặt ngoài',
  leafletInside: 'Mặt trong',
  steps: 'Các bước thực hiện',
  keyMessages: 'Thông điệp chính',
};

const en: PrintLabels = {
  contents: 'Contents',
  legalBasis: 'Legal basis',
  legalBasisIntro: 'This material is based on the following legal documents:',
  citedLaw: 'Legal basis',
  question: 'Q',
  answer: 'A',
  effectiveFrom: 'In force since',
  documentNumber: 'No.',
  hotline: 'Hotline',
  scanQr: 'Scan the QR code to read more',
  edition: 'Edition',
  situation: 'Situation',
  characters: 'Characters',
  scene: 'Scene',
  legalEducation: 'Legal education material',
  issuedBy: 'Issued by',
  cover: 'Cover',
  backCover: 'Back cover',
  sheet: 'Sheet',
  sheetFront: 'front',
  sheetBack: 'back',
  leafletOutside: 'Outside',
  leafletInside: 'Inside',
  steps: 'Steps',
  keyMessages: 'Key messages',
};

export function labelsFor(language: string): PrintLabels {
  return language === 'en' || language.startsWith('en-') ? en : vi;
}

/** Every label string, for the glyph check. */
export function allLabelTexts(labels: PrintLabels): Array<{ id: string; text: string }> {
  return Object.entries(labels).map(([key, text]) => ({ id: `label.${key}`, text }));
}

/** 2015-01-01 → 01/01/2015, as Vietnamese documents write dates. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
