/**
 * Limits that keep the importer's time and memory linear in the brief: a real
 * brief has a handful of characters, a few scenes and two or three levels of
 * lists, so anything far beyond is refused with a message at its line instead
 * of being walked (recursion over 1,000 nested quotes overflows the stack).
 */
import type { Nodes } from 'mdast';
import type { DiagnosticBag } from './diagnostics.js';

/** Lists, quotes and inline formatting inside each other. */
export const MAX_NESTING = 32;
export const MAX_CAST = 200;
export const MAX_SCENES = 500;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * Before Markdown is parsed: the first line that opens more than MAX_NESTING
 * containers (`> > >`, `1. 1. 1.`, `- - -`), or indents a list item or quote
 * deeper than that many levels could need. The parser's own cost grows with
 * the depth on every line, so such a brief is refused before it is parsed.
 */
export function checkLineNesting(lines: string[], bag: DiagnosticBag): boolean {
  const maxIndent = MAX_NESTING * 4;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let pos = 0;
    let depth = 0;
    let indent = 0;
    while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) {
      indent += line[pos] === '\t' ? 4 : 1;
      pos++;
    }
    if (indent > maxIndent && (line[pos] === '>' || LIST_MARKER.test(line.slice(pos, pos + 11)))) {
      bag.error('text.tooDeep', { line: i + 1, col: 1 }, { max: MAX_NESTING });
      return false;
    }
    for (;;) {
      while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) pos++;
      if (line[pos] === '>') {
        pos++;
      } else {
        const marker = LIST_MARKER.exec(line.slice(pos, pos + 11));
        if (!marker) break;
        pos += marker[0].length;
      }
      depth++;
      if (depth > MAX_NESTING) {
        bag.error('text.tooDeep', { line: i + 1, col: pos }, { max: MAX_NESTING });
        return false;
      }
    }
  }
  return true;
}

/**
 * After parsing: the first node deeper than the walks below may recurse
 * (emphasis in emphasis, links in links…), found without recursion.
 */
export function checkTreeDepth(root: Nodes, bag: DiagnosticBag): boolean {
  // Each container node is nested in a child list, so the tree depth allowed is about twice the nesting.
  const maxDepth = MAX_NESTING * 2 + 4;
  const stack: { node: Nodes; depth: number }[] = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > maxDepth) {
      const p = node.position?.start;
      bag.error('text.tooDeep', { line: p?.line ?? 1, col: p?.column ?? 1 }, { max: MAX_NESTING });
      return false;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) stack.push({ node: child, depth: depth + 1 });
  }
  return true;
}
