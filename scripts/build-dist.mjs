#!/usr/bin/env node
/**
 * Compiles the studio's TypeScript to dist/ with esbuild so nothing is
 * compiled when a user starts it:
 *   dist/cli/main.js                the luat-studio command (bin/luat-studio.js runs it)
 *   dist/electron/engineHost.js     the desktop app's engine process (electron/engine-host.mjs runs it)
 *   dist/engine/renderHost.js       a render process, one per render job (bin/render-host.mjs runs it)
 *   dist/engine/overlayWorker.js    a video render's caption overlay thread (bin/overlay-worker.mjs runs it)
 *   dist/chunks/                    code the two share, split so each command loads only what it imports
 *   dist/electron/main.js, preload.cjs  the Electron shell (preload: the one CommonJS file a sandboxed preload must be)
 *   dist/engine/shipVideoBundle.js  run at the end: the video templates' webpack bundle, dist/video-bundles/
 * dist/renderer (the UI, scripts/build-ui.mjs) is left alone. Source maps are
 * written beside every file so crash logs point at TypeScript lines.
 * dist/build-info.json lists the inputs so the launcher can tell a stale build.
 * Run by `npm ci` (prepare) and `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const common = {
  absWorkingDir: root,
  tsconfig: path.join(root, 'tsconfig.json'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  // node_modules are shipped as they are (native modules, Remotion's bundler and compositor).
  packages: 'external',
  sourcemap: 'linked',
  // The maps point at the TypeScript files; the text itself is not needed to name a line.
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
};

for (const dir of ['cli', 'chunks', 'electron', 'engine']) await rm(path.join(dist, dir), { recursive: true, force: true });

const results = await Promise.all([
  esbuild.build({
    ...common,
    entryPoints: {
      'cli/main': 'cli/main.ts', 'electron/engineHost': 'electron/engineHost.ts', 'engine/renderHost': 'engine/api/renderHost.ts',
      'engine/shipVideoBundle': 'engine/formats/video/shipBundle.ts',
      'engine/overlayWorker': 'engine/formats/video/overlayWorker.ts',
    },
    outdir: dist,
    format: 'esm',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  }),
  esbuild.build({ ...common, entryPoints: { 'electron/main': 'electron/main.ts' }, outdir: dist, format: 'esm' }),
  esbuild.build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(dist, 'electron/preload.cjs'), format: 'cjs' }),
]);

const inputs = new Set();
for (const { metafile } of results) for (const file of Object.keys(metafile.inputs)) inputs.add(file);
const info = { builtAt: Date.now(), inputs: [...inputs].filter((f) => !f.startsWith('node_modules/')).sort() };
await writeFile(path.join(dist, 'build-info.json'), `${JSON.stringify(info, null, 1)}\n`);
process.stderr.write(`luat-studio: compiled ${info.inputs.length} files to dist/\n`);

// The video templates' webpack bundle, shipped with the app (engine/formats/video/bundleCache.ts): kept while its sources are unchanged.
const shipped = spawnSync(process.execPath, [path.join(dist, 'engine/shipVideoBundle.js')], { stdio: 'inherit' });
if (shipped.status !== 0) process.exit(shipped.status ?? 1);
