/**
 * The legal register (engine/legal): list it, edit one entry, import a CSV or
 * XLSX file. Writes go through the library's single writer (an opened Studio);
 * listing only reads. `check` reads it to refuse citations of replaced or
 * repealed documents.
 */
import { StudioError } from '../errors.js';
import { readRegisterBytes, readRegisterFile } from '../legal/importFile.js';
import {
  entryKey, LegalRegisterEntry, mergeEntries, readLegalRegister, writeLegalRegister,
} from '../legal/register.js';
import type { Studio } from './studio.js';

export type { LegalRegisterEntry };

export function listLegalRegister(studio: Studio): Promise<LegalRegisterEntry[]> {
  return readLegalRegister(studio.library.dir);
}

export interface LegalImportOutcome {
  rows: number;
  added: number;
  updated: number;
  total: number;
}

/** Reads FILE (.csv or .xlsx) and merges it into the register: all rows or, on any bad row, none. */
export async function importLegalRegister(studio: Studio, file: string | { name: string; bytes: Buffer }): Promise<LegalImportOutcome> {
  requireWriter(studio);
  const incoming = typeof file === 'string' ? await readRegisterFile(file) : await readRegisterBytes(file.name, file.bytes);
  const merged = mergeEntries(await readLegalRegister(studio.library.dir), incoming);
  await writeLegalRegister(studio.library.dir, merged.entries);
  return { rows: incoming.length, added: merged.added, updated: merged.updated, total: merged.entries.length };
}

/** Adds or replaces one entry (same document, status and other document); `remove` deletes it. */
export async function editLegalRegister(studio: Studio, input: { entry: unknown; remove?: boolean }): Promise<LegalRegisterEntry[]> {
  const parsed = LegalRegisterEntry.safeParse(input.entry);
  if (!parsed.success) {
    throw new StudioError('legalRegister.badEntry', { column: String(parsed.error.issues[0]?.path[0] ?? ''), value: '' });
  }
  requireWriter(studio);
  const current = await readLegalRegister(studio.library.dir);
  const key = entryKey(parsed.data);
  const rest = current.filter((e) => entryKey(e) !== key);
  const entries = input.remove ? rest : [...rest, parsed.data];
  await writeLegalRegister(studio.library.dir, entries);
  return entries;
}

/** Only the library's writer changes the register (a read-only Studio refuses, as every other write does). */
function requireWriter(studio: Studio): void {
  if (studio.library.readOnly) throw new StudioError('store.readOnly');
}
