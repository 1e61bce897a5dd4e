/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One config for the UI build (renderer/) and for Vitest (tests/).
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
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    // Guards against hangs, not a speed requirement: CI runs on 2 busy cores, so
    // heavy tests size their work and speed is measured in `npm run bench`.
    testTimeout: 240_000,
    hookTimeout: 600_000,
    // The kill test and renders spawn processes; two cores, so keep files apart.
    fileParallelism: false,
    // The JSON report lets .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
