/**
 * The contract every output format implements. `luat-studio build` (and the
 * UI's render queue) looks formats up in ./registry.ts, gives each the same
 * BuildContext and collects the OutputEntries into DIR/manifest.json.
 * A new format is one module implementing OutputFormat plus one line in the registry.
 */
import type { Material } from '../model/material.js';
import type { OutputEntry } from '../model/records.js';
import type { Diagnostic } from '../brief/diagnostics.js';
import type { BuildSettings } from './settings.js';

export interface ProgressUpdate {
  /** Short label, already translated for display ("Sổ tay (vi): in"). */
  label: string;
  done: number;
  total: number;
}

export interface BuildContext {
  /** The validated source-language Material. */
  material: Material;
  /** Languages to build, source language first; only those whose translation is complete. */
  languages: string[];
  /** The Material with every text unit in `language` (the source Material for the source language). */
  materialFor(language: string): Material;
  /** Absolute output folder; formats write below it and return paths relative to it. */
  outDir: string;
  /** Resolved settings (engine/app/options.ts): browser, speech engine, clips, brand kit, per-format options. */
  settings: BuildSettings;
  /** Folder of the project in the library, for voice clips and caches; null when building a bare brief. */
  projectDir: string | null;
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
}
