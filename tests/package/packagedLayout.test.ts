/**
 * The desktop package without Electron's binary: the app's files laid out as
 * electron-builder.yml says (its `files` into an asar made with @electron/asar,
 * node_modules beside it without tsx or any devDependency), copied to a folder
 * outside the repository, and the engine host started from there with plain
 * Node, forked exactly as electron/main.ts forks it (EngineProcess). Node
 * cannot read an asar (Electron patches fs for that), so the archive is
 * extracted to resources/app, which is what Electron shows the engine
 * through its asar fs. Then: a library, the sample, a booklet and an
 * infographic, checked with pdfinfo and the PNG's header.
 * electron-builder.yml is validated by electron-builder's own schema check.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { EngineProcess } from '../../electron/engineProcess.js';
import type { ApiResult } from '../../engine/api/contract.js';
import { ROOT } from '../helpers/briefs.js';

const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  createPackageWithOptions(src: string, dest: string, options: { unpackDir?: string }): Promise<void>;
  extractAll(archive: string, dest: string): void;
  listPackage(archive: string, options: { isPack: boolean }): string[];
};
const config = YAML.parse(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { files: string[]; asarUnpack: string[] };
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

let work: string;
let app: string;
let engine: EngineProcess | undefined;

/** Copies the `files` entries of electron-builder.yml (plain files and `dir/**`) from the repository. */
function stageFiles(stage: string): void {
  for (const entry of config.files) {
    if (entry.startsWith('!')) continue;
    const rel = entry.endsWith('/**') ? entry.slice(0, -3) : entry;
    expect(rel, `${entry}: only files and dir/** are laid out here`).not.toMatch(/[*?{}]/);
    expect(existsSync(path.join(ROOT, rel)), `${entry} exists (npm run build makes dist/)`).toBe(true);
    cpSync(path.join(ROOT, rel), path.join(stage, rel), { recursive: true });
  }
}

/** node_modules as electron-builder ships it: everything but the devDependencies (and tsx, which only development uses). */
function linkProductionModules(appDir: string): void {
  const excluded = new Set([...Object.keys(pkg.devDependencies), 'tsx', '.bin', '.package-lock.json', 'electron', 'vitest', 'vite']);
  const target = path.join(appDir, 'node_modules');
  mkdirSync(target);
  for (const name of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (excluded.has(name)) continue;
    if (name.startsWith('@')) {
      mkdirSync(path.join(target, name));
      for (const sub of readdirSync(path.join(ROOT, 'node_modules', name))) {
        if (!excluded.has(`${name}/${sub}`)) symlinkSync(path.join(ROOT, 'node_modules', name, sub), path.join(target, name, sub));
      }
    } else symlinkSync(path.join(ROOT, 'node_modules', name), path.join(target, name));
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dist.mjs')], { stdio: 'pipe' });
  if (!existsSync(path.join(ROOT, 'dist/renderer/index.html'))) execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-ui.mjs')], { stdio: 'pipe' });
  work = mkdtempSync(path.join(os.tmpdir(), 'luat-package-'));
  const stage = path.join(work, 'stage');
  stageFiles(stage);
  const resources = path.join(work, 'Luật Studio', 'resources');
  mkdirSync(resources, { recursive: true });
  // The app-file patterns of asarUnpack (node_modules are linked below, not archived).
  const unpackDirs = config.asarUnpack.filter((p) => !p.startsWith('node_modules/')).map((p) => p.replace(/\/\*\*$/, ''));
  await asar.createPackageWithOptions(stage, path.join(resources, 'app.asar'), { unpackDir: `{${unpackDirs.join(',')}}` });
  app = path.join(resources, 'app');
  asar.extractAll(path.join(resources, 'app.asar'), app);
  linkProductionModules(app);
}, 300_000);

afterAll(async () => {
  await engine?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the packaged layout', () => {
  it('holds the compiled code and no TypeScript sources but the video templates', () => {
    const listing = asar.listPackage(path.join(work, 'Luật Studio', 'resources', 'app.asar'), { isPack: false });
    expect(listing).toContain(`${path.sep}dist${path.sep}electron${path.sep}engineHost.js`);
    expect(listing).toContain(`${path.sep}dist${path.sep}cli${path.sep}main.js`);
    expect(listing.some((f) => f.endsWith('.js.map'))).toBe(true);
    const typescript = listing.filter((f) => /\.tsx?$/.test(f) && !f.startsWith(`${path.sep}templates${path.sep}`));
    expect(typescript).toEqual([]);
    expect(existsSync(path.join(app, 'node_modules', 'tsx'))).toBe(false);
    // What asarUnpack names went beside the archive, as electron-builder puts it.
    expect(existsSync(path.join(work, 'Luật Studio', 'resources', 'app.asar.unpacked', 'templates', 'video', 'entry.ts'))).toBe(true);
  });

  it('starts the engine host with plain Node, opens a library and renders a booklet and an infographic', async () => {
    const library = path.join(work, 'thư viện');
    engine = new EngineProcess(path.join(app, 'electron', 'engine-host.mjs'), {
      ...process.env, NODE_PATH: '', NODE_OPTIONS: '', LUAT_STUDIO_LIBRARY: library, LUAT_STUDIO_DEBUG: '', LUAT_STUDIO_FROM_SOURCE: '',
    });
    const ready = await engine.start();
    expect(ready.libraryDir).toBe(library);
    expect(existsSync(path.join(library, 'library.json'))).toBe(true);

    const call = async <T>(method: string, input: unknown): Promise<T> => {
      const result = (await engine!.call(method, input)) as ApiResult<T>;
      if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    const info = await call<{ version: string }>('app.info', {});
    expect(info.version).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    const { project } = await call<{ project: { id: string } }>('projects.createFromSample', {});
    let job = await call<{ id: string; status: string }>('render.start', { projectId: project.id, formats: ['booklet', 'infographic'], languages: ['vi'], aspects: [] });
    while (job.status === 'queued' || job.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      const { jobs } = await call<{ jobs: { id: string; status: string; error: string | null; outDir: string; outputs: { format: string; path: string }[] }[] }>('render.jobs', { projectId: project.id });
      job = jobs.find((j) => j.id === job.id)!;
    }
    const done = job as unknown as { status: string; error: string | null; outDir: string; outputs: { format: string; path: string }[] };
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    const booklets = done.outputs.filter((o) => o.format === 'booklet' && o.path.endsWith('.pdf'));
    expect(booklets.length).toBeGreaterThan(0);
    for (const o of booklets) {
      const pdfinfo = execFileSync('pdfinfo', [path.join(done.outDir, o.path)], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(pdfinfo)?.[1])).toBeGreaterThanOrEqual(4);
    }
    const pngs = done.outputs.filter((o) => o.format === 'infographic' && o.path.endsWith('.png'));
    expect(pngs.length).toBeGreaterThan(0);
    for (const o of pngs) {
      const png = readFileSync(path.join(done.outDir, o.path));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(800);
      expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(800);
      expect(statSync(path.join(done.outDir, o.path)).size).toBeGreaterThan(10_000);
    }
  }, 600_000);
});

describe('electron-builder.yml', () => {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as { validateConfiguration(c: unknown, d: unknown): Promise<void> };
  const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

  it('passes electron-builder\'s own schema check', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('and that check does refuse a wrong configuration', async () => {
    await expect(validateConfiguration({ ...config, asarUnpakc: ['x'] }, new DebugLogger(false))).rejects.toThrow(/asarUnpakc/);
  });
});

