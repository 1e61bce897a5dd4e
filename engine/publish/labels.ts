/**
 * Words the publishing side adds around a Material's own text in posts,
 * packages and reports. As with the print labels (templates/print/labels.ts),
 * minority-language editions keep them in Vietnamese; English for English.
 * They are part of what is published, so they live with the engine rather
 * than in the app's UI strings.
 */
export interface PublishLabels {
  downloads: string;
  transcript: string;
  pages: string;
  formatName(format: string): string;
  variantName(variant: string): string;
  audience(tag: string): string;
}

const FORMATS_VI: Record<string, string> = {
  booklet: 'Sổ tay', leaflet: 'Tờ gấp', infographic: 'Đồ họa thông tin', video: 'Video tình huống', audiobook: 'Sách nói',
};
const FORMATS_EN: Record<string, string> = {
  booklet: 'Booklet', leaflet: 'Leaflet', infographic: 'Infographic', video: 'Situation video', audiobook: 'Audio book',
};
const VARIANTS_VI: Record<string, string> = {
  screen: 'bản đọc trên màn hình', print: 'bản in', poster: 'áp phích A3', feed: 'bài đăng', square: 'vuông', story: 'khổ dọc',
  m4b: 'M4B có chương', mp3: 'MP3', '16x9': 'khổ ngang 16:9', '9x16': 'khổ dọc 9:16', '1x1': 'khổ vuông 1:1',
};
const VARIANTS_EN: Record<string, string> = {
  screen: 'screen edition', print: 'print edition', poster: 'A3 poster', feed: 'feed post', square: 'square', story: 'story',
  m4b: 'M4B with chapters', mp3: 'MP3', '16x9': 'landscape 16:9', '9x16': 'portrait 9:16', '1x1': 'square 1:1',
};
/** Audience tags the brief format documents, as a portal names its categories. */
const AUDIENCE_VI: Record<string, string> = {
  'hoc-sinh': 'Học sinh', 'thanh-nien': 'Thanh niên', 'nguoi-dan-toc-thieu-so': 'Người dân tộc thiểu số',
  'phu-nu': 'Phụ nữ', 'nguoi-cao-tuoi': 'Người cao tuổi', 'can-bo-xa': 'Cán bộ xã', 'nguoi-lao-dong': 'Người lao động',
};

function deslug(tag: string): string {
  const words = tag.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function variantWith(table: Record<string, string>) {
  return (variant: string) => {
    const last = variant.slice(variant.lastIndexOf(':') + 1);
    return table[last] ?? last;
  };
}

const vi: PublishLabels = {
  downloads: 'Tải về',
  transcript: 'Lời thoại',
  pages: 'trang',
  formatName: (f) => FORMATS_VI[f] ?? f,
  variantName: variantWith(VARIANTS_VI),
  audience: (t) => AUDIENCE_VI[t] ?? deslug(t),
};

const en: PublishLabels = {
  downloads: 'Downloads',
  transcript: 'Transcript',
  pages: 'pages',
  formatName: (f) => FORMATS_EN[f] ?? f,
  variantName: variantWith(VARIANTS_EN),
  audience: (t) => deslug(t),
};

export function publishLabels(language: string): PublishLabels {
  return language === 'en' || language.startsWith('en-') ? en : vi;
}
