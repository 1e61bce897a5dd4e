/**
 * A small ordered XML tree over fast-xml-parser. Order matters in XLIFF
 * (segments and ignorables concatenate to the unit's text; inline markers sit
 * inside text), so the parser runs with preserveOrder; this module hides that
 * representation behind element/text helpers. All escaping is the library's.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlNode = XmlElement | XmlText;

export interface XmlElement {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: 'text';
  text: string;
}

export function el(name: string, attrs: Record<string, string | undefined> = {}, children: (XmlNode | null)[] = []): XmlElement {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined) clean[k] = v;
  return { kind: 'element', name, attrs: clean, children: children.filter((c): c is XmlNode => c !== null) };
}

export function text(value: string): XmlText {
  return { kind: 'text', text: value };
}

export function childElements(parent: XmlElement, name?: string): XmlElement[] {
  return parent.children.filter((c): c is XmlElement => c.kind === 'element' && (name === undefined || c.name === name));
}

// --- writing ---------------------------------------------------------------

type Ordered = Record<string, unknown>;

function toOrdered(node: XmlNode): Ordered {
  if (node.kind === 'text') return { '#text': node.text };
  const out: Ordered = { [node.name]: node.children.map(toOrdered) };
  if (Object.keys(node.attrs).length > 0) out[':@'] = node.attrs;
  return out;
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

/** UTF-8 XML document with declaration, indented. */
export function buildXml(root: XmlElement): string {
  const declaration = { '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'UTF-8' } };
  return builder.build([declaration, toOrdered(root)]).trimStart();
}

// --- reading ---------------------------------------------------------------

export type ParseOutcome = { ok: true; root: XmlElement } | { ok: false; line?: number; detail: string };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // Translators' text is kept exactly: no trimming, no number parsing.
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // Decodes numeric character references (&#xAA80;), which the parser
  // otherwise leaves as literal text.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** Parses a whole document; not well-formed input gives the line the parser stopped at. */
export function parseXml(xml: string): ParseOutcome {
  const checked = XMLValidator.validate(xml);
  if (checked !== true) return { ok: false, line: checked.err.line, detail: checked.err.msg };
  let ordered: unknown;
  try {
    ordered = parser.parse(xml);
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  }
  const roots = (Array.isArray(ordered) ? ordered : []).map(fromOrdered).filter((n): n is XmlElement => n?.kind === 'element');
  const root = roots[0];
  if (roots.length !== 1 || !root) return { ok: false, detail: 'expected exactly one root element' };
  return { ok: true, root };
}

function fromOrdered(value: unknown): XmlNode | null {
  if (typeof value !== 'object' || value === null) return null;
  const obj = value as Record<string, unknown>;
  if ('#text' in obj) return text(String(obj['#text']));
  const name = Object.keys(obj).find((k) => k !== ':@');
  if (name === undefined) return null;
  const kids = obj[name];
  const rawAttrs = (obj[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) attrs[k] = String(v);
  const children = (Array.isArray(kids) ? kids : []).map(fromOrdered).filter((n): n is XmlNode => n !== null);
  return { kind: 'element', name, attrs, children };
}
