/**
 * The legal register: for each legal document (by its number, "52/2014/QH13")
 * what is known of its status — in force, amended by another document,
 * replaced by another, repealed from a date — each entry with the source it
 * was taken from (a gazette page, the amending law's own article). It lives in
 * the library as LIBRARY/legal-register.json, written durably; it ships empty.
 *
 * `check` reads it: citing a replaced or repealed document is an error naming
 * what replaced it; citing an amended one is a warning (registerDiagnostics).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import { writeFileDurably } from '../fs/durable.js';
import type { Material } from '../model/material.js';
import { dayMonthYear, localToday } from '../text/dates.js';

export const REGISTER_FILE = 'legal-register.json';

export const LEGAL_STATUSES = ['in-force', 'amended', 'replaced', 'repealed'] as const;
export const LegalStatus = z.enum(LEGAL_STATUSES);
export type LegalStatus = z.infer<typeof LegalStatus>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}, 'date');

export const LegalRegisterEntry = z.object({
  /** The document's number exactly as briefs cite it. */
  ref: z.string().trim().min(1),
  status: LegalStatus,
  /** The amending, replacing or repealing document's number; required for amended and replaced. */
  by: z.string().trim().min(1).nullable(),
  /** From when the status holds (YYYY-MM-DD); required for repealed. */
  from: isoDate.nullable(),
  /** Where this was read (an official gazette, the amending document's article): required. */
  source: z.string().trim().min(1),
  note: z.string().trim().nullable(),
}).superRefine((e, ctx) => {
  if ((e.status === 'amended' || e.status === 'replaced') && !e.by) ctx.addIssue({ code: 'custom', path: ['by'], message: 'by' });
  if (e.status === 'repealed' && !e.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from' });
});
export type LegalRegisterEntry = z.infer<typeof LegalRegisterEntry>;

const RegisterFile = z.object({ version: z.literal(1), entries: z.array(LegalRegisterEntry) });

/** The register in the library folder; empty when none was ever imported. */
export async function readLegalRegister(libraryDir: string): Promise<LegalRegisterEntry[]> {
  const file = path.join(libraryDir, REGISTER_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    return RegisterFile.parse(JSON.parse(text)).entries;
  } catch (cause) {
    throw new StudioError('legalRegister.damaged', { file }, { cause });
  }
}

/** Writes the whole register (temp file, fsync, rename): the caller holds the library. */
export async function writeLegalRegister(libraryDir: string, entries: LegalRegisterEntry[]): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.ref.localeCompare(b.ref) || (a.from ?? '').localeCompare(b.from ?? ''));
  await writeFileDurably(path.join(libraryDir, REGISTER_FILE), `${JSON.stringify({ version: 1, entries: sorted }, null, 2)}\n`);
}

/** Same document, same status, same other document: the later entry replaces the earlier one. */
export function entryKey(e: Pick<LegalRegisterEntry, 'ref' | 'status' | 'by'>): string {
  return `${normalRef(e.ref)}\u0000${e.status}\u0000${e.by ? normalRef(e.by) : ''}`;
}

/** Document numbers compare without case or spaces ("52/2014/qh13" is "52/2014/QH13"). */
export function normalRef(ref: string): string {
  return ref.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

/** Merges imported entries into the register; returns the new register and how many were added or updated. */
export function mergeEntries(current: LegalRegisterEntry[], incoming: LegalRegisterEntry[]): { entries: LegalRegisterEntry[]; added: number; updated: number } {
  const byKey = new Map(current.map((e) => [entryKey(e), e]));
  let added = 0;
  let updated = 0;
  for (const e of incoming) {
    const key = entryKey(e);
    const old = byKey.get(key);
    if (!old) added++;
    else if (JSON.stringify(old) !== JSON.stringify(e)) updated++;
    byKey.set(key, e);
  }
  return { entries: [...byKey.values()], added, updated };
}

/**
 * What the register says about the documents a brief cites (its legal_basis,
 * which every citation in the text must name): an error for a document
 * replaced or repealed (from a date already reached), a warning for one
 * amended or to be replaced or repealed later. At the document's title line.
 */
export function registerDiagnostics(material: Material, register: readonly LegalRegisterEntry[], today = localToday()): Diagnostic[] {
  if (register.length === 0) return [];
  const out: Diagnostic[] = [];
  for (const doc of material.legalBasis) {
    const at = { line: doc.title.loc.line, col: doc.title.loc.col };
    for (const e of register.filter((r) => normalRef(r.ref) === normalRef(doc.ref))) {
      const params: Record<string, string> = { ref: doc.ref, by: e.by ?? '', date: e.from ? dayMonthYear(e.from) : '', source: e.source };
      if (e.status === 'in-force') continue;
      const reached = e.from === null || e.from <= today;
      if (e.status === 'amended') out.push({ severity: 'warning', code: 'legalRegister.amended', params, ...at });
      else if (!reached) out.push({ severity: 'warning', code: `legalRegister.${e.status}Later`, params, ...at });
      else out.push({ severity: 'error', code: `legalRegister.${e.status}`, params, ...at });
    }
  }
  return out;
}
