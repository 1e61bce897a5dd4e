/**
 * The question bank: items generated from the brief by fixed rules, plus the
 * questions written by hand in `# Câu hỏi`. Every option is text of the brief
 * itself (an answer, a figure, a statement) — nothing is made up — and every
 * item cites articles of the brief's legal basis. The rules are documented in
 * docs/quiz.md:
 *
 *  - qa:        each Q&A pair → multiple choice; right = its answer, wrong = the
 *               answers of the other pairs (up to 3, in brief order after it).
 *  - message:   each key message → true/false, the statement as written (true).
 *  - swap:      each key message holding a figure (number + unit word) for which
 *               the brief has another figure with the same unit → true/false,
 *               the message with that figure swapped for the other (false).
 *  - figure:    each figure in a section with citations → multiple choice with
 *               the figure blanked in its sentence; right = the figure, wrong =
 *               the brief's other figures with the same unit word (up to 3).
 *  - manual:    each hand-written question, as written.
 *
 * Items are generated per language from that language's Material (so a
 * complete translation gives a quiz in that language); item ids come from unit
 * ids, which are the same in every language. Citations are decided on the
 * source Material and reused by id, so every language cites the same articles.
 */
import type { Citation, Material, Section, TextUnit } from '../../model/material.js';
import { textHash } from '../../model/ids.js';

export type QuizRule = 'qa' | 'message' | 'swap' | 'figure' | 'manual';

export interface QuizOptionItem {
  text: string;
  correct: boolean;
}

export interface QuizItem {
  /** Stable across languages and unrelated edits: rule + source unit id (+ figure ordinal). */
  id: string;
  rule: QuizRule;
  type: 'choice' | 'truefalse';
  prompt: string;
  /** Choice only, in display order (shuffled deterministically by id). */
  options: QuizOptionItem[];
  /** True/false only. */
  answer: boolean | null;
  citations: Citation[];
  /** Text units the item is made from. */
  units: string[];
  /**
   * Figure items (swap, figure): the figures by value (digits as written), so a
   * translation finds the same figures in its own words: the one asked about
   * (its value and which occurrence of that value in the unit) and the others used.
   */
  figures?: { value: string; nth: number; others: string[] };
}

export interface QuizBank {
  language: string;
  items: QuizItem[];
}

/** The blank a figure question leaves in its sentence. */
export const BLANK = '……';
const MAX_DISTRACTORS = 3;

/**
 * A figure: digits (with . or , separators) followed by one word, not an
 * article or clause number ("Điều 8", "khoản 2"). The word is the unit
 * ("18 tuổi", "05 ngày", "10.000.000 đồng").
 */
const FIGURE = /(?<![\p{L}\p{N}])(\d+(?:[.,]\d+)*)[ \u00a0]+(\p{L}[\p{L}\p{M}]*)/gu;
const NOT_A_FIGURE_BEFORE = /(?:điều|khoản|điểm|chương|mục|số|lớp|article|clause|no\.?)\s*$/iu;

export interface Figure {
  /** As written: "18 tuổi". */
  text: string;
  value: string;
  unit: string;
  index: number;
}

export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  for (const m of text.matchAll(FIGURE)) {
    if (NOT_A_FIGURE_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.push({ text: m[0].replace(/\u00a0/g, ' '), value: m[1]!, unit: m[2]!.toLocaleLowerCase(), index: m.index });
  }
  return out;
}

/** The sentence of `text` around position `at` (split at . ; ! ? followed by a space, never inside a number). */
export function sentenceAround(text: string, at: number): { start: number; end: number } {
  const boundary = /[.;!?…](?=\s)|\n/gu;
  let start = 0;
  let end = text.length;
  for (const m of text.matchAll(boundary)) {
    if (m.index < at) start = m.index + 1;
    else {
      end = m.index + 1;
      break;
    }
  }
  while (start < end && /\s/u.test(text[start]!)) start++;
  return { start, end };
}

function hashOrder<T>(items: T[], seed: string): T[] {
  return items
    .map((item, i) => ({ item, key: textHash(`${seed}:${i}`) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.item);
}

function sectionUnits(section: Section): TextUnit[] {
  switch (section.kind) {
    case 'content':
      return section.blocks.flatMap((b) => {
        if (b.type === 'list') return b.items.map((i) => i.unit);
        // A table's cells hold figures as often as its paragraphs do.
        if (b.type === 'table') return [...b.header, ...b.rows.flat()].filter((u): u is TextUnit => u !== null);
        return [b.unit];
      });
    case 'keyMessages':
      return section.messages;
    case 'qa':
      return section.pairs.flatMap((p) => [p.question, p.answer]);
    default:
      return [];
  }
}

/** Word bigrams of a text, lower-cased: how close two passages are. */
function bigrams(text: string): Set<string> {
  const words = text.toLocaleLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const out = new Set<string>();
  for (let i = 1; i < words.length; i++) out.add(`${words[i - 1]} ${words[i]}`);
  return out;
}

/**
 * What an item without a citation of its own cites: the cited sections sharing
 * one of its figures; else the cited section sharing the most word pairs (at
 * least two); else every article of the legal basis (never nothing).
 */
export function citationsFor(material: Material, text: string): Citation[] {
  const cited = material.sections.filter((s) => s.citations.length > 0 && (s.kind === 'content' || s.kind === 'keyMessages' || s.kind === 'qa'));
  const figures = new Set(findFigures(text).map((f) => f.text.toLocaleLowerCase()));
  const byFigure = cited.filter((s) => sectionUnits(s).some((u) => findFigures(u.text).some((f) => figures.has(f.text.toLocaleLowerCase()))));
  if (byFigure.length > 0) return dedupe(byFigure.flatMap((s) => s.citations));
  const mine = bigrams(text);
  let best: { section: Section; score: number } | null = null;
  for (const s of cited) {
    const theirs = bigrams(sectionUnits(s).map((u) => u.text).join(' '));
    let score = 0;
    for (const b of mine) if (theirs.has(b)) score++;
    if (score >= 2 && (!best || score > best.score)) best = { section: s, score };
  }
  if (best) return [...best.section.citations];
  return material.legalBasis.flatMap((d) => d.articles.map((article) => ({ ref: d.ref, article })));
}

function dedupe(citations: Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = `${c.ref}\u0000${c.article}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every figure of the brief's own text (key messages, content, Q&A), in order, one per distinct text. */
function figurePool(material: Material): Figure[] {
  const seen = new Set<string>();
  const out: Figure[] = [];
  for (const s of material.sections) {
    for (const u of sectionUnits(s)) {
      for (const f of findFigures(u.text)) {
        const key = f.text.toLocaleLowerCase();
        if (!seen.has(key)) {
          seen.add(key);
          out.push(f);
        }
      }
    }
  }
  return out;
}

function otherFigures(pool: Figure[], figure: Figure): Figure[] {
  return pool.filter((f) => f.unit === figure.unit && f.value !== figure.value);
}

/**
 * The items of one language's Material. `source` (the source-language
 * Material) decides citations, and which figures the figure and swap items
 * use: a translation finds them by value in its own text, so every language
 * gets the same items even where a unit word is translated differently.
 */
export function generateQuiz(material: Material, language: string, source: Material = material): QuizBank {
  if (material === source) return { language, items: generateItems(material, source) };
  const own = new Map(generateItems(material, source).map((i) => [i.id, i]));
  const pool = figurePool(material);
  const items: QuizItem[] = [];
  for (const planned of generateItems(source, source)) {
    const item = planned.figures ? localizeFigureItem(planned, material, pool) : own.get(planned.id);
    if (item) items.push(item);
  }
  return { language, items };
}

/** nth occurrence (0-based) of a figure with this value in the text. */
function figureByValue(text: string, value: string, nth: number): Figure | undefined {
  return findFigures(text).filter((f) => f.value === value)[nth];
}

/** A figure of the translated brief with this value, preferring the same unit word. */
function poolFigure(pool: Figure[], value: string, unit: string): Figure | undefined {
  return pool.find((f) => f.value === value && f.unit === unit) ?? pool.find((f) => f.value === value);
}

function localizeFigureItem(planned: QuizItem, material: Material, pool: Figure[]): QuizItem | null {
  const unit = findUnit(material, planned.units[0]!);
  const plan = planned.figures!;
  const figure = unit && figureByValue(unit.text, plan.value, plan.nth);
  if (!unit || !figure) return null;
  const others = plan.others.map((v) => poolFigure(pool, v, figure.unit));
  if (others.some((o) => !o)) return null;
  if (planned.rule === 'swap') {
    const prompt = `${unit.text.slice(0, figure.index)}${others[0]!.text}${unit.text.slice(figure.index + figure.text.length)}`;
    return { ...planned, prompt, citations: [...planned.citations] };
  }
  const { start, end } = sentenceAround(unit.text, figure.index);
  const sentence = unit.text.slice(start, end);
  const at = figure.index - start;
  return {
    ...planned,
    prompt: `${sentence.slice(0, at)}${BLANK}${sentence.slice(at + figure.text.length)}`,
    options: hashOrder([{ text: figure.text, correct: true }, ...others.map((o) => ({ text: o!.text, correct: false }))], planned.id),
    citations: [...planned.citations],
  };
}

function nthOf(text: string, f: Figure): number {
  return findFigures(text).filter((g) => g.value === f.value && g.index < f.index).length;
}

function generateItems(material: Material, source: Material): QuizItem[] {
  const items: QuizItem[] = [];
  const pool = figurePool(material);
  const sourceCitations = new Map<string, Citation[]>();
  const cite = (unitId: string, own: Citation[], fallbackText: () => string): Citation[] => {
    if (own.length > 0) return [...own];
    let c = sourceCitations.get(unitId);
    if (!c) {
      const unit = findUnit(source, unitId);
      c = citationsFor(source, unit?.text ?? fallbackText());
      sourceCitations.set(unitId, c);
    }
    return c;
  };

  for (const section of material.sections) {
    if (section.kind === 'qa') {
      const pairs = section.pairs;
      pairs.forEach((pair, i) => {
        const others = [...pairs.slice(i + 1), ...pairs.slice(0, i)].slice(0, MAX_DISTRACTORS);
        if (others.length === 0) return;
        const id = `qa.${pair.id}`;
        items.push({
          id,
          rule: 'qa',
          type: 'choice',
          prompt: pair.question.text,
          options: hashOrder([{ text: pair.answer.text, correct: true }, ...others.map((o) => ({ text: o.answer.text, correct: false }))], id),
          answer: null,
          citations: cite(pair.answer.id, section.citations, () => pair.answer.text),
          units: [pair.question.id, pair.answer.id, ...others.map((o) => o.answer.id)],
        });
      });
    } else if (section.kind === 'keyMessages') {
      for (const m of section.messages) {
        const citations = cite(m.id, section.citations, () => m.text);
        items.push({ id: `message.${m.id}`, rule: 'message', type: 'truefalse', prompt: m.text, options: [], answer: true, citations, units: [m.id] });
        for (const f of findFigures(m.text)) {
          const swap = otherFigures(pool, f).find((o) => !m.text.includes(o.text));
          if (!swap) continue;
          const prompt = `${m.text.slice(0, f.index)}${swap.text}${m.text.slice(f.index + f.text.length)}`;
          items.push({
            id: `swap.${m.id}`, rule: 'swap', type: 'truefalse', prompt, options: [], answer: false, citations, units: [m.id],
            figures: { value: f.value, nth: nthOf(m.text, f), others: [swap.value] },
          });
          break;
        }
      }
    } else if (section.kind === 'content' && section.citations.length > 0) {
      for (const unit of sectionUnits(section)) {
        findFigures(unit.text).forEach((f, k) => {
          const wrong = otherFigures(pool, f).filter((o) => !sameText(o, f)).slice(0, MAX_DISTRACTORS);
          if (wrong.length === 0) return;
          const { start, end } = sentenceAround(unit.text, f.index);
          const sentence = unit.text.slice(start, end);
          const at = f.index - start;
          const prompt = `${sentence.slice(0, at)}${BLANK}${sentence.slice(at + f.text.length)}`;
          const id = `figure.${unit.id}.${k + 1}`;
          items.push({
            id,
            rule: 'figure',
            type: 'choice',
            prompt,
            options: hashOrder([{ text: f.text, correct: true }, ...wrong.map((o) => ({ text: o.text, correct: false }))], id),
            answer: null,
            citations: [...section.citations],
            units: [unit.id],
            figures: { value: f.value, nth: nthOf(unit.text, f), others: wrong.map((o) => o.value) },
          });
        });
      }
    } else if (section.kind === 'quiz') {
      for (const q of section.questions) {
        items.push({
          id: `manual.${q.id}`,
          rule: 'manual',
          type: q.type,
          prompt: q.prompt.text,
          options: q.options.map((o) => ({ text: o.unit.text, correct: o.correct })),
          answer: q.answer,
          citations: [...section.citations],
          units: [q.prompt.id, ...q.options.map((o) => o.unit.id)],
        });
      }
    }
  }
  return items;
}

function sameText(a: Figure, b: Figure): boolean {
  return a.text.toLocaleLowerCase() === b.text.toLocaleLowerCase();
}

function findUnit(material: Material, id: string): TextUnit | undefined {
  for (const s of material.sections) for (const u of sectionUnits(s)) if (u.id === id) return u;
  return undefined;
}

/** "52/2014/QH13 Điều 8; 60/2014/QH13 Điều 11" — refs and articles exactly as the brief writes them. */
export function citationText(citations: Citation[]): string {
  return citations.map((c) => `${c.ref} ${c.article}`).join('; ');
}
