/**
 * `luat-studio cache` and `luat-studio cache clear`: what the studio keeps on
 * this PC to make the next build faster (engine/app/caches.ts), and getting
 * the space back. Clearing is refused while a build runs on this PC.
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { cacheUsage, clearCaches, type CachesReport } from '../../engine/app/index.js';
import { formatBytes } from '../../engine/i18n/bytes.js';
import type { Locale } from '../../engine/i18n/index.js';
import { EXIT, type Run } from '../failures.js';
import { readingLibrary, type LibraryOptions } from '../library.js';

interface CacheOptions extends LibraryOptions {
  locale: Locale;
  json?: boolean;
}

export async function cacheCommand(options: CacheOptions, t: TFunction): Promise<number> {
  const report = await readingLibrary(options, (studio) => cacheUsage(studio));
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else printReport(report, options.locale, t);
  return EXIT.ok;
}

export async function cacheClearCommand(options: CacheOptions & { only?: string }, t: TFunction): Promise<number> {
  const ids = (options.only ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const { freedBytes, report } = await readingLibrary(options, (studio) => clearCaches(studio, ids));
  if (options.json) process.stdout.write(`${JSON.stringify({ freedBytes, ...report }, null, 2)}\n`);
  else {
    process.stdout.write(`${t('cli.cache.cleared', { size: formatBytes(freedBytes, options.locale) })}\n`);
    printReport(report, options.locale, t);
  }
  return EXIT.ok;
}

function printReport(report: CachesReport, locale: Locale, t: TFunction): void {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  for (const c of report.caches) {
    out(t('cli.cache.line', { id: c.id, label: c.label[locale], size: formatBytes(c.bytes, locale), files: c.files, interpolation: { escapeValue: false } }));
    out(`    ${c.hint[locale]}`);
  }
  const total = report.caches.reduce((sum, c) => sum + c.bytes, 0);
  out(t('cli.cache.total', { size: formatBytes(total, locale), folder: report.folder, interpolation: { escapeValue: false } }));
  if (report.runningBuilds > 0) out(t('cli.cache.running', { count: report.runningBuilds }));
}

/** Adds `cache` to the program (called from cli/main.ts). */
export function addCacheCommand(program: Command, t: TFunction, run: Run, globals: () => LibraryOptions, locale: Locale): void {
  const cache = program
    .command('cache')
    .description(t('cli.command.cache'))
    .option('--json', t('cli.option.json'))
    .action((options: { json?: boolean }) => run(() => cacheCommand({ ...options, ...globals(), locale }, t))());
  cache
    .command('clear')
    .description(t('cli.command.cacheClear'))
    .option('--only <ids>', t('cli.option.cacheOnly'))
    .option('--json', t('cli.option.json'))
    .action((options: { only?: string; json?: boolean }) => run(() => cacheClearCommand({ ...options, ...globals(), locale }, t))());
}
