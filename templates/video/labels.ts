/**
 * The few words the video cards add around the Material's own text. As in
 * print (templates/print/labels.ts), minority-language editions keep them in
 * Vietnamese, the national language; English only for English videos.
 */
import type { PlanLabels } from './plan.js';

const vi: PlanLabels = { scene: 'Cảnh', hotline: 'Đường dây nóng', scanQr: 'Quét mã để xem thêm' };
const en: PlanLabels = { scene: 'Scene', hotline: 'Hotline', scanQr: 'Scan for more' };

export function videoLabelsFor(language: string): PlanLabels {
  return language === 'en' || language.startsWith('en-') ? en : vi;
}
