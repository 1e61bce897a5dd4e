/**
 * What the situation video is, as the UI, publishing and reports name it.
 * Plain data: reading it loads no rendering code (Remotion stays unloaded).
 * Registered in engine/build/registry.ts.
 */
import { z } from 'zod';
import type { FormatDescriptor, FormatVariant, Localized } from '../../build/format.js';

const ASPECTS: Array<[slug: string, label: Localized]> = [
  ['16x9', { vi: 'khổ ngang 16:9', en: 'landscape 16:9' }],
  ['9x16', { vi: 'khổ dọc 9:16', en: 'portrait 9:16' }],
  ['1x1', { vi: 'khổ vuông 1:1', en: 'square 1:1' }],
];

// Each aspect gives the video, its subtitles (SRT, WebVTT), its poster frame and its share version.
const variants: FormatVariant[] = ASPECTS.flatMap(([slug, label]): FormatVariant[] => [
  { id: slug, label, role: 'video' },
  { id: `${slug}.srt`, label: { vi: `phụ đề SRT, ${label.vi}`, en: `SRT subtitles, ${label.en}` }, role: 'subtitle' },
  { id: `${slug}.vtt`, label: { vi: `phụ đề WebVTT, ${label.vi}`, en: `WebVTT subtitles, ${label.en}` }, role: 'subtitle' },
  { id: `${slug}.poster`, label: { vi: `ảnh bìa video, ${label.vi}`, en: `video poster, ${label.en}` }, role: 'thumbnail' },
  // The share version (./shareVersion.ts): for channels whose preset asks for it (Zalo, slow links).
  { id: `${slug}.share`, label: { vi: `bản chia sẻ 720p (≤ 3 MB/phút), ${label.vi}`, en: `share version 720p (≤ 3 MB/min), ${label.en}` }, role: 'video', share: true },
]);

/** In the studio's cache folder: the pictures kept between builds (./keptPictures.ts), and bundles made from edited templates (./bundleCache.ts). */
export const VIDEO_PICTURES_FOLDER = 'video-pictures';
export const VIDEO_BUNDLES_FOLDER = 'video-bundles';

export const videoDescriptor: FormatDescriptor = {
  name: 'video',
  label: { vi: 'Video tình huống', en: 'Situation video' },
  variants,
  // The video's settings (voices, subtitles burnt in …) are read by ./staging.ts; typed options come with the settings schema.
  options: z.object({}),
  preview: 'player',
  // Two aspects of a situation video take most of a build of every format (docs/video-rendering.md).
  startsFirst: true,
  keptCaches: [
    {
      id: 'video-pictures', place: 'user-cache', folder: VIDEO_PICTURES_FOLDER,
      label: { vi: 'Hình, phụ đề và đoạn video đã dựng', en: 'Pictures, captions and video chunks already made' },
      hint: {
        vi: 'Dựng lại, thêm ngôn ngữ hay sửa một phụ đề chỉ làm phần mới. Xoá đi thì lần dựng video sau làm lại từ đầu.',
        en: 'A rebuild, a new language or a fixed caption makes only what is new. Cleared, the next video build starts from scratch.',
      },
    },
    {
      id: 'video-bundles', place: 'user-cache', folder: VIDEO_BUNDLES_FOLDER,
      label: { vi: 'Mẫu video đã đóng gói (khi mẫu được sửa)', en: 'Packed video templates (when a template was edited)' },
      hint: {
        vi: 'Xoá đi thì lần dựng video sau đóng gói lại mẫu (thêm 10–30 giây).',
        en: 'Cleared, the next video build packs the templates again (10–30 s more).',
      },
    },
  ],
};
