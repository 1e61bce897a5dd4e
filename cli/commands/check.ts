import type { TFunction } from 'i18next';
import { importBriefFile } from '../../engine/brief/import.js';
import { diagnosticMessage, formatDiagnostic } from '../../engine/i18n/index.js';
import { EXIT, writeCrashLog } from '../failures.js';

/** `check <brief…>`: 0 when every brief is valid (warnings on stderr), 1 when any is not. */
export async function checkCommand(files: string[], options: { json?: boolean }, t: TFunction): Promise<number> {
  let exit: number = EXIT.ok;
  const reports = [];
  for (const file of files) {
    const result = await importBriefFile(file);
    if (result.crash) {
      const log = writeCrashLog(result.crash, `check ${file}`);
      process.stderr.write(`luat-studio: ${t('cli.crashLog', { log: log ?? '-' })}\n`);
    }
    const valid = result.material !== null;
    if (!valid) exit = EXIT.invalid;
    if (options.json) {
      reports.push({
        file,
        valid,
        errors: result.diagnostics.filter((d) => d.severity === 'error').length,
        warnings: result.diagnostics.filter((d) => d.severity === 'warning').length,
        diagnostics: result.diagnostics.map((d) => ({ ...d, message: diagnosticMessage(d, t) })),
        material: result.material ? { id: result.material.id, title: result.material.title.text } : null,
      });
      continue;
    }
    for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d, file, t)}\n`);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    process.stderr.write(`${valid ? t('cli.check.valid', { file, warnings }) : t('cli.check.invalid', { file, errors, warnings })}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(files.length === 1 ? reports[0] : reports, null, 2)}\n`);
  return exit;
}
