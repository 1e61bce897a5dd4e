/**
 * Does every text fit its box? The same layout the build prints (each format's
 * measureFit opens the very page its build opens, in the same Chromium), but
 * nothing is printed or written: `luat-studio check` reports each box that does
 * not fit as an error at the brief's line of the text sticking out of it.
 */
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import { indexTextUnits } from '../model/units.js';
import { BuildResources, resolveFormats } from './build.js';
import type { FitContext, FitProblem } from './format.js';
import { defaultBuildSettings, type BuildSettings } from './settings.js';

export interface FitRequest {
  material: Material;
  /** Format names; empty: every format that has boxes to fit. */
  formats?: string[];
  settings?: BuildSettings;
  projectDir?: string | null;
  signal?: AbortSignal;
}

/** Every box that does not fit, as an error diagnostic at its text's place in the brief. */
export async function measureFits(request: FitRequest): Promise<Diagnostic[]> {
  const { material } = request;
  const shared = new BuildResources();
  const ctx: FitContext = {
    material,
    languages: [material.sourceLanguage],
    materialFor: (language) => {
      if (language !== material.sourceLanguage) throw new StudioError('build.languageNotBuilt', { language });
      return material;
    },
    settings: request.settings ?? defaultBuildSettings(),
    projectDir: request.projectDir ?? null,
    signal: request.signal ?? new AbortController().signal,
    shared,
  };
  const problems: FitProblem[] = [];
  try {
    for (const format of resolveFormats(request.formats ?? [])) {
      if (format.measureFit) problems.push(...(await format.measureFit(ctx)));
    }
  } finally {
    await shared.disposeAll();
  }
  return fitDiagnostics(problems, material);
}

/** One diagnostic per text unit that does not fit, naming every format and size it overflows. */
export function fitDiagnostics(problems: FitProblem[], material: Material): Diagnostic[] {
  const units = indexTextUnits(material);
  const byUnit = new Map<string, { unitId: string; where: string[]; box: string }>();
  for (const p of problems) {
    const unitId = p.unitIds[0] ?? '';
    const entry = byUnit.get(unitId) ?? { unitId, where: [], box: p.box };
    entry.where.push(`${p.format} ${p.variant}`);
    byUnit.set(unitId, entry);
  }
  return [...byUnit.values()].map(({ unitId, where, box }) => {
    const unit = units.get(unitId)?.unit;
    const role = units.get(unitId)?.role ?? '';
    const d: Diagnostic = {
      severity: 'error',
      // A title too long for the small formats can be given a short_title instead of being cut.
      code: role === 'title' && !material.shortTitle ? 'fit.titleDoesNotFit' : 'fit.doesNotFit',
      params: { box, where: where.join(', '), text: unit ? excerpt(unit.text) : unitId },
    };
    if (unit) {
      d.line = unit.loc.line;
      d.col = unit.loc.col;
    }
    return d;
  });
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
