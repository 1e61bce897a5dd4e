/** Material → what the editor's outline and the library list show of it. */
import type { TFunction } from 'i18next';
import type { Diagnostic } from '../brief/diagnostics.js';
import { diagnosticMessage } from '../i18n/index.js';
import type { Material, Section } from '../model/material.js';
import { listTextUnits } from '../model/units.js';
import type { ApiDiagnostic, Outline } from '../api/contract.js';

export function outlineOf(material: Material): Outline {
  return {
    id: material.id,
    title: material.title.text,
    subtitle: material.subtitle?.text ?? null,
    issuer: material.issuer.text,
    sourceLanguage: material.sourceLanguage,
    targetLanguages: [...material.targetLanguages],
    legalBasis: material.legalBasis.map((d) => ({ ref: d.ref, title: d.title.text, articles: [...d.articles] })),
    sections: material.sections.map((s) => ({ id: s.id, kind: s.kind, heading: s.heading.text, line: s.heading.loc.line, items: itemsOf(s) })),
    units: listTextUnits(material).length,
  };
}

function itemsOf(section: Section): number {
  switch (section.kind) {
    case 'content': return section.blocks.length;
    case 'keyMessages': return section.messages.length;
    case 'qa': return section.pairs.length;
    case 'situation': return section.scenes.length;
    case 'audiobook': return section.chapters.length;
    case 'quiz': return section.questions.length;
  }
}

/** A diagnostic as the UI shows it: the message in the user's language, where the CLI would put it. */
export function apiDiagnostic(d: Diagnostic, t: TFunction): ApiDiagnostic {
  const out: ApiDiagnostic = { severity: d.severity, code: d.code, message: diagnosticMessage(d, t) };
  if (d.line !== undefined) out.line = d.line;
  if (d.col !== undefined) out.col = d.col;
  return out;
}
