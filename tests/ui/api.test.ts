/**
 * The API methods the app's new screens stand on, over a real temporary
 * library: the sample refuses to overwrite unless asked, the machine voice of
 * one line is a real WAV served under /files/, a picked logo is kept (and a
 * non-image refused), Word export and import round-trip a brief, the
 * publisher's overview names the build's files, and input errors carry no
 * English sentence from the validator.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioService } from '../../engine/api/service.js';
import { tempService } from '../api/helpers.js';
import { runningBuilds } from '../../engine/build/buildLease.js';

let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;
const PROJECT = 'ket-hon-dung-tuoi';

beforeAll(async () => {
  ctx = await tempService();
  api = ctx.service;
  await api.invoke('projects.createFromSample', { replace: false });
});
afterAll(async () => ctx.done());

describe('API for the app screens', () => {
  it('asks before the sample overwrites its project, and overwrites when told', async () => {
    const refused = await api.call('projects.createFromSample', { replace: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ui.sampleExists' } });
    if (!refused.ok) expect(refused.error.message).toContain('Kết hôn đúng tuổi');
    expect((await api.call('projects.createFromSample', { replace: true })).ok).toBe(true);
  });

  it('speaks one line with the machine voice into a WAV file the UI can play', async () => {
    const { targets } = await api.invoke('voice.list', { projectId: PROJECT, language: 'vi' });
    const line = targets.find((t) => t.kind === 'line')!;
    const { url } = await api.invoke('voice.machine', { projectId: PROJECT, language: 'vi', target: line.target });
    expect(url).toMatch(new RegExp(`^/files/${PROJECT}/preview/machine-voice/vi/.+\\.wav\\?v=\\d+$`));
    const file = await api.resolveFileUrl(url);
    expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file], { encoding: 'utf8' }))).toBeGreaterThan(0.5);
    // It held the speech cache against a clear while it spoke (engine/build/buildLease.ts), and let go after.
    expect(await runningBuilds()).toBe(0);
  });

  it('keeps a picked logo in the project and refuses a file that is not an image', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const saved = await api.invoke('settings.putLogo', { projectId: PROJECT, fileName: 'Logo Sở.PNG', base64: png.toString('base64') });
    expect(saved.brand?.logoPath).toBe('brand/logo.png');
    const bad = await api.call('settings.putLogo', { projectId: PROJECT, fileName: 'logo.png', base64: Buffer.from('not an image').toString('base64') });
    expect(bad).toMatchObject({ ok: false, error: { code: 'ui.logoType' } });
    if (!bad.ok) expect(bad.error.message).toContain('logo.png');
  });

  it('exports a brief to Word and imports it back with its headings', async () => {
    const text = '# Thông điệp chính\n\n1. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.\n';
    const docx = await api.invoke('briefs.toDocx', { text, fileName: 'ket-hon.md' });
    expect(docx.fileName).toBe('ket-hon.docx');
    expect(Buffer.from(docx.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');
    const back = await api.invoke('briefs.fromDocx', { fileName: docx.fileName, base64: docx.base64 });
    expect(back.text).toContain('# Thông điệp chính');
    expect(back.text).toContain('Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi');
    const notWord = await api.call('briefs.fromDocx', { fileName: 'x.docx', base64: Buffer.from('hello').toString('base64') });
    expect(notWord).toMatchObject({ ok: false, error: { code: 'docx.notDocx' } });
  });

  it('shows no build before a render, and names the field of a bad input without English', async () => {
    const overview = await api.invoke('publish.overview', { projectId: PROJECT });
    expect(overview).toMatchObject({ build: null, approvals: [], events: [] });
    const bad = await api.call('projects.rename', { projectId: PROJECT, title: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    if (!bad.ok) {
      expect(bad.error.message).toContain('title');
      expect(bad.error.message).not.toMatch(/too small|expected|must/i);
    }
    expect(path.isAbsolute(api.libraryDir)).toBe(true);
  });
});
