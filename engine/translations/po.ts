/**
 * gettext PO exchange, for translators who work in Poedit or Weblate.
 *
 * One entry per text unit in reading order: msgctxt = unit id, msgid = the
 * unit's text, msgstr = the translation. `#.` comments carry the context
 * (gettext's "extracted comments", which editors show as notes for
 * translators; `# ` comments belong to the translators themselves), `#:`
 * carries the slot. A stale translation is exported `#, fuzzy` with the text
 * it was made from as `#| msgid`, as msgmerge does; on import every fuzzy
 * entry is stale.
 */
import { po as gettextPo } from 'gettext-parser';
import type { GetTextTranslation, GetTextTranslations } from 'gettext-parser';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { StudioError } from '../errors.js';
import { defaultSourceChangeNote, unitsWithNotes } from './context.js';
import {
  checkMaterialId, checkSourceLanguage, emptyResult, resolveImport, resolveTargetLanguage,
  type ImportedEntry, type ImportOptions, type ImportProblem, type ImportResult,
} from './importing.js';
import { describeFigures } from './figureNotes.js';
import { labelUnits } from './labels.js';
import { sameLanguage, stateOf, translationsFor } from './status.js';
import { checkEntryText, decodeTranslationFile, duplicateUnit, poContexts } from './validate.js';

/** Header naming the source language; Project-Id-Version names the material. */
const SOURCE_LANGUAGE_HEADER = 'X-Source-Language';

export interface PoExportOptions {
  /** Text of the comment on a stale entry; give the UI's translation. Default: English. */
  describeSourceChange?: (previousSource: string) => string;
  /** Written as PO-Revision-Date: the file holds the translations as of this time. */
  now?: Date;
}

export function exportPo(
  material: Material,
  targetLanguage: string,
  existing: readonly TranslationRecord[],
  options: PoExportOptions = {},
): string {
  if (sameLanguage(targetLanguage, material.sourceLanguage)) {
    throw new StudioError('translation.targetIsSource', { language: targetLanguage });
  }
  const describe = options.describeSourceChange ?? defaultSourceChangeNote;
  const stored = translationsFor(existing, targetLanguage);
  const table: GetTextTranslations = {
    charset: 'utf-8',
    headers: {
      'Project-Id-Version': material.id,
      'PO-Revision-Date': poDate(options.now ?? new Date()),
      // Empty rather than absent: msgfmt --check wants the fields, editors fill them in.
      'Last-Translator': '',
      'Language-Team': '',
      Language: targetLanguage,
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=UTF-8',
      'Content-Transfer-Encoding': '8bit',
      [SOURCE_LANGUAGE_HEADER]: material.sourceLanguage,
    },
    translations: { '': { '': { msgid: '', msgstr: [''] } } },
  };
  const order = new Map<string, number>();
  const add = (unit: { id: string; slot: string; text: string }, extracted: string[]) => {
    const record = stored.get(unit.id);
    const state = stateOf(unit, record);
    const po: GetTextTranslation = {
      msgctxt: unit.id,
      msgid: unit.text,
      msgstr: [state !== 'missing' && record ? record.text : ''],
      comments: { reference: unit.slot, extracted: '' },
    };
    if (state === 'review' && record) extracted.push(describeFigures(unit.text, record));
    if (state === 'stale' && record) {
      extracted.push(describe(record.sourceText));
      po.comments = { ...po.comments, flag: 'fuzzy', previous: `msgid ${poQuote(record.sourceText)}` };
    }
    po.comments = { ...po.comments, extracted: extracted.join('\n') };
    table.translations[unit.id] = { [unit.text]: po };
    order.set(unit.id, order.size);
  };
  for (const { entry, notes } of unitsWithNotes(material)) add(entry.unit, notes.map((n) => `${n.category}: ${n.text}`));
  // The words the formats add (engine/model/labels.ts): msgctxt "label:<id>", after every unit.
  for (const unit of labelUnits()) add(unit, ['role: label', `location: ${unit.note}`]);
  const rank = (t: GetTextTranslation) => order.get(t.msgctxt ?? '') ?? -1;
  return gettextPo.compile(table, { sort: (a, b) => rank(a) - rank(b) }).toString('utf8');
}

/** @param content the file's bytes, or its text; checked (validate.ts) before anything in it is used. */
export function importPo(
  material: Material,
  content: string | Uint8Array,
  existing: readonly TranslationRecord[],
  now: Date = new Date(),
  options: ImportOptions = {},
): ImportResult {
  const decoded = decodeTranslationFile(content);
  if (!decoded.ok) return emptyResult([decoded.problem]);
  const po = decoded.text;
  let table: GetTextTranslations;
  try {
    table = gettextPo.parse(po);
  } catch (err) {
    const problem: ImportProblem = {
      code: 'translation.malformed',
      params: { format: 'PO', detail: err instanceof Error ? err.message : String(err) },
    };
    const line = (err as { lineNumber?: unknown }).lineNumber;
    if (typeof line === 'number') problem.line = line;
    return emptyResult([problem]);
  }
  const header = (name: string) => {
    const key = Object.keys(table.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    return key === undefined ? undefined : table.headers[key];
  };
  if (table.translations['']?.[''] === undefined) {
    return emptyResult([{ code: 'translation.unsupportedFile', params: { format: 'PO', found: 'no header' } }]);
  }

  const problems: ImportProblem[] = [];
  const materialProblem = checkMaterialId(material, header('Project-Id-Version') ?? '');
  if (materialProblem) problems.push(materialProblem);
  const target = resolveTargetLanguage(material, header('Language') ?? '', options);
  if ('problem' in target) problems.push(target.problem);
  // Older tools may drop headers they do not know; then there is nothing to check.
  const sourceLanguage = header(SOURCE_LANGUAGE_HEADER);
  const sourceProblem = sourceLanguage === undefined ? null : checkSourceLanguage(material, sourceLanguage);
  if (sourceProblem) problems.push(sourceProblem);
  if (problems.length > 0 || 'problem' in target) return emptyResult(problems);

  const entries: ImportedEntry[] = [];
  for (const [context, byMsgid] of Object.entries(table.translations)) {
    for (const t of Object.values(byMsgid)) {
      if (context === '' && t.msgid === '') continue; // the header
      entries.push(readEntry(t));
    }
  }
  // gettext-parser keeps only the last of two entries with one msgctxt: read the duplicates from the text.
  const entryProblem = duplicateUnit(poContexts(po)) ?? checkEntryText(entries);
  if (entryProblem) return emptyResult([entryProblem]);
  return resolveImport(material, target.language, entries, existing, now);
}

function readEntry(t: GetTextTranslation): ImportedEntry {
  const msgstr = t.msgstr[0] ?? '';
  const flags = (t.comments?.flag ?? '').split(/[,\n]/).map((f) => f.trim());
  const entry: ImportedEntry = {
    unitId: t.msgctxt ?? '',
    slot: (t.comments?.reference ?? '').trim().split(/\s+/)[0] || null,
    source: t.msgid,
    // An empty msgstr is how PO says "not translated yet".
    target: msgstr === '' ? null : msgstr,
    unconfirmed: flags.includes('fuzzy'),
  };
  const previous = t.comments?.previous ? previousMsgid(t.comments.previous) : undefined;
  if (previous !== undefined) entry.previousSource = previous;
  return entry;
}

/** PO header dates look like "2025-03-01 08:00+0000". */
function poDate(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')}+0000`;
}

// `#|` lines are PO syntax inside a comment, which gettext-parser hands over
// as raw text: quote and unquote them here, with PO's escapes.

const ESCAPES: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
const UNESCAPES: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r' };

function poQuote(value: string): string {
  return `"${value.replace(/[\\"\n\t\r]/g, (c) => ESCAPES[c] ?? c)}"`;
}

/** The msgid of `#| msgid "…"` lines (possibly folded over several `#| "…"` lines). */
function previousMsgid(previous: string): string | undefined {
  let key: string | null = null;
  let value: string | undefined;
  for (const line of previous.split('\n')) {
    const m = /^\s*(?:(msgctxt|msgid|msgid_plural)\s+)?"((?:[^"\\]|\\.)*)"\s*$/.exec(line);
    if (!m) continue;
    if (m[1]) key = m[1];
    if (key !== 'msgid') continue;
    value = (value ?? '') + (m[2] ?? '').replace(/\\(.)/g, (_, c: string) => UNESCAPES[c] ?? c);
  }
  return value;
}
