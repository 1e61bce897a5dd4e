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
  editionDate: z.string().optional(),
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
