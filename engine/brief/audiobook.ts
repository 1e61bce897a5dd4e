/**
 * The audiobook plan (`# Sách nói` with `kind: audiobook`): lines
 * `Chương N: <section title>`, each naming a section above it.
 */
import type { RootContent } from 'mdast';
import type { Chapter, Section } from '../model/material.js';
import { ParseContext, sourceLines, startOf } from './context.js';

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
      const section = sectionsAbove.find((s) => titlesOf(s).includes(wanted));
      if (!section) {
        ctx.bag.error('audiobook.unknownSection', loc, {
          title: m[2]!.trim(),
          known: sectionsAbove.filter((s) => s.kind !== 'audiobook').map((s) => s.heading.text).join('; '),
        });
        continue;
      }
      if (chapters.some((c) => c.number === number)) {
        ctx.bag.error('audiobook.duplicateNumber', loc, { number });
        continue;
      }
      if (number !== chapters.length + 1) ctx.bag.warning('audiobook.chapterNumber', loc, { number, expected: chapters.length + 1 });
      if (chapters.some((c) => c.sectionId === section.id)) ctx.bag.warning('audiobook.repeatedSection', loc, { title: m[2]!.trim() });
      chapters.push({ number, sectionId: section.id, loc });
    }
  }
  if (linesSeen === 0) ctx.bag.error('audiobook.empty', startOf(heading));
  return chapters;
}
