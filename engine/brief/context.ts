/**
 * State shared by the body parsers: where problems go, how ids and slots are
 * handed out, and how to turn Markdown nodes into plain text with positions.
 */
import type { Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { IdAllocator } from '../model/ids.js';
import type { SourceLocation, TextUnit } from '../model/material.js';
import type { DiagnosticBag } from './diagnostics.js';

export class ParseContext {
  readonly ids = new IdAllocator();
  private readonly slotCounters = new Map<string, number>();

  constructor(
    readonly bag: DiagnosticBag,
    readonly lines: string[],
  ) {}

  /** A text unit whose id is container + kind + hash of its text. */
  leafUnit(container: string, slotContainer: string, kind: string, text: string, loc: SourceLocation): TextUnit {
    return { id: this.ids.leaf(container, kind, text), slot: this.slot(slotContainer, kind), text, loc };
  }

  /** A text unit whose id is structural (one of its kind in its container). */
  namedUnit(id: string, slot: string, text: string, loc: SourceLocation): TextUnit {
    return { id: this.ids.unique(id), slot, text, loc };
  }

  private slot(container: string, kind: string): string {
    const key = `${container}/${kind}`;
    const n = (this.slotCounters.get(key) ?? 0) + 1;
    this.slotCounters.set(key, n);
    return `${key}${n}`;
  }
}

export function startOf(node: Nodes): SourceLocation {
  const p = node.position?.start;
  return { line: p?.line ?? 1, col: p?.column ?? 1 };
}

/**
 * Plain text of inline content: soft line breaks become spaces, hard breaks
 * stay as newlines, emphasis and links keep their words, images and HTML drop out.
 */
export function inlineText(nodes: PhrasingContent[]): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += joinSoftBreaks(node.value);
        break;
      case 'inlineCode':
        out += node.value;
        break;
      case 'break':
        out += '\n';
        break;
      case 'html':
      case 'image':
      case 'imageReference':
      case 'footnoteReference':
        break;
      default:
        if ('children' in node) out += inlineText(node.children as PhrasingContent[]);
    }
  }
  return out;
}

/**
 * Each line break with the spaces and tabs around it becomes one space. Written
 * as a loop: a regex for "spaces, line break, spaces" backtracks over every run
 * of spaces with no line break, which is quadratic on a paragraph of 1 MB of spaces.
 */
export function joinSoftBreaks(value: string): string {
  if (!value.includes('\n')) return value;
  const lines = value.split('\n');
  const last = lines.length - 1;
  return lines.map((line, i) => trimSpaceTab(line, i > 0, i < last)).join(' ');
}

function trimSpaceTab(line: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = line.length;
  if (start) while (from < to && (line[from] === ' ' || line[from] === '\t')) from++;
  if (end) while (to > from && (line[to - 1] === ' ' || line[to - 1] === '\t')) to--;
  return line.slice(from, to);
}

/** Runs of spaces and tabs become one space first, so the second pattern never backtracks over a long run. */
export function clean(text: string): string {
  return text.replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
}

export function paragraphText(node: Paragraph): string {
  return clean(inlineText(node.children));
}

/** Plain text of any block (paragraphs of a list item joined by newlines). */
export function blockText(node: RootContent): string {
  if (node.type === 'paragraph' || node.type === 'heading') return clean(inlineText(node.children));
  if ('children' in node) return (node.children as RootContent[]).map(blockText).filter(Boolean).join('\n');
  if ('value' in node && typeof node.value === 'string') return clean(node.value);
  return '';
}

/** Raw source lines a node spans, as written (after NFC). */
export function sourceLines(ctx: ParseContext, node: Nodes): { text: string; line: number; col: number }[] {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return [];
  const out: { text: string; line: number; col: number }[] = [];
  for (let line = start.line; line <= end.line; line++) {
    const full = ctx.lines[line - 1] ?? '';
    const from = line === start.line ? start.column - 1 : 0;
    const to = line === end.line ? end.column - 1 : full.length;
    out.push({ text: full.slice(from, to), line, col: from + 1 });
  }
  return out;
}
