/**
 * Which of the languages asked for a build can be built: the source language
 * always; a target language when its translation is complete and fresh and
 * every label (engine/model/labels.ts) has a text in it. One resolution for a
 * build on one PC (./build.ts) and for the render farm's plan
 * (engine/farm/units.ts), so both build and skip the same languages.
 */
import type { LabelTexts } from '../model/labels.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { completeness } from '../translations/completeness.js';
import { labelTextsFor } from '../translations/labels.js';

export interface SkippedLanguage {
  language: string;
  percent: number;
  /** Set when the units are complete but these labels have no text in the language. */
  missingLabels?: string[];
}

export interface ResolvedLanguages {
  /** The source language first (when asked for), then the buildable targets in the order asked. */
  languages: string[];
  skippedLanguages: SkippedLanguage[];
  /** The label texts of every built language, the source language's included. */
  labels: Map<string, LabelTexts>;
}

/** `asked` empty: the source language and every target language of the brief. */
export function resolveBuildLanguages(material: Material, translations: TranslationRecord[], asked: string[]): ResolvedLanguages {
  const wanted = asked.length > 0 ? asked : [material.sourceLanguage, ...material.targetLanguages];
  const languages: string[] = [];
  const skippedLanguages: SkippedLanguage[] = [];
  const labels = new Map<string, LabelTexts>();
  for (const language of new Set(wanted)) {
    if (language === material.sourceLanguage) {
      languages.unshift(language);
      continue;
    }
    const status = completeness(material, language, translations);
    if (status.missing > 0 || status.stale > 0) {
      skippedLanguages.push({ language, percent: status.percent });
      continue;
    }
    const labelLookup = labelTextsFor(material, language, translations);
    if (!labelLookup.texts) {
      skippedLanguages.push({ language, percent: status.percent, missingLabels: labelLookup.status.missing });
      continue;
    }
    labels.set(language, labelLookup.texts);
    languages.push(language);
  }
  labels.set(material.sourceLanguage, labelTextsFor(material, material.sourceLanguage, translations).texts!);
  return { languages, skippedLanguages, labels };
}
