/**
 * The settings a person can change, as zod schemas: the studio's own
 * (message language, browser, speech engine, output folder) and a project's
 * brand kit. Only zod here, so the contract (and through it the renderer)
 * can import them.
 */
import { z } from 'zod';

/** The department's render farm (docs/render-farm.md); its shared folder is a local path, set like outputDir (setLocalPath). */
export const FarmSettings = z.object({
  /** redis://HOST:PORT of the queue the workers take units from; null: renders stay on this PC. */
  queue: z.string().max(300).nullable().optional(),
  /** This PC's path to the folder every worker shares. */
  sharedDir: z.string().max(1000).nullable().optional(),
  /** A video longer than this many seconds is rendered as ranges of about this length on several workers. */
  splitVideoSeconds: z.number().min(8).max(36000).optional(),
});
export type FarmSettings = z.infer<typeof FarmSettings>;

export const AppSettings = z.object({
  locale: z.enum(['vi', 'en']),
  /** Chromium, Chrome or Edge used to print and render; null: found automatically. */
  chromiumPath: z.string().max(1000).nullable(),
  /** Speech engine spoken first for voices that were not recorded (the others stay as fallbacks). */
  speechEngine: z.string().min(1).max(100),
  /** Where renders go; null: each project's own outputs folder in the library. */
  outputDir: z.string().max(1000).nullable(),
  /** A minority-language video line with no voice: the Vietnamese voice (default) or music only (engine/build/settings.ts). */
  videoVoiceFallback: z.enum(['vietnamese-voice', 'music']).optional(),
  farm: FarmSettings.optional(),
});
export type AppSettings = z.infer<typeof AppSettings>;

/** A project's print-shop choices (docs/print-shop.md), as the print formats read them from its settings. */
export const PrintShopSettings = z.object({
  /** Also write a CMYK PDF/X-3 beside each print PDF, for printers that ask for one. */
  cmykPdfX: z.boolean(),
});
export type PrintShopSettings = z.infer<typeof PrintShopSettings>;

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/);
/** The project's brand kit, as the print formats read it (project settings `brand`). */
export const BrandKit = z.object({
  issuerName: z.string().max(300).optional(),
  logoPath: z.string().max(1000).optional(),
  primaryColor: hexColor.optional(),
  accentColor: hexColor.optional(),
});
export type BrandKit = z.infer<typeof BrandKit>;
