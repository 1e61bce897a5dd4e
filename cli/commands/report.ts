/**
 * `luat-studio report --from YYYY-MM-DD --to YYYY-MM-DD --out DIR`: what was
 * produced and published in the period, by format, language and channel,
 * with URLs, as CSV, XLSX and a printable PDF (the 6-monthly and yearly
 * reports).
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { writePeriodReport } from '../../engine/app/index.js';
import { parseList } from '../briefs.js';
import { EXIT, type Run } from '../failures.js';
import { readingLibrary, type LibraryOptions } from '../library.js';

export interface ReportOptions extends LibraryOptions {
  from: string;
  to: string;
  out: string;
  /** Comma-separated subset of csv,xlsx,pdf (default all three). */
  formats?: string;
  locale?: string;
}

/** Reads the library without taking it; writes only the report files. */
export async function reportCommand(options: ReportOptions, t: TFunction): Promise<number> {
  const report = await readingLibrary(options, (studio) => writePeriodReport(studio, {
    from: options.from, to: options.to, outDir: options.out, forms: parseList(options.formats), locale: options.locale ?? 'vi',
  }));
  const { written } = report;
  for (const file of [written.csv, written.xlsx, written.pdf]) if (file) process.stdout.write(`${file}\n`);
  process.stdout.write(`${t('cli.report.done', {
    from: options.from, to: options.to, materials: report.materials, produced: report.produced, published: report.published,
    defaultValue: 'Report {{from}} – {{to}}: {{materials}} materials, {{produced}} files produced, {{published}} published.',
  })}\n`);
  return EXIT.ok;
}

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
