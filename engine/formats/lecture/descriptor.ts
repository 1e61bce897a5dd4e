/**
 * What the e-lecture (bài giảng điện tử) is, as the UI, publishing and
 * reports name it. Plain data: reading it loads no speech, browser or
 * encoding code. Registered in engine/build/registry.ts.
 */
import { z } from 'zod';
import type { FormatDescriptor } from '../../build/format.js';

/** `settings.lecture` in a project. */
export const LectureSettings = z.object({
  /** Height of the narrated video: 720 (1280×720) or 1080 (1920×1080). */
  height: z.union([z.literal(720), z.literal(1080)]).default(720),
});
export type LectureSettings = z.infer<typeof LectureSettings>;

export const lectureDescriptor: FormatDescriptor = {
  name: 'lecture',
  label: { vi: 'Bài giảng điện tử', en: 'E-lecture' },
  variants: [
    { id: 'pptx', label: { vi: 'Trình chiếu PowerPoint (sửa được)', en: 'PowerPoint deck (editable)' }, role: 'attachment' },
    { id: 'mp4', label: { vi: 'Video bài giảng có lời đọc', en: 'Narrated lecture video' }, role: 'video' },
    { id: 'srt', label: { vi: 'Phụ đề SRT', en: 'SRT subtitles' }, role: 'subtitle' },
  ],
  options: LectureSettings,
  preview: 'document',
};
