/**
 * What the studio keeps on this PC (engine/app/caches.ts), through the API as
 * the settings screen calls it: each kept cache's size counted from real
 * files, clearing one or all, and no clearing while a build runs on this PC
 * (engine/build/buildLease.ts) — a build holds its lease from start to end,
 * a lease of a killed process counts for nothing, and a build that starts
 * during a clear waits for it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StudioService } from '../../engine/api/service.js';
import { checkBriefFile } from '../../engine/app/check.js';
import { renderBareBrief } from '../../engine/app/index.js';
import { holdBuildLease, runningBuilds } from '../../engine/build/buildLease.js';
import type { OutputFormat } from '../../engine/build/format.js';
import { translator } from '../../engine/i18n/index.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';
import { sampleText, tempService } from '../api/helpers.js';

/** What the `probe` format saw while it was building. */
const seen = vi.hoisted(() => ({ running: -1, clear: null as unknown, api: null as StudioService | null }));

// A format that, mid-build, counts the running builds and asks for a clear, as the settings screen would.
vi.mock('../../engine/build/registry.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/build/registry.js')>();
  const { runningBuilds: running } = await import('../../engine/build/buildLease.js');
  const probe: OutputFormat = {
    name: 'probe',
    build: async () => {
      seen.running = await running();
      seen.clear = await seen.api!.invoke('cache.clear', {}).then(() => 'cleared', (e: { code?: string }) => e.code);
      return [];
    },
  };
  return { ...real, findFormat: (name: string) => (name === 'probe' ? probe : real.findFormat(name)) };
});

let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;
let cacheRoot: string;
const cacheBefore = process.env['LUAT_STUDIO_CACHE'];
const children: ChildProcess[] = [];

beforeEach(async () => {
  cacheRoot = await mkdtemp(path.join(os.tmpdir(), 'luat-caches-'));
  process.env['LUAT_STUDIO_CACHE'] = cacheRoot;
  ctx = await tempService();
  api = ctx.service;
  seen.api = api;
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await ctx.done();
  await rm(cacheRoot, { recursive: true, force: true });
  if (cacheBefore === undefined) delete process.env['LUAT_STUDIO_CACHE'];
  else process.env['LUAT_STUDIO_CACHE'] = cacheBefore;
});

async function put(file: string, bytes: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, Buffer.alloc(bytes, 7));
}

/** Kept files as a build leaves them: pictures and a bundle in the cache folder, speech in a project's folder. */
async function fill(): Promise<string> {
  const { project } = await api.invoke('projects.createFromBrief', { fileName: 'brief.md', text: await sampleText() });
  const projectDir = path.join(ctx.dir, 'projects', project!.id);
  await put(path.join(cacheRoot, 'video-pictures', 'shipped-abc', 'browser-1', 'k1.jpeg'), 1000);
  await put(path.join(cacheRoot, 'video-pictures', 'shipped-abc', 'browser-1', 'k2.shot.jpeg'), 2000);
  await put(path.join(cacheRoot, 'video-bundles', 'b1', 'bundle.js'), 300);
  await put(path.join(projectDir, 'cache', 'speech', 'line.wav'), 500);
  return projectDir;
}

const sizes = (report: { caches: Array<{ id: string; bytes: number; files: number }> }) =>
  Object.fromEntries(report.caches.map((c) => [c.id, [c.bytes, c.files]]));

/** A live process that is not this one, whose lease a build of another program would be. */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

describe('what the studio keeps on this PC', () => {
  it('counts each kept cache from its files, with words for both languages', async () => {
    await fill();
    const report = await api.invoke('cache.usage', {});
    expect(sizes(report)).toEqual({ 'video-pictures': [3000, 2], 'video-bundles': [300, 1], speech: [500, 1] });
    expect(report.folder).toBe(path.resolve(cacheRoot));
    expect(report.runningBuilds).toBe(0);
    const pictures = report.caches.find((c) => c.id === 'video-pictures')!;
    expect(pictures.label.vi).toMatch(/^Hình/);
    expect(pictures.hint.en).toMatch(/from scratch/);
  });

  it('clears the ones named, then all, and says what it freed', async () => {
    const projectDir = await fill();
    const one = await api.invoke('cache.clear', { ids: ['video-pictures'] });
    expect(one.freedBytes).toBe(3000);
    expect(sizes(one)).toEqual({ 'video-pictures': [0, 0], 'video-bundles': [300, 1], speech: [500, 1] });
    const all = await api.invoke('cache.clear', {});
    expect(all.freedBytes).toBe(800);
    expect(all.caches.every((c) => c.bytes === 0)).toBe(true);
    // The project itself (its brief) is untouched.
    expect(existsSync(path.join(projectDir, 'cache'))).toBe(true);
    expect((await api.invoke('briefs.open', { projectId: path.basename(projectDir) })).text).toContain('---');
  });

  it('counts and clears the caches of projects in the bin too, and the project comes back whole', async () => {
    const projectDir = await fill();
    const projectId = path.basename(projectDir);
    const { binId } = await api.invoke('projects.delete', { projectId });
    expect(sizes(await api.invoke('cache.usage', {})).speech).toEqual([500, 1]);
    const cleared = await api.invoke('cache.clear', { ids: ['speech'] });
    expect(cleared.freedBytes).toBe(500);
    expect(sizes(cleared).speech).toEqual([0, 0]);
    await api.invoke('projects.restore', { binId });
    expect((await api.invoke('briefs.open', { projectId })).text).toContain('---');
    expect(existsSync(path.join(projectDir, 'cache', 'speech', 'line.wav'))).toBe(false);
  });

  it('refuses a cache it does not know, in the user\'s language, and clears nothing', async () => {
    await fill();
    await expect(api.invoke('cache.clear', { ids: ['video-pictures', 'thumbnails'] })).rejects.toMatchObject({ code: 'cache.unknown' });
    expect(sizes(await api.invoke('cache.usage', {}))['video-pictures']).toEqual([3000, 2]);
    const message = translator('vi')('error.cache.unknown', { id: 'thumbnails', known: 'video-pictures' });
    expect(message).toContain('Không có loại bộ nhớ đệm "thumbnails"');
  });

  it('clears nothing while another program\'s build runs, and goes ahead once that program is gone', async () => {
    await fill();
    const pid = otherProcess();
    await put(path.join(cacheRoot, 'builds-running', `build-${pid}-abcd1234`), 0);
    expect((await api.invoke('cache.usage', {})).runningBuilds).toBe(1);
    await expect(api.invoke('cache.clear', {})).rejects.toMatchObject({ code: 'cache.buildRunning' });
    expect(sizes(await api.invoke('cache.usage', {}))['video-pictures']).toEqual([3000, 2]);
    children.pop()!.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 200));
    const cleared = await api.invoke('cache.clear', {});
    expect(cleared.freedBytes).toBe(3800);
    expect(cleared.runningBuilds).toBe(0);
    // The killed program's lease was removed by the look.
    expect(await readdir(path.join(cacheRoot, 'builds-running'))).toEqual([]);
  });

  it('a build holds its lease from start to end: a clear asked for meanwhile is refused', async () => {
    await fill();
    const material = (await checkBriefFile(SAMPLE_BRIEF)).material!;
    const out = await mkdtemp(path.join(os.tmpdir(), 'luat-caches-out-'));
    const t = translator('vi');
    try {
      await renderBareBrief(material, { formats: ['probe'], languages: ['vi'], outDir: out }, t);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
    expect(seen.running).toBe(1);
    expect(seen.clear).toBe('cache.buildRunning');
    expect(await runningBuilds()).toBe(0);
    expect((await api.invoke('cache.clear', {})).freedBytes).toBe(3800);
  });

  it('a build that starts while a clear runs waits for it to end', async () => {
    const pid = otherProcess();
    const mark = path.join(cacheRoot, 'builds-running', `clearing-${pid}-abcd1234`);
    await put(mark, 0);
    let started = false;
    const lease = holdBuildLease().then((release) => {
      started = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(started).toBe(false);
    await rm(mark);
    const release = await lease;
    expect(await runningBuilds()).toBe(1);
    await release();
    expect(await runningBuilds()).toBe(0);
  });
});
