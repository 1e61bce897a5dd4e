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
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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
import { tuneHeap } from '../../bin/heap.mjs';
import { translated } from '../video/fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');

/**
 * Peak memory of this process and all its descendants (Linux /proc): RSS every
 * second, PSS every fifth, read without blocking the event loop and without
 * forking. The earlier sampler (`ps` through execFileSync and smaps_rollup
 * read synchronously, every 200 ms) doubled a cold render's wall time on this
 * kind of machine (2026-12-05: 128.7 s against 64.5 s without it; Node's CPU
 * 124.6 s against 39.2) while renderMedia, waiting on Chromium, hardly
 * noticed: the ratios it gave were too high.
 */
class TreeMemory {
  peakRssMb = 0;
  peakPssMb = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private busy = false;
  private ticks = 0;

  start(): void {
    this.peakRssMb = 0;
    this.peakPssMb = 0;
    this.ticks = 0;
    this.tick();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  async stop(): Promise<{ rssMb: number; pssMb: number }> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.sample(true);
    return { rssMb: Math.round(this.peakRssMb), pssMb: Math.round(this.peakPssMb) };
  }

  private tick(): void {
    const withPss = this.ticks++ % 5 === 0;
    // One sample at a time: a tick while one runs is skipped, not queued behind it.
    if (this.busy) return;
    this.busy = true;
    this.running = this.sample(withPss).finally(() => {
      this.busy = false;
    });
  }

  private async sample(withPss: boolean): Promise<void> {
    if (process.platform !== 'linux') return;
    // Read from /proc, not from `ps`: forking this process (hundreds of MB) made every page it wrote afterwards
    // a copy-on-write fault, which on machines whose fresh memory is dear cost more than the sampling itself.
    const pids = (await readdir('/proc').catch(() => [] as string[])).filter((name) => /^\d+$/.test(name)).map(Number);
    const children = new Map<number, number[]>();
    const rss = new Map<number, number>();
    await Promise.all(pids.map(async (pid) => {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
      if (!stat) return;
      // Fields after the command's closing parenthesis: state, ppid, … rss (in pages) is the 22nd of them.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(pid, (Number(fields[21]) * 4096) / 1024);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    }));
    const tree: number[] = [];
    const stack = [process.pid];
    while (stack.length) {
      const pid = stack.pop()!;
      tree.push(pid);
      stack.push(...(children.get(pid) ?? []));
    }
    this.peakRssMb = Math.max(this.peakRssMb, tree.reduce((sum, pid) => sum + (rss.get(pid) ?? 0), 0) / 1024);
    if (!withPss) return;
    const pss = await Promise.all(tree.map(async (pid) => {
      try {
        return Number(/^Pss:\s+(\d+)/m.exec(await readFile(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // The process ended between ps and now.
        return 0;
      }
    }));
    this.peakPssMb = Math.max(this.peakPssMb, pss.reduce((a, b) => a + b, 0) / 1024);
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
  /** What touching fresh memory costs on this machine, in µs per 4 KiB page (see freshPageMicros). */
  freshPageUs: number;
}

/**
 * Microseconds to touch a page of memory just allocated, the median of a few
 * 64 MiB buffers. Chromium touches ~7,000 fresh pages per 1080×1920 picture
 * (its buffers are new each frame), so where a page costs tens of µs (seen on
 * virtual machines that hand freed memory back to their host) a picture costs
 * 3× what it does where a page costs well under one: the ratios below moved
 * between such machines. Reported so two runs can be read side by side.
 */
export function freshPageMicros(): number {
  const pages = 16_384;
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    const buffer = Buffer.allocUnsafeSlow(pages * 4096);
    for (let i = 0; i < buffer.length; i += 4096) buffer[i] = 1;
    runs.push(Number(process.hrtime.bigint() - t0) / 1000 / pages);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

/** The runs whose rows the goals read. */
const ROW = {
  cold: 'ours, vi (cold, all included)', frames: 'ours, vi: frames only (capture+encode)',
  extra: 'ours, extra language hnj (warm)', defaults: 'Remotion renderMedia defaults',
};

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
  const row = (name: string) => result.rows.find((r) => r.name === name)!;
  const [cold, frames, extra, defaults] = [row(ROW.cold), row(ROW.frames), row(ROW.extra), row(ROW.defaults)];
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
  // The share version is measured against the reference brought down to its size with lanczos, the sharpest of
  // swscale's filters (the share version itself is scaled bicubic, shareVersion.ts).
  const graph = scaleTo ? `[1:v]scale=${scaleTo.width}:${scaleTo.height}:flags=lanczos[ref];[0:v][ref]ssim` : '[0:v][1:v]ssim';
  const run = spawnSync(debian, ['-hide_banner', '-nostats', '-i', file, '-i', reference, '-lavfi', graph, '-f', 'null', '-'], { encoding: 'utf8' });
  const m = /SSIM .*All:([0-9.]+)/.exec(run.stderr ?? '');
  return m ? Number(m[1]) : null;
}

export async function runVideoBench(options: { defaultsSeconds?: number; log?: (line: string) => void } = {}): Promise<VideoBenchResult> {
  const log = options.log ?? (() => {});
  const freshPageUs = freshPageMicros();
  // Pictures kept by earlier builds (keptPictures.ts) would make the cold run warm: this run keeps its own, in a fresh cache.
  const cacheBefore = process.env['LUAT_STUDIO_CACHE'];
  process.env['LUAT_STUDIO_CACHE'] = await mkdtemp(path.join(os.tmpdir(), 'video-bench-cache-'));
  const imported = await importBriefFile(SAMPLE);
  if (!imported.material) throw new Error('sample brief did not import');
  const material: Material = imported.material;
  for (const s of material.sections) if (s.kind === 'situation') s.aspects = ['9:16'];
  // A stand-in translation: other words, and more of them, as a real one has (each unit's words in reverse order, every
  // fourth said twice: about a quarter longer). So the extra language captures and composes its own caption bands and
  // shots, and its lines take their own time: with the same words its mouths, and with the same length its timing
  // (idle motion, cards), matched the first language's, which flattered the ratio (docs/video-rendering.md).
  const hmong = translated(material, (t) => t.split(' ').reverse().flatMap((w, i) => (i % 4 === 3 ? [w, w] : [w])).join(' '));
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
    let mem = await memory.stop();
    const first = stats[0]!;
    rows.push({
      name: ROW.cold, videoSec: first.durationSec, wallSec: wall, perVideoSec: wall / first.durationSec,
      peakRssMb: mem.rssMb, peakPssMb: mem.pssMb,
      notes: `${first.captured} pictures captured (${first.patched} of them as a part over their stage) for ${first.frames} frames, ${first.composed} of ${first.captionedShots} captioned shots composed`,
    });
    rows.push({
      name: ROW.frames, videoSec: first.durationSec, wallSec: first.captureSec + first.encodeSec,
      perVideoSec: (first.captureSec + first.encodeSec) / first.durationSec, peakRssMb: mem.rssMb, peakPssMb: mem.pssMb,
      notes: `capture, with the chunks encoded beside it, ${((first.captureSec * 1000) / Math.max(1, first.captured)).toFixed(0)} ms per captured picture`,
    });

    /** A warm build of one video, timed and measured: its stats, and a row named `name` with `notes` from them. */
    const warmRow = async (name: string, ctx: Parameters<typeof testContext>[0], notes: (s: VideoStats, wall: number) => string) => {
      memory.start();
      const start = performance.now();
      const before = stats.length;
      await createVideoFormat({ onStats: (s) => stats.push(s) }).build({ ...testContext(ctx), progress });
      const seconds = (performance.now() - start) / 1000;
      const peak = await memory.stop();
      const s = stats[before]!;
      rows.push({ name, videoSec: s.durationSec, wallSec: seconds, perVideoSec: seconds / s.durationSec, peakRssMb: peak.rssMb, peakPssMb: peak.pssMb, notes: notes(s, seconds) });
    };

    // 2. One extra language, bundle and browser warm (Hmong: no voice, so reading-time lines).
    log('ours: extra language hnj 9:16 (warm)…');
    await warmRow(ROW.extra, { material, outDir: path.join(work, 'ours'), shared, languages: ['hnj'], materials: { hnj: hmong } },
      (s, w) => `${s.captured} of ${s.pictures} pictures captured (${s.patched} as a part over their stage; the rest shared with vi); ${(w / rows[0]!.wallSec).toFixed(2)}× the first render's wall; ${((w / s.durationSec) / rows[0]!.perVideoSec).toFixed(2)}× per video second`);

    // 2b. The same vi video again (an editor's re-render after an edit elsewhere): pictures, caption bands and
    //     captioned shots and encoded chunks are all kept, so what remains is the mux and the poster.
    log('ours: vi 9:16 again (warm: the same brief re-rendered)…');
    await warmRow('ours, vi again (warm, re-render)', { material, outDir: path.join(work, 'again'), shared },
      (s, w) => `${s.captured} pictures captured, ${s.composed} of ${s.captionedShots} captioned shots composed, ${s.chunksEncoded} of ${s.chunks} chunks encoded; ${(w / rows[0]!.wallSec).toFixed(2)}× the first render's wall`);

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
    mem = await memory.stop();
    rows.push({
      name: ROW.defaults, videoSec: frames / plan.fps, wallSec: wall, perVideoSec: wall / (frames / plan.fps),
      peakRssMb: mem.rssMb, peakPssMb: mem.pssMb, notes: 'every frame captured; x264 default preset; no audio mix',
    });
    return { rows, stats, setupSec, quality, freshPageUs };
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
    lines.push(`  ${s.language} ${s.aspect}: voices ${s.voicesSec.toFixed(1)}, soundtrack ${s.soundtrackSec.toFixed(1)}, capture with encoding beside it ${s.captureSec.toFixed(1)} (${s.captured} of ${s.pictures} pictures captured, ${s.patched} of them as parts, ${s.composed} of ${s.captionedShots} captioned shots composed, ${s.bandsCaptured} caption bands captured, ${s.frames} frames), encode (captions laid on as each chunk is fed) after capture ${s.encodeSec.toFixed(1)}, poster ${s.posterSec.toFixed(1)}`);
  }
  const q = result.quality;
  if (q) {
    lines.push(`Size: ${(q.bytes / 1e6).toFixed(1)} MB for ${q.videoSec.toFixed(0)} s (${q.mbPerMinute.toFixed(2)} MB/min); near-lossless reference ${(q.referenceBytes / 1e6).toFixed(1)} MB; SSIM ${q.ssim === null ? 'not measured (no /usr/bin/ffmpeg)' : q.ssim.toFixed(4)}`);
    if (q.share) lines.push(`Share version 720p: ${(q.share.bytes / 1e6).toFixed(1)} MB (${q.share.mbPerMinute.toFixed(2)} MB/min, goal ≤ ${GOALS.shareMbPerMinute}); SSIM against the reference at 720p ${q.share.ssim === null ? 'not measured (no /usr/bin/ffmpeg)' : q.share.ssim.toFixed(4)}`);
  }
  lines.push(`This machine: touching a fresh 4 KiB page of memory costs ${result.freshPageUs.toFixed(2)} µs (Chromium touches ~7,000 per 1080×1920 picture)`);
  lines.push(`  webpack bundle made afresh, with webpack's own cache as the install left it (once per install, not in the runs above): ${result.setupSec.toFixed(1)}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  tuneHeap(); // as run.ts and the studio's programs do (bin/heap.mjs)
  const i = process.argv.indexOf('--defaults-seconds');
  const defaultsSeconds = i > 0 ? Number(process.argv[i + 1]) : 40;
  const result = await runVideoBench({ defaultsSeconds, log: (l) => console.error(l) });
  console.log(process.argv.includes('--json') ? JSON.stringify(result, null, 2) : formatBench(result));
}
