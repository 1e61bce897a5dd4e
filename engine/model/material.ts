/**
 * The Material: the one validated content model every format reads.
 *
 * A brief is parsed once into a Material; no pipeline ever reads the Markdown.
 * Every piece of text a person reads or hears is a TextUnit with a stable id,
 * so translations, subtitles and voice clips attach to it (see ./ids.ts for
 * how ids are derived and why they survive edits elsewhere in the brief).
 */
import { z } from 'zod';

export const MATERIAL_SCHEMA_VERSION = 1;

/** Where a unit came from in the brief: 1-based line and column. */
export const SourceLocation = z.object({
  line: z.number().int().positive(),
  col: z.number().int().positive(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

export const TextUnit = z.object({
  /** Stable id: container path plus a hash of the text (see ids.ts). */
  id: z.string().min(1),
  /**
   * Structural position (container path plus ordinal). Not stable across
   * insertions; used to recognise that a translated unit was edited
   * (its id changed but its slot still holds text) and mark it stale.
   */
  slot: z.string().min(1),
  /** Plain text, NFC normalised, inline Markdown removed. */
  text: z.string().min(1),
  loc: SourceLocation,
});
export type TextUnit = z.infer<typeof TextUnit>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const languageCode = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);

export const LegalDocument = z.object({
  /** Document number exactly as the brief gives it, e.g. "52/2014/QH13". */
  ref: z.string().min(1),
  title: TextUnit,
  /** Articles exactly as written ("Điều 3 khoản 8"); never rewritten. */
  articles: z.array(z.string().min(1)).min(1),
  effective: isoDate,
});
export type LegalDocument = z.infer<typeof LegalDocument>;

export const Citation = z.object({
  ref: z.string().min(1),
  article: z.string().min(1),
});
export type Citation = z.infer<typeof Citation>;

export const Block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), unit: TextUnit }),
  z.object({ type: z.literal('subheading'), unit: TextUnit }),
  z.object({
    type: z.literal('list'),
    ordered: z.boolean(),
    /** depth 0 for top-level items; nested lists are flattened in order. */
    items: z.array(z.object({ unit: TextUnit, depth: z.number().int().nonnegative() })).min(1),
  }),
]);
export type Block = z.infer<typeof Block>;

const sectionBase = {
  /** Slug of the heading, unique within the material. */
  id: z.string().min(1),
  heading: TextUnit,
  citations: z.array(Citation),
};

export const ContentSection = z.object({
  kind: z.literal('content'),
  ...sectionBase,
  blocks: z.array(Block),
});

export const KeyMessagesSection = z.object({
  kind: z.literal('keyMessages'),
  ...sectionBase,
  messages: z.array(TextUnit).min(1),
});

export const QaPair = z.object({
  id: z.string().min(1),
  question: TextUnit,
  answer: TextUnit,
});
export type QaPair = z.infer<typeof QaPair>;

export const QaSection = z.object({
  kind: z.literal('qa'),
  ...sectionBase,
  pairs: z.array(QaPair).min(1),
});

/** The twelve character archetypes the studio ships puppets for. */
export const ARCHETYPES = [
  'man', 'woman', 'young-man', 'young-woman', 'boy', 'girl',
  'elder-man', 'elder-woman', 'official-man', 'official-woman',
  'police-officer', 'teacher',
] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export const ASPECTS = ['16:9', '9:16', '1:1'] as const;
export const Aspect = z.enum(ASPECTS);
export type Aspect = z.infer<typeof Aspect>;

export const Character = z.object({
  id: z.string().min(1),
  /** Full name as written in bold, e.g. "Bố Páo". Names are not translated. */
  name: z.string().min(1),
  role: z.enum(['character', 'narrator']),
  /** As written; null for the narrator. May be unknown (then knownArchetype is false). */
  archetype: z.string().nullable(),
  knownArchetype: z.boolean(),
  description: TextUnit.optional(),
  loc: SourceLocation,
});
export type Character = z.infer<typeof Character>;

export const DialogueLine = z.object({
  unit: TextUnit,
  characterId: z.string().min(1),
  /** The speaker as written ("Chị Hoa"), kept for messages and subtitles. */
  speakerAsWritten: z.string().min(1),
});
export type DialogueLine = z.infer<typeof DialogueLine>;

export const Setting = z.object({
  unit: TextUnit,
  /** Place part of "Bối cảnh: place, time of day". */
  place: z.string().min(1),
  timeOfDay: z.string().nullable(),
});
export type Setting = z.infer<typeof Setting>;

export const Scene = z.object({
  id: z.string().min(1),
  number: z.number().int().positive(),
  title: TextUnit,
  setting: Setting.nullable(),
  lines: z.array(DialogueLine),
});
export type Scene = z.infer<typeof Scene>;

export const SituationSection = z.object({
  kind: z.literal('situation'),
  ...sectionBase,
  /** Heading without the "Tình huống:" prefix. */
  title: TextUnit,
  format: z.string().min(1),
  aspects: z.array(Aspect).min(1),
  characters: z.array(Character).min(1),
  scenes: z.array(Scene).min(1),
});
export type SituationSection = z.infer<typeof SituationSection>;

export const Chapter = z.object({
  number: z.number().int().positive(),
  /** The section this chapter narrates. */
  sectionId: z.string().min(1),
  loc: SourceLocation,
});
export type Chapter = z.infer<typeof Chapter>;

export const AudiobookSection = z.object({
  kind: z.literal('audiobook'),
  ...sectionBase,
  chapters: z.array(Chapter).min(1),
});
export type AudiobookSection = z.infer<typeof AudiobookSection>;

export const Section = z.discriminatedUnion('kind', [
  ContentSection, KeyMessagesSection, QaSection, SituationSection, AudiobookSection,
]);
export type Section = z.infer<typeof Section>;
export type ContentSection = z.infer<typeof ContentSection>;
export type KeyMessagesSection = z.infer<typeof KeyMessagesSection>;
export type QaSection = z.infer<typeof QaSection>;

export const Material = z.object({
  schemaVersion: z.literal(MATERIAL_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  sourceLanguage: languageCode,
  targetLanguages: z.array(languageCode),
  audience: z.array(z.string().min(1)),
  title: TextUnit,
  /** `short_title`: the title where room is short (infographic, video cards, social posts); absent: the title. */
  shortTitle: TextUnit.optional(),
  subtitle: TextUnit.nullable(),
  issuer: TextUnit,
  hotline: TextUnit.nullable(),
  portalUrl: z.string().url().nullable(),
  legalBasis: z.array(LegalDocument).min(1),
  /** In the order written: sections are printed, narrated and linked in this order. */
  sections: z.array(Section),
});
export type Material = z.infer<typeof Material>;

/** The title where room is short: `short_title` when the brief gives one, else the title. */
export function shortTitleOf(material: Pick<Material, 'title' | 'shortTitle'>): TextUnit {
  return material.shortTitle ?? material.title;
}
