/**
 * What a build is told, typed: the parts every format shares (browser,
 * speech engine, speech services, recorded clips) and each format's own
 * options, which that format validates with its own schema (print:
 * PrintSettings, audiobook: AudiobookSettings, video: its `video` keys).
 * engine/app/options.ts resolves it from CLI flags, project settings and
 * app settings, in that order.
 */
import { z } from 'zod';
import type { VoiceClipSource } from '../speech/speechEngine.js';

const record = z.record(z.string(), z.unknown());

/**
 * What a minority-language video says when a line has neither a recorded voice
 * nor a machine voice for that language: the Vietnamese voice under the
 * minority subtitles (default), or only music with the subtitles and closed
 * mouths. Never silence with moving mouths.
 */
export const VIDEO_VOICE_FALLBACKS = ['vietnamese-voice', 'music'] as const;
export const VideoVoiceFallback = z.enum(VIDEO_VOICE_FALLBACKS);
export type VideoVoiceFallback = z.infer<typeof VideoVoiceFallback>;
export const DEFAULT_VIDEO_VOICE_FALLBACK: VideoVoiceFallback = 'vietnamese-voice';

/** Project settings: brand kit and styles for print, per-format options, speech services, publishing. */
export const ProjectSettings = z.looseObject({
  brand: record.optional(),
  styles: record.optional(),
  /** The edition's date, YYYY-MM-DD (printed on the booklet and leaflet; see filesMadeAt). Default: the day of the build, Vietnam time. */
  editionDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  video: record.optional(),
  audiobook: record.optional(),
  /** The booklet's optional sections (print/settings.ts) and the comic's options (formats/comic/settings.ts). */
  booklet: record.optional(),
  comic: record.optional(),
  speech: z.looseObject({
    engines: z.array(z.looseObject({ id: z.string().min(1), endpoint: z.string(), languages: z.array(z.string()) })).optional(),
    /** false: speak text as written, without the Vietnamese normaliser (engine/speech/normalize). */
    normalize: z.boolean().optional(),
  }).optional(),
  publish: record.optional(),
  chromiumPath: z.string().min(1).nullable().optional(),
  speechEngine: z.string().min(1).optional(),
  videoVoiceFallback: VideoVoiceFallback.optional(),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

const voiceClipSource = z.custom<VoiceClipSource>((v) => typeof (v as Partial<VoiceClipSource> | null)?.find === 'function');

export const BuildSettings = z.looseObject({
  ...ProjectSettings.shape,
  /** Chromium (or Chrome, Edge) for print, covers and video; null: found automatically. */
  chromiumPath: z.string().min(1).nullable().optional(),
  /** Id of the speech engine asked first; null: the engines in the order configured, espeak-ng last. */
  speechEngine: z.string().min(1).nullable().optional(),
  /** Resolved (flag > project > app > default): see VideoVoiceFallback. */
  videoVoiceFallback: VideoVoiceFallback.optional(),
  /** Recorded clips, found by unit id and language. */
  voiceClips: voiceClipSource.nullable().optional(),
  /**
   * Where the video's captured pictures are kept and looked up (formats/video/pictureCache.ts): a render
   * farm's shared folder, so a unit reuses what another PC's unit of the same build captured. Default:
   * a temp folder of this build.
   */
  pictureCacheDir: z.string().min(1).optional(),
  /** The library's neural voices (engine/speech/neural); default: the default library's. */
  voicesDir: z.string().min(1).optional(),
  /** "Đọc là" entries, the project's before the library's, applied before the normaliser. */
  pronunciation: z.array(z.object({ language: z.string(), written: z.string(), spoken: z.string() })).optional(),
});
export type BuildSettings = z.infer<typeof BuildSettings>;

/** Settings of a build that was given none (tests, a bare brief). */
export function defaultBuildSettings(): BuildSettings {
  return { chromiumPath: null, speechEngine: null, voiceClips: null };
}

/** The studio's calendar is Vietnam's (UTC+7, no daylight saving) on any PC, so a farm's workers agree with the studio on "today". */
export const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The date in Vietnam at `now`, YYYY-MM-DD. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The moment every file of a build says it was made (a PDF's creation and
 * modification dates, the EPUB's dcterms:modified, the lecture's core
 * properties, the podcast feed's dates, a calendar's DTSTAMP): midnight in
 * Vietnam of the edition date, not the clock. So a rebuild of the same
 * content on the same edition date, on this PC or on a farm's, makes the same
 * bytes, and an approval (which hashes every file) still holds after it.
 * resolveBuildSettings (engine/app/options.ts) fixes the date once per build.
 */
export function filesMadeAt(settings: Pick<BuildSettings, 'editionDate'>, now: Date = new Date()): Date {
  return new Date(Date.parse(`${editionDateOf(settings, now)}T00:00:00Z`) - VIETNAM_OFFSET_MS);
}

/** The build's edition date, YYYY-MM-DD: the resolved settings', else (settings made without resolveBuildSettings) today's. */
export function editionDateOf(settings: Pick<BuildSettings, 'editionDate'>, now: Date = new Date()): string {
  return settings.editionDate ?? vietnamDate(now);
}
