/**
 * `luat-studio brief from-docx FILE.docx --out brief.md` and
 * `luat-studio brief to-docx brief.md --out FILE.docx`: briefs written in
 * Word (docs/brief-format.md, "Soạn bằng Word"). Thin: the conversion and the
 * durable writes are engine/app/docx.ts; this prints what it says.
 */
import type { Command } from 'commander';
import type { TFunction } from 'i18next';
import { briefFileToDocxFile, checkBriefText, docxFileToBriefFile } from '../../engine/app/index.js';
import { diagnosticMessage, formatDiagnostic } from '../../engine/i18n/index.js';
import { EXIT, type Run } from '../failures.js';

/** Writes the brief, then checks it like `check` does: exit 1 (the file is kept) when it still has errors. */
export async function fromDocxCommand(file: string, options: { out?: string }, t: TFunction): Promise<number> {
  const result = await docxFileToBriefFile(file, options.out);
  for (const d of result.diagnostics) process.stderr.write(`${file}: ${d.severity}: ${diagnosticMessage(d, t)}\n`);
  process.stdout.write(`${t('cli.docx.wroteBrief', { file: result.path })}\n`);
  const checked = checkBriefText(result.text);
  for (const d of checked.diagnostics) process.stderr.write(`${formatDiagnostic(d, result.path, t)}\n`);
  const errors = checked.diagnostics.filter((d) => d.severity === 'error').length;
  if (checked.material === null) {
    process.stderr.write(`${t('cli.docx.briefInvalid', { file: result.path, errors })}\n`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}

export async function toDocxCommand(file: string, options: { out?: string }, t: TFunction): Promise<number> {
  const result = await briefFileToDocxFile(file, options.out);
  process.stdout.write(`${t('cli.docx.wroteDocx', { file: result.path })}\n`);
  return EXIT.ok;
}

/** Adds `brief from-docx` and `brief to-docx` (called from cli/main.ts). */
export function addBriefCommands(program: Command, t: TFunction, run: Run): void {
  const brief = program.command('brief').description(t('cli.docx.command'));
  brief
    .command('from-docx')
    .description(t('cli.docx.fromDocx'))
    .argument('<file>', t('cli.docx.argDocx'))
    .option('--out <file>', t('cli.docx.outBrief'))
    .action((file: string, options: { out?: string }) => run(() => fromDocxCommand(file, options, t))());
  brief
    .command('to-docx')
    .description(t('cli.docx.toDocx'))
    .argument('<brief>', t('cli.argument.brief'))
    .option('--out <file>', t('cli.docx.outDocx'))
    .action((file: string, options: { out?: string }) => run(() => toDocxCommand(file, options, t))());
}
