/**
 * `npm run bench`: every format's benchmark, each reported as seconds and as a
 * ratio against a baseline measured in the same process and run (so machines
 * of different speed compare). Nothing here asserts a time: it reports.
 * `npm run bench -- print` runs one group.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tuneHeap } from '../../bin/heap.mjs';

interface BenchResult {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  goalSeconds?: number;
  [extra: string]: unknown;
}

// The programs users run grow their heap this way (bin/launch.mjs); the benchmark measures the same.
tuneHeap();

const here = path.dirname(fileURLToPath(import.meta.url));
const GROUPS: { name: string; file: string; fn: string }[] = [
  { name: 'startup', file: 'startup.ts', fn: 'benchStartup' },
  { name: 'print', file: 'print.ts', fn: 'benchPrint' },
  { name: 'audio', file: 'audio.ts', fn: 'benchAudio' },
  { name: 'video', file: 'video.ts', fn: 'benchVideo' },
  { name: 'neural', file: 'neural.ts', fn: 'benchNeural' },
  { name: 'normalize', file: 'normalize.ts', fn: 'benchNormalize' },
  { name: 'api', file: 'api.ts', fn: 'benchApi' },
  { name: 'farm', file: 'farm.ts', fn: 'benchFarm' },
];

const wanted = process.argv.slice(2);
const rows: (BenchResult & { group: string })[] = [];
for (const group of GROUPS) {
  if (wanted.length > 0 && !wanted.includes(group.name)) continue;
  if (!existsSync(path.join(here, group.file))) continue;
  const mod = (await import(`./${group.file}`)) as Record<string, () => Promise<BenchResult[]>>;
  process.stderr.write(`bench: ${group.name}…\n`);
  for (const r of await mod[group.fn]!()) rows.push({ group: group.name, ...r });
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? '' : n.toFixed(digits));
console.log(['group', 'benchmark', 'seconds', 'baseline s', 'ratio', 'goal s', 'met'].join('\t'));
for (const r of rows) {
  const met = r.goalSeconds === undefined ? '' : r.seconds <= r.goalSeconds ? 'yes' : 'NO';
  console.log([r.group, r.name, fmt(r.seconds), fmt(r.baselineSeconds), fmt(r.ratio), fmt(r.goalSeconds), met].join('\t'));
}
