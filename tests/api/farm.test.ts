/**
 * The render farm from the app's side, through the API with real parts: a
 * real redis-server on 127.0.0.1 and one real `luat-studio worker`. The farm
 * settings are saved (the queue address checked, the shared folder set as a
 * local path), the connection is tested, and a render started with `farm`
 * reports its units and their worker, then ends with the files committed like
 * a render on this PC. Cheap formats only: tests/farm covers the video.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../engine/api/contract.js';
import type { StudioService } from '../../engine/api/service.js';
import { startRedis, startWorker, stopStarted } from '../helpers/farm.js';
import { jobFinished, tempService } from './helpers.js';

const PROJECT = 'ket-hon-dung-tuoi';
let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;
let queue: string;
let shared: string;

beforeAll(async () => {
  ctx = await tempService();
  api = ctx.service;
  shared = path.join(ctx.dir, 'shared');
  mkdirSync(shared);
  const [address] = await Promise.all([startRedis(ctx.dir), api.invoke('projects.createFromSample', {})]);
  queue = address;
  await startWorker({ queue, shared, library: path.join(ctx.dir, 'lib-worker') }).waitFor(/is waiting for work/);
}, 120_000);

afterAll(async () => {
  stopStarted();
  await ctx?.done();
});

describe('the render farm through the API', () => {
  it('refuses a queue address that is not redis://HOST:PORT, in Vietnamese, and saves nothing', async () => {
    await api.invoke('settings.put', { app: { locale: 'vi' } });
    const refused = await api.call('settings.put', { app: { farm: { queue: 'http://may-chu:6379' } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'farm.badQueue' } });
    expect((refused as { error: { message: string } }).error.message).toContain('không hợp lệ');
    expect((await api.invoke('settings.get', {})).app.farm?.queue ?? null).toBeNull();
    // The shared folder is a local path: a page cannot send it.
    expect(await api.call('settings.put', { app: { farm: { sharedDir: '/tmp' } } } as never)).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
  });

  it('tests the connection: a Redis that answers, the workers waiting on it, and a clear message when none does', async () => {
    const answer = await api.invoke('farm.test', { queue });
    expect(answer.address).toBe(queue.replace('redis://', ''));
    // The one worker this file started, named after its PC and process.
    expect(answer.workers).toHaveLength(1);
    expect(answer.workers[0]).toMatch(/:\d+$/);
    expect(answer.workers[0]!.startsWith(`${hostname()}:`)).toBe(true);
    const none = await api.call('farm.test', { queue: 'redis://127.0.0.1:1' });
    expect(none).toMatchObject({ ok: false, error: { code: 'farm.unreachable' } });
    expect((none as { error: { message: string } }).error.message).toContain('Không kết nối được hàng đợi Redis ở 127.0.0.1:1');
  });

  it('refuses a farm render, with a clear message and no job, while no queue or no shared folder is set', async () => {
    const before = await api.invoke('render.jobs', {});
    const start = () => api.call('render.start', { projectId: PROJECT, formats: ['leaflet'], languages: ['vi'], farm: true });
    expect(await start()).toMatchObject({ ok: false, error: { code: 'farm.queueNotSet', message: expect.stringContaining('Chưa có địa chỉ hàng đợi') } });
    await api.invoke('settings.put', { app: { farm: { queue, splitVideoSeconds: 60 } } });
    expect(await start()).toMatchObject({ ok: false, error: { code: 'farm.sharedNotSet', message: expect.stringContaining('Chưa chọn thư mục dùng chung') } });
    expect(await api.invoke('render.jobs', {})).toEqual(before);
  });

  it('renders on the farm: units with their worker, done/total, the files committed and served', async () => {
    await api.setLocalPath('farmSharedDir', shared);
    // The shared folder set apart from the page's settings, and kept when the page saves them again.
    await api.invoke('settings.put', { app: { farm: { queue, splitVideoSeconds: 90 } } });
    expect((await api.invoke('settings.get', {})).app.farm).toEqual({ queue, sharedDir: shared, splitVideoSeconds: 90 });

    const events: Job[] = [];
    const off = api.onEvent((e) => events.push(e.job));
    const job = await api.invoke('render.start', { projectId: PROJECT, formats: ['leaflet'], languages: ['vi'], farm: true });
    expect(job.farm).toBe(true);
    const done = await jobFinished(api, job.id);
    off();
    expect(done).toMatchObject({ status: 'done', fraction: 1, error: null });
    expect(done.units?.map((u) => [u.key, u.state])).toEqual([['leaflet_vi', 'done']]);
    for (const unit of done.units ?? []) expect(unit.worker).toMatch(/^.+:\d+$/);
    const mine = events.filter((e) => e.id === job.id && e.status === 'running');
    expect(mine.some((e) => e.units?.some((u) => u.state === 'active' || u.state === 'waiting'))).toBe(true);
    expect(mine.some((e) => e.label.includes('xong 0/1 phần'))).toBe(true);

    const manifest = JSON.parse(readFileSync(path.join(done.outDir, 'manifest.json'), 'utf8')) as { outputs: { format: string; path: string }[] };
    expect([...new Set(manifest.outputs.map((o) => o.format))]).toEqual(['leaflet']);
    expect(done.outputs.map((o) => o.path).sort()).toEqual(manifest.outputs.map((o) => o.path).sort());
    const pdf = done.outputs.find((o) => o.path.endsWith('.pdf'))!;
    expect(execFileSync('pdfinfo', [await api.resolveFileUrl(pdf.url)], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    const { renders } = await api.invoke('outputs.list', { projectId: PROJECT });
    expect(renders[0]).toMatchObject({ status: 'done', outDir: done.outDir });
  });
});
