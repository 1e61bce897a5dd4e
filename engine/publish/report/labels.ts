/**
 * The report's own words, in Vietnamese (the periodic reports go to
 * Vietnamese authorities) or English. Part of the document, like the print
 * labels, so kept with the engine.
 */
import { formatLabel, variantLabel } from '../../build/registry.js';
import { channelLabel } from '../registry.js';
import { dayMonthYear } from '../../text/dates.js';

export interface ReportLabels {
  title: string;
  period(from: string, to: string): string;
  generated(at: string): string;
  summarySheet: string;
  detailsSheet: string;
  producedHeading: string;
  publishedHeading: string;
  publishedList: string;
  materials: string;
  total: string;
  columns: { kind: string; at: string; projectId: string; title: string; format: string; variant: string; language: string; channel: string; location: string; bytes: string; count: string };
  kind(kind: 'produced' | 'published'): string;
  channel(id: string): string;
  format(format: string): string;
  variant(format: string, variant: string): string;
  none: string;
}

const vi: ReportLabels = {
  title: 'Báo cáo sản xuất và đăng tải tài liệu phổ biến, giáo dục pháp luật',
  period: (from, to) => `Từ ngày ${dayMonthYear(from)} đến ngày ${dayMonthYear(to)}`,
  generated: (at) => `Lập ngày ${dayMonthYear(at)} bằng Luật Studio`,
  summarySheet: 'Tổng hợp',
  detailsSheet: 'Chi tiết',
  producedHeading: 'Tài liệu đã sản xuất',
  publishedHeading: 'Tài liệu đã đăng tải',
  publishedList: 'Danh sách đã đăng tải, kèm địa chỉ',
  materials: 'Số tài liệu',
  total: 'Tổng cộng',
  columns: {
    kind: 'Loại', at: 'Thời gian', projectId: 'Mã tài liệu', title: 'Tên tài liệu', format: 'Định dạng', variant: 'Phiên bản',
    language: 'Ngôn ngữ', channel: 'Kênh', location: 'Địa chỉ', bytes: 'Dung lượng (byte)', count: 'Số lượng',
  },
  kind: (k) => (k === 'produced' ? 'Đã sản xuất' : 'Đã đăng tải'),
  // Channels, formats and variants are named by their descriptors (engine/publish/registry.ts, engine/build/registry.ts).
  channel: (id) => channelLabel(id, 'vi'),
  format: (f) => formatLabel(f, 'vi'),
  variant: (f, v) => variantLabel(f, v, 'vi'),
  none: 'Không có',
};

const en: ReportLabels = {
  title: 'Legal education materials produced and published',
  period: (from, to) => `From ${from} to ${to}`,
  generated: (at) => `Made on ${at.slice(0, 10)} with Luật Studio`,
  summarySheet: 'Summary',
  detailsSheet: 'Details',
  producedHeading: 'Produced',
  publishedHeading: 'Published',
  publishedList: 'Published items and where',
  materials: 'Materials',
  total: 'Total',
  columns: {
    kind: 'Kind', at: 'Time', projectId: 'Material id', title: 'Title', format: 'Format', variant: 'Variant',
    language: 'Language', channel: 'Channel', location: 'Location', bytes: 'Size (bytes)', count: 'Count',
  },
  kind: (k) => (k === 'produced' ? 'Produced' : 'Published'),
  // Channels, formats and variants are named by their descriptors (engine/publish/registry.ts, engine/build/registry.ts).
  channel: (id) => channelLabel(id, 'en'),
  format: (f) => formatLabel(f, 'en'),
  variant: (f, v) => variantLabel(f, v, 'en'),
  none: 'None',
};

export function reportLabels(locale: string): ReportLabels {
  return locale === 'en' ? en : vi;
}
