/**
 * Duplicate, rename, delete (to the bin) and restore, through the StudioApi
 * as the UI calls them: each checked against what the library then holds.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleText, tempService } from '../api/helpers.js';
import type { StudioService } from '../../engine/api/service.js';

let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;

beforeEach(async () => {
  ctx = await tempService();
  api = ctx.service;
});
afterEach(async () => ctx.done());

const exists = (file: string) => access(file).then(() => true, () => false);

async function withTranslation(): Promise<{ projectId: string; unitId: string }> {
  const { project } = await api.invoke('projects.createFromBrief', { fileName: 'brief.md', text: await sampleText() });
  const projectId = project!.id;
  const grid = await api.invoke('translations.grid', { projectId, language: 'blt' });
  const unitId = grid.rows[0]!.unitId;
  await api.invoke('translations.put', { projectId, language: 'blt', unitId, text: 'ꪀꪫꪾ' });
  await api.invoke('settings.put', { projectId, brand: { primaryColor: '#1F3A5F' } });
  return { projectId, unitId };
}

describe('projects through the API', () => {
  it('duplicates a project under a new id with its brief, brand kit and translations', async () => {
    const { projectId, unitId } = await withTranslation();
    const { project } = await api.invoke('projects.duplicate', { projectId, title: 'Bản sao để thử' });
    expect(project.id).toBe(`${projectId}-2`);
    expect(project.title).toBe('Bản sao để thử');
    const opened = await api.invoke('briefs.open', { projectId: project.id });
    expect(opened.text).toMatch(new RegExp(`^---\\nid: ${project.id}\\n`));
    expect(opened.text).toContain('target_languages: [blt, hnj]');
    expect(opened.validation.valid).toBe(true);
    const grid = await api.invoke('translations.grid', { projectId: project.id, language: 'blt' });
    expect(grid.rows.find((r) => r.unitId === unitId)?.target).toBe('ꪀꪫꪾ');
    expect((await api.invoke('settings.get', { projectId: project.id })).brand).toMatchObject({ primaryColor: '#1F3A5F' });
    // The original is untouched, and a second copy takes the next free id.
    expect((await api.invoke('briefs.open', { projectId })).text).toMatch(new RegExp(`^---\\nid: ${projectId}\\n`));
    expect((await api.invoke('projects.duplicate', { projectId })).project.id).toBe(`${projectId}-3`);
    const taken = await api.call('projects.duplicate', { projectId, newId: `${projectId}-2` });
    expect(taken.ok).toBe(false);
    if (!taken.ok) expect(taken.error.code).toBe('store.projectExists');
  });

  it('renames a project by its brief title; the translation of the old title turns stale', async () => {
    const { project } = await api.invoke('projects.createFromBrief', { fileName: 'brief.md', text: await sampleText() });
    const projectId = project!.id;
    const grid = await api.invoke('translations.grid', { projectId, language: 'blt' });
    const title = grid.rows.find((r) => r.role === 'title')!;
    await api.invoke('translations.put', { projectId, language: 'blt', unitId: title.unitId, text: 'ꪼꪋ' });
    const before = (await api.invoke('briefs.open', { projectId })).text;
    const renamed = await api.invoke('projects.rename', { projectId, title: 'Tảo hôn: hỏi và đáp' });
    // Only the title line of the brief changed; everything else is as the author wrote it.
    expect((await api.invoke('briefs.open', { projectId })).text)
      .toBe(before.replace('title: "Kết hôn đúng tuổi, đăng ký đúng luật"', 'title: "Tảo hôn: hỏi và đáp"'));
    expect(renamed.project).toMatchObject({ id: projectId, title: 'Tảo hôn: hỏi và đáp' });
    const listed = await api.invoke('projects.list', {});
    expect(listed.projects.map((p) => p.title)).toEqual(['Tảo hôn: hỏi và đáp']);
    const after = await api.invoke('translations.grid', { projectId, language: 'blt' });
    expect(after.rows.find((r) => r.role === 'title')).toMatchObject({ source: 'Tảo hôn: hỏi và đáp', state: 'stale', target: 'ꪼꪋ' });
    const empty = await api.call('projects.rename', { projectId, title: '   ' });
    expect(empty.ok).toBe(false);
  });

  it('deletes to the bin and restores everything, folder and records', async () => {
    const { projectId, unitId } = await withTranslation();
    const projectDir = path.join(ctx.dir, 'projects', projectId);
    const brief = await readFile(path.join(projectDir, 'brief.md'), 'utf8');
    const binned = await api.invoke('projects.delete', { projectId });
    expect(binned).toMatchObject({ projectId, title: 'Kết hôn đúng tuổi, đăng ký đúng luật' });
    expect(await exists(projectDir)).toBe(false);
    expect((await api.invoke('projects.list', {})).projects).toEqual([]);
    const missing = await api.call('briefs.open', { projectId });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('store.noProject');
    expect((await api.invoke('projects.bin', {})).entries).toEqual([binned]);

    const restored = await api.invoke('projects.restore', { binId: binned.binId });
    expect(restored.project.id).toBe(projectId);
    expect(await readFile(path.join(projectDir, 'brief.md'), 'utf8')).toBe(brief);
    expect(await exists(path.join(projectDir, 'deleted-project.json'))).toBe(false);
    const grid = await api.invoke('translations.grid', { projectId, language: 'blt' });
    expect(grid.rows.find((r) => r.unitId === unitId)?.target).toBe('ꪀꪫꪾ');
    expect((await api.invoke('settings.get', { projectId })).brand).toMatchObject({ primaryColor: '#1F3A5F' });
    expect((await api.invoke('projects.bin', {})).entries).toEqual([]);
    const again = await api.call('projects.restore', { binId: binned.binId });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('store.notInBin');
  });

  it('will not restore over a project that took the same id meanwhile', async () => {
    const { project } = await api.invoke('projects.createFromBrief', { fileName: 'brief.md', text: await sampleText() });
    const binned = await api.invoke('projects.delete', { projectId: project!.id });
    await api.invoke('projects.createFromBrief', { fileName: 'brief.md', text: await sampleText() });
    const clash = await api.call('projects.restore', { binId: binned.binId });
    expect(clash.ok).toBe(false);
    if (!clash.ok) expect(clash.error.code).toBe('store.projectExists');
    expect((await api.invoke('projects.bin', {})).entries).toHaveLength(1);
  });
});
