/**
 * What a translator needs to know about a unit besides its text: what kind of
 * text it is, who says it, and under which heading it stands. Both exports
 * (XLIFF notes, PO extracted comments) carry the same context.
 */
import type { Material } from '../model/material.js';
import { listTextUnits, type UnitEntry } from '../model/units.js';

export type NoteCategory = 'role' | 'speaker' | 'section';

export interface TranslatorNote {
  category: NoteCategory;
  text: string;
}

export function translatorNotes(entry: UnitEntry, sectionHeadings: ReadonlyMap<string, string>): TranslatorNote[] {
  const notes: TranslatorNote[] = [{ category: 'role', text: entry.role }];
  if (entry.speaker !== undefined) notes.push({ category: 'speaker', text: entry.speaker });
  const heading = entry.sectionId === null ? undefined : sectionHeadings.get(entry.sectionId);
  // A heading's own section note would only repeat its text.
  if (heading !== undefined && entry.role !== 'heading') notes.push({ category: 'section', text: heading });
  return notes;
}

/** Every text unit in reading order with its notes. */
export function unitsWithNotes(material: Material): { entry: UnitEntry; notes: TranslatorNote[] }[] {
  const headings = new Map(material.sections.map((s) => [s.id, s.heading.text]));
  return listTextUnits(material).map((entry) => ({ entry, notes: translatorNotes(entry, headings) }));
}

/** English fallback for the note on a stale unit; callers pass the UI's translation. */
export const defaultSourceChangeNote = (previousSource: string): string =>
  `The source text changed after this translation was made. It was translated from: ${previousSource}`;
