/**
 * A Word brief (.docx) → brief text (Markdown + YAML front matter).
 *
 * mammoth reads the .docx (styles, numbering, tables, runs, hyperlinks,
 * tracked changes) into its document tree; this module walks that tree with
 * the conventions of docs/brief-format.md ("Soạn bằng Word") into an mdast
 * tree, which mdast-util-to-markdown writes out with its own escaping, so
 * text typed in Word comes back exactly as typed. The brief importer then
 * checks the result like any brief; conversion problems are diagnostics that
 * name the Word paragraph (its number and first words), since Word has no lines.
 */
import type { BlockContent, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import mammoth from 'mammoth';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { Document as YamlDocument, isSeq } from 'yaml';
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import {
  DIALOGUE_STYLE, FRONT_MATTER_ROWS, LEGAL_BASIS_KEY, RAW_STYLE, frontMatterKey, headingLevel, isoDate, legalBasisColumn,
} from './conventions.js';
import { checkedDocxParts } from './zip.js';

/** mammoth's document tree (lib/documents.js), as far as it is read here. */
interface MNode {
  type: string;
  children?: MNode[];
  value?: string;
  styleId?: string | null;
  styleName?: string | null;
  numbering?: { level: string; isOrdered: boolean } | null;
  isBold?: boolean;
  isItalic?: boolean;
  font?: string | null;
  href?: string;
  breakType?: string;
  colSpan?: number;
}

export interface DocxBrief {
  text: string;
  diagnostics: Diagnostic[];
}

interface Segment {
  text: string;
  bold: boolean;
  italic: boolean;
  code: boolean;
  href: string | null;
}

const DIALOGUE_LINE = /^[^:\n]{1,80}:[ \t]+\S/u;
const SETTING_LINE = /^Bối cảnh\s*:/iu;
const MONOSPACE = /courier|consolas|mono|menlo/i;
const FRONT_MATTER_ORDER = [...FRONT_MATTER_ROWS.map((r) => r.key as string)];
FRONT_MATTER_ORDER.splice(FRONT_MATTER_ORDER.indexOf('hotline'), 0, LEGAL_BASIS_KEY);
const LIST_KEYS = new Set<string>(FRONT_MATTER_ROWS.filter((r) => r.list).map((r) => r.key));

export async function docxToBrief(bytes: Uint8Array): Promise<DocxBrief> {
  const parts = await checkedDocxParts(bytes);
  let tree: MNode | null = null;
  try {
    await mammoth.convertToHtml({ buffer: parts }, {
      externalFileAccess: false,
      // Pictures are not read (they were left out of the checked parts); the document tree is what is kept.
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      transformDocument: (document: MNode) => {
        tree = document;
        return document;
      },
    });
  } catch (error) {
    throw new StudioError('docx.damaged', {}, { cause: error });
  }
  if (!tree) throw new StudioError('docx.damaged');
  return new Converter().convert(tree);
}

class Converter {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly frontMatter = new Map<string, unknown>();
  private readonly legalBasis: Record<string, unknown>[] = [];
  /** Raw blocks (comments) between the front matter and the first heading. */
  private readonly preamble: RootContent[] = [];
  private readonly body: RootContent[] = [];
  private seenHeading = false;
  private inSituation = false;
  private inScene = false;
  private afterHeading1 = false;
  private lists: { list: List; level: number }[] = [];
  /** The dialogue lines being collected into one list, written as typed. */
  private dialogue: string[] | null = null;
  private paragraphNo = 0;
  private warned = new Set<string>();

  convert(document: MNode): DocxBrief {
    for (const block of document.children ?? []) this.block(block);
    this.endDialogue();
    return { text: this.text(), diagnostics: this.diagnostics };
  }

  private warn(code: string, paragraph: MNode | null, params: Record<string, string | number> = {}, once = false): void {
    if (once && this.warned.has(code)) return;
    this.warned.add(code);
    const where: Record<string, string | number> = paragraph ? { n: this.paragraphNo, excerpt: excerpt(plainText(paragraph)) } : {};
    this.diagnostics.push({ severity: 'warning', code: `docx.${code}`, params: { ...where, ...params } });
  }

  private block(node: MNode): void {
    if (node.type === 'paragraph') this.paragraph(node);
    else if (node.type === 'table') this.table(node);
    else this.warn('unsupported', null, { type: node.type }, true);
  }

  private paragraph(p: MNode): void {
    this.paragraphNo++;
    this.noticeLostContent(p);
    const text = plainText(p);
    if (!text.trim()) return;

    if (isStyle(p, RAW_STYLE) || /^<!--[\s\S]*-->$/u.test(text.trim())) {
      this.closeBlocks();
      const value = text.trim();
      if (this.afterHeading1 && /\bkind\s*:\s*situation\b/u.test(value)) this.inSituation = true;
      this.afterHeading1 = false;
      (this.seenHeading ? this.body : this.preamble).push({ type: 'html', value });
      return;
    }
    this.afterHeading1 = false;

    const level = headingLevel(p.styleId ?? null, p.styleName ?? null);
    if (level !== null) {
      this.closeBlocks();
      const heading: Heading = { type: 'heading', depth: Math.min(level, 6) as Heading['depth'], children: this.phrasing(p, true) };
      if (level === 1) {
        this.seenHeading = true;
        this.inSituation = false;
        this.inScene = false;
        this.afterHeading1 = true;
      } else if (level === 2) {
        this.inScene = this.inSituation;
      }
      this.body.push(heading);
      return;
    }

    if (!this.seenHeading && !p.numbering && (this.titleParagraph(p, text) || this.frontMatterLine(text))) return;

    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const dialogue = this.inScene
      && (!p.numbering || p.numbering.level === '0')
      && (isStyle(p, DIALOGUE_STYLE) || lines.every((l) => DIALOGUE_LINE.test(l) && !SETTING_LINE.test(l)));
    if (dialogue) {
      this.closeLists();
      this.dialogue ??= [];
      this.dialogue.push(...lines.map((l) => `- ${l.replace(/^[-–•]\s+/u, '')}`));
      return;
    }
    this.endDialogue();

    if (p.numbering) {
      this.listItem(p, Number(p.numbering.level) || 0, p.numbering.isOrdered);
      return;
    }
    this.closeLists();
    const paragraph: Paragraph = { type: 'paragraph', children: this.phrasing(p, false) };
    this.body.push(paragraph);
  }

  /** Word's Title / Subtitle paragraph at the top: the title or subtitle, unless the table gives it (then the same text is not repeated). */
  private titleParagraph(p: MNode, text: string): boolean {
    const style = (p.styleName ?? p.styleId ?? '').toLowerCase();
    const key = style === 'title' ? 'title' : style === 'subtitle' ? 'subtitle' : null;
    if (!key) return false;
    const value = text.replace(/\s+/g, ' ').trim();
    if (!this.frontMatter.has(key)) {
      this.frontMatter.set(key, value);
      return true;
    }
    return this.frontMatter.get(key) === value;
  }

  /** "Tiêu đề: …" before the first heading: a front-matter entry, the other way to write it. */
  private frontMatterLine(text: string): boolean {
    const m = /^([^:\n]{1,60}):[ \t]*([\s\S]*)$/u.exec(text.trim());
    if (!m) return false;
    const key = frontMatterKey(m[1]!);
    if (!key || key === LEGAL_BASIS_KEY) return false;
    this.setFrontMatter(key, m[2]!.split('\n'));
    return true;
  }

  private setFrontMatter(key: string, values: string[]): void {
    const cleaned = values.map((v) => v.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (LIST_KEYS.has(key)) {
      const list = cleaned.flatMap((v) => v.split(/[,;]/)).map((v) => v.trim()).filter(Boolean);
      if (list.length > 0) this.frontMatter.set(key, list);
    } else if (cleaned.length > 0) {
      this.frontMatter.set(key, cleaned.join(' '));
    }
  }

  private listItem(p: MNode, level: number, ordered: boolean): void {
    const item: ListItem = { type: 'listItem', spread: false, children: [{ type: 'paragraph', children: this.phrasing(p, false) }] };
    const newList = (): List => ({ type: 'list', ordered, spread: false, children: [] });
    while (this.lists.length > 0 && this.lists.at(-1)!.level > level) this.lists.pop();
    const top = this.lists.at(-1);
    if (!top) {
      const list = newList();
      this.body.push(list);
      this.lists = [{ list, level }];
    } else if (top.level < level) {
      const list = newList();
      (top.list.children.at(-1)!.children as BlockContent[]).push(list);
      this.lists.push({ list, level });
    } else if (top.list.ordered !== ordered) {
      // Same level, other kind: a new list beside it.
      const list = newList();
      const parent = this.lists.at(-2);
      if (parent) (parent.list.children.at(-1)!.children as BlockContent[]).push(list);
      else this.body.push(list);
      this.lists[this.lists.length - 1] = { list, level };
    }
    this.lists.at(-1)!.list.children.push(item);
  }

  private closeLists(): void {
    this.lists = [];
  }

  private endDialogue(): void {
    if (!this.dialogue) return;
    this.body.push({ type: 'html', value: this.dialogue.join('\n') });
    this.dialogue = null;
  }

  private closeBlocks(): void {
    this.closeLists();
    this.endDialogue();
  }

  private table(t: MNode): void {
    this.closeBlocks();
    const rows = (t.children ?? []).filter((r) => r.type === 'tableRow');
    if (!this.seenHeading && this.frontMatterTable(rows)) return;
    this.paragraphNo++;
    const cells = rows.map((r) => (r.children ?? []).filter((c) => c.type === 'tableCell'));
    const width = Math.max(0, ...cells.map((row) => row.reduce((n, c) => n + (c.colSpan ?? 1), 0)));
    if (width === 0) return;
    const mdRows: TableRow[] = cells.map((row, r) => {
      const out: TableCell[] = [];
      for (const cell of row) {
        // A header row is shown bold anyway: bold typed there is not kept as `**`.
        out.push({ type: 'tableCell', children: r === 0 ? unbold(this.cellPhrasing(cell)) : this.cellPhrasing(cell) });
        for (let i = 1; i < (cell.colSpan ?? 1); i++) out.push({ type: 'tableCell', children: [] });
        if ((cell.colSpan ?? 1) > 1) this.warn('mergedCells', null, { n: this.paragraphNo }, true);
      }
      while (out.length < width) out.push({ type: 'tableCell', children: [] });
      return { type: 'tableRow', children: out };
    });
    const table: Table = { type: 'table', align: mdRows[0]!.children.map(() => null), children: mdRows };
    this.body.push(table);
  }

  /** A cell's paragraphs as one line of text (a GFM table cell holds one line). */
  private cellPhrasing(cell: MNode): PhrasingContent[] {
    const out: PhrasingContent[] = [];
    for (const child of cell.children ?? []) {
      if (child.type !== 'paragraph') {
        this.warn('cellFlattened', null, { n: this.paragraphNo }, true);
        const text = plainText(child).replace(/\s+/g, ' ').trim();
        if (text) out.push({ type: 'text', value: (out.length ? ' ' : '') + text });
        continue;
      }
      const phrasing = this.phrasing(child, true);
      if (phrasing.length === 0) continue;
      if (out.length > 0) out.push({ type: 'text', value: ' ' });
      out.push(...phrasing);
    }
    return out;
  }

  /** The front-matter table (2 columns, key | value) or the legal-basis table, before the first heading. */
  private frontMatterTable(rows: MNode[]): boolean {
    const cellsOf = (row: MNode) => (row.children ?? []).filter((c) => c.type === 'tableCell');
    const header = rows[0] ? cellsOf(rows[0]).map((c) => legalBasisColumn(plainText(c))) : [];
    if (header.includes('ref') && header.filter(Boolean).length >= 2) {
      this.legalBasisRows(rows.slice(1).map(cellsOf), header);
      return true;
    }
    const keyed = rows.filter((r) => cellsOf(r).length >= 2 && frontMatterKey(plainText(cellsOf(r)[0]!)) !== null);
    if (keyed.length === 0) return false;
    for (const row of rows) {
      const cells = cellsOf(row);
      const label = plainText(cells[0] ?? { type: 'tableCell' }).trim();
      const key = frontMatterKey(label);
      if (!key) {
        if (label) this.warn('unknownKey', null, { key: excerpt(label) });
        continue;
      }
      const value = cells[1];
      if (!value) continue;
      const nested = (value.children ?? []).find((c) => c.type === 'table');
      if (key === LEGAL_BASIS_KEY) {
        if (nested) this.frontMatterTable((nested.children ?? []).filter((r) => r.type === 'tableRow'));
        else this.legalBasisLines(value);
        continue;
      }
      this.setFrontMatter(key, (value.children ?? []).flatMap((c) => plainText(c).split('\n')));
    }
    return true;
  }

  private legalBasisRows(rows: MNode[][], header: (string | null)[]): void {
    for (const cells of rows) {
      const doc: Record<string, unknown> = {};
      cells.forEach((cell, i) => {
        const key = header[i];
        if (!key) return;
        const lines = (cell.children ?? []).flatMap((c) => plainText(c).split('\n')).map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
        if (lines.length === 0) return;
        if (key === 'articles') doc[key] = lines.flatMap((l) => l.split(';')).map((a) => a.trim()).filter(Boolean);
        else if (key === 'effective') doc[key] = isoDate(lines.join(' '));
        else doc[key] = lines.join(' ');
      });
      if (Object.keys(doc).length > 0) this.legalBasis.push(orderKeys(doc, ['ref', 'title', 'articles', 'effective']));
    }
  }

  /** legal_basis written in the value cell as lines "ref | title | articles; … | date". */
  private legalBasisLines(cell: MNode): void {
    const lines = (cell.children ?? []).flatMap((c) => plainText(c).split('\n')).map((l) => l.trim()).filter(Boolean);
    for (const line of lines) {
      const [ref, title, articles, effective] = line.split('|').map((s) => s.trim());
      const doc: Record<string, unknown> = {};
      if (ref) doc['ref'] = ref;
      if (title) doc['title'] = title;
      if (articles) doc['articles'] = articles.split(';').map((a) => a.trim()).filter(Boolean);
      if (effective) doc['effective'] = isoDate(effective);
      this.legalBasis.push(doc);
    }
  }

  private noticeLostContent(p: MNode): void {
    walk(p, (n) => {
      if (n.type === 'image') this.warn('imageIgnored', p, {}, true);
      else if (n.type === 'noteReference') this.warn('notesIgnored', p, {}, true);
    });
  }

  /** Runs → Markdown inline nodes: bold, italic, monospace and links kept; whitespace moved out of marks. */
  private phrasing(p: MNode, oneLine: boolean): PhrasingContent[] {
    const segments: Segment[] = [];
    const push = (text: string, run: MNode, href: string | null) => {
      const last = segments.at(-1);
      const seg: Segment = { text, bold: !!run.isBold, italic: !!run.isItalic, code: MONOSPACE.test(run.font ?? ''), href };
      if (last && last.bold === seg.bold && last.italic === seg.italic && last.code === seg.code && last.href === seg.href) last.text += text;
      else segments.push(seg);
    };
    const visit = (node: MNode, run: MNode, href: string | null) => {
      for (const child of node.children ?? []) {
        if (child.type === 'text') push(child.value ?? '', run, href);
        else if (child.type === 'tab') push(' ', run, href);
        else if (child.type === 'break') push(child.breakType === 'line' || !child.breakType ? '\n' : ' ', run, href);
        else if (child.type === 'run') visit(child, child, href);
        else if (child.type === 'hyperlink') visit(child, run, child.href ?? null);
        else if (child.children) visit(child, run, href);
      }
    };
    visit(p, { type: 'run' }, null);

    // Tidy the text as the brief importer would: no space around line ends, none at the ends.
    const out: PhrasingContent[] = [];
    for (const s of segments) {
      let text = oneLine ? s.text.replace(/\s*\n\s*/g, ' ') : s.text.replace(/[ \t]*\n[ \t]*/g, '\n');
      if (!text) continue;
      if (s.code && !text.includes('\n') && text.trim()) {
        out.push({ type: 'inlineCode', value: text });
        continue;
      }
      const lead = /^\s*/u.exec(text)![0];
      const trail = text.trim() ? /\s*$/u.exec(text)![0] : '';
      const core = text.slice(lead.length, text.length - trail.length);
      if (lead) out.push({ type: 'text', value: lead });
      if (core) {
        let node: PhrasingContent = { type: 'text', value: core };
        if (s.italic) node = { type: 'emphasis', children: [node] };
        if (s.bold) node = { type: 'strong', children: [node] };
        if (s.href && /^(https?|mailto):/i.test(s.href)) node = { type: 'link', url: s.href, children: [node] };
        out.push(node);
      }
      if (trail) out.push({ type: 'text', value: trail });
    }
    return trimPhrasing(mergeText(out));
  }

  private text(): string {
    const parts: string[] = [];
    const yaml = this.yaml();
    if (yaml) parts.push(`---\n${yaml}---`);
    else this.diagnostics.unshift({ severity: 'warning', code: 'docx.noFrontMatter' });
    const body: Root = { type: 'root', children: [...this.preamble, ...this.body] };
    const markdown = toMarkdown(body, {
      bullet: '-',
      emphasis: '*',
      strong: '*',
      listItemIndent: 'one',
      rule: '-',
      fences: true,
      extensions: [gfmTableToMarkdown()],
      // A directive comment sits right under its heading, as in a brief written by hand.
      join: [(left, right) => (left.type === 'heading' && right.type === 'html' && right.value.startsWith('<!--') ? 0 : undefined)],
    });
    if (markdown.trim()) parts.push(markdown.trim());
    return `${parts.join('\n\n')}\n`;
  }

  private yaml(): string | null {
    if (this.legalBasis.length > 0) this.frontMatter.set(LEGAL_BASIS_KEY, this.legalBasis);
    if (this.frontMatter.size === 0) return null;
    const data: Record<string, unknown> = {};
    for (const key of FRONT_MATTER_ORDER) if (this.frontMatter.has(key)) data[key] = this.frontMatter.get(key);
    const doc = new YamlDocument(data, { version: '1.2' });
    // Lists of words on one line, as in the sample brief: `target_languages: [blt, hnj]`.
    const flowLists = (node: unknown): void => {
      if (isSeq(node)) {
        if (node.items.every((i) => !isSeq(i) && !(i && typeof i === 'object' && 'items' in i))) node.flow = true;
        else node.items.forEach(flowLists);
      } else if (node && typeof node === 'object' && 'items' in node) {
        for (const pair of (node as { items: { value: unknown }[] }).items) flowLists(pair.value);
      }
    };
    flowLists(doc.contents);
    return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  }
}

function isStyle(p: MNode, style: { id: string; name: string }): boolean {
  return p.styleId === style.id || (p.styleName ?? '').normalize('NFC').toLowerCase() === style.name.toLowerCase();
}

function walk(node: MNode, visit: (n: MNode) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** A block's text: runs, tabs as spaces, line breaks as "\n", table cells and paragraphs on their own lines. */
function plainText(node: MNode): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type === 'tab') return ' ';
  if (node.type === 'break') return node.breakType === 'line' || !node.breakType ? '\n' : ' ';
  const children = node.children ?? [];
  const block = node.type === 'tableCell' || node.type === 'tableRow' || node.type === 'table' || node.type === 'document';
  return children.map(plainText).join(block ? '\n' : '').normalize('NFC');
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

function orderKeys(doc: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of order) if (k in doc) out[k] = doc[k];
  return out;
}

function unbold(nodes: PhrasingContent[]): PhrasingContent[] {
  return mergeText(nodes.flatMap((n) => (n.type === 'strong' ? unbold(n.children) : [n])));
}

function mergeText(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const n of nodes) {
    const last = out.at(-1);
    if (n.type === 'text' && last?.type === 'text') last.value += n.value;
    else out.push(n);
  }
  return out;
}

function trimPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  const first = nodes[0];
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/u, '');
  const last = nodes.at(-1);
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/u, '');
  return nodes.filter((n) => n.type !== 'text' || n.value !== '');
}
