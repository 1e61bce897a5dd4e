/**
 * Choosing what a channel gets from a build, and checking it against the
 * channel's documented limits before anything is sent.
 *
 * From the build's manifest, for one language: the outputs whose format and
 * extension the channel takes; among outputs that exist in several aspects
 * (videos, images), the one the channel prefers (9:16 for TikTok and Reels);
 * companions (subtitles, a video's poster) travel with the output they
 * belong to when the channel takes their extension. A video goes in the
 * version the preset asks for (`videoVersion`: the share version for Zalo). Then the limits: file
 * size, video length, caption length. A problem is reported, never trimmed
 * or converted behind the user's back.
 */
import path from 'node:path';
import type { Manifest } from '../build/build.js';
import type { OutputEntry } from '../model/records.js';
import type { ChannelAdapter, ChannelPreset, PreflightProblem, PublishFile, PublishRequest } from './channel.js';
import { formatsTaken, presetTakes } from './roles.js';
import { isShareVersion } from '../build/registry.js';

/** Extensions whose outputs come in aspects worth choosing between. */
const VISUAL = new Set(['mp4', 'm4v', 'mov', 'webm', 'png', 'jpg', 'jpeg', 'webp', 'gif']);
const IMAGES = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif']);
/** Two aspects closer than this (relative) are the same: 1080×1350 is 4:5. */
const ASPECT_TOLERANCE = 0.01;

export function extensionOfPath(file: string): string {
  return path.extname(file).slice(1).toLowerCase();
}

function normaliseExtensions(list: readonly string[]): Set<string> {
  return new Set(list.map((e) => e.replace(/^\./, '').toLowerCase()));
}

function ratio(aspect: string): number | null {
  const m = /^(\d+(?:\.\d+)?)[:x](\d+(?:\.\d+)?)$/.exec(aspect.trim());
  return m ? Number(m[1]) / Number(m[2]) : null;
}

export function aspectOf(output: OutputEntry): number | null {
  return output.width && output.height ? output.width / output.height : null;
}

function describeAspect(output: OutputEntry): string {
  const r = aspectOf(output);
  if (r === null) return '?';
  for (const known of ['16:9', '9:16', '1:1', '4:5', '4:3', '3:4']) {
    if (Math.abs(r / ratio(known)! - 1) < ASPECT_TOLERANCE) return known;
  }
  return `${output.width}x${output.height}`;
}

/** "video"/"sit-2:9x16" → family "sit-2"; variants without a ':' are one family per format. */
function family(output: OutputEntry): string {
  const colon = output.variant.lastIndexOf(':');
  return `${output.format}\u0000${colon >= 0 ? output.variant.slice(0, colon) : ''}`;
}

/** The main output a companion belongs to ("16x9.vtt" → "16x9"), or null. */
function mainOf(output: OutputEntry, all: readonly OutputEntry[]): OutputEntry | null {
  const dot = output.variant.lastIndexOf('.');
  if (dot <= 0) return null;
  const base = output.variant.slice(0, dot);
  return all.find((o) => o !== output && o.format === output.format && o.language === output.language && o.variant === base) ?? null;
}

export interface Selection {
  files: PublishFile[];
  problems: PreflightProblem[];
}

/** The files of `language` that `preset`'s channel gets, or the problems that leave it nothing to send. */
export function selectFiles(manifest: Manifest, outDir: string, language: string, preset: ChannelPreset): Selection {
  const problems: PreflightProblem[] = [];
  const channel = preset.channel;
  const extensions = normaliseExtensions(preset.extensions);
  const inLanguage = manifest.outputs.filter((o) => o.language === language);
  const mains = inLanguage.filter((o) => mainOf(o, inLanguage) === null);
  const takes = (o: OutputEntry) => presetTakes(preset, o) && extensions.has(extensionOfPath(o.path));
  const accepted = mains.filter(takes);

  const chosen: OutputEntry[] = [];
  const groups = new Map<string, OutputEntry[]>();
  for (const o of accepted) {
    if (!VISUAL.has(extensionOfPath(o.path)) || aspectOf(o) === null || !preset.aspects?.length) {
      chosen.push(o);
      continue;
    }
    const key = family(o);
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  // Social presets may rank image aspects apart from video ones (4:5 photos, 16:9 videos).
  const imageAspects = (preset as { imageAspects?: string[] }).imageAspects;
  for (const group of groups.values()) {
    let pick: OutputEntry | undefined;
    const isImage = IMAGES.has(extensionOfPath(group[0]!.path));
    const ranking = isImage && imageAspects?.length ? imageAspects : preset.aspects ?? [];
    for (const wanted of ranking) {
      const r = ratio(wanted);
      pick = r === null ? undefined : group.find((o) => Math.abs(aspectOf(o)! / r - 1) < ASPECT_TOLERANCE);
      if (pick) break;
    }
    if (pick) chosen.push(pick);
    else {
      const first = group[0]!;
      problems.push({
        code: 'wrongAspect',
        params: { channel, format: first.format, language, found: [...new Set(group.map(describeAspect))].join(', '), wanted: ranking.join(', ') },
      });
    }
  }

  if (chosen.length === 0 && problems.length === 0) {
    problems.push({
      code: 'noSuitableOutput',
      params: {
        channel, language,
        formats: formatsTaken(preset).join(', '),
        extensions: [...extensions].join(', '),
        built: [...new Set(inLanguage.map((o) => o.format))].join(', ') || '-',
      },
    });
  }

  // A video's share version ("16x9.share") is no companion but an alternative: it stands in for
  // the full video on channels whose preset asks for it (Zalo), with the full video's subtitles and poster.
  const shareOf = (o: OutputEntry) => inLanguage.find((s) => isShareVersion(s) && mainOf(s, inLanguage) === o && takes(s));
  const sent = chosen.map((o) => (preset.videoVersion === 'share' ? shareOf(o) ?? o : o));
  const companions = inLanguage.filter((o) => {
    const main = mainOf(o, inLanguage);
    return main !== null && !isShareVersion(o) && chosen.includes(main) && extensions.has(extensionOfPath(o.path));
  });
  // Keep the manifest's order: it is the order the build made them in.
  const files = inLanguage
    .filter((o) => sent.includes(o) || companions.includes(o))
    .map((output) => ({ output, absolutePath: path.join(outDir, output.path) }));
  return { files, problems };
}

function megabytes(bytes: number): number {
  const digits = bytes < 10_000_000 ? 100 : 10;
  return Math.round((bytes / 1_000_000) * digits) / digits;
}

/**
 * The limits every channel shares, from its preset. Problem codes and
 * parameters are the social adapters' (engine/publish/channels/messages.ts),
 * so one text serves both.
 */
export function presetProblems(preset: ChannelPreset, request: PublishRequest): PreflightProblem[] {
  const problems: PreflightProblem[] = [];
  const channel = preset.channel;
  for (const { output } of request.files) {
    if (preset.maxFileBytes !== undefined && output.bytes > preset.maxFileBytes) {
      problems.push({
        code: 'fileTooLarge',
        params: { channel, file: output.path, sizeMb: megabytes(output.bytes), maxMb: megabytes(preset.maxFileBytes) },
      });
    }
    if (preset.maxVideoSeconds !== undefined && output.durationSec !== undefined && output.durationSec > preset.maxVideoSeconds
      && VISUAL.has(extensionOfPath(output.path))) {
      problems.push({
        code: 'videoTooLong',
        params: { channel, file: output.path, seconds: Math.round(output.durationSec), maxSeconds: preset.maxVideoSeconds },
      });
    }
  }
  const chars = [...request.caption].length;
  if (preset.maxCaptionChars !== undefined && chars > preset.maxCaptionChars) {
    problems.push({ code: 'captionTooLong', params: { channel, length: chars, max: preset.maxCaptionChars } });
  }
  return problems;
}

/** The preset's checks, then the adapter's own; each problem once. */
export function runPreflight(adapter: ChannelAdapter, request: PublishRequest, selectionProblems: readonly PreflightProblem[] = []): PreflightProblem[] {
  const all = [...selectionProblems, ...presetProblems(adapter.preset, request), ...adapter.preflight(request)];
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.code}\u0000${JSON.stringify(p.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
