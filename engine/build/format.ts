/**
 * The contract every output format implements. `luat-studio build` (and the
 * UI's render queue) looks formats up in ./registry.ts, gives each the same
 * BuildContext and collects the OutputEntries into DIR/manifest.json.
 *
 * A format has two halves: a FormatDescriptor (plain data: its words, its
 * variants and what each file is for when published), which the UI, publishing,
 * the portal package and the report read without loading any rendering code, and
 * the OutputFormat that builds, loaded only when a build needs it. A new format
 * is one folder under engine/formats/ with both, plus one line in ./registry.ts.
 */
import type { z } from 'zod';
import type { Material } from '../model/material.js';
import type { LabelTexts } from '../model/labels.js';
import type { OutputEntry } from '../model/records.js';
import type { Diagnostic } from '../brief/diagnostics.js';
import type { BuildSettings } from './settings.js';

export interface ProgressUpdate {
  /**
   * The step's own name ("booklet · vi"), which tells it from the format's other steps; not shown to users, who see
   * the format's name in their language (labelOf, engine/api/renderProgress.ts).
   */
  label: string;
  done: number;
  total: number;
  /** The format reporting (set by the build for every update). */
  format?: string;
  /** What kind of work the step is, where a format tells (the video: 'prepare' once, then 'voices', then 'frames' per aspect). */
  phase?: 'prepare' | 'voices' | 'frames';
  language?: string;
  aspect?: string;
}

export interface BuildContext {
  /** The validated source-language Material. */
  material: Material;
  /** Languages to build, source language first; only those whose translation is complete. */
  languages: string[];
  /** The Material with every text unit in `language` (the source Material for the source language). */
  materialFor(language: string): Material;
  /**
   * The label texts (engine/model/labels.ts) of an edition in `language`: the one
   * lookup every format uses for the words it adds. Complete for every built language.
   */
  labelsFor(language: string): LabelTexts;
  /** Absolute output folder; formats write below it and return paths relative to it. */
  outDir: string;
  /** Resolved settings (engine/app/options.ts): browser, speech engine, clips, brand kit, per-format options. */
  settings: BuildSettings;
  /** Folder of the project in the library, for voice clips and caches; null when building a bare brief. */
  projectDir: string | null;
  /**
   * Folder the brief's pictures are read from (`src` is relative to it): the
   * bare brief's folder; absent, the project's folder, where the library keeps
   * its copies beside brief.md.
   */
  briefDir?: string | null;
  progress(update: ProgressUpdate): void;
  /** Warnings end up in the manifest and on stderr. */
  warn(diagnostic: Diagnostic): void;
  signal: AbortSignal;
  /** Expensive things shared by all formats of one build (one browser, one Remotion bundle). */
  shared: SharedResources;
}

export interface SharedResources {
  /** Creates the resource on first use; `dispose` runs once when the build ends. */
  get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void>): Promise<T>;
}

export interface OutputFormat {
  /** Name used on the command line: booklet, leaflet, infographic, video, audiobook. */
  name: string;
  /** Writes its files and describes each in an OutputEntry (use describeOutput in ./outputs.ts). */
  build(ctx: BuildContext): Promise<OutputEntry[]>;
  /**
   * Starts, in the background, the slow shared things its build will ask
   * `ctx.shared` for (the video's Remotion bundle), so they get ready while the
   * formats before it run. Called once when a build that includes the format
   * starts; writes nothing, and a failure shows only when build asks for the thing.
   */
  warmUp?(ctx: BuildContext): void;
  /** Started before the formats listed earlier (FormatDescriptor.startsFirst). */
  startsFirst?: boolean;
  /**
   * Lays its texts out exactly as build does and says which do not fit, without
   * writing anything (`luat-studio check`). Absent: the format has no boxes to fit.
   */
  measureFit?(ctx: FitContext): Promise<FitProblem[]>;
}

/** What measuring needs: a build's context without an output folder or progress. */
export type FitContext = Pick<BuildContext, 'material' | 'languages' | 'materialFor' | 'settings' | 'projectDir' | 'briefDir' | 'signal' | 'shared'>;

/** A box whose text does not fit even at the smallest type allowed, and the text units sticking out of it. */
export interface FitProblem {
  format: string;
  variant: string;
  language: string;
  box: string;
  unitIds: string[];
}

/** A word the user sees, in each language of the app. Both are required, so none can be forgotten. */
export interface Localized {
  vi: string;
  en: string;
}

/**
 * What a file is for when published: the post's video, its image, the audio,
 * a document attached or offered for download, a video's subtitles or its
 * thumbnail. Channels take files by role (a feed takes 'video' and
 * 'post-image'), so a new format whose files have these roles is published
 * with no change to any channel.
 */
export type PublishRole = 'video' | 'post-image' | 'audio' | 'attachment' | 'subtitle' | 'thumbnail';
export const PUBLISH_ROLES: readonly PublishRole[] = ['video', 'post-image', 'audio', 'attachment', 'subtitle', 'thumbnail'];

/** How the UI previews a format: built pages and images, the live video player, or audio with chapters. */
export type PreviewKind = 'document' | 'player' | 'audio';
export const PREVIEW_KINDS: readonly PreviewKind[] = ['document', 'player', 'audio'];

export interface FormatVariant {
  /**
   * The manifest's `variant`, or its stem: a manifest variant matches the
   * variant whose id it equals once a situation prefix ("s1:") is dropped, else
   * the longest id it starts with followed by "-" ("loudspeaker-ch03" → "loudspeaker").
   */
  id: string;
  label: Localized;
  role: PublishRole;
  /**
   * The variant's files (`<id>-01`, `<id>-02`, …) are the slides of one
   * multi-image post, in that order, not separate posts (the comic's carousel).
   */
  carousel?: boolean;
  /**
   * A smaller copy of another variant's video (720p, ≤ 3 MB a minute) for
   * channels whose preset asks for the share version (Zalo, slow links);
   * other channels take the full one.
   */
  share?: boolean;
}

/** The variant a manifest entry's `variant` is an edition of (see FormatVariant.id). Pure: the UI uses it too. */
export function matchVariant<V extends { id: string }>(variants: readonly V[], variant: string): V | undefined {
  const stem = variant.slice(variant.lastIndexOf(':') + 1);
  const exact = variants.find((v) => v.id === stem);
  if (exact) return exact;
  return variants.filter((v) => stem.startsWith(`${v.id}-`)).sort((a, b) => b.id.length - a.id.length)[0];
}

export interface FormatDescriptor {
  /** Name used on the command line, in the manifest and in the API. */
  name: string;
  label: Localized;
  variants: FormatVariant[];
  /** The format's own settings (may be an empty object schema). */
  options: z.ZodType;
  preview: PreviewKind;
  /**
   * Built (and fit-checked) only when asked for by name (`--formats comic`),
   * not by a build of every format: for formats that add many pictures to a build.
   */
  onRequest?: boolean;
  /**
   * Started first in a build of several formats, whatever its place in the
   * list: a build ends when its longest format does, so the longest starts at
   * once and the short ones fill the other lane. Outputs and timings keep the
   * order asked for.
   */
  startsFirst?: boolean;
  /**
   * What the format keeps on this PC between builds to make the next one
   * faster (the video's pictures): shown with its size in the settings and
   * `luat-studio cache`, and cleared from there (engine/app/caches.ts).
   */
  keptCaches?: KeptCache[];
}

/**
 * A folder of things a build can make again, kept to save time: in the
 * studio's cache folder (engine/platform/userCache.ts), or in each project's
 * folder of the library. Clearing it loses nothing but that time.
 */
export interface KeptCache {
  /** Names it on the command line (`luat-studio cache clear --only video-pictures`). */
  id: string;
  label: Localized;
  /** What clearing it costs the next build, said to the user beside the size. */
  hint: Localized;
  place: 'user-cache' | 'each-project';
  /** Its folder, relative to the cache folder or to the project's folder, '/'-separated. */
  folder: string;
}
