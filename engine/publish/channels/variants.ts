/**
 * Picking, among a build's outputs in one language, the file a channel should
 * get: the video or image whose aspect ratio the channel prefers (9:16 for
 * TikTok and Shorts, 16:9 for YouTube, square or landscape video and 4:5 or
 * square photos for a Facebook feed), in the version of the video the
 * channel's preset asks for (the share version for Zalo, else the full one),
 * or a clear problem saying what was there and what the channel wanted.
 */
import type { PreflightProblem, PublishFile } from '../channel.js';
import type { OutputEntry } from '../../model/records.js';
import { sameLanguage } from '../../translations/status.js';
import { extensionOf } from './fileRange.js';
import type { SocialPreset } from './presets.js';
import { isShareVersion, publishRoleOf } from '../../build/registry.js';
import { formatsTaken, presetTakes } from '../roles.js';

export type MediaKind = 'video' | 'image';

export type VariantChoice = { entry: OutputEntry; kind: MediaKind } | { problem: PreflightProblem };

const NAMED_ASPECTS: ReadonlyArray<[string, number]> = [
  ['16:9', 16 / 9],
  ['9:16', 9 / 16],
  ['1:1', 1],
  ['4:5', 4 / 5],
  ['4:3', 4 / 3],
  ['3:4', 3 / 4],
  ['1.91:1', 1.91],
];

/** "16:9", "9:16", "1:1", "4:5"… from the pixel size, else from the variant name ("16x9"). */
export function aspectOf(entry: Pick<OutputEntry, 'width' | 'height' | 'variant'>): string | null {
  if (entry.width && entry.height) return nameRatio(entry.width / entry.height, entry.width, entry.height);
  // The last W×H in the name: "s1:9x16" is 9:16, "16x9.srt" is 16:9.
  const m = /(\d+(?:\.\d+)?)\s*[x:×]\s*(\d+(?:\.\d+)?)(?:\.[a-z]+)?$/i.exec(entry.variant);
  if (m) {
    const w = Number(m[1]);
    const h = Number(m[2]);
    if (w > 0 && h > 0) return nameRatio(w / h, w, h);
  }
  return null;
}

function nameRatio(ratio: number, w: number, h: number): string {
  // 2 % tolerance: 1080x1920 and 720x1280 are both 9:16, 1366x768 is 16:9.
  for (const [name, value] of NAMED_ASPECTS) if (Math.abs(ratio / value - 1) < 0.02) return name;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = Number.isInteger(w) && Number.isInteger(h) ? gcd(w, h) : 1;
  return `${w / g}:${h / g}`;
}

export function isSubtitle(entry: Pick<OutputEntry, 'path'>): boolean {
  const ext = extensionOf(entry.path);
  return ext === '.srt' || ext === '.vtt';
}

export function kindOf(preset: SocialPreset, entry: Pick<OutputEntry, 'path'>): MediaKind | null {
  const ext = extensionOf(entry.path);
  if (preset.videoExtensions.includes(ext)) return 'video';
  if (preset.imageExtensions.includes(ext)) return 'image';
  return null;
}

/**
 * The output to publish on `preset.channel` for `language`. Videos come before
 * images when the channel takes both (a video post reaches further), unless
 * `prefer` says otherwise; within a kind the preset's aspects decide, best first.
 */
export function chooseVariant(
  preset: SocialPreset,
  outputs: readonly OutputEntry[],
  language: string,
  prefer?: MediaKind,
): VariantChoice {
  const candidates = outputs.filter((o) => {
    if (!sameLanguage(o.language, language) || !presetTakes(preset, o) || isSubtitle(o)) return false;
    const kind = kindOf(preset, o);
    // A video's stills are its posters (thumbnails), not posts of their own.
    return kind === 'video' || (kind === 'image' && publishRoleOf(o) !== 'thumbnail');
  });
  const kinds: MediaKind[] = prefer === 'image' ? ['image', 'video'] : ['video', 'image'];
  for (const kind of kinds) {
    const ofKind = candidates.filter((o) => kindOf(preset, o) === kind);
    const wanted = kind === 'video' ? (preset.aspects ?? []) : preset.imageAspects;
    // The version the preset asks for first (a build made before share versions existed has only the full one).
    for (const versionWanted of [true, false]) {
      const ofVersion = ofKind.filter((o) => (kind !== 'video' || (preset.videoVersion === 'share') === isShareVersion(o)) === versionWanted);
      for (const aspect of wanted) {
        const hit = ofVersion.find((o) => aspectOf(o) === aspect);
        if (hit) return { entry: hit, kind };
      }
    }
  }
  if (candidates.length === 0) {
    return {
      problem: {
        code: 'noSuitableOutput',
        params: { channel: preset.channel, language, formats: formatsTaken(preset).join(', '), extensions: preset.extensions.join(', ') },
      },
    };
  }
  const found = [...new Set(candidates.map((o) => aspectOf(o) ?? '?'))].join(', ');
  const wanted = [...new Set([...(preset.aspects ?? []), ...preset.imageAspects])].join(', ');
  return { problem: { code: 'wrongAspect', params: { channel: preset.channel, language, found, wanted } } };
}

/** The same choice over a request's files, returning the file itself. */
export function chooseFile(
  preset: SocialPreset,
  files: readonly PublishFile[],
  language: string,
  prefer?: MediaKind,
): { file: PublishFile; kind: MediaKind } | { problem: PreflightProblem } {
  const choice = chooseVariant(preset, files.map((f) => f.output), language, prefer);
  if ('problem' in choice) return choice;
  const file = files.find((f) => f.output === choice.entry)!;
  return { file, kind: choice.kind };
}

/** Subtitle sidecars (.srt/.vtt) among the request's files, one per language, .srt preferred. */
export function subtitleFiles(files: readonly PublishFile[]): PublishFile[] {
  const byLanguage = new Map<string, PublishFile>();
  for (const f of files) {
    if (!isSubtitle(f.output)) continue;
    const key = f.output.language.toLowerCase();
    const have = byLanguage.get(key);
    if (!have || (extensionOf(have.output.path) === '.vtt' && extensionOf(f.output.path) === '.srt')) byLanguage.set(key, f);
  }
  return [...byLanguage.values()];
}
