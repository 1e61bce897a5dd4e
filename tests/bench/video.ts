/**
 * Video benchmark: the sample's situation ("Đám cưới của Páo") at 9:16,
 * 1080×1920, through our pipeline, then one extra language with the bundle
 * and browser warm, then the same composition through Remotion's renderMedia
 * with its defaults, all in one run. Reports wall seconds per second of video
 * and the peak memory of the whole process tree (this process plus Chromium
 * and ffmpeg), and where our time goes.
 *
 *   npm run bench -- video            (rows for the bench table)
 *   node --import tsx tests/bench/video.ts [--defaults-seconds 40] [--json]   (the full report)
 *
 * The defaults render covers the first N seconds of the same composition
 * (its cost per frame does not depend on content), to keep the run short.
 *
 * "Cold" is a first build on a fresh install: a browser to start, no voices,
 * soundtrack or pictures kept (a fresh cache folder), and the webpack bundle
 * the install made (dist/video-bundles); renderMedia gets that bundle too.
 * Webpack from scratch is timed and reported on its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMedia, selectComposition } from '@remotion/renderer';
import { importBriefFile } from '../../engine/brief/import.js';
import { createVideoFormat, type VideoStats } from '../../engine/formats/video/index.js';
import { SHARE_MAX_MB_PER_MINUTE } from '../../engine/formats/video/shareVersion.js';
import { createBundle, disposeBundle, sharedBundle, COMPOSITION_ID } from '../../engine/formats/video/remotion.js';
import type { Material } from '../../engine/model/material.js';
import { findVideoChromium } from '../../engine/render/chromium.js';
import type { VideoPlan } from '../../templates/video/plan.js';
import { TestShared, testContext } from '../video/context.js';
import { translated } from '../video/fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');

/** Peak memory of this process and all its descendants, sampled every 200 ms (Linux /proc). */
class TreeMemory {
  peakRssMb = 0;
  peakPssMb = 0;
  private timer: NodeJS.Timeout | null = null;

  start(): void {
    this.peakRssMb = 0;
    this.peakPssMb = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 200);
  }

  stop(): { rssMb: number; pssMb: number } {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return { rssMb: Math.round(this.peakRssMb), pssMb: Math.round(this.peakPssMb) };
  }

  private sample(): void {
    if (process.platform !== 'linux') return;
    let table: string;
    try {
      table = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
    } catch {
      return;
    }
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    for (const line of table.trim().split('\n')) {
      const [pid, ppid, kb] = line.trim().split(/\s+/).map(Number);
      if (!pid) continue;
      rss.set(pid, kb ?? 0);
      children.set(ppid!, [...(children.get(ppid!) ?? []), pid]);
    }
    const tree: number[] = [];
    const stack = [process.pid];
    while (stack.length) {
      const pid = stack.pop()!;
      tree.push(pid);
      stack.push(...(children.get(pid) ?? []));
    }
    let rssKb = 0;
    let pssKb = 0;
    for (const pid of tree) {
      rssKb += rss.get(pid) ?? 0;
      try {
        const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        pssKb += Number(m?.[1] ?? 0);
      } catch {
        // The process ended between ps and now.
      }
    }
    this.peakRssMb = Math.max(this.peakRssMb, rssKb / 1024);
    this.peakPssMb = Math.max(this.peakPssMb, pssKb / 1024);
  }
}

export interface BenchRow {
  name: string;
  videoSec: number;
  wallSec: number;
  perVideoSec: number;
  peakRssMb: number;
  peakPssMb: number;
  notes: string;
}

/** The standard encode against a near-lossless one of the same shots. */
export interface EncodeQuality {
  videoSec: number;
  bytes: number;
  mbPerMinute: number;
  referenceBytes: number;
  /** Mean SSIM (all planes) of ours against the reference, or null without Debian's ffmpeg (the bundled one has no ssim filter). */
  ssim: number | null;
  /** The share version (720×1280, engine/formats/video/shareVersion.ts): its size and its SSIM against the reference scaled to 720p. */
  share: { bytes: number; mbPerMinute: number; ssim: number | null } | null;
}

export interface VideoBenchResult {
  rows: BenchRow[];
  stats: VideoStats[];
  setupSec: number;
  quality: EncodeQuality | null;
}

/** Goals of issue 19, against baselines measured in the same run. */
export const GOALS = { coldVsDefaults: 0.1, extraVsFirst: 0.3, peakGb: 1.5, mbPerMinute: 6, ssim: 0.97, shareMbPerMinute: SHARE_MAX_MB_PER_MINUTE };

/** A row of `npm run bench` (tests/bench/run.ts). */
export interface BenchResult {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  goalSeconds?: number;
  [extra: string]: unknown;
}

/**
 * Rows for `npm run bench`, in seconds of wall time per second of video:
 * ours against renderMedia's defaults (goal ≤ 1.0), and one extra language
 * against the first (goal ≤ 1.1× it). The full report goes to stderr.
 */
export async function benchVideo(): Promise<BenchResult[]> {
  const result = await runVideoBench({ log: (l) => process.stderr.write(`${l}\n`) });
  process.stderr.write(`${formatBench(result)}\n`);
  const [cold, frames, extra, defaults] = result.rows as [BenchRow, BenchRow, BenchRow, BenchRow];
  const memory = (r: BenchRow) => ({ peakRssMb: r.peakRssMb, peakPssMb: r.peakPssMb });
  const rows: BenchResult[] = [
    {
      name: `video 9:16 1080×1920, s per video second, everything from cold (baseline: renderMedia defaults; goal ≤ ${GOALS.coldVsDefaults}×)`,
      seconds: cold.perVideoSec, baselineSeconds: defaults.perVideoSec, ratio: cold.perVideoSec / defaults.perVideoSec,
      goalSeconds: GOALS.coldVsDefaults * defaults.perVideoSec,
      ...memory(cold), baselinePeakRssMb: defaults.peakRssMb, baselinePeakPssMb: defaults.peakPssMb,
    },
    {
      name: 'video 9:16, s per video second, frames only (capture + captions + encode)',
      seconds: frames.perVideoSec, baselineSeconds: defaults.perVideoSec, ratio: frames.perVideoSec / defaults.perVideoSec,
    },
    {
      name: `video 9:16, extra language, s per video second (baseline: the first language; goal ≤ ${GOALS.extraVsFirst}×)`,
      seconds: extra.perVideoSec, baselineSeconds: cold.perVideoSec, ratio: extra.perVideoSec / cold.perVideoSec,
      goalSeconds: GOALS.extraVsFirst * cold.perVideoSec,
      ...memory(extra),
    },
    {
      // Not seconds: GB, in the same columns (baseline: renderMedia defaults' tree).
      name: `video 9:16, peak RSS of the process tree in GB, cold render (baseline: renderMedia defaults; goal ≤ ${GOALS.peakGb} GB)`,
      seconds: cold.peakRssMb / 1024, baselineSeconds: defaults.peakRssMb / 1024, ratio: cold.peakRssMb / defaults.peakRssMb, goalSeconds: GOALS.peakGb,
    },
    {
      // PSS shares each page among the processes that map it: summed RSS counts Chromium's and Node's shared code once per process.
      name: `video 9:16, peak PSS of the process tree in GB, cold render (baseline: renderMedia defaults; the same goal, ${GOALS.peakGb} GB, read as the memory the tree really holds)`,
      seconds: cold.peakPssMb / 1024, baselineSeconds: defaults.peakPssMb / 1024, ratio: cold.peakPssMb / defaults.peakPssMb, goalSeconds: GOALS.peakGb,
    },
  ];
  const q = result.quality;
  if (q) {
    rows.push({
      // Not seconds: MB per minute of video (baseline: the near-lossless encode of the same shots).
      name: `video 9:16 1080×1920 file size, MB per minute (baseline: near-lossless; goal ≤ ${GOALS.mbPerMinute}, SSIM ≥ ${GOALS.ssim}; SSIM ${q.ssim === null ? 'not measured' : q.ssim.toFixed(4)})`,
      seconds: q.mbPerMinute, baselineSeconds: q.referenceBytes / 1e6 / (q.videoSec / 60), ratio: q.bytes / q.referenceBytes,
      goalSeconds: q.ssim === null || q.ssim >= GOALS.ssim ? GOALS.mbPerMinute : 0,
      ssim: q.ssim,
    });
  }
  if (q?.share) {
    const share = q.share;
    rows.push({
      // Not seconds: MB per minute of the share version (baseline: the near-lossless 1080p encode; SSIM against it scaled to 720p).
      name: `video 9:16 share version 720×1280, MB per minute (baseline: near-lossless; goal ≤ ${GOALS.shareMbPerMinute}, SSIM ≥ ${GOALS.ssim} against it at 720p; SSIM ${share.ssim === null ? 'not measured' : share.ssim.toFixed(4)})`,
      seconds: share.mbPerMinute, baselineSeconds: q.referenceBytes / 1e6 / (q.videoSec / 60), ratio: share.bytes / q.referenceBytes,
      goalSeconds: share.ssim === null || share.ssim >= GOALS.ssim ? GOALS.shareMbPerMinute : 0,
      ssim: share.ssim,
    });
  }
  return rows;
}

/** Mean SSIM of `file` against `reference`, with Debian's ffmpeg (measuring only; the bundled one lacks the filter). */
function ssimOf(file: string, reference: string, scaleTo?: { width: number; height: number }): number | null {
  const debian = '/usr/bin/ffmpeg';
  if (!existsSync(debian)) return null;
  // The share version is measured against the reference brought down to its size (lanczos, as it was made).
  const graph = scaleTo ? `[1:v]scale=${scaleTo.width}:${scaleTo.height}:flags=lanczos[ref];[0:v][ref]ssim` : '[0:v][1:v]ssim';
  const run = spawnSync(debian, ['-hide_banner', '-nostats', '-i', file, '-i', reference, '-lavfi', graph, '-f', 'null', '-'], { encoding: 'utf8' });
  const m = /SSIM .*All:([0-9.]+)/.exec(run.stderr ?? '');
  return m ? Number(m[1]) : null;
}

export async function runVideoBench(options: { defaultsSeconds?: number; log?: (line: string) => void } = {}): Promise<VideoBenchResult> {
  const log = options.log ?? (() => {});
  // Pictures kept by earlier builds (keptPictures.ts) would make the cold run warm: this run keeps its own, in a fresh cache.
  const cacheBefore = process.env['LUAT_STUDIO_CACHE'];
  process.env['LUAT_STUDIO_CACHE'] = await mkdtemp(path.join(os.tmpdir(), 'video-bench-cache-'));
  const imported = await importBriefFile(SAMPLE);
  if (!imported.material) throw new Error('sample brief did not import');
  const material: Material = imported.material;
  for (const s of material.sections) if (s.kind === 'situation') s.aspects = ['9:16'];
  const hmong = translated(material, (t) => t);
  const work = await mkdtemp(path.join(os.tmpdir(), 'video-bench-'));
  const shared = new TestShared();
  const memory = new TreeMemory();
  const rows: BenchRow[] = [];
  // Progress on stderr every few seconds, so a slow or stuck phase shows where it is.
  let lastLog = 0;
  const progress = (u: { label: string; done: number; total: number }) => {
    if (performance.now() - lastLog < 5000 && u.done < u.total) return;
    lastLog = performance.now();
    log(`  ${u.label}: ${u.done}/${u.total}`);
  };
  const stats: VideoStats[] = [];
  const plans: VideoPlan[] = [];
  try {
    // 0. Webpack alone, reported apart: it runs once per install (npm ci, `npm run build`, the packaged app ship
    //    dist/video-bundles), not per build; renderMedia below is also given a ready bundle.
    log('webpack bundle of the video templates, made afresh (once per install)…');
    const setupStart = performance.now();
    await disposeBundle(await createBundle({ cache: false }));
    const setupSec = (performance.now() - setupStart) / 1000;
    await sharedBundle(shared);

    // 1. Our pipeline, one language, from cold: browser, voices, soundtrack, every picture, poster.
    log('ours: vi 9:16 (cold: browser, voices, soundtrack, frames, poster)…');
    memory.start();
    let t0 = performance.now();
    const ours = await createVideoFormat({ onStats: (s) => stats.push(s), onPlan: (p) => plans.push(p) })
      .build({ ...testContext({ material, outDir: path.join(work, 'ours'), shared }), progress });
    let wall = (performance.now() - t0) / 1000;
    let mem = memory.stop();
    const first = stats[0]!;
    rows.push({
      name: 'ours, vi (cold, all included)', videoSec: first.durationSec, wallSec: wall, perVideoSec: wall / first.durationSec,
      peakRssMb: mem.rssMb, peakPssMb: mem.pssMb,
      notes: `${first.captured} pictures captured for ${first.frames} frames, ${first.composed} captioned shots`,
    });
    rows.push({
      name: 'ours, vi: frames only (capture+encode)', videoSec: first.durationSec, wallSec: first.captureSec + first.encodeSec,
      perVideoSec: (first.captureSec + first.encodeSec) / first.durationSec, peakRssMb: mem.rssMb, peakPssMb: mem.pssMb,
      notes: `capture and captions ${((first.captureSec * 1000) / Math.max(1, first.captured)).toFixed(0)} ms per captured picture`,
    });

    // 2. One extra language, bundle and browser warm (Hmong: no voice, so reading-time lines).
    log('ours: extra language hnj 9:16 (warm)…');
    memory.start();
    t0 = performance.now();
    await createVideoFormat({ onStats: (s) => stats.push(s) })
      .build({ ...testContext({ material, outDir: path.join(work, 'ours'), shared, languages: ['hnj'], materials: { hnj: hmong } }), progress });
    wall = (performance.now() - t0) / 1000;
    mem = memory.stop();
    const extra = stats[1]!;
    rows.push({
      name: 'ours, extra language hnj (warm)', videoSec: extra.durationSec, wallSec: wall, perVideoSec: wall / extra.durationSec,
      peakRssMb: mem.rssMb, peakPssMb: mem.pssMb,
      notes: `${extra.captured} of ${extra.pictures} pictures captured (the rest shared with vi); ${(wall / rows[0]!.wallSec).toFixed(2)}× the first render's wall; ${((wall / extra.durationSec) / rows[0]!.perVideoSec).toFixed(2)}× per video second`,
    });

    // 3. Size and look: the same vi video near-lossless (pictures cached, so only captions and encode), SSIM of ours against it.
    log('ours: vi 9:16 near-lossless reference, for size and SSIM…');
    // The reference needs no share version of its own.
    const reference = await createVideoFormat({ encoder: 'reference' })
      .build({ ...testContext({ material, outDir: path.join(work, 'reference'), shared, settings: { video: { shareVersion: false } } }), progress });
    const oursMp4 = path.join(work, 'ours', ours.find((o) => o.variant === '9x16')!.path);
    const shareEntry = ours.find((o) => o.variant === '9x16.share');
    const refMp4 = path.join(work, 'reference', reference.find((o) => o.variant === '9x16')!.path);
    const bytes = statSync(oursMp4).size;
    const perMinute = (n: number) => n / 1e6 / (first.durationSec / 60);
    const quality: EncodeQuality = {
      videoSec: first.durationSec, bytes, mbPerMinute: perMinute(bytes),
      referenceBytes: statSync(refMp4).size, ssim: ssimOf(oursMp4, refMp4),
      share: shareEntry ? {
        bytes: shareEntry.bytes, mbPerMinute: perMinute(shareEntry.bytes),
        ssim: ssimOf(path.join(work, 'ours', shareEntry.path), refMp4, { width: shareEntry.width!, height: shareEntry.height! }),
      } : null,
    };

    // 4. Remotion's renderMedia with its defaults, same bundle, same composition and props.
    const plan = plans[0]!;
    const frames = Math.min(plan.durationInFrames, Math.round((options.defaultsSeconds ?? 40) * plan.fps));
    log(`Remotion renderMedia defaults: first ${frames} frames of the same composition…`);
    const bundle = await sharedBundle(shared);
    memory.start();
    t0 = performance.now();
    const inputProps = { plan };
    // The browser the studio captures with; Remotion's own default is a headless shell too.
    const composition = await selectComposition({ serveUrl: bundle.dir, id: COMPOSITION_ID, inputProps, browserExecutable: findVideoChromium(), logLevel: 'error' });
    await renderMedia({
      serveUrl: bundle.dir, composition, inputProps, codec: 'h264', outputLocation: path.join(work, 'defaults.mp4'),
      browserExecutable: findVideoChromium(), frameRange: [0, frames - 1], logLevel: 'error',
      onProgress: (p) => progress({ label: 'defaults', done: p.renderedFrames + p.encodedFrames, total: 2 * frames }),
    });
    wall = (performance.now() - t0) / 1000;
    mem = memory.stop();
    rows.push({
      name: 'Remotion renderMedia defaults', videoSec: frames / plan.fps, wallSec: wall, perVideoSec: wall / (frames / plan.fps),
      peakRssMb: mem.rssMb, peakPssMb: mem.pssMb, notes: 'every frame captured; x264 default preset; no audio mix',
    });
    return { rows, stats, setupSec, quality };
  } finally {
    await shared.disposeAll();
    await rm(work, { recursive: true, force: true });
    await rm(process.env['LUAT_STUDIO_CACHE']!, { recursive: true, force: true });
    if (cacheBefore === undefined) delete process.env['LUAT_STUDIO_CACHE'];
    else process.env['LUAT_STUDIO_CACHE'] = cacheBefore;
  }
}

export function formatBench(result: VideoBenchResult): string {
  const lines = [
    'Video (9:16, 1080×1920, sample "Đám cưới của Páo")',
    `${'run'.padEnd(42)} ${'video s'.padStart(8)} ${'wall s'.padStart(8)} ${'s/video s'.padStart(10)} ${'peak RSS'.padStart(9)} ${'peak PSS'.padStart(9)}  notes`,
  ];
  for (const r of result.rows) {
    lines.push(`${r.name.padEnd(42)} ${r.videoSec.toFixed(1).padStart(8)} ${r.wallSec.toFixed(1).padStart(8)} ${r.perVideoSec.toFixed(2).padStart(10)} ${`${r.peakRssMb} MB`.padStart(9)} ${`${r.peakPssMb} MB`.padStart(9)}  ${r.notes}`);
  }
  lines.push('Where our time goes (seconds):');
  for (const s of result.stats) {
    lines.push(`  ${s.language} ${s.aspect}: voices ${s.voicesSec.toFixed(1)}, soundtrack ${s.soundtrackSec.toFixed(1)}, capture and captions ${s.captureSec.toFixed(1)} (${s.captured} of ${s.pictures} pictures captured, ${s.composed} captioned shots, ${s.frames} frames), encode after capture ${s.encodeSec.toFixed(1)}, poster ${s.posterSec.toFixed(1)}`);
  }
  const q = result.quality;
  if (q) {
    lines.push(`Size: ${(q.bytes / 1e6).toFixed(1)} MB for ${q.videoSec.toFixed(0)} s (${q.mbPerMinute.toFixed(2)} MB/min); near-lossless reference ${(q.referenceBytes / 1e6).toFixed(1)} MB; SSIM ${q.ssim === null ? 'not measured (no /usr/bin/ffmpeg)' : q.ssim.toFixed(4)}`);
    if (q.share) lines.push(`Share version 720p: ${(q.share.bytes / 1e6).toFixed(1)} MB (${q.share.mbPerMinute.toFixed(2)} MB/min, goal ≤ ${GOALS.shareMbPerMinute}); SSIM against the reference at 720p ${q.share.ssim === null ? 'not measured (no /usr/bin/ffmpeg)' : q.share.ssim.toFixed(4)}`);
  }
  lines.push(`  webpack bundle made afresh, with webpack's own cache as the install left it (once per install, not in the runs above): ${result.setupSec.toFixed(1)}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--defaults-seconds');
  const defaultsSeconds = i > 0 ? Number(process.argv[i + 1]) : 40;
  const result = await runVideoBench({ defaultsSeconds, log: (l) => console.error(l) });
  console.log(process.argv.includes('--json') ? JSON.stringify(result, null, 2) : formatBench(result));
}
