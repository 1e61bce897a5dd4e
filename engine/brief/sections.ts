/**
 * The brief's body: `# Heading` starts a section; a comment right under it
 * carries directives; the heading and directives decide the section's kind.
 */
import type { Heading, Html, List, ListItem, Root, RootContent, Table } from 'mdast';
import type { Block, Citation, ListItem as MaterialListItem, Section, SourceLocation, TableBlock, TextUnit } from '../model/material.js';
import type { CitableDocument } from './frontMatter.js';
import { slugify, IdAllocator } from '../model/ids.js';
import { ParseContext, blockText, clean, inlineText, paragraphText, startOf } from './context.js';
import { isComment, parseDirectives, type Directive } from './directives.js';
import { nameList } from './diagnostics.js';
import { parseQa } from './qa.js';
import { parseSituation } from './situation.js';
import { parseChapters } from './audiobook.js';
import { QUIZ_HEADING, parseQuiz } from './quiz.js';
import { parseImage } from './images.js';

const KNOWN_DIRECTIVES = new Set(['legal', 'kind', 'format', 'aspect']);
const KEY_MESSAGES = 'thông điệp chính';
const QA = 'hỏi đáp';

interface RawSection {
  heading: Heading;
  directives: Directive[];
  directiveNode: Html | null;
  body: RootContent[];
}

/** @param checkCitations false when the front matter failed: citations cannot be checked without legal_basis. */
export function parseSections(ctx: ParseContext, root: Root, legalBasis: CitableDocument[], checkCitations: boolean): Section[] {
  const raw = splitSections(ctx, root);
  const sectionIds = new IdAllocator();
  const sections: Section[] = [];
  raw.forEach((rs, index) => {
    const headingText = paragraphText({ type: 'paragraph', children: rs.heading.children });
    if (!headingText) {
      ctx.bag.error('section.emptyHeading', startOf(rs.heading));
      return;
    }
    const id = sectionIds.unique(slugify(headingText));
    const slotBase = `s${index + 1}`;
    const heading = ctx.namedUnit(`${id}.heading`, `${slotBase}/heading`, headingText, startOf(rs.heading));
    const citations = checkCitations ? parseCitations(ctx, rs, legalBasis) : [];
    const kind = sectionKind(ctx, rs, headingText);
    const base = { id, heading, citations };
    let section: Section | null = null;
    if (kind === 'keyMessages') section = parseKeyMessages(ctx, rs, base, slotBase);
    else if (kind === 'qa') section = parseQa(ctx, rs.heading, rs.body, base, slotBase);
    else if (kind === 'quiz') section = parseQuiz(ctx, rs, base, slotBase);
    else if (kind === 'situation') section = parseSituation(ctx, rs, base, slotBase, headingText);
    else if (kind === 'audiobook') {
      const chapters = parseChapters(ctx, rs.heading, rs.body, sections);
      section = chapters.length > 0 ? { kind: 'audiobook', ...base, chapters } : null;
    }
    else {
      const blocks = parseBlocks(ctx, rs.body, id, slotBase);
      if (blocks.length === 0) ctx.bag.warning('section.empty', startOf(rs.heading), { heading: headingText });
      section = { kind: 'content', ...base, blocks };
    }
    if (section) sections.push(section);
  });
  return sections;
}

function splitSections(ctx: ParseContext, root: Root): RawSection[] {
  const sections: RawSection[] = [];
  let current: RawSection | null = null;
  for (const node of root.children) {
    if (node.type === 'yaml') continue;
    if (node.type === 'heading' && node.depth === 1) {
      current = { heading: node, directives: [], directiveNode: null, body: [] };
      sections.push(current);
      continue;
    }
    if (!current) {
      if (!(node.type === 'html' && isComment(node.value)) && node.type !== 'thematicBreak') {
        ctx.bag.warning('section.textBeforeFirstHeading', startOf(node));
      }
      continue;
    }
    if (node.type === 'html' && isComment(node.value)) {
      const directives = parseDirectives(node.value);
      if (current.body.length === 0 && !current.directiveNode) {
        current.directiveNode = node;
        current.directives = directives ?? [];
        for (const d of current.directives) {
          if (!KNOWN_DIRECTIVES.has(d.key)) ctx.bag.warning('directive.unknown', positionIn(node, d.offset), { key: d.key });
        }
      } else if (directives?.some((d) => d.key === 'legal' || d.key === 'kind')) {
        ctx.bag.warning('directive.notUnderHeading', startOf(node));
      }
      continue;
    }
    current.body.push(node);
  }
  return sections;
}

const lineStartsOf = new WeakMap<Html, number[]>();

/** Line and column of an offset inside an HTML node's value (line starts indexed once per node: a comment may hold 50,000 citations). */
export function positionIn(node: Html, offset: number): SourceLocation {
  const start = startOf(node);
  let starts = lineStartsOf.get(node);
  if (!starts) {
    starts = [0];
    for (let i = node.value.indexOf('\n'); i >= 0; i = node.value.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsOf.set(node, starts);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return { line: start.line, col: start.col + offset };
  return { line: start.line + lo, col: offset - starts[lo]! + 1 };
}

function sectionKind(ctx: ParseContext, rs: RawSection, headingText: string): Section['kind'] {
  const kindDirective = rs.directives.find((d) => d.key === 'kind');
  const declared = kindDirective?.parts[0]?.value.trim().toLowerCase();
  const folded = headingText.toLocaleLowerCase('vi');
  if (declared === 'situation' || declared === 'audiobook') return declared;
  if (declared) ctx.bag.error('directive.unknownKind', positionIn(rs.directiveNode!, kindDirective!.parts[0]!.offset), { kind: declared });
  if (folded === KEY_MESSAGES) return 'keyMessages';
  if (folded === QA) return 'qa';
  if (folded === QUIZ_HEADING) return 'quiz';
  if (folded.startsWith('tình huống')) ctx.bag.warning('section.situationWithoutDirective', startOf(rs.heading));
  if (folded === 'sách nói') ctx.bag.warning('section.audiobookWithoutDirective', startOf(rs.heading));
  return 'content';
}

function parseCitations(ctx: ParseContext, rs: RawSection, legalBasis: CitableDocument[]): Citation[] {
  const citations: Citation[] = [];
  const legal = rs.directives.filter((d) => d.key === 'legal');
  const refs = citableIndex(legalBasis);
  for (const directive of legal) {
    if (directive.parts.length === 0) ctx.bag.error('legal.empty', positionIn(rs.directiveNode!, directive.offset));
    for (const part of directive.parts) {
      const at = positionIn(rs.directiveNode!, part.offset);
      const text = part.value.replace(/\s+/g, ' ').trim();
      const doc = refs.find(text);
      if (!doc) {
        ctx.bag.error('legal.unknownRef', at, { ref: text.split(' ', 1)[0] ?? text, known: refs.known });
        continue;
      }
      const article = text.slice(doc.ref.length).trim();
      if (!article) {
        ctx.bag.error('legal.missingArticle', at, { ref: doc.ref, known: nameList(doc.articles) });
        continue;
      }
      const exact = doc.articles.find((a) => a.replace(/\s+/g, ' ').trim() === article);
      if (!exact) {
        ctx.bag.error('legal.unknownArticle', at, { ref: doc.ref, article, known: nameList(doc.articles) });
        continue;
      }
      citations.push({ ref: doc.ref, article: exact });
    }
  }
  return citations;
}

const citableIndexes = new WeakMap<CitableDocument[], { find(text: string): CitableDocument | undefined; known: string }>();

/**
 * Which declared document a citation names: the longest ref that is the whole
 * text or followed by a space (so "12/2020/NĐ-CP" is not mistaken for a shorter
 * ref it starts with). A map lookup per candidate prefix, not a scan of every
 * ref per citation: 5,000 refs × 5,000 citations stays linear.
 */
function citableIndex(legalBasis: CitableDocument[]) {
  let index = citableIndexes.get(legalBasis);
  if (index) return index;
  const byRef = new Map<string, CitableDocument>();
  let longest = 0;
  for (const d of legalBasis) {
    if (!byRef.has(d.ref)) byRef.set(d.ref, d);
    longest = Math.max(longest, d.ref.length);
  }
  index = {
    known: nameList(legalBasis.map((d) => d.ref)),
    find(text: string) {
      const whole = byRef.get(text);
      if (whole) return whole;
      for (let i = text.lastIndexOf(' ', longest); i > 0; i = text.lastIndexOf(' ', i - 1)) {
        const doc = byRef.get(text.slice(0, i));
        if (doc) return doc;
      }
      return undefined;
    },
  };
  citableIndexes.set(legalBasis, index);
  return index;
}

function parseKeyMessages(
  ctx: ParseContext,
  rs: RawSection,
  base: { id: string; heading: TextUnit; citations: Citation[] },
  slotBase: string,
): Section | null {
  const messages: TextUnit[] = [];
  for (const node of rs.body) {
    if (node.type === 'list') {
      if (!node.ordered) ctx.bag.warning('keyMessages.notOrdered', startOf(node));
      for (const item of node.children) {
        const text = blockText(item);
        if (text) messages.push(ctx.leafUnit(base.id, slotBase, 'msg', text, startOf(item)));
      }
    } else {
      ctx.bag.warning('keyMessages.ignored', startOf(node));
    }
  }
  if (messages.length === 0) {
    ctx.bag.error('keyMessages.empty', startOf(rs.heading));
    return null;
  }
  return { kind: 'keyMessages', ...base, messages };
}

function parseBlocks(ctx: ParseContext, nodes: RootContent[], container: string, slotBase: string): Block[] {
  const blocks: Block[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'paragraph': {
        const text = paragraphText(node);
        if (text) blocks.push({ type: 'paragraph', unit: ctx.leafUnit(container, slotBase, 'p', text, startOf(node)) });
        // Pictures in the paragraph follow its words, each a block of its own (engine/brief/images.ts).
        for (const child of node.children) {
          const image = child.type === 'image' ? parseImage(ctx, child, container, slotBase) : null;
          if (image) blocks.push(image);
        }
        break;
      }
      case 'heading': {
        const text = clean(inlineText(node.children));
        if (text) blocks.push({ type: 'subheading', unit: ctx.leafUnit(container, slotBase, 'h', text, startOf(node)) });
        break;
      }
      case 'list': {
        const items = listItems(ctx, node, 0, container, slotBase);
        if (items.length > 0) blocks.push({ type: 'list', ordered: node.ordered === true, items });
        break;
      }
      case 'table': {
        const table = parseTable(ctx, node, container, slotBase);
        if (table) blocks.push(table);
        break;
      }
      case 'blockquote':
        blocks.push(...parseBlocks(ctx, node.children, container, slotBase));
        break;
      case 'thematicBreak':
        break;
      case 'html':
        if (!isComment(node.value)) ctx.bag.warning('block.htmlIgnored', startOf(node));
        break;
      default:
        ctx.bag.warning('block.unsupported', startOf(node), { type: node.type });
    }
  }
  return blocks;
}

/**
 * A list and the lists inside its items, flattened in reading order. Each
 * level counts by itself (1, 2, 3 under every parent) from its own start and
 * keeps its own kind: a bulleted list inside a numbered one stays bulleted.
 */
function listItems(ctx: ParseContext, list: List, depth: number, container: string, slotBase: string): MaterialListItem[] {
  const items: MaterialListItem[] = [];
  const ordered = list.ordered === true;
  let number = ordered && typeof list.start === 'number' ? list.start : 1;
  for (const item of list.children as ListItem[]) {
    const text = item.children
      .filter((c) => c.type !== 'list')
      .map(blockText)
      .filter(Boolean)
      .join('\n');
    if (text) items.push({ unit: ctx.leafUnit(container, slotBase, 'li', text, startOf(item)), depth, ordered, number: number++ });
    for (const child of item.children) {
      if (child.type === 'list') items.push(...listItems(ctx, child, depth + 1, container, slotBase));
    }
  }
  return items;
}

/** Past this many columns a table is warned about: it is hard to fit on a leaflet panel or an A5 page. */
export const MAX_TABLE_COLUMNS = 4;

/**
 * A GitHub-flavoured Markdown table. Every non-empty cell is a text unit of
 * the section (header cells `th`, body cells `td`, named by a hash of their
 * text like paragraphs), so editing one cell changes only that cell's id.
 * Rows are made exactly as wide as the header: missing cells are empty, extra
 * cells are left out, and both are warned about with the row's line.
 */
function parseTable(ctx: ParseContext, node: Table, container: string, slotBase: string): TableBlock | null {
  const [headRow, ...bodyRows] = node.children;
  if (!headRow) return null;
  const columns = headRow.children.length;
  const cell = (c: Table['children'][number]['children'][number] | undefined, kind: 'th' | 'td'): TextUnit | null => {
    if (!c) return null;
    const text = clean(inlineText(c.children));
    return text ? ctx.leafUnit(container, slotBase, kind, text, startOf(c)) : null;
  };
  const header = headRow.children.map((c) => cell(c, 'th'));
  const rows = bodyRows.map((row, i) => {
    if (row.children.length !== columns) {
      ctx.bag.warning(row.children.length > columns ? 'table.extraCells' : 'table.missingCells', startOf(row), {
        row: i + 1,
        cells: row.children.length,
        columns,
      });
    }
    return Array.from({ length: columns }, (_, col) => cell(row.children[col], 'td'));
  });
  const loc = startOf(node);
  if (columns > MAX_TABLE_COLUMNS) ctx.bag.warning('table.manyColumns', loc, { columns, max: MAX_TABLE_COLUMNS });
  if (rows.length === 0) ctx.bag.warning('table.noRows', loc);
  if (header.every((c) => c === null) && rows.every((r) => r.every((c) => c === null))) {
    ctx.bag.warning('table.empty', loc);
    return null;
  }
  const align = Array.from({ length: columns }, (_, col) => node.align?.[col] ?? null);
  return { type: 'table', align, header, rows, loc };
}

export type { RawSection };
export type SectionBase = { id: string; heading: TextUnit; citations: Citation[] };
