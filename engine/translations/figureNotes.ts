/**
 * The note a translator reads in an exported file next to a unit whose
 * figures differ from the source. Files are shared with translators who may
 * read either language, so the note is bilingual, like the file's other notes.
 */
import type { TranslationRecord } from '../model/records.js';
import { figureMismatches } from './figures.js';
import { numberStyleOf } from './status.js';

export function describeFigures(source: string, record: TranslationRecord): string {
  const pairs = figureMismatches(source, record.text, numberStyleOf(record.language))
    .map((m) => `${m.source ?? '—'} → ${m.target ?? '—'}`)
    .join('; ');
  return `Số liệu khác bản gốc / figures differ from the source: ${pairs}. Sửa bản dịch, hoặc xác nhận kèm ghi chú / fix the translation, or confirm it with a note.`;
}
