/** The comic's own settings (`comic` in project or app settings, or the build's options). */
import { z } from 'zod';
import { COMIC_PAPERS } from '../../../templates/comic/layout.js';

export const ComicSettings = z.object({
  /** Paper sizes of the printed comic; both by default. */
  papers: z.array(z.enum(COMIC_PAPERS as ['a4', 'a5'])).min(1).default(['a4', 'a5']),
  /** The 1080×1350 slides for a multi-image post (Facebook, Zalo, TikTok photo mode). */
  carousel: z.boolean().default(true),
});
export type ComicSettings = z.infer<typeof ComicSettings>;
