/**
 * Builds the Electron shell: main.ts as an ES module, preload.ts as the
 * single CommonJS file a sandboxed preload must be, both into dist/electron/.
 * The engine is not bundled: the engine process runs its TypeScript through
 * tsx (./engine-host.mjs), exactly as the CLI does.
 *
 *   node --import tsx electron/build.ts
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

async function bundle(entry: string, format: 'es' | 'cjs', fileName: string): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: path.join(root, 'dist', 'electron'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      lib: { entry: path.join(root, entry), formats: [format], fileName: () => fileName },
      rollupOptions: { external },
    },
  });
}

await bundle('electron/main.ts', 'es', 'main.js');
await bundle('electron/preload.ts', 'cjs', 'preload.cjs');
