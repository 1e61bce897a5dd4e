/**
 * The brief's YAML front matter as a form edits it: read into fields, written
 * back into the same text (comments and the body untouched), and a new brief
 * from a blank-project form. Only `yaml` (pure JavaScript) is used here.
 */
import { Document, isMap, isSeq, parseDocument } from 'yaml';

export interface LegalBasisRow {
  ref: string;
  title: string;
  /** One article per item ("Điều 8", "Điều 3 khoản 8"). */
  articles: string[];
  /** YYYY-MM-DD, or empty. */
  effective: string;
}

export interface FrontMatterFields {
  id: string;
  title: string;
  subtitle: string;
  issuer: string;
  sourceLanguage: string;
  targetLanguages: string[];
  legalBasis: LegalBasisRow[];
  hotline: string;
  portalUrl: string;
}

/** The order docs/brief-format.md lists the front-matter keys in. */
const KEY_ORDER = ['id', 'title', 'subtitle', 'issuer', 'audience', 'source_language', 'target_languages', 'legal_basis', 'hotline', 'portal_url'];

const FRONT = /^(\uFEFF?---\r?\n)([\s\S]*?)(\r?\n---[ \t]*(?:\r?\n|$))/;

/** The front matter as a YAML document and where it sits, or null when the text has none (or it does not parse). */
function frontOf(text: string): { doc: Document; start: number; end: number } | null {
  const match = FRONT.exec(text);
  if (!match) return null;
  const doc = parseDocument(match[2]!);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return null;
  return { doc, start: match[1]!.length, end: match[1]!.length + match[2]!.length };
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

export function readFrontMatter(text: string): FrontMatterFields | null {
  const front = frontOf(text);
  if (!front) return null;
  const data = front.doc.toJS() as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(str) : []);
  return {
    id: str(data['id']),
    title: str(data['title']),
    subtitle: str(data['subtitle']),
    issuer: str(data['issuer']),
    sourceLanguage: str(data['source_language']) || 'vi',
    targetLanguages: list(data['target_languages']),
    legalBasis: (Array.isArray(data['legal_basis']) ? data['legal_basis'] : []).map((d: Record<string, unknown>) => ({
      ref: str(d?.['ref']), title: str(d?.['title']), articles: list(d?.['articles']), effective: str(d?.['effective']),
    })),
    hotline: str(data['hotline']),
    portalUrl: str(data['portal_url']),
  };
}

function legalBasisYaml(rows: LegalBasisRow[]) {
  return rows.map((r) => ({ ref: r.ref, title: r.title, articles: r.articles, ...(r.effective ? { effective: r.effective } : {}) }));
}

/** Sets (or, when empty, removes) optional keys; returns the new brief text, or null when the front matter cannot be edited. */
export function writeFrontMatter(text: string, fields: FrontMatterFields): string | null {
  const front = frontOf(text);
  if (!front) return null;
  const { doc } = front;
  const set = (key: string, value: unknown, optional = false) => {
    const empty = value === '' || (Array.isArray(value) && value.length === 0);
    if (optional && empty) {
      if (doc.has(key)) doc.delete(key);
      return;
    }
    const before = doc.get(key, true);
    if (JSON.stringify((before as { toJSON?: () => unknown } | undefined)?.toJSON?.() ?? before ?? null) === JSON.stringify(value)) return;
    const node = doc.createNode(value);
    if (isSeq(node) && key !== 'legal_basis') node.flow = true;
    // Articles stay on one line, as the brief format's example writes them.
    if (isSeq(node) && key === 'legal_basis') for (const row of node.items) if (isMap(row)) { const a = row.get('articles', true); if (isSeq(a)) a.flow = true; }
    if (doc.has(key) || !isMap(doc.contents)) {
      doc.set(key, node);
      return;
    }
    // A new key goes where the brief format lists it (subtitle under the title), not at the end.
    const items = doc.contents.items;
    const earlier = new Set(KEY_ORDER.slice(0, KEY_ORDER.indexOf(key)));
    let at = 0;
    items.forEach((pair, i) => {
      if (earlier.has(String((pair.key as { value?: unknown } | null)?.value ?? pair.key))) at = i + 1;
    });
    items.splice(at, 0, doc.createPair(key, node) as (typeof items)[number]);
  };
  set('id', fields.id);
  set('title', fields.title);
  set('subtitle', fields.subtitle, true);
  set('issuer', fields.issuer);
  set('source_language', fields.sourceLanguage);
  set('target_languages', fields.targetLanguages, true);
  set('legal_basis', legalBasisYaml(fields.legalBasis));
  set('hotline', fields.hotline, true);
  set('portal_url', fields.portalUrl, true);
  const yaml = doc.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '');
  return text.slice(0, front.start) + yaml + text.slice(front.end);
}

/** A Vietnamese title → a project id: no tone marks, đ → d, words joined by hyphens. */
export function slugOf(title: string): string {
  return title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
}

/** A new brief from the blank-project form: the front matter and the key messages the person typed. */
export function blankBrief(fields: FrontMatterFields, keyMessagesHeading: string, keyMessages: string[]): string {
  const front: Record<string, unknown> = {
    id: fields.id,
    title: fields.title,
    ...(fields.subtitle ? { subtitle: fields.subtitle } : {}),
    issuer: fields.issuer,
    source_language: fields.sourceLanguage,
    ...(fields.targetLanguages.length ? { target_languages: fields.targetLanguages } : {}),
    legal_basis: legalBasisYaml(fields.legalBasis),
    ...(fields.hotline ? { hotline: fields.hotline } : {}),
  };
  const doc = new Document(front);
  for (const key of ['target_languages']) {
    const node = doc.get(key, true);
    if (isSeq(node)) node.flow = true;
  }
  const messages = keyMessages.map((m, i) => `${i + 1}. ${m}`).join('\n');
  return `---\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}---\n\n# ${keyMessagesHeading}\n\n${messages}\n`;
}
