/**
 * What the project library keeps besides the Material itself. Each record is
 * validated when read back, so a hand-edited or older library file gives a
 * clear error instead of undefined behaviour downstream.
 */
import { z } from 'zod';

const isoTime = z.string().datetime({ offset: true });

/** A translation of one text unit into one language. */
export const TranslationRecord = z.object({
  unitId: z.string().min(1),
  language: z.string().min(2),
  text: z.string(),
  /** The source text this translation was made from; differs from the unit's text when stale. */
  sourceText: z.string(),
  /** Set when the source changed under it (import of an old export, or a re-imported brief). */
  stale: z.boolean(),
  /**
   * The translator's note confirming that figures differ on purpose (a number
   * written as a word, a local hotline). Without it, a translation whose figures
   * differ from its source needs review and the language is not complete.
   */
  figuresConfirmed: z.string().min(1).optional(),
  updatedAt: isoTime,
});
export type TranslationRecord = z.infer<typeof TranslationRecord>;

/** A recorded voice clip for one unit (a line) or one chapter, in one language. */
export const VoiceClipRecord = z.object({
  /** Text unit id, or `chapter:<n>` for a chapter recording. */
  target: z.string().min(1),
  language: z.string().min(2),
  /** Relative to the project folder. */
  path: z.string().min(1),
  durationSec: z.number().nonnegative(),
  sourceText: z.string(),
  createdAt: isoTime,
});
export type VoiceClipRecord = z.infer<typeof VoiceClipRecord>;

/**
 * One "đọc là" entry: how the voice says a word or phrase in one language.
 * Kept per project (projectId) or for the whole library (projectId null).
 */
export const PronunciationRecord = z.object({
  language: z.string().min(2),
  written: z.string().trim().min(1).max(200),
  spoken: z.string().trim().min(1).max(400),
  updatedAt: isoTime,
});
export type PronunciationRecord = z.infer<typeof PronunciationRecord>;

export const OutputEntry = z.object({
  format: z.string().min(1),
  language: z.string().min(2),
  variant: z.string(),
  /** Relative to the build's output folder, with forward slashes. */
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().positive().optional(),
  durationSec: z.number().nonnegative().optional(),
  /** Pixels for pictures and videos; PDF points of the finished (trimmed) page for PDFs — print PDFs are this plus the 3 mm bleed. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** Audio books: each chapter with its start and end in seconds. */
  chapters: z.array(z.object({ title: z.string(), startSec: z.number().nonnegative(), endSec: z.number().nonnegative() })).optional(),
  /** Pictures (infographics, carousel slides, posters): a text description in the output's language — its
   *  messages, figures and citation — for screen readers, WordPress media and social captions. */
  altText: z.string().min(1).optional(),
});
export type OutputEntry = z.infer<typeof OutputEntry>;

export const RenderRecord = z.object({
  id: z.string().min(1),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  /** interrupted: the process running it was killed (found by the next one that opened the library). */
  status: z.enum(['running', 'done', 'failed', 'cancelled', 'interrupted']),
  /** The process running it, so the next one can tell a live render from an interrupted one. */
  pid: z.number().int().optional(),
  formats: z.array(z.string()),
  languages: z.array(z.string()),
  outDir: z.string(),
  /** sha256 of the Material JSON the render read. */
  materialHash: z.string(),
  outputs: z.array(OutputEntry),
  error: z.string().nullable(),
});
export type RenderRecord = z.infer<typeof RenderRecord>;

export const ProjectRecord = z.object({
  /** The brief's `id`. */
  id: z.string().min(1),
  title: z.string(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Path of the brief as last imported, for display only; the library keeps its own copy. */
  briefOrigin: z.string().nullable(),
  /** Project settings (brand kit, template choices); formats add their own keys. */
  settings: z.record(z.string(), z.unknown()),
});
export type ProjectRecord = z.infer<typeof ProjectRecord>;
