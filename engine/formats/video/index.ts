/**
 * `luat-studio build --formats video`: each situation script (kind:
 * situation, format: video) becomes an animated video per language and per
 * aspect the brief asks for, with sidecar subtitles and a poster.
 *
 *   DIR/video/<lang>/<material>-<situation>-<16x9|9x16|1x1>.mp4 (+ .srt, .vtt, -poster.png, -share.mp4)
 *
 * `-share.mp4` is the share version (720p, ≤ 3 MB a minute, ./shareVersion.ts),
 * encoded beside the full video from the same pictures, for Zalo and slow links; a manifest
 * output of its own (variant `<aspect>.share`), so it is approved and checked
 * like every other file before a channel whose preset asks for it gets it.
 *
 * Per language the voices are made and the soundtrack is rendered once; per
 * aspect only the picture is rendered, the aspects of a language at once,
 * each in a browser of its own (./captureSlots.ts). The Remotion bundle, the
 * browsers and the captured pictures are shared by the whole build.
 *
 * Project settings read here: `video.burnSubtitles` (default true),
 * `video.shareVersion` (default true: make the share version),
 * `video.music` (a music bed file, absolute or in the project folder),
 * `video.accent` ('north' | 'central' | 'south'), `video.dress` ('upland' |
 * 'lowland'), `video.narratorGender`; and, shared with other formats,
 * `chromiumPath`, `speech` (engines) and `voiceClips` (recorded lines).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BuildContext, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { asCancelled, StudioError, throwIfCancelled } from '../../errors.js';
import { FONT_FAMILIES, checkGlyphs } from '../../fonts/index.js';
import { shortTitleOf, type Material, type SituationSection } from '../../model/material.js';
import type { OutputEntry } from '../../model/records.js';
import { indexTextUnits, sectionsOfKind } from '../../model/units.js';
import { SpeechRegistry, speechRegistryFromSettings, voiceClipsFromSettings } from '../../speech/registry.js';
import { buildSpeechRegistry, projectSpeechCacheDir } from '../../build/speech.js';
import type { SpeechEngine, VoiceClipSource, VoiceSpec } from '../../speech/speechEngine.js';
import { ASPECT_SIZES, type AspectName, type VideoPlan } from '../../../templates/video/plan.js';
import { videoLabels } from '../../../templates/video/labels.js';
import type { LabelTexts } from '../../model/labels.js';
import { languageInfo } from '../../model/languages.js';
import { decodeMonoFloat, linesAudio, type LineAudio, type VoiceSources } from './lineAudio.js';
import { DEFAULT_VIDEO_VOICE_FALLBACK, type VideoVoiceFallback } from '../../build/settings.js';
import type { EncoderPreset } from './encodeFrames.js';
import { sharedPictureCache } from './pictureCache.js';
import { sharedVideoBrowser } from './capture.js';
import { videoCapturesAtOnce } from './captureSlots.js';
import { inSlots } from '../../inSlots.js';
import { sharedBundle } from './remotion.js';
import { renderVideo, type RenderVideoStats, type SubtitleTrack } from './renderVideo.js';
import { frameRangeSetting } from './frameRange.js';
import { renderSoundtrack } from './soundtrack.js';
import { dressFor, puppetFor, sceneSets, videoSettings, voicesFor } from './staging.js';
import { cuesToMs } from './subtitleFiles.js';
import { captionMeasure } from './textMeasure.js';
import { DEFAULT_TIMING, buildTimeline, situationLines, type Timeline, type Timing } from './timeline.js';
import { buildPlan, captionCues, type EndCardTexts } from './videoPlan.js';
import { situationExpressions } from './expression.js';
import { posterAltText } from './posterAlt.js';
import { videoMusic } from './stings.js';
import { safeFileName } from '../../platform/windowsPaths.js';
import { encodeShareSoundtrack, needsShareVersion, shareSize } from './shareVersion.js';

export interface VideoFormatOptions {
  /** Speech engine for a language; default: the project's engines, then espeak-ng. */
  engineFor?: (language: string) => SpeechEngine | null;
  /** Recorded clips; default: settings.voiceClips. */
  clips?: VoiceClipSource | null;
  /** Frame sizes per aspect (tests render small); default 1920×1080, 1080×1920, 1080×1080. */
  sizes?: Partial<Record<AspectName, { width: number; height: number }>>;
  timing?: Timing;
  /** JPEG quality of captured frames (they are re-encoded by x264 at once). */
  jpegQuality?: number;
  /** x264 settings; the benchmark makes a near-lossless 'reference' to measure the standard one against. */
  encoder?: EncoderPreset;
  /** Called after each video with where its time went. */
  onStats?: (stats: VideoStats) => void;
  /** Called with each plan before it is rendered (the benchmark renders it again with Remotion's defaults). */
  onPlan?: (plan: VideoPlan) => void;
}

export interface VideoStats extends RenderVideoStats {
  language: string;
  aspect: AspectName;
  durationSec: number;
  voicesSec: number;
  soundtrackSec: number;
}

export const DEFAULT_JPEG_QUALITY = 80;

export function createVideoFormat(options: VideoFormatOptions = {}): OutputFormat {
  return {
    name: 'video',
    build: (ctx) => buildVideos(ctx, options),
    // webpack bundles templates/video while the print formats keep Chromium busy on the other core.
    warmUp: (ctx) => {
      if (!sectionsOfKind(ctx.material, 'situation').some((s) => s.format === 'video')) return;
      sharedBundle(ctx.shared).catch(() => {});
    },
  };
}

/** The format the build registry lists. */
export const videoFormat: OutputFormat = createVideoFormat();

export function aspectSlug(aspect: AspectName): string {
  return aspect.replace(':', 'x');
}

async function buildVideos(ctx: BuildContext, options: VideoFormatOptions): Promise<OutputEntry[]> {
  const situations = sectionsOfKind(ctx.material, 'situation').filter((s) => s.format === 'video');
  if (situations.length === 0) return [];
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'luat-studio-video-work-'));
  try {
    // Cheap checks first, so a bad input fails before the bundle and the browser start.
    const materials = new Map(ctx.languages.map((l) => [l, ctx.materialFor(l)] as const));
    for (const [language, material] of materials) await assertVideoGlyphs(material, language);
    // The build's one speech registry and cache: the audiobook and the read-along speak many of the same lines.
    const sources = voiceSources(ctx, options, workDir, options.engineFor ? undefined : await buildSpeechRegistry(ctx));
    const music = await loadMusic(ctx);
    const measure = await captionMeasure();
    ctx.progress({ label: 'video', done: 0, total: 1, phase: 'prepare' });
    const bundle = await sharedBundle(ctx.shared);
    // The first browser starts here, beside the first language's voices (its start, ~1 s, was waited for before
    // them); its identity names the kept pictures' folder. More start when a second aspect does.
    const picturesOpened = sharedVideoBrowser(ctx.shared, ctx.settings).then((browser) => sharedPictureCache(ctx.shared, {
      farmDir: ctx.settings.pictureCacheDir, keptBundleDir: bundle.cached ? bundle.dir : null,
      browser: browser.identity,
    }));
    // A failure is thrown where it is awaited, before the first capture; this only keeps it from being reported as unhandled meanwhile.
    picturesOpened.catch(() => undefined);
    ctx.progress({ label: 'video', done: 1, total: 1, phase: 'prepare' });
    const outputs: OutputEntry[] = [];
    // A render farm worker renders one range of frames; the farm joins the ranges (engine/farm/stitchVideo.ts).
    const frames = frameRangeSetting(videoSettings(ctx.settings)['frames']);
    for (const source of situations) {
      const sets = sceneSets(source, (d) => ctx.warn(d));
      const dress = dressFor(ctx.material, sets, ctx.settings);
      const puppets = new Map(source.characters.filter((c) => c.role !== 'narrator').map((c) => [c.id, puppetFor(c, dress, (d) => ctx.warn(d))]));
      const voices = voicesFor(source, ctx.settings);
      const narratorIds = new Set(source.characters.filter((c) => c.role === 'narrator').map((c) => c.id));
      // Faces come from the brief's own words, so every language shows the same ones.
      const expressions = situationExpressions(source, ctx.material.sourceLanguage);
      for (const language of ctx.languages) {
        throwIfCancelled(ctx.signal);
        const material = materials.get(language)!;
        const section = situationIn(material, source);
        const voiceStart = performance.now();
        ctx.progress({ label: `video · ${language}`, done: 0, total: 1, phase: 'voices', language });
        const lines = situationLines(section);
        const audio = await linesAudio(
          lines.map((l) => ({ unitId: l.unit.id, text: l.unit.text, voice: voices.get(l.characterId) ?? {} })),
          language, sources, ctx.signal,
        );
        const fallback = await voiceFallback(ctx, source, language, audio, voices, sources);
        const end = endCardTexts(material);
        const timeline = buildTimeline({
          section, sets, audio, narratorIds,
          endTexts: end.messages,
          timing: options.timing ?? DEFAULT_TIMING,
        });
        // No voice at all for a line: its mouth stays closed (never moving lips in silence).
        for (const scene of timeline.scenes) for (const line of scene.lines) if (!line.audio.samples) line.mouth = line.mouth.map(() => 0);
        if (fallback === 'music' && !music) ctx.warn({ severity: 'warning', code: 'videoFallback.noMusicBed', params: { language } });
        const voicesSec = (performance.now() - voiceStart) / 1000;
        // Mixed beside the capture: only the mux waits for it (renderVideo).
        const soundStart = performance.now();
        const soundtrackPath = path.join(workDir, `${language}-${source.id}.m4a`);
        let soundtrackSec = 0;
        const soundtrack = renderSoundtrack({
          durationSec: timeline.durationInFrames / timeline.fps,
          voices: timeline.scenes.flatMap((s) => s.lines.filter((l) => l.audio.samples).map((l) => ({ startSec: l.from / timeline.fps, samples: l.audio.samples! }))),
          music,
          score: videoMusic(timeline),
        }, soundtrackPath, ctx.signal).then(() => {
          soundtrackSec = (performance.now() - soundStart) / 1000;
          return soundtrackPath;
        });
        // A failure is thrown where renderVideo awaits it; this only keeps it from being reported as unhandled meanwhile.
        soundtrack.catch(() => undefined);
        // The share versions' soundtrack, made once for the language's aspects when the first asks for it.
        const share: { soundtrack?: Promise<string> } = {};
        const shareSoundtrackFor = () => {
          if (!share.soundtrack) {
            const out = path.join(workDir, `${language}-${source.id}-share.m4a`);
            share.soundtrack = soundtrack.then((full) => encodeShareSoundtrack(full, out, ctx.signal));
            share.soundtrack.catch(() => undefined);
          }
          return share.soundtrack;
        };
        ctx.progress({ label: `video · ${language}`, done: 1, total: 1, phase: 'voices', language });
        try {
          const aspects = chosenAspects(source.aspects, ctx.settings);
          const pictures = await picturesOpened;
          // A language's aspects share no picture (the size is part of a picture's key), so they are captured at
          // once, each in a browser of its own (see videoCapturesAtOnce); languages follow one another, so that a
          // later language finds the pictures an earlier one captured.
          const made = await inSlots(aspects, videoCapturesAtOnce(), ctx.signal, async (aspect, slot, signal) => {
            const size = options.sizes?.[aspect] ?? scaledSize(ASPECT_SIZES[aspect], videoSettings(ctx.settings)['scale']);
            const plan = buildPlan({
              timeline, aspect, width: size.width, height: size.height, language, section,
              materialTitle: shortTitleOf(material).text, issuer: material.issuer.text, puppets,
              labels: videoLabels(ctx.labelsFor(language)), end,
              burnSubtitles: videoSettings(ctx.settings)['burnSubtitles'] !== false,
              measure, expressions,
            });
            options.onPlan?.(plan);
            const base = path.join(ctx.outDir, 'video', safeFileName(language), safeFileName(`${ctx.material.id}-${source.id}-${aspectSlug(aspect)}`));
            // A draft at 720p or less (video.scale) is already of the share class and needs no second copy. A farm
            // worker's range of frames makes the share version's range too: the farm joins them like the full video's.
            const withShare = videoSettings(ctx.settings)['shareVersion'] !== false && needsShareVersion(size.width, size.height);
            const files = {
              mp4: `${base}.mp4`, srt: `${base}.srt`, vtt: `${base}.vtt`, poster: `${base}-poster.png`,
              ...(withShare ? { share: `${base}-share.mp4` } : {}),
            };
            const tracks = subtitleTracks(timeline, language, ctx.languages, materials, aspect, size, measure);
            const label = `video · ${language} · ${aspect}`;
            const stats = await renderVideo({
              bundle, browser: await sharedVideoBrowser(ctx.shared, ctx.settings, slot), plan, soundtrack, tracks, files, workDir, pictures,
              ...(files.share ? { shareSoundtrack: shareSoundtrackFor() } : {}),
              jpegQuality: options.jpegQuality ?? DEFAULT_JPEG_QUALITY,
              ...(options.encoder ? { encoder: options.encoder } : {}),
              signal,
              onProgress: (done, total) => ctx.progress({ label, done, total, phase: 'frames', language, aspect }),
              ...(frames ? { frames } : {}),
            });
            options.onStats?.({ ...stats, language, aspect, durationSec: plan.durationInFrames / plan.fps, voicesSec, soundtrackSec });
            const variant = `${situations.length > 1 ? `${source.id}:` : ''}${aspectSlug(aspect)}`;
            const durationSec = plan.durationInFrames / plan.fps;
            const dims = { width: plan.width, height: plan.height };
            const entries = [
              await describeOutput(ctx.outDir, files.mp4, { format: 'video', language, variant, durationSec, ...dims }),
              await describeOutput(ctx.outDir, files.srt, { format: 'video', language, variant: `${variant}.srt`, durationSec }),
              await describeOutput(ctx.outDir, files.vtt, { format: 'video', language, variant: `${variant}.vtt`, durationSec }),
              await describeOutput(ctx.outDir, files.poster, {
                format: 'video', language, variant: `${variant}.poster`, ...dims, altText: posterAltText(material, section, ctx.labelsFor(language)),
              }),
            ];
            if (files.share) {
              entries.push(await describeOutput(ctx.outDir, files.share, { format: 'video', language, variant: `${variant}.share`, durationSec, ...shareSize(plan.width, plan.height) }));
            }
            return entries;
          });
          // In the order the aspects are listed, whichever finished first.
          outputs.push(...made.flat());
        } finally {
          // Nothing may still be writing into workDir when it is removed.
          await soundtrack.catch(() => undefined);
          await share.soundtrack?.catch(() => undefined);
        }
      }
    }
    return outputs;
  } catch (err) {
    // However deep the cancel landed (Remotion, ffmpeg, a speech engine), it reads the same to the user.
    throw asCancelled(err, ctx.signal);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/**
 * The aspects to render: the ones chosen for this build (`video.aspects`: the
 * UI's choice or a flag) when given, else those the brief asks for.
 */
export function chosenAspects(briefAspects: readonly AspectName[], settings: Record<string, unknown>): AspectName[] {
  const chosen = videoSettings(settings)['aspects'];
  if (!Array.isArray(chosen) || chosen.length === 0) return [...briefAspects];
  return (Object.keys(ASPECT_SIZES) as AspectName[]).filter((a) => chosen.includes(a));
}

/** `video.scale` (0.1–1): a smaller picture for drafts and tests; sizes stay even for x264. */
function scaledSize(size: { width: number; height: number }, scale: unknown): { width: number; height: number } {
  if (typeof scale !== 'number' || !(scale >= 0.1 && scale < 1)) return size;
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(size.width), height: even(size.height) };
}

function voiceSources(ctx: BuildContext, options: VideoFormatOptions, workDir: string, shared?: SpeechRegistry): VoiceSources {
  let engineFor = options.engineFor;
  if (!engineFor) {
    const cacheDir = ctx.projectDir ? projectSpeechCacheDir(ctx.projectDir) : path.join(workDir, 'speech');
    const registry = shared ?? speechRegistryFromSettings(ctx.settings, { cacheDir, warn: (d) => ctx.warn(d) });
    engineFor = (language) => registry.engineFor(language);
  }
  const clips = options.clips !== undefined ? options.clips : voiceClipsFromSettings(ctx.settings);
  return { clips, engineFor };
}

/** The same situation in a translated Material (same section id); the source one if missing. */
function situationIn(material: Material, source: SituationSection): SituationSection {
  const found = material.sections.find((s) => s.id === source.id);
  return found && found.kind === 'situation' ? found : source;
}

function endCardTexts(material: Material): EndCardTexts {
  const key = sectionsOfKind(material, 'keyMessages')[0];
  return {
    heading: key?.heading.text ?? material.title.text,
    messages: key?.messages.map((m) => m.text) ?? [],
    hotline: material.hotline?.text ?? null,
    portalUrl: material.portalUrl,
    issuer: material.issuer.text,
  };
}

/** Subtitle tracks for a video: its own language first, then every other language built. */
function subtitleTracks(
  timeline: Timeline,
  language: string,
  languages: string[],
  materials: Map<string, Material>,
  aspect: AspectName,
  size: { width: number; height: number },
  measure: Awaited<ReturnType<typeof captionMeasure>>,
): SubtitleTrack[] {
  const ordered = [language, ...languages.filter((l) => l !== language)];
  return ordered.map((l) => {
    const units = indexTextUnits(materials.get(l)!);
    const cues = captionCues(timeline, (id) => units.get(id)?.unit.text ?? null, aspect, size.width, size.height, measure);
    return { language: l, title: languageInfo(l)?.nameVi ?? l, cues: cuesToMs(cues, timeline.fps) };
  });
}

/**
 * Every character of the captions and cards must be in the fonts we bundle,
 * or Chromium would draw a box. The video sets text in the sans chain only,
 * so the print check's serif chain does not count here.
 */
async function assertVideoGlyphs(material: Material, language: string): Promise<void> {
  const problems = (await checkGlyphs(material, language)).filter((p) => p.chain[0] === FONT_FAMILIES.beVietnamPro.family);
  const first = problems[0];
  if (!first) return;
  throw new StudioError('fonts.missingGlyph', {
    character: first.character, codePoint: first.codePoint, unitId: first.unitId, language: first.language,
    fonts: first.chain.join(', '), count: problems.length,
  });
}

/**
 * Lines of a translated video with neither a recorded voice nor a machine voice
 * in its language follow the build's videoVoiceFallback (engine/build/settings.ts):
 * 'vietnamese-voice' gives them the source language's voice (the subtitles stay
 * in the video's language); 'music' leaves them to the music bed. Either way the
 * build says so. Fills `audio` in place; returns the policy applied, or null.
 */
async function voiceFallback(
  ctx: BuildContext,
  source: SituationSection,
  language: string,
  audio: LineAudio[],
  voices: Map<string, VoiceSpec>,
  sources: VoiceSources,
): Promise<VideoVoiceFallback | null> {
  if (language === ctx.material.sourceLanguage) return null;
  const missing = audio.flatMap((a, i) => (a.source === 'none' ? [i] : []));
  if (missing.length === 0) return null;
  const policy = ctx.settings.videoVoiceFallback ?? DEFAULT_VIDEO_VOICE_FALLBACK;
  const params = { language, lines: missing.length, total: audio.length, situation: source.title.text };
  if (policy === 'music') {
    ctx.warn({ severity: 'warning', code: 'videoFallback.music', params });
    return policy;
  }
  // The situation in the source language has the same lines in the same order.
  const sourceLines = situationLines(source);
  const spoken = await linesAudio(
    missing.map((i) => ({ unitId: sourceLines[i]!.unit.id, text: sourceLines[i]!.unit.text, voice: voices.get(sourceLines[i]!.characterId) ?? {} })),
    ctx.material.sourceLanguage, sources, ctx.signal,
  );
  missing.forEach((i, k) => {
    if (spoken[k]!.samples) audio[i] = spoken[k]!;
  });
  ctx.warn({ severity: 'warning', code: 'videoFallback.vietnameseVoice', params });
  return policy;
}

/** The optional music bed, `settings.video.music`: a file path, absolute or in the project folder. */
async function loadMusic(ctx: BuildContext): Promise<Float32Array | null> {
  const configured = videoSettings(ctx.settings)['music'];
  if (typeof configured !== 'string' || !configured) return null;
  const file = path.isAbsolute(configured) ? configured : path.join(ctx.projectDir ?? process.cwd(), configured);
  try {
    return await decodeMonoFloat(file, ctx.signal);
  } catch (cause) {
    throwIfCancelled(ctx.signal);
    throw new StudioError('video.musicUnreadable', { file: path.basename(file) }, { cause });
  }
}

/** What the UI's player shows for a brief with no situation yet: the composition's own demo (the API reaches templates only through a format). */
export { demoPlan } from '../../../templates/video/demoPlan.js';

export interface PreviewOptions {
  language: string;
  aspect: AspectName;
  settings: Record<string, unknown>;
  projectDir: string | null;
  /** The label texts of `language` (engine/model/labels.ts). */
  labels: LabelTexts;
}

/**
 * The plan of the first situation video of `material` (already in `language`)
 * for the UI's @remotion/player: the same voices, timeline and layout the
 * export renders, without capturing a frame. Speech comes from the same cache,
 * so a preview after a build (or a build after a preview) costs little.
 */
export async function planPreview(material: Material, options: PreviewOptions): Promise<VideoPlan> {
  const section = sectionsOfKind(material, 'situation').find((s) => s.format === 'video');
  if (!section) throw new StudioError('video.noSituation');
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'luat-studio-video-preview-'));
  try {
    const warn = () => {};
    const ctx = { settings: options.settings, projectDir: options.projectDir } as BuildContext;
    const sources = voiceSources(ctx, {}, workDir);
    const sets = sceneSets(section, warn);
    const dress = dressFor(material, sets, options.settings);
    const puppets = new Map(section.characters.filter((c) => c.role !== 'narrator').map((c) => [c.id, puppetFor(c, dress, warn)]));
    const voices = voicesFor(section, options.settings);
    const narratorIds = new Set(section.characters.filter((c) => c.role === 'narrator').map((c) => c.id));
    const audio = await linesAudio(
      situationLines(section).map((l) => ({ unitId: l.unit.id, text: l.unit.text, voice: voices.get(l.characterId) ?? {} })),
      options.language, sources, new AbortController().signal,
    );
    const end = endCardTexts(material);
    const timeline = buildTimeline({ section, sets, audio, narratorIds, endTexts: end.messages, timing: DEFAULT_TIMING });
    const size = ASPECT_SIZES[options.aspect];
    return buildPlan({
      timeline, aspect: options.aspect, width: size.width, height: size.height, language: options.language, section,
      materialTitle: shortTitleOf(material).text, issuer: material.issuer.text, puppets,
      labels: videoLabels(options.labels), end,
      burnSubtitles: videoSettings(options.settings)['burnSubtitles'] !== false,
      measure: await captionMeasure(),
      // The preview has only the Material in its language: the rule table reads it (a brief's choice is kept in every language).
      expressions: situationExpressions(section, options.language),
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
