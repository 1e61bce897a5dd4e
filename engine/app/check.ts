/**
 * Checking a brief: parse it into a Material and collect every problem.
 * Reads nothing but the brief and writes nothing but, on an importer bug,
 * a crash log (whose path comes back for the user to send).
 */
import type { TFunction } from 'i18next';
import type { Diagnostic } from '../brief/diagnostics.js';
import { importBriefFile, importBriefText } from '../brief/import.js';
import { writeCrashLog } from '../crashLog.js';
import type { Material } from '../model/material.js';
import type { Validation } from '../api/contract.js';
import { apiDiagnostic, outlineOf } from './outline.js';
import { measureFits } from '../build/fit.js';
import { defaultBuildSettings } from '../build/settings.js';
import { StudioError } from '../errors.js';
import { readLegalRegister, registerDiagnostics } from '../legal/register.js';
import { labelTextsFor, withLabelMemory } from '../translations/labels.js';
import type { Studio } from './studio.js';

export interface CheckedBrief {
  material: Material | null;
  diagnostics: Diagnostic[];
  /** The decoded, normalised text, when the file could be decoded. */
  text: string | null;
  /** Crash log written for an unexpected importer failure, or null. */
  crashLog: string | null;
}

function checked(result: Awaited<ReturnType<typeof importBriefFile>>, context: string): CheckedBrief {
  const crashLog = result.crash ? (writeCrashLog(result.crash, context) ?? '-') : null;
  return { material: result.material, diagnostics: result.diagnostics, text: result.text ?? null, crashLog };
}

export interface CheckOptions {
  /**
   * Lay the texts out as the build does and report each that does not fit
   * (starts Chromium: a few seconds). The CLI's `check` does unless `--no-fit`;
   * the editor's live check does not.
   */
  fit?: boolean;
  /** Chromium to measure with; null or absent: found automatically. */
  chromiumPath?: string | null;
  /**
   * The library whose legal register the citations are checked against (read
   * only, no lock): a replaced or repealed document is an error, an amended one
   * a warning. Absent: no register.
   */
  libraryDir?: string;
}

export async function checkBriefFile(file: string, options: CheckOptions = {}): Promise<CheckedBrief> {
  const result = checked(await importBriefFile(file), `check ${file}`);
  if (options.libraryDir !== undefined && result.material) {
    addDiagnostics(result, registerDiagnostics(result.material, await readLegalRegister(options.libraryDir)));
  }
  if (options.fit && result.material) await addFitDiagnostics(result, options);
  return result;
}

/** Diagnostics found after parsing join the brief's own, in line order; an error makes the brief not valid. */
function addDiagnostics(result: CheckedBrief, found: Diagnostic[]): void {
  if (found.length === 0) return;
  result.diagnostics = [...result.diagnostics, ...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0));
  if (found.some((d) => d.severity === 'error')) result.material = null;
}

/** The fit errors join the brief's own; a brief with one is not valid (the build would stop at it). */
async function addFitDiagnostics(result: CheckedBrief, options: CheckOptions): Promise<void> {
  const material = result.material!;
  let found: Diagnostic[];
  try {
    found = await measureFits({ material, settings: { ...defaultBuildSettings(), chromiumPath: options.chromiumPath ?? null } });
  } catch (error) {
    // No browser to measure with: say so, and let the rest of the check stand.
    const reason = error instanceof StudioError ? error.code : 'unexpected';
    result.diagnostics.push({ severity: 'warning', code: 'fit.notMeasured', params: { reason } });
    return;
  }
  addDiagnostics(result, found);
}

export function checkBriefText(text: string): CheckedBrief {
  return checked(importBriefText(text), 'validate brief');
}

/** The editor's view of a check: diagnostics in the user's language and the outline. */
export function validateBrief(text: string, t: TFunction): { validation: Validation; material: Material | null; text: string } {
  const result = checkBriefText(text);
  return {
    validation: {
      valid: result.material !== null,
      diagnostics: result.diagnostics.map((d) => apiDiagnostic(d, t)),
      outline: result.material ? outlineOf(result.material) : null,
    },
    material: result.material,
    text: result.text ?? text,
  };
}

/**
 * The target languages declared by a brief whose labels (engine/model/labels.ts)
 * are not all translated in the library (its label memory, or the project's own):
 * none of them can be built yet. Reads the library only.
 */
export async function labelGaps(studio: Studio, material: Material): Promise<Array<{ language: string; missing: string[] }>> {
  const records = withLabelMemory(await studio.library.translationsAgainst(material), await studio.library.listLabelMemory());
  return material.targetLanguages
    .map((language) => ({ language, missing: [...labelTextsFor(material, language, records).status.missing] }))
    .filter((gap) => gap.missing.length > 0);
}
