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

export async function checkBriefFile(file: string): Promise<CheckedBrief> {
  return checked(await importBriefFile(file), `check ${file}`);
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
