/**
 * Pieces every print template shares: text in one or two languages, the
 * issuer's logo (or a neutral emblem), a brocade band, citations.
 * Pure React: no Node, so the UI previews exactly what Chromium prints.
 */
import type { ReactNode } from 'react';
import type { Block, Citation, ImageBlock, ListBlock, Material, QaPair, TableBlock, TextUnit } from '../../engine/model/material.js';
import type { PrintLabels } from './labels.js';
import { listTextUnits } from '../../engine/model/units.js';
import { nestListItems, type ListNode } from '../../engine/model/lists.js';
import { alpha, type Theme } from './theme.js';

/**
 * The text of a unit in each language on the page. Every localized Material
 * has the same structure and unit ids as the source, so templates walk the
 * first one and look the unit up in the others.
 */
export type TextsOf = (unit: TextUnit) => string[];

export function makeTextsOf(materials: Material[]): TextsOf {
  const indexes = materials.map((m) => new Map(listTextUnits(m).map((e) => [e.unit.id, e.unit.text])));
  return (unit) => indexes.map((index) => index.get(unit.id) ?? unit.text);
}

export interface BiProps {
  unit: TextUnit;
  texts: TextsOf;
  languages: string[];
  /** Element for each text: p, h1, h2, li content span … */
  as?: 'p' | 'h1' | 'h2' | 'h3' | 'span' | 'div';
  className?: string;
}

/**
 * One text unit, set once, or side by side in two languages (source on the
 * left) for a bilingual edition. data-unit lets the fit script and the tests
 * find each unit on the page.
 */
export function Bi({ unit, texts, languages, as = 'p', className }: BiProps) {
  const values = texts(unit);
  const Tag = as;
  if (values.length === 1) {
    return (
      <Tag className={className} data-unit={unit.id}>
        {values[0]}
      </Tag>
    );
  }
  return (
    <div className={`bi ${className ?? ''}`}>
      {values.map((text, i) => (
        <Tag key={languages[i]} lang={languages[i]} className={`bi-cell bi-${i}`} data-unit={unit.id}>
          {text}
        </Tag>
      ))}
    </div>
  );
}

/** A neutral emblem (scales of justice in a ring) for issuers without a logo. */
export function Emblem({ color, ring, size }: { color: string; ring: string; size: number | string }) {
  return (
    <svg style={{ width: size, height: size, flex: 'none' }} viewBox="0 0 100 100" aria-hidden="true">
      <circle cx="50" cy="50" r="46" fill="none" stroke={ring} strokeWidth="4" />
      <circle cx="50" cy="50" r="39" fill="none" stroke={ring} strokeWidth="1.5" />
      <g fill="none" stroke={color} strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M50 24 V74" />
        <path d="M28 34 H72" />
        <path d="M40 76 H60" />
        <path d="M28 34 L20 54 M28 34 L36 54" />
        <path d="M72 34 L64 54 M72 34 L80 54" />
      </g>
      <path d="M18 54 H38 A10 8 0 0 1 18 54 Z M62 54 H82 A10 8 0 0 1 62 54 Z" fill={color} />
      <circle cx="50" cy="24" r="3.5" fill={color} />
    </svg>
  );
}

export function Logo({ src, color, ring, size, alt }: { src: string | null; color: string; ring: string; size: number | string; alt: string }) {
  if (src) return <img className="logo" src={src} alt={alt} style={{ width: size, height: size, objectFit: 'contain' }} />;
  return <Emblem color={color} ring={ring} size={size} />;
}

/**
 * A band of brocade (thổ cẩm) motifs: diamonds and hooks as woven by the
 * Thái and H'Mông, a quiet nod to the readers these materials are for.
 */
export function BrocadeBand({ color, soft, height = 18, id }: { color: string; soft: string; height?: number; id: string }) {
  return (
    <svg className="brocade" width="100%" height={height} aria-hidden="true" preserveAspectRatio="none">
      <defs>
        <pattern id={id} width={height * 2} height={height} patternUnits="userSpaceOnUse">
          <rect width={height * 2} height={height} fill="none" />
          <path d={`M0 ${height / 2} L${height / 2} 0 L${height} ${height / 2} L${height / 2} ${height} Z`} fill={color} />
          <path d={`M${height / 4} ${height / 2} L${height / 2} ${height / 4} L${(height * 3) / 4} ${height / 2} L${height / 2} ${(height * 3) / 4} Z`} fill={soft} />
          <path d={`M${height} ${height / 2} H${height * 2} M${height * 1.5} ${height * 0.2} V${height * 0.8}`} stroke={color} strokeWidth={height / 9} />
        </pattern>
      </defs>
      <rect width="100%" height={height} fill={`url(#${id})`} />
    </svg>
  );
}

/** Citations grouped per document: "Điều 3 khoản 8; Điều 5 khoản 2 — Luật Hôn nhân và gia đình (52/2014/QH13)". */
export function groupedCitations(material: Material, texts: TextsOf, citations: Citation[]): string[][] {
  const byRef = new Map<string, string[]>();
  for (const c of citations) byRef.set(c.ref, [...(byRef.get(c.ref) ?? []), c.article]);
  return [...byRef].map(([ref, articles]) => {
    const doc = material.legalBasis.find((d) => d.ref === ref);
    const titles = doc ? texts(doc.title) : [ref];
    return titles.map((title) => `${articles.join('; ')} — ${title} (${ref})`);
  });
}

export function Citations({ material, texts, citations, label }: { material: Material; texts: TextsOf; citations: Citation[]; label: string }): ReactNode {
  if (citations.length === 0) return null;
  const groups = groupedCitations(material, texts, citations);
  return (
    <div className="cite">
      <span className="cite-label">{label}</span>
      {groups.map((values, i) => (
        <span key={i} className="cite-item">
          {values[0]}
        </span>
      ))}
    </div>
  );
}

/** Two-digit section numbers, as in "01". */
export function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The blocks of a content section (paragraphs, subheadings, lists, tables), one node per
 * block so a layout can keep the first with its heading. Shared by every print template.
 */
export function contentBlocks(blocks: Block[], bi: Omit<BiProps, 'unit'>, subheading: 'h2' | 'h3', images: BriefImages = {}): ReactNode[] {
  return blocks.map((block, i) => {
    if (block.type === 'image') return <ImageView key={i} image={block} src={images[block.src] ?? null} bi={bi} />;
    if (block.type === 'paragraph') return <Bi key={i} unit={block.unit} {...bi} />;
    if (block.type === 'subheading') return <Bi key={i} unit={block.unit} {...bi} as={subheading} />;
    if (block.type === 'table') return <TableView key={i} table={block} bi={bi} />;
    return <ListView key={i} nodes={nestListItems(block.items)} ordered={block.ordered} depth={0} bi={bi} />;
  });
}

/** The brief's pictures as the page loads them: `src` as written → data: URL (the format reads the files). */
export type BriefImages = Record<string, string>;

/**
 * A picture from the brief, the column's width at most, its alt text on the
 * <img> (what the tagged PDF's Figure carries) and under it as the caption,
 * in each language of the edition.
 */
function ImageView({ image, src, bi }: { image: ImageBlock; src: string | null; bi: Omit<BiProps, 'unit'> }) {
  const alt = bi.texts(image.unit).join(' / ');
  return (
    <figure className="brief-image" data-image-src={image.src}>
      {src ? <img src={src} alt={alt} /> : null}
      <Bi unit={image.unit} {...bi} as="div" className="brief-image-caption" />
    </figure>
  );
}

/**
 * A list and, inside each item, its own sub-list: every level numbers 1, 2, 3
 * by itself (or keeps its bullets) and sits indented under its item's text.
 */
function ListView({ nodes, ordered, depth, bi }: { nodes: ListNode[]; ordered: boolean; depth: number; bi: Omit<BiProps, 'unit'> }) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <List className={`${ordered ? 'steps' : 'bullets'} list-depth-${depth}`}>
      {nodes.map(({ item, children }) => (
        <li key={item.unit.id} className={`depth-${depth}`}>
          {!ordered ? <span className="bullet" /> : depth === 0 ? <span className="step-num">{item.number}</span> : <span className="sub-num">{item.number}.</span>}
          <div className="item-body">
            <Bi unit={item.unit} {...bi} as="div" className="item-text" />
            {children.length > 0 ? <ListView nodes={children} ordered={children[0]!.item.ordered} depth={depth + 1} bi={bi} /> : null}
          </div>
        </li>
      ))}
    </List>
  );
}

/**
 * A real table: the header row in a <thead>, which Chromium repeats at the top
 * of every page (and leaflet column) the table runs onto. data-line names the
 * brief's line so a table too wide for its box is reported where it is written.
 */
function TableView({ table, bi }: { table: TableBlock; bi: Omit<BiProps, 'unit'> }) {
  const cell = (unit: TextUnit | null, key: number, Tag: 'th' | 'td') => {
    const align = table.align[key];
    return (
      <Tag key={key} className={align ? `align-${align}` : undefined} {...(Tag === 'th' ? { scope: 'col' } : {})}>
        {unit ? <Bi unit={unit} {...bi} as="div" className="cell-text" /> : null}
      </Tag>
    );
  };
  return (
    <table className="brief-table" data-table-line={table.loc.line} data-table-columns={table.header.length}>
      <thead>
        <tr>{table.header.map((unit, c) => cell(unit, c, 'th'))}</tr>
      </thead>
      <tbody>
        {table.rows.map((row, r) => (
          <tr key={r}>{row.map((unit, c) => cell(unit, c, 'td'))}</tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Styles for lists and tables, in em so they follow each template's type
 * (and the leaflet's fitted scale). Templates append it to their own CSS.
 */
export function blockCss(t: Theme): string {
  return `
.item-body { flex: 1; min-width: 0; }
.item-body > ol, .item-body > ul { margin: 0.35em 0 0; }
.list-depth-1 li, .list-depth-2 li, .list-depth-3 li { border-bottom: none; padding: 0; margin: 0 0 0.25em; }
.sub-num { flex: none; min-width: 1.4em; font-weight: 700; color: ${t.primaryDeep}; }
.list-depth-1 .bullet, .list-depth-2 .bullet { transform: none; border-radius: 50%; background: none; border: 0.12em solid ${t.accent}; }
.brief-table { width: 100%; border-collapse: collapse; margin: 0.4em 0 0.9em; font-size: 0.92em; line-height: 1.35; overflow-wrap: break-word; }
.brief-table thead { display: table-header-group; }
.brief-table tr { break-inside: avoid; }
.brief-table th, .brief-table td { border: 0.5pt solid ${alpha(t.primary, 0.35)}; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
.brief-table th { background: ${t.primarySoft}; color: ${t.primaryDeep}; font-weight: 700; }
.brief-table tbody tr:nth-child(even) td { background: ${alpha(t.primary, 0.05)}; }
.brief-image { margin: 0.4em 0 0.9em; break-inside: avoid; }
.brief-image img { display: block; max-width: 100%; max-height: 60vh; margin: 0 auto; }
.brief-image-caption { margin: 0.3em 0 0; font-size: 0.85em; font-style: italic; color: ${t.primaryDeep}; text-align: center; }
.brief-table .align-center { text-align: center; }
.brief-table .align-right { text-align: right; }
.brief-table .cell-text { margin: 0; }
.brief-table .bi { display: block; margin: 0; }
.brief-table .bi > .bi-1 { border-left: none; padding-left: 0; margin-top: 0.25em; padding-top: 0.25em; border-top: 0.35pt dashed ${t.rule}; }
`;
}

/**
 * Tables wider than their box, found in the laid-out page: printing them would
 * cut columns off, so the caller refuses with the table's line in the brief.
 * A string, like the fit script, so it runs unchanged in any page.
 */
export const TABLE_CHECK_SCRIPT = `(() => {
  const out = [];
  for (const table of document.querySelectorAll('table[data-table-line]')) {
    const box = table.parentElement;
    if (!box) continue;
    const width = table.getBoundingClientRect().width;
    const room = box.getBoundingClientRect().width;
    const wide = width > room + 1 || [...table.querySelectorAll('td, th')].some((c) => c.scrollWidth > c.clientWidth + 1);
    if (wide) out.push({ line: Number(table.getAttribute('data-table-line')), columns: Number(table.getAttribute('data-table-columns')) });
  }
  return out;
})()`;

export interface TableTooWide {
  line: number;
  columns: number;
}

/** Questions and answers, each with its badge; shared by every print template. */
export function qaPairs(pairs: QaPair[], bi: Omit<BiProps, 'unit'>, labels: Pick<PrintLabels, 'question' | 'answer'>): ReactNode[] {
  return pairs.map((pair) => (
    <div key={pair.id} className="qa">
      <div className="qa-q">
        <span className="qa-badge">{labels.question}</span>
        <Bi unit={pair.question} {...bi} as="div" className="qa-text" />
      </div>
      <div className="qa-a">
        <span className="qa-badge">{labels.answer}</span>
        <Bi unit={pair.answer} {...bi} as="div" className="qa-text" />
      </div>
    </div>
  ));
}
