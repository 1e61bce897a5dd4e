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

/**
 * One item of a list. Nested lists are flattened in reading order; each item
 * says how deep it sits, whether its own list is numbered (a bulleted list may
 * sit inside a numbered one) and its number within its own list, so every level
 * counts 1, 2, 3 by itself.
 */
export const ListItem = z.object({
  unit: TextUnit,
  /** 0 for top-level items. */
  depth: z.number().int().nonnegative(),
  /** The item's own list is numbered. */
  ordered: z.boolean(),
  /** Number within its own list (the list's start, then +1): 1, 2, 3 at each level. */
  number: z.number().int().nonnegative(),
});
export type ListItem = z.infer<typeof ListItem>;

/** A table cell: a text unit, or null when the brief leaves the cell empty. */
export const TableCell = TextUnit.nullable();
export type TableCell = z.infer<typeof TableCell>;

export const TableAlign = z.enum(['left', 'center', 'right']).nullable();

/**
 * Materials stored before list items carried their own `ordered` and `number`
 * (the library keeps Materials as JSON): each item gets the list's `ordered`
 * and its place among its siblings, so an older library still opens.
 */
function withListNumbers(value: unknown): unknown {
  const block = value as { type?: unknown; ordered?: unknown; items?: unknown } | null;
  if (!block || block.type !== 'list' || !Array.isArray(block.items)) return value;
  if (block.items.every((i) => typeof (i as { number?: unknown })?.number === 'number')) return value;
  const counters: number[] = [];
  const items = block.items.map((raw) => {
    const item = raw as { depth?: unknown; ordered?: unknown; number?: unknown };
    const depth = typeof item.depth === 'number' ? item.depth : 0;
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    return { ...item, ordered: typeof item.ordered === 'boolean' ? item.ordered : block.ordered === true, number: typeof item.number === 'number' ? item.number : counters[depth] };
  });
  return { ...block, items };
}

export const Block = z.preprocess(withListNumbers, z.discriminatedUnion('type', [
  z.object({ type: z.literal('paragraph'), unit: TextUnit }),
  z.object({ type: z.literal('subheading'), unit: TextUnit }),
  z.object({
    type: z.literal('list'),
    /** The top-level list is numbered. */
    ordered: z.boolean(),
    items: z.array(ListItem).min(1),
  }),
  z.object({
    type: z.literal('table'),
    /** Column alignment from the delimiter row (`:---`, `:---:`, `---:`), one per column. */
    align: z.array(TableAlign).min(1),
    /** The header row: one cell per column (the column's label when a row is read aloud). */
    header: z.array(TableCell).min(1),
    /** Body rows, each exactly as many cells as the header (the importer pads and warns). */
    rows: z.array(z.array(TableCell)),
    /** Where the table starts in the brief (errors about its layout name this line). */
    loc: SourceLocation,
  }),
  z.object({
    type: z.literal('image'),
    /** The alt text (`![mô tả](…)`): a text unit like any other, translated and read aloud in its place. */
    unit: TextUnit,
    /**
     * The file as written, relative to the brief's folder (forward slashes,
     * never leaving it). The library keeps a copy at the same place beside its
     * own brief.md, so a project builds from the library alone (docs/brief-format.md).
     */
    src: z.string().min(1),
    loc: SourceLocation,
  }),
]));
export type Block = z.infer<typeof Block>;
export type TableBlock = Extract<Block, { type: 'table' }>;
export type ListBlock = Extract<Block, { type: 'list' }>;
export type ImageBlock = Extract<Block, { type: 'image' }>;

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

/** A puppet's face while saying a line (drawn by templates/video/puppets/Head.tsx). */
export const EXPRESSIONS = ['neutral', 'worried', 'happy', 'stern'] as const;
export type Expression = (typeof EXPRESSIONS)[number];

export const DialogueLine = z.object({
  unit: TextUnit,
  characterId: z.string().min(1),
  /** The speaker as written ("Chị Hoa"), kept for messages and subtitles. */
  speakerAsWritten: z.string().min(1),
  /** Set in the brief (`- Mỷ (lo lắng): …`); without it the video picks one from the words. */
  expression: z.enum(EXPRESSIONS).optional(),
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

/** One answer of a hand-written multiple-choice question (`- [x] …` is correct). */
export const QuizOption = z.object({ unit: TextUnit, correct: z.boolean() });
export type QuizOption = z.infer<typeof QuizOption>;

/**
 * A question written by hand in a `# Câu hỏi` section (engine/brief/quiz.ts).
 * `choice`: options with exactly one correct; `truefalse`: a statement whose
 * truth is `answer` (the words Đúng/Sai come from the catalogue, not the brief).
 */
export const QuizQuestion = z.object({
  id: z.string().min(1),
  type: z.enum(['choice', 'truefalse']),
  prompt: TextUnit,
  options: z.array(QuizOption),
  answer: z.boolean().nullable(),
});
export type QuizQuestion = z.infer<typeof QuizQuestion>;

export const QuizSection = z.object({
  kind: z.literal('quiz'),
  ...sectionBase,
  questions: z.array(QuizQuestion).min(1),
});
export type QuizSection = z.infer<typeof QuizSection>;

export const Section = z.discriminatedUnion('kind', [
  ContentSection, KeyMessagesSection, QaSection, SituationSection, AudiobookSection, QuizSection,
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
  /**
   * Lĩnh vực (front matter `linh_vuc`): ids from the fixed list in ./subjects.ts.
   * Absent when the brief names none, so Materials (and approval hashes) of older briefs are unchanged.
   */
  subjects: z.array(z.string().min(1)).optional(),
  /** Front matter `pictograms`: key message number ("1") → icon name, for the infographic. Absent when not given. */
  pictograms: z.record(z.string(), z.string()).optional(),
  legalBasis: z.array(LegalDocument).min(1),
  /** In the order written: sections are printed, narrated and linked in this order. */
  sections: z.array(Section),
});
export type Material = z.infer<typeof Material>;

/** The title where room is short: `short_title` when the brief gives one, else the title. */
export function shortTitleOf(material: Pick<Material, 'title' | 'shortTitle'>): TextUnit {
  return material.shortTitle ?? material.title;
}
