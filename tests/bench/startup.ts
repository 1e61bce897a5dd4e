/**
 * Start-up as a user feels it: `luat-studio check` on the sample, `--version`,
 * and `serve` until its address is printed, each against a bare `node -e 0`
 * measured in the same run (the median of interleaved runs). `check`'s peak
 * memory (maxRSS, reported by the child itself on exit) is reported too.
 * Goals (2-core machine): check ≤ 10× bare node and ≤ 120 MB; serve ≤ 1 s.
 * The CLI runs as bin/luat-studio.js chooses (the compiled dist/ when it is
 * up to date: run `npm run build` first to measure what users get).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchResult {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  goalSeconds?: number;
  [extra: string]: unknown;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'bin/luat-studio.js');
const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');
const RUNS = 5;

function timed(args: string[], env: NodeJS.ProcessEnv): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, args, { env, cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - start) / 1000;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return seconds;
}

/** Seconds from spawn to the line with the bridge's address on stdout. */
function serveUntilAddress(env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env, cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const early = (code: number | null) => reject(new Error(`serve exited ${code} before printing its address: ${err}`));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (/http:\/\/127\.0\.0\.1:\d+/.test(out)) {
        const seconds = (performance.now() - start) / 1000;
        child.off('exit', early);
        child.once('exit', () => resolve(seconds));
        child.kill('SIGTERM');
      }
    });
    child.once('exit', early);
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchStartup(): Promise<BenchResult[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'luat-bench-startup-'));
  try {
    const rssFile = path.join(work, 'rss');
    const rssHook = path.join(work, 'rss.cjs');
    // maxRSS in KiB, written by the measured process itself as it exits.
    writeFileSync(rssHook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const env = { ...process.env, LUAT_STUDIO_LIBRARY: path.join(work, 'library'), LUAT_STUDIO_DEBUG: '' };
    const bare: number[] = [];
    const check: number[] = [];
    const version: number[] = [];
    const serve: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timed(['-e', '0'], env));
      check.push(timed([CLI, 'check', '--no-fit', SAMPLE], env));
      rss.push(measureRss(rssHook, rssFile, env));
      version.push(timed([CLI, '--version'], env));
      serve.push(await serveUntilAddress(env));
    }
    const baselineSeconds = median(bare);
    const row = (name: string, xs: number[], goalSeconds?: number, extra: Record<string, unknown> = {}): BenchResult => ({
      name, seconds: median(xs), baselineSeconds, ratio: median(xs) / baselineSeconds, ...(goalSeconds === undefined ? {} : { goalSeconds }), ...extra,
    });
    const peakMb = Math.max(...rss) / 1024;
    process.stderr.write(`bench: check peak RSS ${peakMb.toFixed(0)} MB (goal ≤ 120 MB)\n`);
    return [
      row('check sample (goal ≤ 10× bare node)', check, 10 * baselineSeconds, { peakRssMb: peakMb }),
      row('--version', version),
      row('serve until address printed', serve, 1),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** check run once more with the hook that records its peak memory. */
function measureRss(hook: string, file: string, env: NodeJS.ProcessEnv): number {
  const run = spawnSync(process.execPath, ['--require', hook, CLI, 'check', '--no-fit', SAMPLE], { env, cwd: os.tmpdir(), stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`check exited ${run.status}`);
  return Number(readFileSync(file, 'utf8').trim());
}
