/**
 * Pieces every print template shares: text in one or two languages, the
 * issuer's logo (or a neutral emblem), a brocade band, citations.
 * Pure React: no Node, so the UI previews exactly what Chromium prints.
 */
import type { ReactNode } from 'react';
import type { Block, Citation, Material, QaPair, TextUnit } from '../../engine/model/material.js';
import type { PrintLabels } from './labels.js';
import { listTextUnits } from '../../engine/model/units.js';

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
 * The blocks of a content section (paragraphs, subheadings, lists), one node per
 * block so a layout can keep the first with its heading. Shared by every print template.
 */
export function contentBlocks(blocks: Block[], bi: Omit<BiProps, 'unit'>, subheading: 'h2' | 'h3'): ReactNode[] {
  return blocks.map((block, i) => {
    if (block.type === 'paragraph') return <Bi key={i} unit={block.unit} {...bi} />;
    if (block.type === 'subheading') return <Bi key={i} unit={block.unit} {...bi} as={subheading} />;
    const List = block.ordered ? 'ol' : 'ul';
    return (
      <List key={i} className={block.ordered ? 'steps' : 'bullets'}>
        {block.items.map((item, j) => (
          <li key={item.unit.id} className={`depth-${item.depth}`}>
            {block.ordered && item.depth === 0 ? <span className="step-num">{j + 1}</span> : <span className="bullet" />}
            <Bi unit={item.unit} {...bi} as="div" className="item-text" />
          </li>
        ))}
      </List>
    );
  });
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
