/**
 * Limits that keep the importer's time and memory linear in the brief: a real
 * brief has a handful of characters, a few scenes and two or three levels of
 * lists, so anything far beyond is refused with a message at its line instead
 * of being walked (recursion over 1,000 nested quotes overflows the stack).
 */
import type { Nodes } from 'mdast';
import type { DiagnosticBag } from './diagnostics.js';

/** Lists, quotes and inline formatting inside each other. */
/**
 * Lines in one brief. The sample has 120 and a long booklet a few thousand;
 * past this the Markdown tree and the Material of a brief under 2 MiB take
 * more memory than a modest office PC should give a check (~500 MB at 20,000).
 */
export const MAX_LINES = 10_000;
export const MAX_NESTING = 32;
export const MAX_CAST = 200;
export const MAX_SCENES = 500;
/**
 * Separate lists and quotes in the whole brief. The Markdown parser's cost
 * grows with the square of this number (each closed list is spliced into all
 * events so far): 2,000 take seconds, 10,000 minutes.
 */
export const MAX_LIST_BLOCKS = 1000;
/** Emphasis and link markers (* _ [) in one paragraph; past a few thousand the parser's matching is quadratic. */
export const MAX_INLINE_MARKERS = 1000;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/**
 * Before Markdown is parsed: the first line that opens more than MAX_NESTING
 * containers (`> > >`, `1. 1. 1.`, `- - -`), or indents a list item or quote
 * deeper than that many levels could need. The parser's own cost grows with
 * the depth on every line, so such a brief is refused before it is parsed.
 */
export function checkLineNesting(lines: string[], bag: DiagnosticBag): boolean {
  const maxIndent = MAX_NESTING * 4;
  let listBlocks = 0;
  let previousWasList = false;
  let markers = 0;
  for (let i = frontMatterEnd(lines); i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      markers = 0;
      continue;
    }
    // Counted per paragraph or list item (a long cast of **bold** names is not one paragraph).
    if (startsContainer(line)) markers = 0;
    markers += countInlineMarkers(line);
    if (markers > MAX_INLINE_MARKERS) {
      bag.error('text.tooManyMarkers', { line: i + 1, col: 1 }, { max: MAX_INLINE_MARKERS });
      return false;
    }
    const opensContainer = startsContainer(line);
    if (opensContainer && !previousWasList && ++listBlocks > MAX_LIST_BLOCKS) {
      bag.error('text.tooManyLists', { line: i + 1, col: 1 }, { max: MAX_LIST_BLOCKS });
      return false;
    }
    // A list goes on through its items and their indented lines (a blank line in between does not end it).
    previousWasList = opensContainer || (previousWasList && /^[ \t]/.test(line));
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

/** Index of the first line after the YAML front matter (0 when there is none): YAML's `- ` and `[` are not Markdown. */
function frontMatterEnd(lines: string[]): number {
  if (lines[0]?.trimEnd() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.trimEnd() === '---') return i + 1;
  return 0;
}

function startsContainer(line: string): boolean {
  const rest = line.replace(/^ {0,3}/, '');
  return rest.startsWith('>') || LIST_MARKER.test(rest.slice(0, 11));
}

function countInlineMarkers(line: string): number {
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 42 || c === 95 || c === 91) n++; // * _ [
  }
  return n;
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

/** Refuses a brief longer than MAX_LINES before parsing, at the first line past the limit. */
export function checkLineCount(lines: string[], bag: DiagnosticBag): boolean {
  if (lines.length <= MAX_LINES) return true;
  bag.error('text.tooManyLines', { line: MAX_LINES + 1, col: 1 }, { max: MAX_LINES, count: lines.length });
  return false;
}
