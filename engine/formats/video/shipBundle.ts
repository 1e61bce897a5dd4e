/**
 * Run by scripts/build-dist.mjs (so by `npm ci` and `npm run build`): makes
 * the video bundle shipped with the app (shipBundle in ./remotion.ts), so a
 * first video build after installing starts drawing at once.
 */
import { shipBundle } from './remotion.js';

const started = performance.now();
const { dir, made } = await shipBundle();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stderr.write(made ? `luat-studio: bundled the video templates to ${dir} (${seconds} s)\n` : `luat-studio: the video bundle is up to date (${dir})\n`);
