import type { TFunction } from 'i18next';
import { checkBriefFile, labelGaps, libraryFolder } from '../../engine/app/index.js';
import { readingLibrary } from '../library.js';
import { diagnosticMessage, formatDiagnostic } from '../../engine/i18n/index.js';
import { EXIT } from '../failures.js';

/**
 * `check <brief…>`: 0 when every brief is valid (warnings on stderr), 1 when any is not. Touches no library.
 * It also lays every text out as the build does and reports each that does not fit (`--no-fit`: parse only).
 */
export async function checkCommand(files: string[], options: { json?: boolean; fit?: boolean; chromium?: string; library?: string }, t: TFunction): Promise<number> {
  // The legal register is read from the library (without taking it): citations of replaced documents are errors.
  const libraryDir = libraryFolder(options.library);
  let exit: number = EXIT.ok;
  const reports = [];
  for (const file of files) {
    const result = await checkBriefFile(file, { fit: options.fit !== false, chromiumPath: options.chromium ?? null, libraryDir });
    if (result.crashLog) process.stderr.write(`luat-studio: ${t('cli.crashLog', { log: result.crashLog })}\n`);
    const valid = result.material !== null;
    if (!valid) exit = EXIT.invalid;
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = result.diagnostics.length - errors;
    if (options.json) {
      reports.push({
        file,
        valid,
        errors,
        warnings,
        diagnostics: result.diagnostics.map((d) => ({ ...d, message: diagnosticMessage(d, t) })),
        material: result.material ? { id: result.material.id, title: result.material.title.text } : null,
      });
      continue;
    }
    for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d, file, t)}\n`);
    // Declared target languages whose labels nobody has translated yet cannot be built (read from the library, never written).
    const material = result.material;
    const gaps = material && material.targetLanguages.length > 0
      ? await readingLibrary(options, (studio) => labelGaps(studio, material)).catch(() => [])
      : [];
    for (const g of gaps) {
      process.stderr.write(`${file}: ${t('cli.translations.labelsMissing', { language: g.language, count: g.missing.length, ids: g.missing.join(', ') })}\n`);
    }
    process.stderr.write(`${valid ? t('cli.check.valid', { file, warnings }) : t('cli.check.invalid', { file, errors, warnings })}\n`);
  }
  if (options.json) process.stdout.write(`${JSON.stringify(files.length === 1 ? reports[0] : reports, null, 2)}\n`);
  return exit;
}
