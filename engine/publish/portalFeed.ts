/**
 * The portal data feed: the material's Q&A pairs, situations and key messages
 * as records a portal or the shared legal-education store imports one by one
 * (not a ZIP of documents). Each record carries its citations with the
 * documents' effective dates, the brief's lĩnh vực (subject fields, fixed list
 * in engine/model/subjects.ts) and the languages it exists in. Written into
 * the portal package as feed/records.json (schema: docs/portal-feed.schema.json,
 * described in docs/portal-feed.md) and feed/records.csv (the same records, one
 * row each). Records are keyed by text-unit id, so a re-published edition
 * updates the records it changed and a translation joins its source by `key`.
 */
import { stringify } from 'csv-stringify/sync';
import type { Citation, Material } from '../model/material.js';
import { LINH_VUC } from '../model/subjects.js';
import { citationsFor } from '../formats/quiz/generate.js';

export const PORTAL_FEED_SCHEMA = 'luat-studio/portal-feed';
export const PORTAL_FEED_VERSION = 1;

export type FeedRecordType = 'qa' | 'situation' | 'keyMessage';

export interface FeedCitation {
  ref: string;
  article: string;
  /** The document's title in the record's language. */
  title: string;
  /** The document's effective date, YYYY-MM-DD. */
  effective: string;
}

export interface FeedRecord {
  /** Unique in the feed: material id, language, key. */
  id: string;
  /** The text unit (or section) the record is made from; the same in every language. */
  key: string;
  materialId: string;
  type: FeedRecordType;
  language: string;
  /** Every language this record exists in (the package's editions). */
  languages: string[];
  /** The question, the situation's title or the message. */
  title: string;
  /** The answer, the situation's dialogue ("Name: line" per line) or the message. */
  body: string;
  citations: FeedCitation[];
  /** Effective dates of the cited documents, earliest first. */
  effectiveDates: string[];
  /** Lĩnh vực ids from the fixed list. */
  linhVuc: string[];
  issuer: string;
  /** The brief's portal page, or null. */
  url: string | null;
}

export interface PortalFeed {
  schema: typeof PORTAL_FEED_SCHEMA;
  schemaVersion: typeof PORTAL_FEED_VERSION;
  generatedAt: string;
  materialId: string;
  /** Lĩnh vực of the material with their names, for receivers without the list. */
  linhVuc: { id: string; vi: string; en: string }[];
  records: FeedRecord[];
}

function feedCitations(material: Material, citations: readonly Citation[]): FeedCitation[] {
  return citations.map((c) => {
    const doc = material.legalBasis.find((d) => d.ref === c.ref)!;
    return { ref: c.ref, article: c.article, title: doc.title.text, effective: doc.effective };
  });
}

/**
 * Records of one language edition. Citations are decided on the source
 * Material (the quiz's rule: the section's own, else the cited section sharing
 * a figure or most words, else the whole legal basis), so every language cites alike.
 */
function editionRecords(material: Material, language: string, languages: string[], source: Material): FeedRecord[] {
  const out: FeedRecord[] = [];
  const sourceText = new Map<string, string>();
  for (const s of source.sections) {
    if (s.kind === 'qa') for (const p of s.pairs) sourceText.set(p.id, `${p.question.text} ${p.answer.text}`);
    if (s.kind === 'keyMessages') for (const m of s.messages) sourceText.set(m.id, m.text);
  }
  const record = (key: string, type: FeedRecordType, title: string, body: string, citations: Citation[]): FeedRecord => {
    const cited = feedCitations(material, citations);
    return {
      id: `${material.id}:${language}:${key}`,
      key,
      materialId: material.id,
      type,
      language,
      languages,
      title,
      body,
      citations: cited,
      effectiveDates: [...new Set(cited.map((c) => c.effective))].sort(),
      linhVuc: [...(material.subjects ?? [])],
      issuer: material.issuer.text,
      url: material.portalUrl,
    };
  };
  const own = (citations: Citation[], key: string) => (citations.length > 0 ? citations : citationsFor(source, sourceText.get(key) ?? ''));
  for (const section of material.sections) {
    if (section.kind === 'qa') {
      for (const p of section.pairs) out.push(record(p.id, 'qa', p.question.text, p.answer.text, own(section.citations, p.id)));
    } else if (section.kind === 'keyMessages') {
      for (const m of section.messages) out.push(record(m.id, 'keyMessage', m.text, m.text, own(section.citations, m.id)));
    } else if (section.kind === 'situation') {
      const names = new Map(section.characters.map((c) => [c.id, c.name]));
      const body = section.scenes.flatMap((scene) => scene.lines.map((l) => `${names.get(l.characterId) ?? l.speakerAsWritten}: ${l.unit.text}`)).join('\n');
      const citations = section.citations.length > 0 ? section.citations : citationsFor(source, body);
      out.push(record(section.id, 'situation', section.title.text, body, citations));
    }
  }
  return out;
}

export function portalFeed(editions: { language: string; material: Material }[], now: Date = new Date()): PortalFeed {
  const source = editions.find((e) => e.language === e.material.sourceLanguage)?.material ?? editions[0]!.material;
  const languages = editions.map((e) => e.language);
  return {
    schema: PORTAL_FEED_SCHEMA,
    schemaVersion: PORTAL_FEED_VERSION,
    generatedAt: now.toISOString(),
    materialId: source.id,
    linhVuc: (source.subjects ?? []).map((id) => ({ id, vi: LINH_VUC[id]?.vi ?? id, en: LINH_VUC[id]?.en ?? id })),
    records: editions.flatMap((e) => editionRecords(e.material, e.language, languages, source)),
  };
}

export const FEED_CSV_COLUMNS = [
  'id', 'key', 'material_id', 'type', 'language', 'languages', 'title', 'body', 'citations', 'effective_dates', 'linh_vuc', 'issuer', 'url',
] as const;

/** The records as CSV (RFC 4180, UTF-8 with BOM for spreadsheet programs); lists joined with " | ". */
export function portalFeedCsv(feed: PortalFeed): string {
  const rows = feed.records.map((r) => [
    r.id, r.key, r.materialId, r.type, r.language, r.languages.join(' | '), r.title, r.body,
    r.citations.map((c) => `${c.ref} ${c.article}`).join(' | '), r.effectiveDates.join(' | '), r.linhVuc.join(' | '), r.issuer, r.url ?? '',
  ]);
  return `\uFEFF${stringify([[...FEED_CSV_COLUMNS], ...rows], { record_delimiter: '\r\n' })}`;
}
