#!/usr/bin/env node
/**
 * Builds the studio's UI (renderer/ → dist/renderer) with Vite. Run by
 * `npm ci` (the package's `prepare` step), by `luat-studio serve` when the UI
 * is missing, and by `npm start`. Vite's own progress goes to stderr so a
 * caller's stdout stays its own.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const { build } = await import('vite');
// Vite writes its progress with console.log; route it to stderr.
console.log = (...args) => console.error(...args);
await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'info', clearScreen: false });
