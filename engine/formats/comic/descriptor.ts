/**
 * What the comic strip is, as the UI, publishing and reports name it. Plain
 * data: reading it loads no rendering code. Registered in engine/build/registry.ts.
 */
import type { FormatDescriptor } from '../../build/format.js';
import { ComicSettings } from './settings.js';

export const comicDescriptor: FormatDescriptor = {
  name: 'comic',
  label: { vi: 'Truyện tranh', en: 'Comic strip' },
  variants: [
    { id: 'a4', label: { vi: 'bản in A4', en: 'A4 print' }, role: 'attachment' },
    { id: 'a5', label: { vi: 'bản in A5', en: 'A5 print' }, role: 'attachment' },
    // carousel-01, carousel-02, …: the slides of ONE multi-image post, in this order.
    { id: 'carousel', label: { vi: 'ảnh trượt (nhiều ảnh một bài)', en: 'carousel (multi-image post)' }, role: 'post-image', carousel: true },
  ],
  options: ComicSettings,
  preview: 'document',
  // Ten pictures and two PDFs per language: a build of every format (the demo, CI) leaves it out unless named.
  onRequest: true,
};
