/**
 * `luat-studio legal import FILE | list`: the library's legal register
 * (engine/legal, docs/legal-register.md). `check` reads it.
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { importLegalRegister, listLegalRegister, type LegalRegisterEntry } from '../../engine/app/index.js';
import { EXIT, type Run } from '../failures.js';
import { readingLibrary, withLibrary, type LibraryOptions } from '../library.js';

export async function legalImportCommand(file: string, options: LibraryOptions, t: TFunction): Promise<number> {
  const outcome = await withLibrary(options, 'legal import', (studio) => importLegalRegister(studio, file));
  process.stdout.write(`${t('cli.legal.imported', { ...outcome, file })}\n`);
  return EXIT.ok;
}

export async function legalListCommand(options: LibraryOptions & { json?: boolean }, t: TFunction): Promise<number> {
  const entries = await readingLibrary(options, (studio) => listLegalRegister(studio));
  if (options.json) process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
  else if (entries.length === 0) process.stdout.write(`${t('cli.legal.empty')}\n`);
  else for (const e of entries) process.stdout.write(`${line(e, t)}\n`);
  return EXIT.ok;
}

function line(e: LegalRegisterEntry, t: TFunction): string {
  const status = t(`cli.legal.status.${e.status}`, { by: e.by ?? '', from: e.from ?? '' });
  return `${e.ref}\t${status}\t${t('cli.legal.source', { source: e.source })}${e.note ? `\t${e.note}` : ''}`;
}

/** Adds `legal` to the program (called from cli/main.ts). */
export function addLegalCommands(program: Command, t: TFunction, run: Run, globals: () => LibraryOptions): void {
  const legal = program.command('legal').description(t('cli.legal.command'));
  legal
    .command('import')
    .description(t('cli.legal.importCommand'))
    .argument('<file>', t('cli.legal.fileArgument'))
    .action((file: string) => run(() => legalImportCommand(file, globals(), t))());
  legal
    .command('list')
    .description(t('cli.legal.listCommand'))
    .option('--json', t('cli.option.json'))
    .action((options: { json?: boolean }) => run(() => legalListCommand({ ...options, ...globals() }, t))());
}
