/**
 * Shared by the commands that take a brief: import it, print its problems,
 * and stop with exit 1 when it is not valid.
 */
import type { TFunction } from 'i18next';
import { importBriefFile } from '../engine/brief/import.js';
import { formatDiagnostic } from '../engine/i18n/index.js';
import type { Material } from '../engine/model/material.js';
import { writeCrashLog } from './failures.js';

export class InvalidBrief extends Error {}

export async function loadBrief(file: string, t: TFunction): Promise<{ material: Material; text: string }> {
  const result = await importBriefFile(file);
  if (result.crash) {
    const log = writeCrashLog(result.crash, `import ${file}`);
    process.stderr.write(`luat-studio: ${t('cli.crashLog', { log: log ?? '-' })}\n`);
  }
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d, file, t)}\n`);
  if (!result.material || result.text === undefined) throw new InvalidBrief(file);
  return { material: result.material, text: result.text };
}

export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

