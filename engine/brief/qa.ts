/**
 * The `# Hỏi đáp` section: `**Hỏi:** …` followed by `**Đáp:** …`, usually in
 * one paragraph. A paragraph that starts with neither continues the last part.
 */
import type { Heading, PhrasingContent, RootContent } from 'mdast';
import type { QaPair, Section, SourceLocation } from '../model/material.js';
import { ParseContext, blockText, clean, inlineText, joinSoftBreaks, startOf } from './context.js';
import type { SectionBase } from './sections.js';

type Marker = 'q' | 'a';
interface Part {
  marker: Marker | null;
  text: string;
  loc: SourceLocation;
}

const MARKER_WORD: Record<string, Marker> = { 'hỏi': 'q', 'đáp': 'a' };
const PLAIN_MARKER = /(^|\n)[ \t]*(Hỏi|Đáp)[ \t]*:/giu;

export function parseQa(ctx: ParseContext, heading: Heading, body: RootContent[], base: SectionBase, slotBase: string): Section | null {
  const parts: Part[] = [];
  for (const node of body) {
    if (node.type === 'paragraph') parts.push(...splitParagraph(node.children, startOf(node)));
    else if (node.type === 'html') continue;
    else parts.push({ marker: null, text: blockText(node), loc: startOf(node) });
  }

  const pairs: QaPair[] = [];
  let question: Part | null = null;
  let answer: Part | null = null;
  const flush = () => {
    if (question && answer) {
      // Question and answer are hashed separately: editing one keeps the other's id.
      const q = ctx.leafUnit(base.id, slotBase, 'q', question.text, question.loc);
      const a = ctx.leafUnit(base.id, slotBase, 'a', answer.text, answer.loc);
      pairs.push({ id: q.id.replace('.q-', '.qa-'), question: q, answer: a });
    } else if (question) {
      ctx.bag.error('qa.missingAnswer', question.loc);
    }
    question = null;
    answer = null;
  };

  for (const part of parts) {
    if (part.marker === 'q') {
      flush();
      question = part;
    } else if (part.marker === 'a') {
      if (!question) ctx.bag.error('qa.answerWithoutQuestion', part.loc);
      else if (answer) ctx.bag.error('qa.secondAnswer', part.loc);
      else answer = part;
    } else if (part.text) {
      const last: Part | null = answer ?? question;
      if (last) last.text = `${last.text}\n${part.text}`;
      else ctx.bag.error('qa.expectedQuestion', part.loc);
    }
  }
  flush();
  for (const p of pairs) {
    if (!p.question.text) ctx.bag.error('qa.emptyQuestion', p.question.loc);
    if (!p.answer.text) ctx.bag.error('qa.emptyAnswer', p.answer.loc);
  }
  const complete = pairs.filter((p) => p.question.text && p.answer.text);
  if (complete.length === 0) {
    if (parts.length === 0) ctx.bag.error('qa.empty', startOf(heading));
    return null;
  }
  return { kind: 'qa', ...base, pairs: complete };
}

/** Splits a paragraph's inline content at Hỏi/Đáp markers, bold or plain. */
function splitParagraph(children: PhrasingContent[], paragraphStart: SourceLocation): Part[] {
  const parts: Part[] = [{ marker: null, text: '', loc: paragraphStart }];
  const current = () => parts[parts.length - 1]!;
  children.forEach((node, i) => {
    if (node.type === 'strong') {
      const label = clean(inlineText(node.children));
      const word = label.replace(/:$/, '').trim().toLocaleLowerCase('vi');
      const next = children[i + 1];
      const colonInside = label.endsWith(':');
      const colonAfter = next?.type === 'text' && next.value.startsWith(':');
      if (MARKER_WORD[word] && (colonInside || colonAfter)) {
        if (colonAfter) (next as { value: string }).value = next.value.slice(1);
        parts.push({ marker: MARKER_WORD[word]!, text: '', loc: startOf(node) });
        return;
      }
    }
    if (node.type === 'text') {
      splitPlainText(node.value, startOf(node), parts);
      return;
    }
    current().text += inlineText([node]);
  });
  return parts
    .map((p) => ({ ...p, text: clean(joinSoftBreaks(p.text)) }))
    .filter((p) => p.marker !== null || p.text !== '');
}

function splitPlainText(value: string, start: SourceLocation, parts: Part[]): void {
  let last = 0;
  // Lines counted once, as the markers are met (not from the start each time: quadratic on 20,000 markers).
  let scanned = 0;
  let lineOffset = 0;
  let lastNewline = -1;
  for (const m of value.matchAll(PLAIN_MARKER)) {
    parts[parts.length - 1]!.text += value.slice(last, m.index);
    const markerStart = m.index + m[1]!.length;
    for (; scanned < markerStart; scanned++) {
      if (value.charCodeAt(scanned) === 10) {
        lineOffset++;
        lastNewline = scanned;
      }
    }
    const col = lineOffset === 0 ? start.col + markerStart : markerStart - lastNewline;
    const word = m[2]!.toLocaleLowerCase('vi');
    // Only at the start of the paragraph or of a line, as staff write it.
    if (m.index === 0 && parts[parts.length - 1]!.text.trim() !== '' && m[1] === '') {
      parts[parts.length - 1]!.text += m[0];
    } else {
      parts.push({ marker: MARKER_WORD[word]!, text: '', loc: { line: start.line + lineOffset, col } });
    }
    last = m.index + m[0].length;
  }
  parts[parts.length - 1]!.text += value.slice(last);
}
