/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One config for the UI build (renderer/) and for Vitest (tests/).
const TEST_FILES = ['tests/**/*.test.ts', 'tests/**/*.test.tsx'];
const EXCLUSIVE = [
  'tests/store/kill.test.ts', 'tests/store/lock.test.ts', 'tests/reliability/**/*.test.ts',
  'tests/ui/**/*.test.ts', 'tests/farm/**/*.test.ts',
  'tests/video/render.test.ts', 'tests/package/**/*.test.ts', 'tests/api/render.test.ts',
];
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // The ffmpeg core (32 MB wasm) and pdf.js are loaded only by the screens that need them.
    chunkSizeWarningLimit: 2000,
    // Electron 41 and the Chromium we test with both run modern JS.
    target: 'es2022',
  },
  worker: { format: 'es' },
  server: {
    // The renderer imports templates/ and engine/api/contract.ts from outside renderer/.
    fs: { allow: ['..'] },
  },
  optimizeDeps: {
    // ffmpeg.wasm loads its core from our own server, never a CDN.
    exclude: ['@ffmpeg/ffmpeg', '@ffmpeg/util'],
  },
  test: {
    root: '.',
    // Guards against hangs, not a speed requirement: CI runs on 2 busy cores, so
    // heavy tests size their work and speed is measured in `npm run bench`.
    testTimeout: 240_000,
    // The run's own picture and bundle cache, never the user's (see the file).
    globalSetup: ['tests/helpers/isolatedCache.ts'],
    hookTimeout: 600_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      // Most files run two at a time (two cores)…
      { extends: true, test: { name: 'shared', include: TEST_FILES, exclude: EXCLUSIVE, maxWorkers: 2, sequence: { groupOrder: 0 } } },
      // …then, one at a time, the files that time processes, kill them, fill disks or
      // render whole videos and apps: another file beside them would make them flaky.
      { extends: true, test: { name: 'exclusive', include: EXCLUSIVE, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
