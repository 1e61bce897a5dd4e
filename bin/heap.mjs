/**
 * How the studio's Node processes grow their heap. A video render allocates
 * steadily (CDP screenshots, encoded chunks, caption shots) while its live
 * heap stays ~60 MB; V8's own choice let the old generation grow only ~40 %
 * past it, and a cold render of the sample ran ~120 full collections (7–10
 * s of a 60 s render's Node CPU). Letting it grow to twice the live heap cut
 * them to ~40 and Node's CPU by ~8 s for ~60–110 MB more peak memory
 * (measured 2026-12-06, docs/video-rendering.md). Set as each program starts
 * (bin/launch.mjs), and by the benchmark, which measures what users run.
 */
import v8 from 'node:v8';

export const HEAP_GROWING_PERCENT = 100;

export function tuneHeap() {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
