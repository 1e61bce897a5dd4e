/**
 * XLIFF 2.0 exchange with translators' CAT tools.
 *
 * One <unit> per text unit, in reading order: id = unit id, name = slot.
 * Notes give the context (role, speaker, section heading). A current
 * translation goes in <target> with state="translated"; a stale one goes in
 * with state="initial" and a note, so the translator sees it needs review.
 *
 * The `xliff` npm package was not used: its js2xliff cannot set a segment's
 * state or a note's category, and its reader drops segment attributes and
 * parse-error line numbers. fast-xml-parser does the XML (and all escaping).
 */
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { StudioError } from '../errors.js';
import { defaultSourceChangeNote, unitsWithNotes } from './context.js';
import {
  checkSourceLanguage, emptyResult, resolveImport, resolveTargetLanguage,
  type ImportedEntry, type ImportOptions, type ImportProblem, type ImportResult, type RejectReason,
} from './importing.js';
import { describeFigures } from './figureNotes.js';
import { labelUnits } from './labels.js';
import { sameLanguage, stateOf, translationsFor } from './status.js';
import { buildXml, childElements, el, parseXml, text, type XmlElement } from './xml.js';
import { checkEntryText, checkXmlEntities, decodeTranslationFile, duplicateUnit, xliffUnitIds } from './validate.js';

/** The <group> holding the labels' units. */
export const LABELS_GROUP = 'labels';

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';
/** XLIFF 2.1 keeps the 2.0 namespace; 2.2 has its own. Units read the same in all three. */
const READABLE_NAMESPACES = new Set([XLIFF_NAMESPACE, 'urn:oasis:names:tc:xliff:document:2.2']);

export interface XliffExportOptions {
  /** Text of the note on a stale unit; give the UI's translation. Default: English. */
  describeSourceChange?: (previousSource: string) => string;
}

export function exportXliff(
  material: Material,
  targetLanguage: string,
  existing: readonly TranslationRecord[],
  options: XliffExportOptions = {},
): string {
  if (sameLanguage(targetLanguage, material.sourceLanguage)) {
    throw new StudioError('translation.targetIsSource', { language: targetLanguage });
  }
  const describe = options.describeSourceChange ?? defaultSourceChangeNote;
  const stored = translationsFor(existing, targetLanguage);

  const unitElement = (unit: { id: string; slot: string; text: string }, notes: { category: string; text: string }[]) => {
    const record = stored.get(unit.id);
    const state = stateOf(unit, record);
    const noteEls = notes.map((n) => el('note', { category: n.category }, [text(n.text)]));
    if (state === 'stale' && record) noteEls.push(el('note', { category: 'sourceChanged' }, [text(describe(record.sourceText))]));
    if (state === 'review' && record) noteEls.push(el('note', { category: 'figures' }, [text(describeFigures(unit.text, record))]));
    const target = state === 'missing' || !record ? null : el('target', {}, [text(record.text)]);
    const segmentState = state === 'current' || state === 'review' ? 'translated' : state === 'stale' ? 'initial' : undefined;
    return el('unit', { id: unit.id, name: unit.slot }, [
      el('notes', {}, noteEls),
      el('segment', { state: segmentState }, [el('source', {}, [text(unit.text)]), target]),
    ]);
  };
  const units = unitsWithNotes(material).map(({ entry, notes }) => unitElement(entry.unit, notes));
  // The words the formats add (engine/model/labels.ts), in their own group.
  const labels = el('group', { id: LABELS_GROUP }, labelUnits().map((u) => unitElement(u, [{ category: 'role', text: 'label' }, { category: 'location', text: u.note }])));

  const root = el('xliff', { xmlns: XLIFF_NAMESPACE, version: '2.0', srcLang: material.sourceLanguage, trgLang: targetLanguage }, [
    el('file', { id: material.id }, [...units, labels]),
  ]);
  return buildXml(root);
}

/** @param content the file's bytes, or its text; checked (validate.ts) before anything in it is used. */
export function importXliff(
  material: Material,
  content: string | Uint8Array,
  existing: readonly TranslationRecord[],
  now: Date = new Date(),
  options: ImportOptions = {},
): ImportResult {
  const decoded = decodeTranslationFile(content);
  if (!decoded.ok) return emptyResult([decoded.problem]);
  const xml = decoded.text;
  const entityProblem = checkXmlEntities(xml);
  if (entityProblem) return emptyResult([entityProblem]);
  const parsed = parseXml(xml);
  if (!parsed.ok) {
    const problem: ImportProblem = { code: 'translation.malformed', params: { format: 'XLIFF', detail: parsed.detail } };
    if (parsed.line !== undefined) problem.line = parsed.line;
    return emptyResult([problem]);
  }
  const root = parsed.root;
  const version = root.attrs.version ?? '';
  if (root.name !== 'xliff' || !READABLE_NAMESPACES.has(root.attrs.xmlns ?? '') || !/^2\.\d$/.test(version)) {
    const found = root.name === 'xliff' ? `XLIFF ${version || '?'}` : `<${root.name}>`;
    return emptyResult([{ code: 'translation.unsupportedFile', params: { format: 'XLIFF 2.0', found } }]);
  }

  const problems: ImportProblem[] = [];
  const target = resolveTargetLanguage(material, root.attrs.trgLang ?? '', options);
  if ('problem' in target) problems.push(target.problem);
  const source = checkSourceLanguage(material, root.attrs.srcLang ?? '');
  if (source) problems.push(source);
  const files = childElements(root, 'file');
  const file = files.find((f) => f.attrs.id === material.id);
  if (!file) {
    problems.push({ code: 'translation.wrongMaterial', params: { expected: material.id, found: files.map((f) => f.attrs.id ?? '').join(', ') } });
  }
  if (problems.length > 0 || !file || 'problem' in target) return emptyResult(problems);

  const entries = unitsIn(file).map(readUnit);
  const entryProblem = duplicateUnit(xliffUnitIds(xml)) ?? checkEntryText(entries);
  if (entryProblem) return emptyResult([entryProblem]);
  return resolveImport(material, target.language, entries, existing, now);
}

/** Units of a file, including those a CAT tool put inside <group>s. */
function unitsIn(container: XmlElement): XmlElement[] {
  return childElements(container).flatMap((c) => (c.name === 'unit' ? [c] : c.name === 'group' ? unitsIn(c) : []));
}

/**
 * A unit's content is its segments and ignorables in order (a CAT tool may
 * have split our one segment into several); the target is there only if
 * every segment has one.
 */
function readUnit(unit: XmlElement): ImportedEntry {
  const parts = childElements(unit).filter((c) => c.name === 'segment' || c.name === 'ignorable');
  const segments = parts.filter((p) => p.name === 'segment');
  let unusable: RejectReason | undefined;
  let source = '';
  let target = '';
  let targets = 0;
  for (const part of parts) {
    const src = childElements(part, 'source')[0];
    const trg = childElements(part, 'target')[0];
    const srcText = src ? inlineText(src) : '';
    const trgText = trg ? inlineText(trg) : null;
    if (srcText === null || (trg && trgText === null)) unusable = 'inlineMarkup';
    source += srcText ?? '';
    if (part.name === 'segment' && trg) targets++;
    // An ignorable (whitespace between segments) without a target keeps its source.
    target += trgText ?? (part.name === 'ignorable' ? (srcText ?? '') : '');
  }
  const hasTarget = targets > 0;
  if (hasTarget && targets < segments.length) unusable ??= 'partialTarget';
  const entry: ImportedEntry = {
    unitId: unit.attrs.id ?? '',
    slot: unit.attrs.name ?? null,
    source,
    target: hasTarget ? target : null,
    // Only an explicit state="initial" counts: many tools never write a state.
    unconfirmed: segments.some((s) => s.attrs.state === 'initial' && childElements(s, 'target').length > 0),
  };
  if (unusable) entry.unusable = unusable;
  return entry;
}

/**
 * Plain text of <source>/<target>. Annotation markers (<mrk>, <pc>) keep
 * their text and <cp> is a code point; other inline codes stand for content
 * the studio never exported, so the text is unusable (null).
 */
function inlineText(node: XmlElement): string | null {
  let out = '';
  for (const child of node.children) {
    if (child.kind === 'text') {
      out += child.text;
      continue;
    }
    if (child.name === 'mrk' || child.name === 'pc') {
      const inner = inlineText(child);
      if (inner === null) return null;
      out += inner;
    } else if (child.name === 'cp' && /^[0-9A-Fa-f]{1,6}$/.test(child.attrs.hex ?? '')) {
      const cp = parseInt(child.attrs.hex ?? '', 16);
      if (cp > 0x10ffff) return null;
      out += String.fromCodePoint(cp);
    } else {
      return null;
    }
  }
  return out;
}
