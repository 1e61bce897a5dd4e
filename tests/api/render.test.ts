/**
 * Render jobs through the API with a real format (the booklet): progress
 * events up to done, outputs recorded in the library and served; a cancelled
 * render stops and is recorded as cancelled.
 */
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../engine/api/contract.js';
import type { StudioService } from '../../engine/api/service.js';
import { jobFinished, tempService } from './helpers.js';

let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;
const PROJECT = 'ket-hon-dung-tuoi';

beforeEach(async () => {
  ctx = await tempService();
  api = ctx.service;
  await api.invoke('projects.createFromSample', {});
});
afterEach(async () => ctx.done());

describe('render jobs', () => {
  it('renders a booklet with progress events, records it and serves its files', async () => {
    const events: Job[] = [];
    api.onEvent((e) => events.push(e.job));
    const job = await api.invoke('render.start', { projectId: PROJECT, formats: ['booklet'], languages: ['vi'] });
    expect(['queued', 'running']).toContain(job.status);
    const done = await jobFinished(api, job.id);
    expect(done).toMatchObject({ status: 'done', fraction: 1, error: null });
    const mine = events.filter((e) => e.id === job.id);
    // The studio speaks Vietnamese: the step is the format's own name, not the format's internal step label.
    const running = mine.filter((e) => e.status === 'running' && e.label);
    expect(running.some((e) => e.label.includes('Sổ tay'))).toBe(true);
    expect(running.filter((e) => /booklet/i.test(e.label))).toEqual([]);
    const fractions = mine.map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    const pdf = done.outputs.find((o) => o.path.endsWith('.pdf'))!;
    const file = await api.resolveFileUrl(pdf.url);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    const { renders } = await api.invoke('outputs.list', { projectId: PROJECT });
    expect(renders[0]).toMatchObject({ status: 'done' });
    expect(renders[0]!.outputs.map((o) => o.url)).toEqual(done.outputs.map((o) => o.url));
  });

  it('cancels a running render and records it as cancelled', async () => {
    const job = await api.invoke('render.start', { projectId: PROJECT, formats: ['booklet', 'leaflet'], languages: ['vi'] });
    const off = api.onEvent((e) => {
      if (e.job.id === job.id && e.job.status === 'running') {
        off();
        void api.invoke('render.cancel', { jobId: job.id });
      }
    });
    const end = await jobFinished(api, job.id);
    expect(end.status).toBe('cancelled');
    expect(end.error).toBeTruthy();
    const { renders } = await api.invoke('outputs.list', { projectId: PROJECT });
    expect(renders[0]!.status).toBe('cancelled');
    expect(await api.call('render.cancel', { jobId: 'no-such-job' })).toMatchObject({ ok: false, error: { code: 'api.unknownJob' } });
  });

  it('refuses a format the studio does not have, with a message and no job', async () => {
    const before = await api.call('render.jobs', {});
    const result = await api.call('render.start', { projectId: PROJECT, formats: ['poster'], languages: [] });
    expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(build|api)\./) } });
    expect((result as { error: { message: string } }).error.message).not.toMatch(/\n\s+at /);
    expect(await api.call('render.jobs', {})).toEqual(before);
  });
});
