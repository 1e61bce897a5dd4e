/**
 * Checks a translated file must pass before anything in it is used: size,
 * UTF-8, no control characters or lone surrogates, no entity left unexpanded,
 * no unit given twice. importXliff and importPo run them first, so no caller
 * can store damaged text; a problem found here means nothing is imported.
 * The same rules hold for XLIFF and PO.
 */
import type { ImportedEntry, ImportProblem } from './importing.js';

export const MAX_TRANSLATION_FILE_BYTES = 8 * 1024 * 1024;

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export type DecodedFile = { ok: true; text: string } | { ok: false; problem: ImportProblem };

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Bytes (as read from disk) or text (as received from the UI) → the file's
 * text without BOM. Text that holds U+FFFD was decoded from invalid UTF-8 by
 * whoever read it, so it is refused like the bytes would be.
 */
export function decodeTranslationFile(content: string | Uint8Array): DecodedFile {
  const size = typeof content === 'string' ? (content.length > MAX_TRANSLATION_FILE_BYTES ? Buffer.byteLength(content) : content.length) : content.byteLength;
  if (size > MAX_TRANSLATION_FILE_BYTES) {
    return fail({ code: 'translation.tooLarge', params: { size: mib(size), max: mib(MAX_TRANSLATION_FILE_BYTES) } });
  }
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content);
    } catch {
      const loose = new TextDecoder('utf-8').decode(content);
      return fail({ code: 'translation.notUtf8', params: {}, line: lineAt(loose, loose.indexOf('\uFFFD')) });
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0) return fail({ code: 'translation.notUtf8', params: {}, line: lineAt(text, replacement) });
  const bad = badCharacter(text);
  if (bad) return fail({ code: bad.code, params: { char: bad.label }, line: lineAt(text, bad.index) });
  return { ok: true, text };
}

/** After parsing: characters that character references or <cp> put into a unit's text. */
export function checkEntryText(entries: readonly ImportedEntry[]): ImportProblem | null {
  for (const entry of entries) {
    for (const value of [entry.source, entry.target, entry.previousSource]) {
      if (!value) continue;
      const bad = badCharacter(value);
      if (bad) return { code: `${bad.code}InUnit`, params: { char: bad.label, id: entry.unitId } };
    }
  }
  return null;
}

/**
 * XML only: a DOCTYPE (it may declare entities, and XLIFF needs none) and any
 * named entity beyond XML's five, which would otherwise be kept as literal
 * text such as "&lol9;". Nothing is ever fetched: the parser never sees them.
 */
export function checkXmlEntities(xml: string): ImportProblem | null {
  const doctype = /<!DOCTYPE/i.exec(xml);
  if (doctype) return { code: 'translation.doctype', params: {}, line: lineAt(xml, doctype.index) };
  const entity = /&(?!(?:amp|lt|gt|quot|apos);|#[0-9]+;|#x[0-9A-Fa-f]+;)([^\s;<&]{0,40};?)/g;
  for (const m of xml.matchAll(entity)) {
    if (insideCdata(xml, m.index)) continue;
    return { code: 'translation.entity', params: { entity: `&${m[1]}` }, line: lineAt(xml, m.index) };
  }
  // Numeric references are checked here too: the parser leaves some (&#0;) as literal text.
  for (const m of xml.matchAll(/&#(?:x([0-9A-Fa-f]{1,8})|([0-9]{1,10}));/g)) {
    const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
    const ch = cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
    const bad = cp > 0x10ffff || cp === 0 ? { code: 'translation.controlCharacter', label: `&#${m[1] !== undefined ? `x${m[1]}` : m[2]};` } : badCharacter(ch);
    if (bad && !insideCdata(xml, m.index)) return { code: bad.code, params: { char: bad.label }, line: lineAt(xml, m.index) };
  }
  return null;
}

/**
 * One rule for both formats: a unit given twice makes the file ambiguous, so
 * it is refused, naming the unit and both lines.
 */
export function duplicateUnit(occurrences: Iterable<{ id: string; line: number }>): ImportProblem | null {
  const first = new Map<string, number>();
  for (const { id, line } of occurrences) {
    const seen = first.get(id);
    if (seen !== undefined) return { code: 'translation.duplicateUnit', params: { id, first: seen, second: line }, line };
    first.set(id, line);
  }
  return null;
}

/** `<unit … id="…">` openings with their lines, read from the XML text itself (the tree has no lines). */
export function* xliffUnitIds(xml: string): Generator<{ id: string; line: number }> {
  const lines = lineCounter(xml);
  for (const m of xml.matchAll(/<unit\b[^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    yield { id: unescapeXmlAttr(m[1] ?? m[2] ?? ''), line: lines(m.index) };
  }
}

/** `msgctxt "…"` (with its continuation lines) of every active PO entry, with its line. */
export function* poContexts(po: string): Generator<{ id: string; line: number }> {
  const lines = po.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^msgctxt\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(lines[i]!);
    if (!m) continue;
    let id = m[1]!;
    for (let k = i + 1; k < lines.length; k++) {
      const more = /^\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(lines[k]!);
      if (!more) break;
      id += more[1]!;
    }
    yield { id, line: i + 1 };
  }
}

function badCharacter(text: string): { code: string; label: string; index: number } | null {
  const control = CONTROL.exec(text);
  // With the u flag the class matches only surrogates that are not part of a pair.
  const surrogate = LONE_SURROGATE.exec(text);
  const found = [control && { code: 'translation.controlCharacter', m: control }, surrogate && { code: 'translation.loneSurrogate', m: surrogate }]
    .filter((f): f is { code: string; m: RegExpExecArray } => Boolean(f))
    .sort((a, b) => a.m.index - b.m.index)[0];
  if (!found) return null;
  const label = `U+${found.m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  return { code: found.code, label, index: found.m.index };
}

function fail(problem: ImportProblem): DecodedFile {
  return { ok: false, problem };
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Lines of increasing offsets, counted once over the text. */
function lineCounter(text: string): (index: number) => number {
  let scanned = 0;
  let line = 1;
  return (index) => {
    for (; scanned < index; scanned++) if (text.charCodeAt(scanned) === 10) line++;
    return line;
  };
}

function insideCdata(xml: string, index: number): boolean {
  const open = xml.lastIndexOf('<![CDATA[', index);
  return open >= 0 && xml.indexOf(']]>', open) > index;
}

function unescapeXmlAttr(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}
