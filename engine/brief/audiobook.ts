/**
 * The audiobook plan (`# Sách nói` with `kind: audiobook`): lines
 * `Chương N: <section title>`, each naming a section above it.
 */
import type { RootContent } from 'mdast';
import type { Chapter, Section } from '../model/material.js';
import { ParseContext, sourceLines, startOf } from './context.js';
import { nameList } from './diagnostics.js';

const CHAPTER = /^Chương\s+(\d+)\s*[:.—–-]\s*(.+)$/iu;
const LIST_MARKER = /^(?:[-*+]|\d+[.)])\s+/;

const fold = (s: string) => s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

function titlesOf(section: Section): string[] {
  const titles = [section.heading.text];
  if (section.kind === 'situation') titles.push(section.title.text);
  return titles.map(fold);
}

/** Resolves the plan in `body` against `sectionsAbove` (the sections written before the plan). */
export function parseChapters(ctx: ParseContext, heading: RootContent, body: RootContent[], sectionsAbove: Section[]): Chapter[] {
  const chapters: Chapter[] = [];
  let linesSeen = 0;
  // Titles folded once: a plan of 5,000 chapters against 5,000 sections stays linear.
  const byTitle = new Map<string, Section>();
  for (const s of sectionsAbove) for (const title of titlesOf(s)) if (!byTitle.has(title)) byTitle.set(title, s);
  let known: string | null = null;
  const numbers = new Set<number>();
  const sectionIds = new Set<string>();
  for (const node of body) {
    if (node.type === 'html') continue;
    for (const line of sourceLines(ctx, node)) {
      const text = line.text.trim().replace(LIST_MARKER, '');
      if (!text) continue;
      linesSeen++;
      const loc = { line: line.line, col: line.col + (line.text.length - line.text.trimStart().length) };
      const m = CHAPTER.exec(text.replace(/\*\*/g, ''));
      if (!m) {
        ctx.bag.error('audiobook.badLine', loc, { text });
        continue;
      }
      const number = Number(m[1]);
      const wanted = fold(m[2]!);
      const section = byTitle.get(wanted);
      if (!section) {
        ctx.bag.error('audiobook.unknownSection', loc, {
          title: m[2]!.trim(),
          known: (known ??= nameList(sectionsAbove.filter((s) => s.kind !== 'audiobook').map((s) => s.heading.text), '; ')),
        });
        continue;
      }
      if (numbers.has(number)) {
        ctx.bag.error('audiobook.duplicateNumber', loc, { number });
        continue;
      }
      if (number !== chapters.length + 1) ctx.bag.warning('audiobook.chapterNumber', loc, { number, expected: chapters.length + 1 });
      if (sectionIds.has(section.id)) ctx.bag.warning('audiobook.repeatedSection', loc, { title: m[2]!.trim() });
      numbers.add(number);
      sectionIds.add(section.id);
      chapters.push({ number, sectionId: section.id, loc });
    }
  }
  if (linesSeen === 0) ctx.bag.error('audiobook.empty', startOf(heading));
  return chapters;
}
