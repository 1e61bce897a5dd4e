/**
 * How a table row is said: each cell after its column's label, ";" between
 * cells and "." after the last, so a row is one sentence ("Trường hợp: …;
 * Việc phải làm: …."). The audiobook speaks it cell by cell (each cell its own
 * unit and clip); a recording script shows it as one line per row.
 */
import type { TableBlock, TextUnit } from './material.js';

/** Text without the punctuation it ends on, so ";" or "." can follow it. */
export function withoutEndPunctuation(text: string): string {
  return text.replace(/[\s:;,.]+$/u, '') || text;
}

/** The label said before a cell: its header cell, with a colon. */
export function spokenLabel(header: string): string {
  return `${withoutEndPunctuation(header)}:`;
}

/** A cell as said inside its row: ";" after it, or a full stop after the row's last cell. */
export function spokenCell(text: string, last: boolean): string {
  if (!last) return `${withoutEndPunctuation(text)};`;
  return /[.!?…]$/u.test(text) ? text : `${withoutEndPunctuation(text)}.`;
}

/** One row as a sentence, empty cells left out; null when the row is empty. */
export function tableRowText(table: TableBlock, row: number, textOf: (unit: TextUnit) => string = (u) => u.text): string | null {
  const cells = table.rows[row] ?? [];
  const filled = cells.flatMap((cell, col) => (cell ? [{ cell, header: table.header[col] ?? null }] : []));
  if (filled.length === 0) return null;
  return filled
    .map(({ cell, header }, i) => {
      const said = spokenCell(textOf(cell), i === filled.length - 1);
      return header ? `${spokenLabel(textOf(header))} ${said}` : said;
    })
    .join(' ');
}
