/**
 * A build whose parts were rendered elsewhere (the render farm's units, each
 * in its own folder of the shared storage) committed into DIR with the same
 * transaction as a build on one PC: every file copied into a staging folder and
 * checked against the sha256 its worker recorded, the manifest written with
 * the entries of formats not rebuilt carried forward, then one commit.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { writeFileDurably } from '../fs/durable.js';
import { isStrictlyInside } from '../http/pathInside.js';
import type { Material } from '../model/material.js';
import type { OutputEntry } from '../model/records.js';
import { MANIFEST_FILE, previousOutputs, type BuildFailure, type Manifest } from './build.js';
import { sha256File } from './outputs.js';
import { commitStaging, createStaging, discardStaging, recoverOutputFolder } from './transaction.js';

export interface RenderedPart {
  /** The folder the part's outputs are relative to. */
  dir: string;
  outputs: OutputEntry[];
}

export async function commitRenderedParts(request: {
  material: Material;
  outDir: string;
  formats: string[];
  parts: RenderedPart[];
  warnings: Manifest['warnings'];
  failures: BuildFailure[];
}): Promise<{ manifest: Manifest; manifestPath: string }> {
  const outDir = path.resolve(request.outDir);
  await mkdir(outDir, { recursive: true });
  await recoverOutputFolder(outDir);
  const staging = await createStaging(outDir);
  let committed = false;
  try {
    const outputs: OutputEntry[] = [];
    const seen = new Set<string>();
    for (const part of request.parts) {
      for (const entry of part.outputs) {
        const target = path.resolve(staging.dir, entry.path);
        const source = path.resolve(part.dir, entry.path);
        if (!isStrictlyInside(staging.dir, target) || !isStrictlyInside(path.resolve(part.dir), source)) {
          throw new StudioError('farm.badOutput', { path: entry.path });
        }
        // Two units writing one path would silently drop one of them.
        if (seen.has(entry.path)) throw new StudioError('farm.duplicateOutput', { path: entry.path });
        seen.add(entry.path);
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(source, target);
        if ((await sha256File(target)) !== entry.sha256) throw new StudioError('farm.corruptOutput', { path: entry.path });
        outputs.push(entry);
      }
    }
    const { kept, obsolete } = await previousOutputs(outDir, request.material.id, new Set(request.formats));
    const warnings = request.warnings.filter((w, i, all) => all.findIndex((o) => o.code === w.code && o.message === w.message) === i);
    const manifest: Manifest = { material: { id: request.material.id, title: request.material.title.text }, outputs: [...kept, ...outputs], warnings, failures: request.failures };
    await writeFileDurably(path.join(staging.dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    await commitStaging(outDir, staging, MANIFEST_FILE, obsolete);
    committed = true;
    return { manifest, manifestPath: path.join(outDir, MANIFEST_FILE) };
  } finally {
    if (!committed) await discardStaging(staging).catch(() => {});
  }
}
