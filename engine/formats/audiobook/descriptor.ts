/**
 * What the audiobook is, as the UI, publishing and reports name it. Plain
 * data: reading it loads no speech or encoding code. Registered in
 * engine/build/registry.ts.
 */
import { z } from 'zod';
import type { FormatDescriptor } from '../../build/format.js';

export const audiobookDescriptor: FormatDescriptor = {
  name: 'audiobook',
  label: { vi: 'Sách nói', en: 'Audiobook' },
  variants: [
    { id: 'm4b', label: { vi: 'M4B có chương', en: 'M4B with chapters' }, role: 'audio' },
    { id: 'mp3', label: { vi: 'MP3', en: 'MP3' }, role: 'audio' },
    // One MP3 per chapter for commune loudspeakers ("loudspeaker-ch03"), and the whole programme.
    { id: 'loudspeaker', label: { vi: 'bản phát loa', en: 'loudspeaker cut' }, role: 'attachment' },
  ],
  // The audiobook's settings (voices, speech engine) are read by ./index.ts; typed options come with the settings schema.
  options: z.object({}),
  preview: 'audio',
};
