/**
 * What the read-along book is, as the UI, publishing and reports name it.
 * Plain data: reading it loads no speech or packaging code. Registered in
 * engine/build/registry.ts.
 */
import { z } from 'zod';
import type { FormatDescriptor } from '../../build/format.js';

/** `settings.epub` in a project. */
export const EpubSettings = z.object({
  /** MP3 bitrate of the narration inside the book. */
  audioBitrate: z.enum(['48k', '64k', '96k']).default('64k'),
  /** Also make a book without narration for a language nobody speaks yet (text only, no overlays). */
  textOnly: z.boolean().default(true),
});
export type EpubSettings = z.infer<typeof EpubSettings>;

export const epubDescriptor: FormatDescriptor = {
  name: 'epub',
  label: { vi: 'Sách đọc kèm tiếng (EPUB)', en: 'Read-along book (EPUB)' },
  variants: [
    { id: 'read-along', label: { vi: 'EPUB 3 có lời đọc đồng bộ', en: 'EPUB 3 with synchronised narration' }, role: 'attachment' },
    { id: 'bilingual', label: { vi: 'EPUB song ngữ', en: 'Bilingual EPUB' }, role: 'attachment' },
  ],
  options: EpubSettings,
  preview: 'document',
};
