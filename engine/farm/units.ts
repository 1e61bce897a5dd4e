/**
 * A build split into units a worker can render on its own: one format in one
 * language, and for the video one aspect. Units are independent (each writes
 * its own folder), so any worker can take any unit and a retried unit gives
 * the same files.
 */
import { resolveFormats } from '../build/build.js';
import { resolveBuildLanguages, type SkippedLanguage } from '../build/languages.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';

export interface RenderUnit {
  /** Stable within a build: the job's id and the unit's folder name. */
  key: string;
  format: string;
  language: string;
  /** Video only. */
  aspect?: string;
}

export interface UnitPlan {
  units: RenderUnit[];
  /** Languages asked for whose translation is not complete (not built). */
  skippedLanguages: SkippedLanguage[];
}

const slug = (value: string) => value.replace(/[^A-Za-z0-9]+/g, '-');

export function planUnits(
  material: Material,
  translations: TranslationRecord[],
  request: { formats: string[]; languages: string[]; aspects?: string[] },
): UnitPlan {
  const formats = resolveFormats(request.formats).map((f) => f.name);
  const { languages, skippedLanguages } = resolveBuildLanguages(material, translations, request.languages);
  const briefAspects = [...new Set(material.sections.flatMap((s) => (s.kind === 'situation' ? s.aspects : [])))];
  const aspects = request.aspects && request.aspects.length > 0 ? request.aspects : briefAspects;
  const units: RenderUnit[] = [];
  for (const format of formats) {
    for (const language of languages) {
      if (format === 'video' && aspects.length > 0) {
        for (const aspect of aspects) units.push({ key: `${slug(format)}_${slug(language)}_${slug(aspect)}`, format, language, aspect });
      } else {
        units.push({ key: `${slug(format)}_${slug(language)}`, format, language });
      }
    }
  }
  return { units, skippedLanguages };
}
