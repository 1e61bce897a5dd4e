/**
 * One build: the chosen formats for the chosen languages, into one folder,
 * described by DIR/manifest.json. Used by `luat-studio build` and by the UI's
 * render queue alike.
 */
import { defaultBuildSettings, type BuildSettings } from './settings.js';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import { writeFileDurably } from '../fs/durable.js';
import type { Material } from '../model/material.js';
import { OutputEntry, type TranslationRecord } from '../model/records.js';
import { localizeMaterial } from '../translations/localize.js';
import { indexTextUnits } from '../model/units.js';
import { resolveBuildLanguages, type SkippedLanguage } from './languages.js';
import type { BuildContext, OutputFormat, ProgressUpdate, SharedResources } from './format.js';
import { availableFormats, findFormat, ALL_FORMAT_NAMES } from './registry.js';
import { sha256File } from './outputs.js';
import { commitStaging, createStaging, discardStaging, recoverOutputFolder } from './transaction.js';
import { enterRunTempRoot } from '../runTemp.js';
import { holdBuildLease } from './buildLease.js';
import { fileSystemError } from '../fsErrors.js';
import { inSlots } from '../inSlots.js';

/** Registered format names, for the command line's help (which reaches the engine only through here). */
export { ALL_FORMAT_NAMES };

export const MANIFEST_FILE = 'manifest.json';

/**
 * What a build could not make: one format (or one requested language) that
 * failed while the others were built. `params` are the message's parameters,
 * `message` the message in the user's language; `line`/`col` point into the
 * brief when the failure is about one of its texts (a title too long to fit).
 */
export const BuildFailure = z.object({
  format: z.string().nullable(),
  language: z.string().nullable(),
  variant: z.string().nullable(),
  aspect: z.string().nullable(),
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
  line: z.number().optional(),
  col: z.number().optional(),
});
export type BuildFailure = z.infer<typeof BuildFailure>;

export const Manifest = z.object({
  material: z.object({ id: z.string(), title: z.string() }),
  outputs: z.array(OutputEntry),
  warnings: z.array(
    z.object({ code: z.string(), message: z.string(), line: z.number().optional(), col: z.number().optional() }),
  ),
  /** Formats and languages asked for but not built; absent (empty) when everything was built. */
  failures: z.array(BuildFailure).optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export interface BuildRequest {
  material: Material;
  /** Format names; empty means every available format. */
  formats: string[];
  /** Languages; empty means the source language plus every target language whose translation is complete. */
  languages: string[];
  outDir: string;
  translations: TranslationRecord[];
  settings?: BuildSettings;
  projectDir?: string | null;
  /** The bare brief's folder, where its pictures are (BuildContext.briefDir). */
  briefDir?: string | null;
  progress?: (update: ProgressUpdate) => void;
  signal?: AbortSignal;
  /** Renders a warning for the manifest, in the user's language. */
  describeWarning: (d: Diagnostic) => string;
  /**
   * Puts a format's failure in the user's language (a StudioError's message, or
   * one sentence naming a crash log for anything unexpected). Default: the error's code.
   */
  describeError?: (error: unknown, context: string) => { code: string; message: string; crashLog?: string | null };
}

export interface BuildResult {
  manifest: Manifest;
  manifestPath: string;
  /** Languages asked for but skipped because their translation is incomplete (units, or the labels named). */
  skippedLanguages: SkippedLanguage[];
  /** What was asked for and not built (also in the manifest): the build's exit is non-zero when any. */
  failures: BuildFailure[];
  /** How long each format took, in the order they are listed (the lanes overlap, so they add up to more than the build). */
  timings: FormatTiming[];
  /** How many formats ran at once (1 on a single-core PC or with one format). */
  lanes: number;
}

export interface FormatTiming {
  format: string;
  seconds: number;
}

/**
 * How many formats are built at once. Two: the video's capture is bound to one
 * Chromium painting one frame at a time, so on the 2-core PCs the departments
 * have, a second format (PDFs, audio, quizzes) uses the core it leaves idle.
 * One on a single-core machine.
 */
const FORMAT_LANES = Math.min(2, availableParallelism());

export function resolveFormats(names: string[]): OutputFormat[] {
  if (names.length === 0) return availableFormats();
  return names.map((name) => {
    const format = findFormat(name);
    if (format) return format;
    if ((ALL_FORMAT_NAMES as readonly string[]).includes(name)) throw new StudioError('build.formatNotYet', { format: name });
    throw new StudioError('build.unknownFormat', { format: name, known: ALL_FORMAT_NAMES.join(', ') });
  });
}

export async function runBuild(request: BuildRequest): Promise<BuildResult> {
  const { material, translations } = request;
  const formats = resolveFormats(request.formats);
  const { languages, skippedLanguages, labels } = resolveBuildLanguages(material, translations, request.languages);
  const localized = new Map<string, Material>([[material.sourceLanguage, material]]);
  for (const language of languages) if (language !== material.sourceLanguage) localized.set(language, localizeMaterial(material, language, translations));

  const warnings: Manifest['warnings'] = [];
  const warn = (d: Diagnostic) => {
    const entry: Manifest['warnings'][number] = { code: d.code, message: request.describeWarning(d) };
    if (d.line !== undefined) entry.line = d.line;
    if (d.col !== undefined) entry.col = d.col;
    warnings.push(entry);
  };
  const failures: BuildFailure[] = [];
  // A language asked for by name and not built is a failure; one only implied (every target) is a warning.
  for (const s of skippedLanguages) {
    const d: Diagnostic = s.missingLabels
      ? { severity: 'warning', code: 'build.labelsMissing', params: { language: s.language, ids: s.missingLabels.join(', ') } }
      : { severity: 'warning', code: 'build.languageIncomplete', params: { language: s.language, percent: s.percent } };
    if (request.languages.length === 0) warn(d);
    else failures.push({ format: null, language: s.language, variant: null, aspect: null, code: d.code, params: { ...d.params }, message: request.describeWarning(d) });
  }

  // Not one language asked for can be built: nothing to do, and DIR is left as it was.
  if (languages.length === 0 && failures.length > 0) throw failureError(failures[0]!);

  const outDir = path.resolve(request.outDir);
  await mkdir(outDir, { recursive: true });
  // Finish or clear what an interrupted build left, before reading the previous manifest.
  await recoverOutputFolder(outDir);
  enterRunTempRoot();
  const shared = new BuildResources();
  const signal = request.signal ?? new AbortController().signal;
  // The formats' own signal: the user's cancel, or a build-wide failure in one lane stopping the other.
  const stopFormats = new AbortController();
  const onCancel = () => stopFormats.abort(signal.reason);
  if (signal.aborted) onCancel();
  else signal.addEventListener('abort', onCancel, { once: true });
  const outputs: OutputEntry[] = [];
  const timings: FormatTiming[] = [];
  const lanes = Math.max(1, Math.min(FORMAT_LANES, formats.length));
  // See ./transaction.ts: DIR changes only when the whole build commits.
  const staging = await createStaging(outDir);
  let committed = false;
  try {
    const contextFor = (format: OutputFormat): BuildContext => ({
      material,
      languages,
      materialFor: (language) => {
        const m = localized.get(language);
        if (!m) throw new StudioError('build.languageNotBuilt', { language });
        return m;
      },
      labelsFor: (language) => {
        const l = labels.get(language);
        if (!l) throw new StudioError('build.languageNotBuilt', { language });
        return l;
      },
      outDir: staging.dir,
      settings: request.settings ?? defaultBuildSettings(),
      projectDir: request.projectDir ?? null,
      briefDir: request.briefDir ?? null,
      progress: (update) => request.progress?.({ format: format.name, ...update }),
      warn,
      signal: stopFormats.signal,
      shared,
    });
    const built: Array<{ outputs: OutputEntry[]; failure: BuildFailure | null; seconds: number } | undefined> = [];
    let fatal: { error: unknown } | null = null;
    const buildOne = async (index: number): Promise<void> => {
      const format = formats[index]!;
      const ctx = contextFor(format);
      const started = performance.now();
      const seconds = () => Math.round((performance.now() - started) / 100) / 10;
      try {
        const made = await format.build(ctx);
        // A failed format is cleared away by its folder (below), and the lanes keep formats apart by it.
        const stray = made.find((o) => !o.path.startsWith(`${format.name}/`));
        if (stray) throw new FormatContractError(`format ${format.name} wrote ${stray.path}, outside ${format.name}/`);
        built[index] = { outputs: made, failure: null, seconds: seconds() };
      } catch (error) {
        if (stopFormats.signal.aborted || error instanceof FormatContractError || (error instanceof StudioError && error.code === 'build.cancelled')) throw error;
        // A full or read-only disk is the build's problem, not this format's: every other format would hit it too.
        const diskProblem = fileSystemError(error, outDir);
        if (diskProblem) throw diskProblem;
        // One format failing does not stop the others: its files (all below DIR/<format>/) leave the staging folder
        // and the failure goes into the manifest.
        await rm(path.join(staging.dir, format.name), { recursive: true, force: true });
        built[index] = { outputs: [], failure: formatFailure(format.name, error, material, request.describeError), seconds: seconds() };
      }
    };
    // Kept caches are not cleared while the formats may read them (./buildLease.ts).
    const releaseLease = await holdBuildLease();
    try {
      // Slow preparations (the video's bundle when none was shipped) start now and overlap the other formats' work.
      for (const format of formats) format.warmUp?.(contextFor(format));
      // Formats run in lanes, each taking the next format when its own is done: the video's capture keeps one core
      // busy (Chromium paints one frame at a time) while the print, audio and quiz formats use the other.
      // The formats that start first (FormatDescriptor.startsFirst) are taken first; `built` keeps the order asked for.
      const order = formats.map((_, i) => i).sort((a, b) => Number(!!formats[b]!.startsFirst) - Number(!!formats[a]!.startsFirst));
      // inSlots waits for every lane, even after a failure, before the shared browser closes and staging goes.
      await inSlots(order, lanes, stopFormats.signal, async (index) => {
        try {
          await buildOne(index);
        } catch (error) {
          // The formats' contexts hold stopFormats' signal: a build-wide failure also stops the other lane's format.
          stopFormats.abort(error);
          throw error;
        }
      }).catch((error: unknown) => {
        fatal = { error };
      });
    } finally {
      await shared.disposeAll();
      await releaseLease();
      signal.removeEventListener('abort', onCancel);
    }
    if (signal.aborted) throw new StudioError('build.cancelled');
    if (fatal) throw (fatal as { error: unknown }).error;
    built.forEach((b, i) => {
      if (!b) return;
      outputs.push(...b.outputs);
      if (b.failure) failures.push(b.failure);
      timings.push({ format: formats[i]!.name, seconds: b.seconds });
    });
    // Nothing built: the previous build in DIR stays as it was, and the first failure is the error.
    if (outputs.length === 0 && failures.length > 0) throw failureError(failures[0]!);

    // A failed format's previous files are dropped too: the manifest describes this brief, not an older one.
    const builtFormats = new Set(formats.map((f) => f.name));
    const { kept, obsolete } = await previousOutputs(outDir, material.id, builtFormats);
    const manifest: Manifest = {
      material: { id: material.id, title: material.title.text },
      outputs: [...kept, ...outputs],
      warnings,
      failures,
    };
    await writeFileDurably(path.join(staging.dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await commitStaging(outDir, staging, MANIFEST_FILE, obsolete);
    committed = true;
    return { manifest, manifestPath: path.join(outDir, MANIFEST_FILE), skippedLanguages, failures, timings, lanes };
  } catch (error) {
    // A write through an open file (a full disk) names no path: name the output folder.
    throw fileSystemError(error, outDir) ?? error;
  } finally {
    if (!committed) await discardStaging(staging).catch(() => {});
  }
}

/** Where in the brief a failure points: the first text unit it names (print fit failures name them). */
function failureLoc(params: Record<string, string | number>, material: Material): { line: number; col: number } | null {
  const ids = [params['unitId'], ...String(params['units'] ?? '').split(',')].map((v) => String(v ?? '').trim()).filter(Boolean);
  if (ids.length === 0) return null;
  const units = indexTextUnits(material);
  for (const id of ids) {
    const entry = units.get(id);
    if (entry) return entry.unit.loc;
  }
  return null;
}

function formatFailure(
  format: string,
  error: unknown,
  material: Material,
  describe: BuildRequest['describeError'],
): BuildFailure {
  const params: Record<string, string | number> = error instanceof StudioError ? { ...error.params } : {};
  const said = describe ? describe(error, `build ${format}`) : { code: error instanceof StudioError ? error.code : 'api.unexpected', message: String(error) };
  // An unexpected failure's crash log (written once, by describe) is named again if the build ends with it (failureError).
  if (said.crashLog) params['log'] = said.crashLog;
  const pick = (key: string) => (typeof params[key] === 'string' && params[key] !== '' ? (params[key] as string) : null);
  const failure: BuildFailure = {
    format, language: pick('language'), variant: pick('variant'), aspect: pick('aspect'),
    code: said.code, params, message: said.message,
  };
  const loc = failureLoc(params, material);
  if (loc) {
    failure.line = loc.line;
    failure.col = loc.col;
  }
  return failure;
}

/** The error a build that made nothing ends with: the first failure's own. */
function failureError(failure: BuildFailure): StudioError {
  if (failure.code === 'build.languageIncomplete') return new StudioError('buildFailures.languageIncomplete', failure.params);
  return new StudioError(failure.code, failure.params);
}

/**
 * What the previous build in DIR leaves to this one: its entries for formats
 * not rebuilt now whose file still has the recorded size and sha256 (kept),
 * and the files of the rebuilt formats (obsolete unless built again).
 */
export async function previousOutputs(outDir: string, materialId: string, rebuilt: Set<string>): Promise<{ kept: OutputEntry[]; obsolete: string[] }> {
  let earlier: Manifest;
  try {
    earlier = Manifest.parse(JSON.parse(await readFile(path.join(outDir, MANIFEST_FILE), 'utf8')));
  } catch {
    return { kept: [], obsolete: [] };
  }
  if (earlier.material.id !== materialId) return { kept: [], obsolete: [] };
  const kept: OutputEntry[] = [];
  const obsolete: string[] = [];
  for (const entry of earlier.outputs) {
    if (rebuilt.has(entry.format)) {
      if (isInside(outDir, entry.path)) obsolete.push(entry.path);
      continue;
    }
    if (await fileMatches(path.join(outDir, entry.path), entry)) kept.push(entry);
  }
  return { kept, obsolete };
}

function isInside(outDir: string, rel: string): boolean {
  const full = path.resolve(outDir, rel);
  return full.startsWith(outDir + path.sep);
}

async function fileMatches(file: string, entry: OutputEntry): Promise<boolean> {
  try {
    const { size } = await stat(file);
    return size === entry.bytes && (await sha256File(file)) === entry.sha256;
  } catch {
    return false;
  }
}

export class BuildResources implements SharedResources {
  private readonly entries = new Map<string, { value: Promise<unknown>; dispose: (value: never) => Promise<void> }>();

  get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void>): Promise<T> {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { value: create(), dispose: dispose as (value: never) => Promise<void> };
      this.entries.set(key, entry);
    }
    return entry.value as Promise<T>;
  }

  async disposeAll(): Promise<void> {
    for (const { value, dispose } of this.entries.values()) {
      try {
        await dispose((await value) as never);
      } catch {
        // A resource that failed to start or stop must not hide the build's own result.
      }
    }
    this.entries.clear();
  }
}

/** A format broke a rule every format keeps (a programming error): the whole build fails and DIR stays as it was. */
class FormatContractError extends Error {}
