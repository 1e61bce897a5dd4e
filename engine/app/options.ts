/**
 * The one place build settings are resolved, for the command line and the
 * app alike. For every key the first that gives it wins:
 *
 *   CLI flag (or the UI's choice for this render) > project settings > app settings > default
 *
 * The result is validated (engine/build/settings.ts); a project whose
 * settings do not fit gets a clear StudioError naming the key.
 */
import { StudioError } from '../errors.js';
import { BuildSettings, DEFAULT_VIDEO_VOICE_FALLBACK, ProjectSettings, vietnamDate, type VideoVoiceFallback } from '../build/settings.js';
import type { VoiceClipSource } from '../speech/speechEngine.js';
import type { AppSettings } from './settingsSchema.js';

/** What a single build is told on top of the stored settings (CLI flags; the UI's aspects). */
export interface BuildFlags {
  chromiumPath?: string | null;
  speechEngine?: string | null;
  /** Video aspects for this build. */
  aspects?: string[];
  /** Video picture scale for this build (0.1–1; drafts and tests). */
  videoScale?: number;
  videoVoiceFallback?: VideoVoiceFallback;
}

export interface SettingLayers {
  flags?: BuildFlags;
  project?: Record<string, unknown> | null;
  app?: Partial<AppSettings> | null;
  voiceClips?: VoiceClipSource | null;
}

const firstGiven = <T>(...values: Array<T | null | undefined>): T | null => values.find((v) => v !== undefined && v !== null) ?? null;

export function resolveBuildSettings(layers: SettingLayers): BuildSettings {
  const parsed = ProjectSettings.safeParse(layers.project ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StudioError('build.badSettings', { key: issue?.path.join('.') ?? '', problem: issue?.message ?? '' });
  }
  const project = parsed.data;
  const flags = layers.flags ?? {};
  const app = layers.app ?? {};
  const settings: BuildSettings = {
    ...project,
    // Fixed here, once, so every format and every farm unit of the build stamps the same date (filesMadeAt).
    editionDate: project.editionDate ?? vietnamDate(new Date()),
    chromiumPath: firstGiven(flags.chromiumPath?.trim() || null, project.chromiumPath, app.chromiumPath?.trim() || null),
    speechEngine: firstGiven(flags.speechEngine, project.speechEngine, app.speechEngine),
    voiceClips: layers.voiceClips ?? null,
    videoVoiceFallback: firstGiven(flags.videoVoiceFallback, project.videoVoiceFallback, app.videoVoiceFallback) ?? DEFAULT_VIDEO_VOICE_FALLBACK,
  };
  if (flags.aspects && flags.aspects.length > 0) settings.video = { ...(project.video ?? {}), aspects: [...flags.aspects] };
  if (flags.videoScale !== undefined) settings.video = { ...(settings.video ?? project.video ?? {}), scale: flags.videoScale };
  return BuildSettings.parse(settings);
}
