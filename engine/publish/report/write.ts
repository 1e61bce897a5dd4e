/**
 * The report's three forms: CSV (RFC 4180, UTF-8 with a byte-order mark so
 * Excel shows Vietnamese right), XLSX (a summary sheet and a details sheet
 * with clickable links) and a printable PDF (A4 landscape, tables), for the
 * 6-monthly and yearly reports. Each file is written to a temp name and
 * renamed, so a report is either whole or absent.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { launchChromium } from '../../render/chromium.js';
import { writeFileDurably } from '../../fs/durable.js';
import { resolveOutputBase } from '../../fs/outputTarget.js';
import { escapeHtml } from '../../text/escapeHtml.js';
import type { CountRow, ReportData, ReportRow } from './collect.js';
import { reportLabels, type ReportLabels } from './labels.js';

/** Local "YYYY-MM-DD HH:mm": the reader's clock, not UTC. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function detailCells(r: ReportRow, l: ReportLabels): (string | number)[] {
  return [l.kind(r.kind), localTime(r.at), r.projectId, r.title, l.format(r.format), l.variant(r.format, r.variant), r.language, l.channel(r.channel), r.location, r.bytes];
}

function detailHeader(l: ReportLabels): string[] {
  const c = l.columns;
  return [c.kind, c.at, c.projectId, c.title, c.format, c.variant, c.language, c.channel, c.location, c.bytes];
}

export function reportCsv(data: ReportData, locale: string): string {
  const l = reportLabels(locale);
  return stringify([detailHeader(l), ...data.rows.map((r) => detailCells(r, l))], { bom: true, record_delimiter: 'windows', quoted_string: false });
}

function countTable(counts: readonly CountRow[], l: ReportLabels, withChannel: boolean): (string | number)[][] {
  const c = l.columns;
  const head = withChannel ? [c.channel, c.format, c.language, c.count] : [c.format, c.language, c.count];
  const body = counts.map((r) => (withChannel ? [l.channel(r.channel), l.format(r.format), r.language, r.count] : [l.format(r.format), r.language, r.count]));
  const total = counts.reduce((n, r) => n + r.count, 0);
  const foot = withChannel ? [l.total, '', '', total] : [l.total, '', total];
  return [head, ...body, foot];
}

export async function reportXlsx(data: ReportData, locale: string): Promise<Buffer> {
  const l = reportLabels(locale);
  // exceljs and Playwright are imported when a report asks for them: they are slow to load.
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Luật Studio';
  book.created = new Date();

  const summary = book.addWorksheet(l.summarySheet);
  summary.addRow([l.title]).font = { bold: true, size: 14 };
  summary.addRow([l.period(data.from, data.to)]);
  summary.addRow([l.materials, data.materials]);
  summary.addRow([]);
  summary.addRow([l.producedHeading]).font = { bold: true };
  countTable(data.producedCounts, l, false).forEach((row, i) => {
    const added = summary.addRow(row);
    if (i === 0) added.font = { bold: true };
  });
  summary.addRow([]);
  summary.addRow([l.publishedHeading]).font = { bold: true };
  countTable(data.publishedCounts, l, true).forEach((row, i) => {
    const added = summary.addRow(row);
    if (i === 0) added.font = { bold: true };
  });
  summary.columns.forEach((col, i) => { col.width = i === 0 ? 34 : 20; });

  const details = book.addWorksheet(l.detailsSheet);
  details.addRow(detailHeader(l)).font = { bold: true };
  for (const r of data.rows) {
    const row = details.addRow(detailCells(r, l));
    if (/^(https?|file):/.test(r.location)) {
      row.getCell(9).value = { text: r.location, hyperlink: r.location };
    }
  }
  details.views = [{ state: 'frozen', ySplit: 1 }];
  [12, 17, 22, 40, 18, 12, 10, 24, 60, 14].forEach((w, i) => { details.getColumn(i + 1).width = w; });
  return Buffer.from(await book.xlsx.writeBuffer());
}

function htmlTable(rows: (string | number)[][], links = -1): string {
  const [head, ...body] = rows;
  const cell = (v: string | number, i: number) => {
    const text = escapeHtml(String(v));
    return i === links && /^(https?|file):/.test(String(v)) ? `<td class="url"><a href="${text}">${text}</a></td>` : `<td>${text}</td>`;
  };
  return `<table><thead><tr>${(head ?? []).map((h) => `<th>${escapeHtml(String(h))}</th>`).join('')}</tr></thead>`
    + `<tbody>${body.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

export function reportHtml(data: ReportData, locale: string, now = new Date()): string {
  const l = reportLabels(locale);
  const c = l.columns;
  const published = data.rows.filter((r) => r.kind === 'published');
  const publishedRows: (string | number)[][] = [
    [c.at, c.title, c.format, c.language, c.channel, c.location],
    ...published.map((r) => [localTime(r.at), r.title, l.format(r.format), r.language, l.channel(r.channel), r.location]),
  ];
  return `<!doctype html><html lang="${locale === 'en' ? 'en' : 'vi'}"><head><meta charset="utf-8"><title>${escapeHtml(l.title)}</title>
<style>
@page { size: A4 landscape; margin: 14mm 12mm; }
body { font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; font-size: 9.5pt; color: #111; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 11.5pt; margin: 6mm 0 2mm; }
p { margin: 0 0 1mm; }
table { border-collapse: collapse; width: 100%; page-break-inside: auto; }
tr { page-break-inside: avoid; } thead { display: table-header-group; }
th, td { border: 0.6pt solid #777; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #eee; } tbody tr:last-child td { font-weight: 600; }
.details tbody tr:last-child td { font-weight: normal; }
td.url { word-break: break-all; font-size: 8.5pt; } a { color: #0645ad; text-decoration: none; }
</style></head><body>
<h1>${escapeHtml(l.title)}</h1>
<p>${escapeHtml(l.period(data.from, data.to))}</p>
<p>${escapeHtml(l.materials)}: ${data.materials}</p>
<p>${escapeHtml(l.generated(now.toISOString()))}</p>
<h2>${escapeHtml(l.producedHeading)}</h2>
${data.producedCounts.length ? htmlTable(countTable(data.producedCounts, l, false)) : `<p>${escapeHtml(l.none)}</p>`}
<h2>${escapeHtml(l.publishedHeading)}</h2>
${data.publishedCounts.length ? htmlTable(countTable(data.publishedCounts, l, true)) : `<p>${escapeHtml(l.none)}</p>`}
${published.length ? `<h2>${escapeHtml(l.publishedList)}</h2><div class="details">${htmlTable(publishedRows, 5)}</div>` : ''}
</body></html>`;
}

export async function reportPdf(data: ReportData, locale: string, chromiumPath?: string | null): Promise<Buffer> {
  const browser = await launchChromium({ executablePath: chromiumPath ?? null });
  try {
    const page = await browser.newPage();
    await page.setContent(reportHtml(data, locale), { waitUntil: 'load' });
    return Buffer.from(await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true }));
  } finally {
    await browser.close();
  }
}

export type ReportForm = 'csv' | 'xlsx' | 'pdf';

export interface WrittenReport {
  csv?: string;
  xlsx?: string;
  pdf?: string;
}

/** Writes the report into `outDir` as luat-studio-report_<from>_<to>.<ext>. */
export async function writeReport(
  data: ReportData,
  outDir: string,
  options: { locale?: string; forms?: ReportForm[]; chromiumPath?: string | null } = {},
): Promise<WrittenReport> {
  const locale = options.locale ?? 'vi';
  const forms = options.forms ?? ['csv', 'xlsx', 'pdf'];
  // `--out` may be a folder (the usual name inside) or a file name whose extension is dropped for the three forms.
  const target = await resolveOutputBase(outDir, `luat-studio-report_${data.from}_${data.to}`, ['.csv', '.xlsx', '.pdf']);
  await mkdir(target.dir, { recursive: true });
  const base = path.join(target.dir, target.base);
  const written: WrittenReport = {};
  if (forms.includes('csv')) {
    written.csv = `${base}.csv`;
    await writeFileDurably(written.csv, reportCsv(data, locale));
  }
  if (forms.includes('xlsx')) {
    written.xlsx = `${base}.xlsx`;
    await writeFileDurably(written.xlsx, await reportXlsx(data, locale));
  }
  if (forms.includes('pdf')) {
    written.pdf = `${base}.pdf`;
    await writeFileDurably(written.pdf, await reportPdf(data, locale, options.chromiumPath));
  }
  return written;
}
