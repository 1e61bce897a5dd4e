/**
 * The render farm end to end, with real parts: a real redis-server on
 * 127.0.0.1, the real `luat-studio worker` processes and `build --queue`.
 * One worker is killed (SIGKILL) in the middle of a unit; the build must still
 * finish, list every unit's files exactly once, and give the same files as a
 * build on one PC.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, SAMPLE_BRIEF } from '../helpers/briefs.js';
import { closeStudio, createProjectFromSample, openStudio, renderProject, renderProjectOnFarm, type Studio } from '../../engine/app/index.js';
import { translator } from '../../engine/i18n/index.js';
import { RUN_TEMP_PREFIX } from '../../engine/runTemp.js';
import { ffprobe } from '../../engine/media/ffmpeg.js';
import { runCli } from '../helpers/cli.js';
import { CLI, start, startRedis, startWorker, stopStarted } from '../helpers/farm.js';
import { processesMentioning, waitForNoProcesses } from '../reliability/helpers.js';
import { framePsnr, SAME_PICTURE_DB, subtitleSamples } from '../video/fixtures.js';

let dir: string;
let queue: string;
let farmManifest: { outputs: { format: string; language: string; variant: string; path: string; sha256: string }[] };
let farmBuild: { code: number | null; output: string };
let killedUnit: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-farm-'));
  queue = await startRedis(dir);
  const shared = path.join(dir, 'shared');
  const worker = (name: string) => startWorker({ queue, shared, library: path.join(dir, `lib-${name}`) });
  const doomed = worker('a');
  await doomed.waitFor(/is waiting for work/);
  const build = start(process.execPath, [CLI, '--locale', 'en', '--library', path.join(dir, 'lib-studio'), 'build', SAMPLE_BRIEF, '--out', path.join(dir, 'farm'), '--formats', 'booklet,leaflet', '--lang', 'vi', '--queue', queue, '--shared', shared]);
  // The first unit the doomed worker takes dies with it, half rendered.
  killedUnit = (await doomed.waitFor(/Building \S+/)).replace('Building ', '');
  doomed.child.kill('SIGKILL');
  const survivor = worker('b');
  const code = await build.exited;
  farmBuild = { code, output: build.output() };
  survivor.child.kill('SIGTERM');
  await survivor.exited;
  farmManifest = JSON.parse(readFileSync(path.join(dir, 'farm', 'manifest.json'), 'utf8'));
}, 600_000);

afterAll(() => {
  stopStarted();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('render farm on a real Redis', () => {
  it('finishes a build although a worker was killed in the middle of a unit', () => {
    expect(farmBuild.code, farmBuild.output).toBe(0);
    expect(killedUnit).toMatch(/^(booklet|leaflet)_vi$/);
    const formats = new Set(farmManifest.outputs.map((o) => o.format));
    expect([...formats].sort()).toEqual(['booklet', 'leaflet']);
  });

  it('lists every file once, and leaves nothing of the units in the shared folder', () => {
    const paths = farmManifest.outputs.map((o) => o.path);
    expect(new Set(paths).size).toBe(paths.length);
    const left = readdirSync(path.join(dir, 'shared', 'builds'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(left.map((e) => e.name)).toEqual([]);
  });

  it('gives the same files as a build on one PC', () => {
    const single = runCli(['--library', path.join(dir, 'lib-single'), 'build', SAMPLE_BRIEF, '--out', path.join(dir, 'single'), '--formats', 'booklet,leaflet', '--lang', 'vi']);
    expect(single.status, single.stderr).toBe(0);
    const singleManifest: typeof farmManifest = JSON.parse(readFileSync(path.join(dir, 'single', 'manifest.json'), 'utf8'));
    const describe = (m: typeof farmManifest) => m.outputs.map((o) => `${o.format} ${o.language} ${o.variant} ${o.path}`).sort();
    expect(describe(farmManifest)).toEqual(describe(singleManifest));
    for (const o of farmManifest.outputs.filter((e) => e.path.endsWith('.pdf'))) {
      const text = (root: string) => execFileSync('pdftotext', ['-layout', path.join(dir, root, o.path), '-']).toString();
      expect(text('farm'), o.path).toBe(text('single'));
    }
    // Byte for byte: no file carries the clock or the PC that made it (docs/publishing.md), so an approval holds either way.
    const hashes = (m: typeof farmManifest) => Object.fromEntries(m.outputs.map((o) => [o.path, o.sha256]));
    expect(hashes(farmManifest)).toEqual(hashes(singleManifest));
  });

  it('says clearly when the queue cannot be reached', () => {
    const result = runCli(['--locale', 'en', '--library', path.join(dir, 'lib-x'), 'build', SAMPLE_BRIEF, '--out', path.join(dir, 'x'), '--formats', 'booklet', '--queue', 'redis://127.0.0.1:1', '--shared', path.join(dir, 'shared')]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('Cannot reach the Redis queue at 127.0.0.1:1');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('a long video split into frame ranges', () => {
  // A tenth-size picture, one aspect: the split and the join are what is tested, not the drawing.
  const flags = { aspects: ['16:9'], videoScale: 0.1 };
  let studio: Studio;
  let projectId: string;
  let farm: Awaited<ReturnType<typeof renderProjectOnFarm>>;
  const progressSeen: { key: string; state: string; worker?: string }[] = [];
  const mp4 = (root: string) => {
    const entry = farm.manifest.outputs.find((o) => o.path.endsWith('.mp4'))!;
    return path.join(dir, root, entry.path);
  };

  /** The worker killed in the middle of a range: what it was rendering, its programs then, and those left after. */
  let killed: { unit: string; programsAtKill: number; left: number[] };

  beforeAll(async () => {
    const shared = path.join(dir, 'shared');
    const worker = (name: string) => startWorker({ queue, shared, library: path.join(dir, `lib-${name}`) });
    // The first worker is alone when the ranges are queued, so it takes one; it is killed (SIGKILL) while its
    // Chromium and encoders run, and the two started after it finish the video.
    const doomed = worker('c');
    await doomed.waitFor(/is waiting for work/);
    studio = await openStudio({ libraryDir: path.join(dir, 'lib-split'), command: 'test' });
    const t = translator('en');
    projectId = (await createProjectFromSample(studio, SAMPLE_BRIEF, t)).project.id;
    const rendering = renderProjectOnFarm(studio, {
      projectId, formats: ['video'], languages: ['vi'], outDir: path.join(dir, 'split'), flags, queue, sharedDir: shared, splitVideoSeconds: 32, locale: 'en',
      progress: (units) => { for (const u of units) progressSeen.push({ key: u.unit.key, state: u.state, ...(u.worker ? { worker: u.worker } : {}) }); },
    }, t);
    rendering.catch(() => {});
    const unit = (await doomed.waitFor(/Building video_vi_16-9_f\d+/)).replace('Building ', '');
    // Its programs carry its run folder in their command lines (Chromium's profile lives there).
    const runFolder = `${RUN_TEMP_PREFIX}${doomed.child.pid}-`;
    for (let i = 0; i < 240 && processesMentioning(runFolder).length === 0; i++) await sleep(250);
    const programsAtKill = processesMentioning(runFolder).length;
    doomed.child.kill('SIGKILL');
    await doomed.exited;
    killed = { unit, programsAtKill, left: await waitForNoProcesses(runFolder) };
    const workers = ['d', 'e'].map(worker);
    farm = await rendering;
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
    await renderProject(studio, { projectId, formats: ['video'], languages: ['vi'], outDir: path.join(dir, 'split-single'), flags }, t);
  }, 600_000);

  afterAll(async () => {
    if (studio) await closeStudio(studio);
  });

  it('retries the range of a worker killed while rendering it, and the killed worker leaves no program running', () => {
    expect(killed.unit).toMatch(/^video_vi_16-9_f\d+$/);
    expect(farm.units.map((u) => u.key)).toContain(killed.unit);
    expect(killed.programsAtKill).toBeGreaterThan(0);
    expect(killed.left).toEqual([]);
  });

  it('renders the video as several range units, each listed once, on the workers', () => {
    const ranges = farm.units.map((u) => u.key).filter((k) => /^video_vi_16-9_f\d+$/.test(k));
    expect(ranges.length).toBeGreaterThanOrEqual(2);
    expect(new Set(ranges).size).toBe(ranges.length);
    const paths = farm.manifest.outputs.map((o) => o.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.filter((p) => p.endsWith('.mp4'))).toHaveLength(1);
    expect(progressSeen.some((p) => p.state === 'done' && p.worker)).toBe(true);
  });

  it('joins them into the one-PC video: same frames, duration, one sound and subtitle track', async () => {
    const [split, single] = await Promise.all([ffprobe(mp4('split')), ffprobe(mp4('split-single'))]);
    const kinds = (p: typeof split) => p.streams.map((s) => `${s.codec_type}:${s.codec_name}:${s.tags?.['language'] ?? ''}:${s.disposition?.['default'] ?? ''}`);
    expect(kinds(split)).toEqual(kinds(single));
    expect(split.streams.filter((s) => s.codec_type === 'audio')).toHaveLength(1);
    // The captions come and go at the same moments, sample for sample (a plain copy once made them drift 1 ms a cue).
    expect(subtitleSamples(mp4('split'))).toEqual(subtitleSamples(mp4('split-single')));
    const frames = (p: typeof split) => Number((p.streams.find((s) => s.codec_type === 'video') as { nb_frames?: string }).nb_frames);
    expect(frames(split)).toBe(frames(single));
    expect(frames(split)).toBeGreaterThan(8 * 25);
    const videoDuration = (p: typeof split) => Number((p.streams.find((s) => s.codec_type === 'video') as { duration?: string }).duration);
    expect(videoDuration(split)).toBeCloseTo(videoDuration(single), 2);
    // The picture starts with the sound, as in the one-PC video (joining whole ranges once put it 43 ms late).
    const videoStart = (p: typeof split) => Number((p.streams.find((s) => s.codec_type === 'video') as { start_time?: string }).start_time);
    expect(videoStart(split)).toBe(videoStart(single));
    // The container also counts the sound's last AAC frame and its priming: equal to a few hundredths.
    expect(Math.abs(Number(split.format.duration) - Number(single.format.duration))).toBeLessThan(0.1);
    // The picture itself, frame by frame at its time (the psnr filter pairs frames by timestamp). Not bit for bit:
    // Chromium's rasteriser is not bit-exact between browser sessions (a browser that drew the whole video and one
    // that started at the range: one picture 1 level off in 3 pixels of 192×108, 88 dB), pictures may come from
    // another session (the farm's shared cache, the pictures kept between builds), and x264 carries such a
    // difference on to the next key frame: seen down to 46 dB, invisible. A real mistake is far below: the
    // one-PC video shifted by a single frame has 97 frames under 40 dB, down to 19.
    const psnr = framePsnr(mp4('split'), mp4('split-single'));
    expect(psnr.length).toBe(frames(single));
    const unlike = psnr.flatMap((db, i) => (db < SAME_PICTURE_DB ? [i] : []));
    const evidence = unlike.length > 0 ? keepDifferingFrames(mp4('split'), mp4('split-single'), unlike) : '';
    expect(unlike, `frames differ from the one-PC render (PSNR < ${SAME_PICTURE_DB} dB); both videos and those frames are in ${evidence}`).toEqual([]);
  });
});

/** Copies both videos and, as PNGs, each differing frame of each into test-results/ (kept after the run); returns the folder. */
function keepDifferingFrames(split: string, single: string, frames: number[]): string {
  const parent = path.join(ROOT, 'test-results');
  mkdirSync(parent, { recursive: true });
  const keep = mkdtempSync(path.join(parent, 'farm-split-diff-'));
  for (const [name, file] of [['split', split], ['single', single]] as const) {
    copyFileSync(file, path.join(keep, `${name}.mp4`));
    for (const frame of frames.slice(0, 12)) {
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', `select=eq(n\\,${frame})`, '-frames:v', '1', path.join(keep, `${name}-${frame}.png`)]);
    }
  }
  return keep;
}
