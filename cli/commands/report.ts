/**
 * `luat-studio report --from YYYY-MM-DD --to YYYY-MM-DD --out DIR`: what was
 * produced and published in the period, by format, language and channel,
 * with URLs, as CSV, XLSX and a printable PDF (the 6-monthly and yearly
 * reports).
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { auditLogFor } from '../../engine/publish/auditLog.js';
import { collectReport } from '../../engine/publish/report/collect.js';
import { writeReport, type ReportForm } from '../../engine/publish/report/write.js';
import { StudioError } from '../../engine/errors.js';
import { parseList } from '../briefs.js';
import { EXIT } from '../failures.js';
import { withLibrary, type LibraryOptions } from '../library.js';

export interface ReportOptions extends LibraryOptions {
  from: string;
  to: string;
  out: string;
  /** Comma-separated subset of csv,xlsx,pdf (default all three). */
  formats?: string;
  locale?: string;
}

const FORMS: readonly ReportForm[] = ['csv', 'xlsx', 'pdf'];

export async function reportCommand(options: ReportOptions, t: TFunction): Promise<number> {
  const requested = parseList(options.formats);
  for (const form of requested) {
    if (!(FORMS as readonly string[]).includes(form)) throw new StudioError('report.unknownForm', { form, known: FORMS.join(', ') });
  }
  const forms = (requested.length ? requested : FORMS) as ReportForm[];
  const data = await withLibrary(options, 'report', (library) => collectReport(library, auditLogFor(library.dir), options.from, options.to));
  const written = await writeReport(data, options.out, { locale: options.locale ?? 'vi', forms });
  for (const file of [written.csv, written.xlsx, written.pdf]) if (file) process.stdout.write(`${file}\n`);
  const produced = data.rows.filter((r) => r.kind === 'produced').length;
  const published = data.rows.length - produced;
  process.stdout.write(`${t('cli.report.done', {
    from: options.from, to: options.to, materials: data.materials, produced, published,
    defaultValue: 'Report {{from}} – {{to}}: {{materials}} materials, {{produced}} files produced, {{published}} published.',
  })}\n`);
  return EXIT.ok;
}

type Run = (action: () => Promise<number>) => () => Promise<void>;

/** Adds `report` to the program (called from cli/main.ts). */
export function addReportCommand(program: Command, t: TFunction, run: Run, globals: () => LibraryOptions & { locale?: string }): void {
  program
    .command('report')
    .description(t('cli.command.report'))
    .requiredOption('--from <date>', t('cli.option.reportFrom'))
    .requiredOption('--to <date>', t('cli.option.reportTo'))
    .requiredOption('--out <dir>', t('cli.option.reportOut'))
    .option('--formats <list>', t('cli.option.reportFormats'))
    .action((options: { from: string; to: string; out: string; formats?: string }) => run(() => reportCommand({ ...options, ...globals() }, t))());
}
