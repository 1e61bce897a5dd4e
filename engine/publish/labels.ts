/**
 * Words the publishing side adds around a Material's own text in posts,
 * packages and reports. As with the print labels (templates/print/labels.ts),
 * minority-language editions keep them in Vietnamese; English for English.
 * They are part of what is published, so they live with the engine rather
 * than in the app's UI strings.
 */
import { formatLabel, variantLabel } from '../build/registry.js';

export interface PublishLabels {
  downloads: string;
  transcript: string;
  pages: string;
  /** From the format's descriptor (engine/build/registry.ts), as the UI names it. */
  formatName(format: string): string;
  variantName(format: string, variant: string): string;
  audience(tag: string): string;
}

/** Audience tags the brief format documents, as a portal names its categories. */
const AUDIENCE_VI: Record<string, string> = {
  'hoc-sinh': 'Học sinh', 'thanh-nien': 'Thanh niên', 'nguoi-dan-toc-thieu-so': 'Người dân tộc thiểu số',
  'phu-nu': 'Phụ nữ', 'nguoi-cao-tuoi': 'Người cao tuổi', 'can-bo-xa': 'Cán bộ xã', 'nguoi-lao-dong': 'Người lao động',
};

function deslug(tag: string): string {
  const words = tag.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const vi: PublishLabels = {
  downloads: 'Tải về',
  transcript: 'Lời thoại',
  pages: 'trang',
  formatName: (f) => formatLabel(f, 'vi'),
  variantName: (f, v) => variantLabel(f, v, 'vi'),
  audience: (t) => AUDIENCE_VI[t] ?? deslug(t),
};

const en: PublishLabels = {
  downloads: 'Downloads',
  transcript: 'Transcript',
  pages: 'pages',
  formatName: (f) => formatLabel(f, 'en'),
  variantName: (f, v) => variantLabel(f, v, 'en'),
  audience: (t) => deslug(t),
};

export function publishLabels(language: string): PublishLabels {
  return language === 'en' || language.startsWith('en-') ? en : vi;
}
