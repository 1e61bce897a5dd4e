/**
 * A build split into units a worker can render on its own: one format in one
 * language, and for the video one aspect. Units are independent (each writes
 * its own folder), so any worker can take any unit and a retried unit gives
 * the same files.
 */
import { resolveFormats } from '../build/build.js';
import { CHUNK_SECONDS } from '../formats/video/encodeFrames.js';
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
  /** A long video's range of frames [from, to), joined after (./stitchVideo.ts); `whole` is the key the joined video is known by. */
  range?: { from: number; to: number; index: number; count: number; whole: string };
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
  request: {
    formats: string[];
    languages: string[];
    aspects?: string[];
    /** The video's length per language, when known (its only situation video); a longer one than `splitVideoSeconds` is split. */
    videoLength?: Map<string, { frames: number; fps: number }>;
    splitVideoSeconds?: number;
  },
): UnitPlan {
  const formats = resolveFormats(request.formats).map((f) => f.name);
  const { languages, skippedLanguages } = resolveBuildLanguages(material, translations, request.languages);
  const briefAspects = [...new Set(material.sections.flatMap((s) => (s.kind === 'situation' ? s.aspects : [])))];
  const aspects = request.aspects && request.aspects.length > 0 ? request.aspects : briefAspects;
  const units: RenderUnit[] = [];
  for (const format of formats) {
    for (const language of languages) {
      if (format === 'video' && aspects.length > 0) {
        for (const aspect of aspects) {
          const key = `${slug(format)}_${slug(language)}_${slug(aspect)}`;
          const ranges = videoRanges(request.videoLength?.get(language), request.splitVideoSeconds);
          if (ranges.length < 2) units.push({ key, format, language, aspect });
          else for (const [index, r] of ranges.entries()) units.push({ key: `${key}_f${r.from}`, format, language, aspect, range: { ...r, index, count: ranges.length, whole: key } });
        }
      } else {
        units.push({ key: `${slug(format)}_${slug(language)}`, format, language });
      }
    }
  }
  return { units, skippedLanguages };
}

/** A video longer than this is split into ranges of about this length (a farm setting: AppSettings.farm.splitVideoSeconds). */
export const DEFAULT_SPLIT_VIDEO_SECONDS = 120;

/**
 * Ranges of whole encoder chunks (CHUNK_SECONDS), so the joined video is
 * made of the same chunks as one PC's; none (one unit) when the video is not
 * longer than `splitSeconds`.
 */
export function videoRanges(length: { frames: number; fps: number } | undefined, splitSeconds = DEFAULT_SPLIT_VIDEO_SECONDS): { from: number; to: number }[] {
  if (!length || length.frames <= splitSeconds * length.fps) return [];
  const chunk = Math.round(CHUNK_SECONDS * length.fps);
  const size = Math.max(1, Math.round(splitSeconds / CHUNK_SECONDS)) * chunk;
  const ranges: { from: number; to: number }[] = [];
  for (let from = 0; from < length.frames; from += size) ranges.push({ from, to: Math.min(length.frames, from + size) });
  return ranges;
}
