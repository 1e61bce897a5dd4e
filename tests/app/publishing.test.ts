/**
 * Approve, publish (portal package channel), publish status and the report
 * through the StudioApi, as the UI will call them: the same use cases the
 * CLI runs, checked with unzip and the audit the library keeps.
 */
import { execFileSync } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioService } from '../../engine/api/service.js';
import { sampleMaterial, makeBuild, tempDir } from '../publish/fixtures.js';
import { tempService } from '../api/helpers.js';

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
    const outDir = await tempDir('api-build');
    const manifest = await makeBuild(outDir, material);
    const packageDir = await tempDir('api-packages');

    const unapproved = await api.call('publish.start', { projectId, channels: ['portal-package'], outDir, packageDir });
    expect(unapproved.ok).toBe(false);
    if (!unapproved.ok) expect(unapproved.error.code).toBe('publish.notApproved');
    expect(await api.invoke('publish.status', { projectId })).toEqual({ approval: null, jobs: [] });

    const approval = await api.invoke('publish.approve', { projectId, outDir, by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc' });
    expect(approval).toMatchObject({ by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc', files: manifest.outputs.length });

    const published = await api.invoke('publish.start', { projectId, channels: ['portal-package'], outDir, packageDir });
    expect(published.alreadyPublished).toEqual([]);
    expect(published.jobs).toHaveLength(1);
    const job = published.jobs[0]!;
    expect(job).toMatchObject({ channel: 'portal-package', language: 'vi', status: 'done', error: null });
    expect(path.dirname(job.packagePath!)).toBe(packageDir);
    expect(execFileSync('unzip', ['-tq', job.packagePath!], { encoding: 'utf8' })).toContain('No errors');

    const again = await api.invoke('publish.start', { projectId, channels: ['portal-package'], outDir, packageDir });
    expect(again.jobs).toEqual([]);
    expect(again.alreadyPublished.map((j) => j.id)).toEqual([job.id]);

    const status = await api.invoke('publish.status', { projectId });
    expect(status.approval).toEqual(approval);
    expect(status.jobs.map((j) => [j.id, j.status])).toEqual([[job.id, 'done']]);

    const reportDir = await tempDir('api-report');
    const report = await api.invoke('publish.report', { from: today(), to: today(), outDir: reportDir, forms: ['csv'] });
    expect(report.files).toEqual([path.join(reportDir, `luat-studio-report_${today()}_${today()}.csv`)]);
    await access(report.files[0]!);
    // One row per main file the package carried (subtitles and posters ride along uncounted).
    const packaged = JSON.parse(execFileSync('unzip', ['-p', job.packagePath!, 'manifest.json'], { encoding: 'utf8' })) as { files: unknown[] };
    expect(report.published).toBeGreaterThan(0);
    expect(report.published).toBeLessThanOrEqual(packaged.files.length);
    expect(await readFile(report.files[0]!, 'utf8')).toContain(projectId);
  }, 120_000);

  it('validates channel names and dates at the boundary', async () => {
    const { project } = await api.invoke('projects.createFromSample', {});
    const bad = await api.call('publish.start', { projectId: project.id, channels: ['myspace'] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('api.badInput');
    const badDate = await api.call('publish.report', { from: '1/1/2025', to: today(), outDir: '/tmp' });
    expect(badDate.ok).toBe(false);
  });
});
