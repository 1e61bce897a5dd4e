/**
 * Brief text → a Word document (.docx) that staff edit and bring back with
 * fromDocx.ts, following docs/brief-format.md ("Soạn bằng Word"): the front
 * matter as a two-column table and a legal-basis table, `#`/`##` as Word's
 * Heading 1/2, Markdown lists as Word numbered and bulleted lists (nested),
 * GFM tables as Word tables, bold/italic as such, directive comments as
 * paragraphs in the "Chỉ dẫn Markdown" style (copied back verbatim), and a
 * scene's dialogue lines as "Tên: lời" paragraphs in the "Lời thoại" style.
 * Written with the `docx` package; the Markdown is read with remark.
 */
import {
  AlignmentType, BorderStyle, Document, ExternalHyperlink, HeadingLevel, LevelFormat, Packer, Paragraph, ShadingType, Table, TableCell,
  TableRow, TextRun, WidthType, type ILevelsOptions, type ParagraphChild,
} from 'docx';
import type { List, ListItem, Nodes, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parse as parseYaml } from 'yaml';
import { StudioError } from '../errors.js';
import {
  DIALOGUE_STYLE, FRONT_MATTER_ROWS, LEGAL_BASIS_COLUMNS, LEGAL_BASIS_KEY, RAW_STYLE, cellLabel, vietnameseDate,
} from './conventions.js';

/** GFM tables only (not autolinks, footnotes or task lists, which the brief format does not have). */
function gfmTables(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const markdown = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmTables);

const BULLETS = 'luat-cham';
const NUMBERS = 'luat-so';
const FONT = 'Times New Roman';
const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

interface Marks {
  bold?: boolean;
  italics?: boolean;
  code?: boolean;
}

export async function briefTextToDocx(briefText: string): Promise<Uint8Array> {
  const text = briefText.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  const root = markdown.parse(text) as Root;
  const writer = new Writer(text);
  const children = writer.blocks(root.children);
  const doc = new Document({
    creator: 'Luật Studio',
    title: writer.title ?? undefined,
    description: 'Bản thảo (brief) Luật Studio — docs/brief-format.md, mục "Soạn bằng Word"',
    styles: {
      default: {
        document: { run: { font: FONT, size: 26 }, paragraph: { spacing: { after: 120 } } },
        heading1: { run: { font: FONT, size: 32, bold: true, color: '1F3864' }, paragraph: { spacing: { before: 240, after: 120 } } },
        heading2: { run: { font: FONT, size: 28, bold: true, color: '2F5496' }, paragraph: { spacing: { before: 200, after: 100 } } },
      },
      paragraphStyles: [
        {
          id: RAW_STYLE.id,
          name: RAW_STYLE.name,
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { font: 'Consolas', size: 20, color: '5F5F5F' },
          paragraph: { shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' } },
        },
        {
          id: DIALOGUE_STYLE.id,
          name: DIALOGUE_STYLE.name,
          basedOn: 'Normal',
          next: DIALOGUE_STYLE.id,
          quickFormat: true,
          paragraph: { indent: { left: 360 } },
        },
      ],
    },
    numbering: {
      config: [
        { reference: BULLETS, levels: levels(true) },
        { reference: NUMBERS, levels: levels(false) },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function levels(bullet: boolean): ILevelsOptions[] {
  const bullets = ['•', '◦', '▪'];
  const formats = [LevelFormat.DECIMAL, LevelFormat.LOWER_LETTER, LevelFormat.LOWER_ROMAN];
  return Array.from({ length: 9 }, (_, level) => ({
    level,
    format: bullet ? LevelFormat.BULLET : formats[level % 3]!,
    text: bullet ? bullets[level % 3]! : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 720 + 360 * level, hanging: 360 } } },
  }));
}

class Writer {
  title: string | null = null;
  private listInstance = 0;
  private inSituation = false;
  private inScene = false;
  private lastHeadingDepth = 0;

  constructor(private readonly source: string) {}

  blocks(nodes: RootContent[]): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (const node of nodes) out.push(...this.block(node));
    return out;
  }

  private block(node: RootContent): (Paragraph | Table)[] {
    const heading1Before = this.lastHeadingDepth === 1;
    if (node.type !== 'heading') this.lastHeadingDepth = 0;
    switch (node.type) {
      case 'yaml':
        return this.frontMatter(node.value);
      case 'heading': {
        this.lastHeadingDepth = node.depth;
        if (node.depth === 1) {
          this.inSituation = false;
          this.inScene = false;
        } else if (node.depth === 2) {
          this.inScene = this.inSituation;
        }
        return [new Paragraph({ heading: HEADINGS[node.depth - 1], children: this.runs(node.children, {}) })];
      }
      case 'html':
        if (heading1Before && /\bkind\s*:\s*situation\b/u.test(node.value)) this.inSituation = true;
        return [raw(node.value)];
      case 'paragraph':
        return [new Paragraph({ children: this.runs(node.children, {}) })];
      case 'list':
        if (this.inScene && !node.ordered) return this.dialogue(node);
        return this.list(node, 0);
      case 'table':
        return [this.table(node)];
      default:
        // Anything else (quotes, code, rules, definitions) goes to Word as written and comes back verbatim.
        return [raw(this.slice(node))];
    }
  }

  private slice(node: Nodes): string {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start === undefined || end === undefined ? '' : this.source.slice(start, end);
  }

  private frontMatter(yamlText: string): (Paragraph | Table)[] {
    let data: unknown;
    try {
      data = parseYaml(yamlText, { version: '1.2', maxAliasCount: 0 });
    } catch (error) {
      throw new StudioError('docx.badFrontMatter', {}, { cause: error });
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new StudioError('docx.badFrontMatter');
    const fm = data as Record<string, unknown>;
    if (typeof fm['title'] === 'string') this.title = fm['title'];
    const rows: TableRow[] = [];
    for (const row of FRONT_MATTER_ROWS) {
      const value = fm[row.key];
      const text = Array.isArray(value) ? value.map(String).join(', ') : value === undefined || value === null ? '' : String(value);
      rows.push(keyValueRow(cellLabel(row.label, row.key), text));
    }
    const known = new Set<string>([...FRONT_MATTER_ROWS.map((r) => r.key), LEGAL_BASIS_KEY]);
    for (const [key, value] of Object.entries(fm)) {
      if (!known.has(key)) rows.push(keyValueRow(key, Array.isArray(value) ? value.map(String).join(', ') : String(value)));
    }
    const legal = Array.isArray(fm[LEGAL_BASIS_KEY]) ? (fm[LEGAL_BASIS_KEY] as unknown[]) : [];
    const header = new TableRow({
      tableHeader: true,
      children: LEGAL_BASIS_COLUMNS.map((c) => cell([cellParagraph(cellLabel(c.label, c.key), true)], 'D9E2F3')),
    });
    const docs = legal.map((d) => {
      const doc = (d && typeof d === 'object' ? d : {}) as Record<string, unknown>;
      const articles = Array.isArray(doc['articles']) ? doc['articles'].map(String) : [];
      return new TableRow({
        children: [
          cell([cellParagraph(str(doc['ref']))]),
          cell([cellParagraph(str(doc['title']))]),
          // One article per line: an article may itself hold a comma ("Điều 3, khoản 8").
          cell(articles.length > 0 ? articles.map((a) => cellParagraph(a)) : [cellParagraph('')]),
          cell([cellParagraph(vietnameseDate(str(doc['effective'])))]),
        ],
      });
    });
    if (docs.length === 0) docs.push(new TableRow({ children: LEGAL_BASIS_COLUMNS.map(() => cell([cellParagraph('')])) }));
    return [
      new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: [2800, 6200] }),
      new Paragraph({ children: [] }),
      new Table({ rows: [header, ...docs], width: { size: 100, type: WidthType.PERCENTAGE }, columnWidths: [1800, 3200, 2600, 1400] }),
      new Paragraph({ children: [] }),
    ];
  }

  /** A scene's dialogue: one "Tên: lời" paragraph per line, as written (the importer reads these lines raw). */
  private dialogue(list: List): Paragraph[] {
    return (list.children as ListItem[]).map((item) => {
      const first = item.children[0];
      const text = first ? this.slice(first).split('\n').map((l) => l.trim()).join(' ') : '';
      return new Paragraph({ style: DIALOGUE_STYLE.id, children: [new TextRun(text)] });
    });
  }

  private list(list: List, level: number): Paragraph[] {
    const instance = ++this.listInstance;
    const out: Paragraph[] = [];
    for (const item of list.children as ListItem[]) {
      const runs: ParagraphChild[] = [];
      const nested: Paragraph[] = [];
      for (const child of item.children) {
        if (child.type === 'list') {
          nested.push(...this.list(child, Math.min(level + 1, 8)));
        } else if (child.type === 'paragraph') {
          if (runs.length > 0) runs.push(new TextRun({ break: 1 }));
          runs.push(...this.runs(child.children, {}));
        } else {
          if (runs.length > 0) runs.push(new TextRun({ break: 1 }));
          runs.push(...lines(this.slice(child), {}));
        }
      }
      out.push(new Paragraph({ numbering: { reference: list.ordered ? NUMBERS : BULLETS, level, instance }, children: runs }));
      out.push(...nested);
    }
    return out;
  }

  private table(table: MdTable): Table {
    const rows = table.children.map((row, r) => new TableRow({
      tableHeader: r === 0,
      children: row.children.map((c) => cell([new Paragraph({ children: this.runs(c.children, {}) })], r === 0 ? 'D9E2F3' : undefined)),
    }));
    return new Table({ rows, width: { size: 100, type: WidthType.PERCENTAGE } });
  }

  private runs(nodes: PhrasingContent[], marks: Marks): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          out.push(...lines(node.value, marks));
          break;
        case 'strong':
          out.push(...this.runs(node.children, { ...marks, bold: true }));
          break;
        case 'emphasis':
          out.push(...this.runs(node.children, { ...marks, italics: true }));
          break;
        case 'inlineCode':
          out.push(...lines(node.value, { ...marks, code: true }));
          break;
        case 'break':
          out.push(new TextRun({ break: 1 }));
          break;
        case 'link':
          out.push(new ExternalHyperlink({ link: node.url, children: this.runs(node.children, marks).filter((r): r is TextRun => r instanceof TextRun) }));
          break;
        default:
          out.push(...lines(this.slice(node), marks));
      }
    }
    return out;
  }
}

function str(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** Text with "\n" as Word line breaks (a soft line break in Markdown stays a line in Word). */
function lines(text: string, marks: Marks): TextRun[] {
  return text.split('\n').map((line, i) => new TextRun({
    text: line,
    bold: marks.bold,
    italics: marks.italics,
    font: marks.code ? 'Consolas' : undefined,
    break: i > 0 ? 1 : undefined,
  }));
}

function raw(value: string): Paragraph {
  return new Paragraph({ style: RAW_STYLE.id, children: lines(value, {}) });
}

function cellParagraph(text: string, bold = false): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, bold })] });
}

function cell(children: Paragraph[], fill?: string): TableCell {
  return new TableCell({
    children,
    shading: fill ? { type: ShadingType.CLEAR, fill, color: 'auto' } : undefined,
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: '8EAADB' },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: '8EAADB' },
      left: { style: BorderStyle.SINGLE, size: 4, color: '8EAADB' },
      right: { style: BorderStyle.SINGLE, size: 4, color: '8EAADB' },
    },
  });
}

function keyValueRow(label: string, value: string): TableRow {
  return new TableRow({ children: [cell([cellParagraph(label, true)], 'D9E2F3'), cell([cellParagraph(value)])] });
}
