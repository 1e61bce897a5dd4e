/**
 * Child process for the hostile-brief checks: imports each brief file given
 * the way `check --json` does (diagnostics rendered in Vietnamese, the report
 * as JSON) and prints one line of JSON per file about the outcome, the time
 * and the peak memory so far. `node --import tsx tests/reliability/checkBriefChild.ts FILE…`
 */
import { importBriefFile } from '../../engine/brief/import.js';
import { diagnosticMessage, translator } from '../../engine/i18n/index.js';

const t = translator('vi');
for (const file of process.argv.slice(2)) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = await importBriefFile(file);
  const report = JSON.stringify({
    valid: result.material !== null,
    diagnostics: result.diagnostics.map((d) => ({ ...d, message: diagnosticMessage(d, t) })),
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  process.stdout.write(
    `${JSON.stringify({
      file,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      valid: result.material !== null,
      diagnostics: result.diagnostics.length,
      codes: [...new Set(result.diagnostics.map((d) => d.code))],
      errorsWithoutLine: errors.filter((d) => d.line === undefined).map((d) => d.code),
      crashed: result.crash !== undefined,
      crash: result.crash ? String((result.crash as Error)?.stack ?? result.crash).slice(0, 500) : undefined,
      reportBytes: report.length,
    })}\n`,
  );
}
