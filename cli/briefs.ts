/**
 * Shared by the commands that take a brief: import it, print its problems,
 * and stop with exit 1 when it is not valid.
 */
import path from 'node:path';
import type { TFunction } from 'i18next';
import { checkBriefFile, saveProjectBrief, type Material, type Studio } from '../engine/app/index.js';
import { formatDiagnostic } from '../engine/i18n/index.js';


export class InvalidBrief extends Error {}

export async function loadBrief(file: string, t: TFunction): Promise<{ material: Material; text: string }> {
  const result = await checkBriefFile(file);
  if (result.crashLog) process.stderr.write(`luat-studio: ${t('cli.crashLog', { log: result.crashLog })}\n`);
  for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d, file, t)}\n`);
  if (!result.material || result.text === null) throw new InvalidBrief(file);
  return { material: result.material, text: result.text };
}

/** Saves the brief as its project in the library (created or updated) and returns the project id. */
export async function saveBriefFile(studio: Studio, file: string, brief: { material: Material; text: string }): Promise<string> {
  const project = await saveProjectBrief(studio, brief.material, brief.text, path.resolve(file));
  return project.id;
}

export function parseList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
