/**
 * Reading a legal register from a spreadsheet: CSV (UTF-8, comma or
 * semicolon, header row) or XLSX (first sheet, header row). Columns, by
 * header name (docs/legal-register.md): ref, status, by, from, source, note.
 * Every row is checked before anything is kept: one bad row refuses the file,
 * naming its row and column.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { StudioError } from '../errors.js';
import { LEGAL_STATUSES, LegalRegisterEntry } from './register.js';

const COLUMNS = ['ref', 'status', 'by', 'from', 'source', 'note'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: Column[] = ['ref', 'status', 'source'];
/** A register is a few hundred rows; anything near this is not one. */
const MAX_BYTES = 10 * 1024 * 1024;

export async function readRegisterFile(file: string): Promise<LegalRegisterEntry[]> {
  const { size } = await stat(file);
  if (size > MAX_BYTES) throw new StudioError('legalRegister.tooLarge', { file, max: MAX_BYTES / 1024 / 1024 });
  return readRegisterBytes(file, await readFile(file));
}

/** The same from the file's bytes (the UI uploads them); `name` decides the type by its extension. */
export async function readRegisterBytes(name: string, bytes: Buffer): Promise<LegalRegisterEntry[]> {
  if (bytes.length > MAX_BYTES) throw new StudioError('legalRegister.tooLarge', { file: name, max: MAX_BYTES / 1024 / 1024 });
  const ext = path.extname(name).toLowerCase();
  let rows: string[][];
  if (ext === '.csv') rows = csvRows(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  else if (ext === '.xlsx') rows = await xlsxRows(bytes);
  else throw new StudioError('legalRegister.unknownFileType', { file: name });
  return entriesOf(rows);
}

function csvRows(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (cause) {
    throw new StudioError('legalRegister.badCsv', { detail: (cause as Error).message.split('\n')[0] ?? '' }, { cause });
  }
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (cause) {
    throw new StudioError('legalRegister.badXlsx', {}, { cause });
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  });
  return rows;
}

/** A cell as text; dates (a spreadsheet turns 2015-01-01 into one) as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) {
    const v = value as { text?: unknown; richText?: Array<{ text: string }>; result?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('').trim();
    if (v.text !== undefined) return String(v.text).trim();
    if (v.result !== undefined) return cellText(v.result);
  }
  return String(value).trim();
}

function entriesOf(rows: string[][]): LegalRegisterEntry[] {
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const column of COLUMNS) {
    const i = header.indexOf(column);
    if (i >= 0) index.set(column, i);
  }
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (rows.length === 0 || missing.length > 0) {
    throw new StudioError('legalRegister.missingColumns', { missing: missing.join(', ') || REQUIRED.join(', '), expected: COLUMNS.join(', ') });
  }
  const entries: LegalRegisterEntry[] = [];
  rows.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const get = (c: Column) => {
      const at = index.get(c);
      const v = at === undefined ? '' : (cells[at] ?? '').trim();
      return v === '' ? null : v;
    };
    if (COLUMNS.every((c) => get(c) === null)) return;
    const status = (get('status') ?? '').toLowerCase();
    if (!(LEGAL_STATUSES as readonly string[]).includes(status)) {
      throw new StudioError('legalRegister.badStatus', { row, value: get('status') ?? '', allowed: LEGAL_STATUSES.join(', ') });
    }
    const parsed = LegalRegisterEntry.safeParse({
      ref: get('ref') ?? '', status, by: get('by'), from: get('from'), source: get('source') ?? '', note: get('note'),
    });
    if (!parsed.success) {
      const column = String(parsed.error.issues[0]?.path[0] ?? 'ref');
      throw new StudioError('legalRegister.badRow', { row, column, value: get(column as Column) ?? '' });
    }
    entries.push(parsed.data);
  });
  return entries;
}
