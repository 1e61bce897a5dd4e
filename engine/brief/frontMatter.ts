/**
 * The brief's YAML front matter: parsed with `yaml` (keeping node positions so
 * every problem points at its line), then validated with zod. Problems are
 * collected, not thrown; the importer stops building the Material only after
 * all of them are known.
 */
import { LineCounter, parseDocument, isAlias, isMap, isNode, isPair, isSeq, type Document } from 'yaml';
import { z } from 'zod';
import { languageInfo } from '../model/languages.js';
import { LINH_VUC_IDS } from '../model/subjects.js';
import type { DiagnosticBag } from './diagnostics.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LANG = /^[a-z]{2,3}$/;

const nonEmptyText = z.string().trim().min(1);

function isRealDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const FrontMatterSchema = z.object({
  id: z.string().regex(SLUG, 'fm.slug'),
  title: nonEmptyText,
  /** A shorter title for formats with little room (infographic, video cards, social posts). */
  short_title: nonEmptyText.optional(),
  subtitle: nonEmptyText.optional(),
  issuer: nonEmptyText,
  audience: z.array(nonEmptyText).optional(),
  source_language: z.string().regex(LANG, 'fm.language'),
  target_languages: z.array(z.string().regex(LANG, 'fm.language')).optional(),
  legal_basis: z
    .array(
      z.object({
        ref: nonEmptyText,
        title: nonEmptyText,
        articles: z.array(nonEmptyText).min(1),
        effective: z.string().refine(isRealDate, 'fm.date'),
      }),
    )
    .min(1),
  hotline: nonEmptyText.optional(),
  portal_url: z.url({ protocol: /^https?$/, error: 'fm.url' }).optional(),
  /** Subject fields from the fixed list in engine/model/subjects.ts (docs/portal-feed.md). */
  linh_vuc: z.array(z.enum(LINH_VUC_IDS, { error: 'fm.linhVuc' })).optional(),
  /** Infographic icons chosen by hand: key message number → Tabler icon name (docs/brief-format.md). */
  pictograms: z.record(z.string().regex(/^[1-9][0-9]?$/, 'fm.pictogramKey'), z.string().regex(SLUG, 'fm.pictogram')).optional(),
});
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

const KNOWN_KEYS = new Set(Object.keys(FrontMatterSchema.shape));

/** What citations are checked against: each document's number and articles. */
export interface CitableDocument {
  ref: string;
  articles: string[];
}

export interface FrontMatterResult {
  /** Null when the front matter has errors. */
  parsed: ParsedFrontMatter | null;
  /** legal_basis as far as it could be read, so citations are checked even when other keys are wrong. */
  citable: CitableDocument[] | null;
}

export interface ParsedFrontMatter {
  data: FrontMatter;
  /** 1-based line and column in the brief of the value at a key path. */
  locate(path: (string | number)[]): { line: number; col: number };
}

/**
 * @param yamlText the text between the `---` lines
 * @param firstLine line number of the first YAML line in the brief
 */
export function parseFrontMatter(yamlText: string, firstLine: number, bag: DiagnosticBag): FrontMatterResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { line: p.line + firstLine - 1, col: p.col };
  };
  for (const e of doc.errors) {
    bag.error(e.code === 'DUPLICATE_KEY' ? 'fm.duplicateKey' : 'fm.yaml', at(e.pos[0]), { detail: e.message.split('\n')[0] ?? '' });
  }
  if (doc.errors.length > 0) return { parsed: null, citable: null };
  if (!refuseAliases(doc, at, bag)) return { parsed: null, citable: null };
  if (!isMap(doc.contents)) {
    bag.error('fm.notMapping', { line: firstLine, col: 1 });
    return { parsed: null, citable: null };
  }
  const locate = (path: (string | number)[]) => locateNode(doc, path, at, firstLine);

  for (const item of doc.contents.items) {
    const key = isNode(item.key) ? String((item.key as { value?: unknown }).value) : String(item.key);
    // The key's own position: looking it up by name again would scan every key for each unknown one.
    const keyAt = isNode(item.key) && item.key.range ? at(item.key.range[0]) : { line: firstLine, col: 1 };
    if (!KNOWN_KEYS.has(key)) bag.warning('fm.unknownKey', keyAt, { key });
  }

  const raw: unknown = doc.toJS();
  const result = FrontMatterSchema.safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (bag.full) break;
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      reportIssue(issue, path, locate, bag);
    }
    return { parsed: null, citable: looseLegalBasis(raw) };
  }
  const data = result.data;
  for (const [i, lang] of [data.source_language, ...(data.target_languages ?? [])].entries()) {
    if (!languageInfo(lang)) {
      bag.warning('fm.unknownLanguage', locate(i === 0 ? ['source_language'] : ['target_languages', i - 1]), { language: lang });
    }
  }
  const refs = new Map<string, number>();
  data.legal_basis.forEach((doc, i) => {
    if (refs.has(doc.ref)) bag.error('fm.duplicateRef', locate(['legal_basis', i, 'ref']), { ref: doc.ref });
    refs.set(doc.ref, i);
  });
  return { parsed: { data, locate }, citable: data.legal_basis };
}

/**
 * Aliases (`*name`) are refused, each at its line: nothing in the brief format
 * needs them, a few nested ones expand into millions of values (the "billion
 * laughs"), and an alias to no anchor would otherwise fail while converting.
 * Walked with an explicit stack, so deep YAML cannot overflow the call stack.
 */
function refuseAliases(doc: Document, at: (offset: number) => { line: number; col: number }, bag: DiagnosticBag): boolean {
  let found = false;
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      found = true;
      bag.error('fm.alias', node.range ? at(node.range[0]) : { line: 1, col: 1 }, { alias: node.source });
      if (bag.full) return false;
    } else if (isMap(node) || isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  return !found;
}

function looseLegalBasis(raw: unknown): CitableDocument[] | null {
  const list = (raw as { legal_basis?: unknown } | null)?.legal_basis;
  if (!Array.isArray(list)) return null;
  return list
    .filter((d): d is { ref: string; articles: unknown[] } => typeof d?.ref === 'string' && Array.isArray(d?.articles))
    .map((d) => ({ ref: d.ref.trim(), articles: d.articles.filter((a): a is string => typeof a === 'string') }));
}

function reportIssue(
  issue: z.core.$ZodIssue,
  path: (string | number)[],
  locate: (path: (string | number)[]) => { line: number; col: number },
  bag: DiagnosticBag,
): void {
  const key = path.map(String).join('.');
  if (issue.code === 'invalid_type') {
    const missing = (issue as { input?: unknown }).input === undefined;
    if (missing) {
      bag.error('fm.missingKey', locate(path.slice(0, -1)), { key: key || String(path.at(-1)) });
    } else {
      bag.error('fm.wrongType', locate(path), { key, expected: issue.expected === 'array' ? 'list' : issue.expected === 'string' ? 'text' : issue.expected });
    }
    return;
  }
  if (issue.code === 'too_small') {
    bag.error(issue.origin === 'array' ? 'fm.emptyList' : 'fm.emptyText', locate(path), { key });
    return;
  }
  if (issue.message === 'fm.linhVuc') {
    bag.error(issue.message, locate(path), { key, known: LINH_VUC_IDS.join(', ') });
    return;
  }
  if (issue.message.startsWith('fm.')) {
    bag.error(issue.message, locate(path), { key });
    return;
  }
  bag.error('fm.invalid', locate(path), { key, detail: issue.message });
}

function locateNode(
  doc: Document,
  path: (string | number)[],
  at: (offset: number) => { line: number; col: number },
  firstLine: number,
): { line: number; col: number } {
  // Walk up the path until a node with a position is found (a missing key points at its parent).
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = sub.length === 0 ? doc.contents : doc.getIn(sub, true);
    if (isNode(node) && node.range) return at(node.range[0]);
    if (depth > 0) {
      // A map key's own position, when the value is empty.
      const parent = sub.length === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === sub.at(-1));
        if (pair && isNode(pair.key) && pair.key.range) return at(pair.key.range[0]);
      }
    }
  }
  return { line: firstLine, col: 1 };
}

/**
 * The brief text with some front-matter fields replaced (duplicate gives a new
 * id, rename a new title). The rest of the text, comments and key order
 * included, stays as written. null when the text has no front matter.
 */
export function withFrontMatterFields(text: string, fields: Record<string, string>): string | null {
  const match = /^---\r?\n([\s\S]*?)\r?\n---(?=\r?\n|$)/.exec(text);
  if (!match) return null;
  const doc = parseDocument(match[1]!);
  for (const [key, value] of Object.entries(fields)) doc.set(key, value);
  return `---\n${doc.toString({ flowCollectionPadding: false }).replace(/\n$/, '')}\n---${text.slice(match[0].length)}`;
}
