/**
 * Approve, publish (portal package channel), publish status and the report
 * through the StudioApi, as the UI will call them: the same use cases the
 * CLI runs, checked with unzip and the audit the library keeps.
 */
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioService } from '../../engine/api/service.js';
import { sampleMaterial, makeBuild, tempDir } from '../publish/fixtures.js';
import { jobFinished, tempService } from '../api/helpers.js';

let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;

beforeEach(async () => {
  ctx = await tempService();
  api = ctx.service;
});
afterEach(async () => ctx.done());

const today = () => new Date().toISOString().slice(0, 10);

describe('publishing through the API', () => {
  it('refuses an unapproved build, then approves, publishes once, reports status and the period', async () => {
    const { project } = await api.invoke('projects.createFromSample', {});
    const projectId = project.id;
    const { material } = await sampleMaterial();
    // The build is the project's own outputs folder: the API names no folder (a page could otherwise write anywhere).
    const outDir = path.join(ctx.dir, 'projects', projectId, 'outputs');
    const manifest = await makeBuild(outDir, material);
    const packageDir = path.join(outDir, 'packages');
    const elsewhere = await tempDir('api-elsewhere');

    const unapproved = await api.call('publish.start', { projectId, channels: ['portal-package'] });
    expect(unapproved.ok).toBe(false);
    if (!unapproved.ok) expect(unapproved.error.code).toBe('publish.notApproved');
    expect(await api.invoke('publish.status', { projectId })).toEqual({ approval: null, jobs: [] });

    const approval = await api.invoke('publish.approve', { projectId, by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc' });
    expect(approval).toMatchObject({ by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc', files: manifest.outputs.length });

    // A folder slipped into the request is not used.
    const published = await api.invoke('publish.start', { projectId, channels: ['portal-package'], packageDir: elsewhere, outDir: elsewhere } as never);
    expect(published.alreadyPublished).toEqual([]);
    expect(published.jobs).toHaveLength(1);
    const job = published.jobs[0]!;
    expect(job).toMatchObject({ channel: 'portal-package', language: 'vi', status: 'done', error: null });
    expect(path.dirname(job.packagePath!)).toBe(packageDir);
    expect(execFileSync('unzip', ['-tq', job.packagePath!], { encoding: 'utf8' })).toContain('No errors');

    const again = await api.invoke('publish.start', { projectId, channels: ['portal-package'] });
    expect(again.jobs).toEqual([]);
    expect(again.alreadyPublished.map((j) => j.id)).toEqual([job.id]);

    const status = await api.invoke('publish.status', { projectId });
    expect(status.approval).toEqual(approval);
    expect(status.jobs.map((j) => [j.id, j.status])).toEqual([[job.id, 'done']]);

    expect(await readdir(elsewhere)).toEqual([]);
    // The report comes back as files for the browser to save, not written into a folder the page names.
    const report = await api.invoke('publish.reportFiles', { from: today(), to: today(), forms: ['csv'] });
    expect(report.files.map((f) => f.fileName)).toEqual([`luat-studio-report_${today()}_${today()}.csv`]);
    const csv = Buffer.from(report.files[0]!.base64, 'base64').toString('utf8');
    // One row per main file the package carried (subtitles and posters ride along uncounted).
    const packaged = JSON.parse(execFileSync('unzip', ['-p', job.packagePath!, 'manifest.json'], { encoding: 'utf8' })) as { files: unknown[] };
    expect(report.published).toBeGreaterThan(0);
    expect(report.published).toBeLessThanOrEqual(packaged.files.length);
    expect(csv).toContain(projectId);
  }, 120_000);

  it('keeps an approval through a rebuild without edits: the same content makes the same files', async () => {
    const { project } = await api.invoke('projects.createFromSample', {});
    const projectId = project.id;
    const outDir = path.join(ctx.dir, 'projects', projectId, 'outputs');
    const build = async () => {
      const job = await api.invoke('render.start', { projectId, formats: ['booklet', 'quiz'], languages: ['vi'] });
      expect((await jobFinished(api, job.id)).status).toBe('done');
      const manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as { outputs: Array<{ path: string; sha256: string }> };
      return new Map(manifest.outputs.map((o) => [o.path, o.sha256]));
    };
    const first = await build();
    expect([...first.keys()].filter((p) => p.endsWith('.pdf')).length).toBeGreaterThanOrEqual(3);
    await api.invoke('publish.approve', { projectId, by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc' });
    // Seconds later (a PDF's dates have seconds), the same brief built again: every file the same bytes.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await build()).toEqual(first);
    const published = await api.invoke('publish.start', { projectId, channels: ['portal-package'] });
    expect(published.jobs.map((j) => [j.status, j.error])).toEqual([['done', null]]);
    // The files are dated by the edition (today, unless the project sets one), not by the build's clock.
    const booklet = path.join(outDir, [...first.keys()].find((p) => p.endsWith('-booklet-screen.pdf'))!);
    const editionDay = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const midnightInVietnam = new Date(Date.parse(`${editionDay}T00:00:00Z`) - 7 * 3_600_000).toISOString().replace('.000Z', '');
    expect(execFileSync('pdfinfo', ['-isodates', booklet], { encoding: 'utf8' })).toMatch(new RegExp(`^CreationDate:\\s+${midnightInVietnam}(Z|\\+00:00)$`, 'm'));
  }, 240_000);

  it('validates channel names and dates at the boundary', async () => {
    const { project } = await api.invoke('projects.createFromSample', {});
    const bad = await api.call('publish.start', { projectId: project.id, channels: ['myspace'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('api.badInput');
    const badDate = await api.call('publish.reportFiles', { from: '1/1/2025', to: today() });
    expect(badDate.ok).toBe(false);
  });
});
