/**
 * A BuildContext for running the video format outside `luat-studio build`:
 * shared resources with dispose, collected warnings and progress.
 */
import type { BuildContext, ProgressUpdate, SharedResources } from '../../engine/build/format.js';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import type { Material } from '../../engine/model/material.js';
import { testLabels } from '../helpers/labels.js';

export class TestShared implements SharedResources {
  private readonly items = new Map<string, { value: Promise<unknown>; dispose: (v: never) => Promise<void> }>();

  get<T>(key: string, create: () => Promise<T>, dispose: (value: T) => Promise<void>): Promise<T> {
    let item = this.items.get(key);
    if (!item) {
      item = { value: create(), dispose: dispose as (v: never) => Promise<void> };
      this.items.set(key, item);
    }
    return item.value as Promise<T>;
  }

  async disposeAll(): Promise<void> {
    for (const { value, dispose } of this.items.values()) await dispose((await value) as never);
    this.items.clear();
  }
}

export interface TestContext extends BuildContext {
  warnings: Diagnostic[];
  updates: ProgressUpdate[];
  sharedTest: TestShared;
}

export function testContext(args: {
  material: Material;
  outDir: string;
  languages?: string[];
  materials?: Record<string, Material>;
  settings?: Record<string, unknown>;
  signal?: AbortSignal;
  shared?: TestShared;
}): TestContext {
  const warnings: Diagnostic[] = [];
  const updates: ProgressUpdate[] = [];
  const shared = args.shared ?? new TestShared();
  return {
    material: args.material,
    languages: args.languages ?? [args.material.sourceLanguage],
    materialFor: (language) => args.materials?.[language] ?? args.material,
    labelsFor: (language) => testLabels(language),
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
