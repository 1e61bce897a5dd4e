/**
 * The one BuildContext builder of the tests: a format run outside
 * `luat-studio build` gets what the build runner gives it — the build's own
 * shared resources (engine/build/build.ts BuildResources: made once, disposed
 * by `disposeAll`), label texts, and the warnings and progress collected for
 * the test to read. The print, audio, EPUB/lecture and video helpers wrap it.
 */
import { BuildResources } from '../../engine/build/build.js';
import type { BuildContext, ProgressUpdate } from '../../engine/build/format.js';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import type { LabelTexts } from '../../engine/model/labels.js';
import type { Material } from '../../engine/model/material.js';
import { testLabels } from './labels.js';

export interface TestBuildContext extends BuildContext {
  warnings: Diagnostic[];
  updates: ProgressUpdate[];
  /** The same object as `shared`, with `disposeAll` (what the build runner calls when the build ends). */
  sharedTest: BuildResources;
}

export interface TestBuildContextArgs {
  /** The source Material; `materials` gives the other languages (the source one otherwise). */
  material: Material;
  materials?: Record<string, Material>;
  /** Default: the material's source language. */
  languages?: string[];
  /** Label texts per language; the test stand-ins (./labels.ts) otherwise. */
  labels?: Record<string, LabelTexts>;
  outDir: string;
  settings?: Record<string, unknown>;
  signal?: AbortSignal;
  /** Resources shared with other contexts of the same test file (one browser, one bundle). */
  shared?: BuildResources;
  /** Asks for a language with no Material throw, as the build runner does, instead of falling back to the source. */
  strictMaterials?: boolean;
}

export function testBuildContext(args: TestBuildContextArgs): TestBuildContext {
  const warnings: Diagnostic[] = [];
  const updates: ProgressUpdate[] = [];
  const shared = args.shared ?? new BuildResources();
  return {
    material: args.material,
    languages: args.languages ?? [args.material.sourceLanguage],
    materialFor: (language) => {
      const m = args.materials?.[language];
      if (m) return m;
      if (args.strictMaterials) throw new Error(`no material for ${language}`);
      return args.material;
    },
    labelsFor: (language) => args.labels?.[language] ?? testLabels(language),
    outDir: args.outDir,
    settings: args.settings ?? {},
    projectDir: null,
    progress: (u) => updates.push(u),
    warn: (d) => warnings.push(d),
    signal: args.signal ?? new AbortController().signal,
    shared,
    sharedTest: shared,
    warnings,
    updates,
  };
}
