/**
 * The StudioApi's engine side over a real temporary library: validation at
 * the boundary, drafts that never lose text, diagnostics as the CLI reports
 * them, translations and completeness, voice clips, settings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importBriefText } from '../../engine/brief/import.js';
import { METHOD_NAMES, methods } from '../../engine/api/contract.js';
import { formatDiagnostic, translator } from '../../engine/i18n/index.js';
import type { StudioService } from '../../engine/api/service.js';
import { sampleText, tempService, withLine } from './helpers.js';

let ctx: Awaited<ReturnType<typeof tempService>>;
let api: StudioService;
const PROJECT = 'ket-hon-dung-tuoi';

beforeEach(async () => {
  ctx = await tempService();
  api = ctx.service;
});
afterEach(async () => ctx.done());

describe('the boundary', () => {
  it('lists every method with an input and an output schema', () => {
    expect(METHOD_NAMES).toContain('projects.createFromSample');
    expect(METHOD_NAMES).toContain('render.cancel');
    for (const name of METHOD_NAMES) {
      expect(typeof methods[name].input.safeParse).toBe('function');
      expect(typeof methods[name].output.safeParse).toBe('function');
    }
  });

  it('refuses bad input and unknown methods with a translated message, never a stack', async () => {
    const bad = await api.call('translations.put', { projectId: PROJECT, language: 'NOT A LANGUAGE', unitId: 'x', text: 'y' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('api.badInput');
      expect(bad.error.message).toContain('language');
      expect(bad.error.message).not.toMatch(/at .*\.ts:\d+/);
    }
    const unknown = await api.call('projects.explode', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('api.unknownMethod');
    const strict = await api.call('projects.createFromSample', { extra: true });
    expect(strict.ok).toBe(false);
  });

  it('reports a missing project as a StudioError in the user language', async () => {
    const result = await api.call('translations.grid', { projectId: 'khong-co', language: 'blt' });
    expect(result).toMatchObject({ ok: false, error: { code: 'store.noProject' } });
    if (!result.ok) expect(result.error.message).toContain('khong-co');
  });
});

describe('briefs', () => {
  it('creates a project from the sample with its outline', async () => {
    const { project } = await api.invoke('projects.createFromSample', {});
    expect(project.id).toBe(PROJECT);
    const opened = await api.invoke('briefs.open', { projectId: PROJECT });
    expect(opened.validation.valid).toBe(true);
    expect(opened.validation.outline?.sections.map((s) => s.kind)).toContain('situation');
    const { projects } = await api.invoke('projects.list', { query: 'ket hon' });
    expect(projects.map((p) => p.id)).toEqual([PROJECT]);
    expect((await api.invoke('projects.list', { query: 'không khớp gì' })).projects).toEqual([]);
  });

  it('gives diagnostics at the same line and column as the CLI, translated', async () => {
    const broken = withLine(await sampleText(), 2, (l) => `${l}!`);
    const validation = await api.invoke('briefs.validate', { text: broken });
    expect(validation.valid).toBe(false);
    const cli = importBriefText(broken).diagnostics.map((d) => formatDiagnostic(d, 'brief.md', translator('vi')));
    const ui = validation.diagnostics.map((d) => `brief.md:${d.line}:${d.col}: ${d.severity}: ${d.message}`);
    expect(ui).toEqual(cli);
    expect(validation.diagnostics[0]).toMatchObject({ severity: 'error', line: 2 });

    await api.invoke('settings.put', { app: { locale: 'en' } });
    const english = await api.invoke('briefs.validate', { text: broken });
    expect(english.diagnostics[0]!.message).toBe(importBriefText(broken).diagnostics.map((d) => formatDiagnostic(d, 'f', translator('en')))[0]!.replace(/^f:\d+:\d+: error: /, ''));
  });

  it('keeps a broken edit as a draft and leaves the Material alone', async () => {
    await api.invoke('projects.createFromSample', {});
    const before = await api.invoke('preview.material', { projectId: PROJECT });
    const broken = withLine(await sampleText(), 3, () => 'title: ');
    const saved = await api.invoke('briefs.save', { ref: { projectId: PROJECT }, text: broken });
    expect(saved.saved).toBe('draft');
    expect(await api.invoke('preview.material', { projectId: PROJECT })).toEqual(before);
    const reopened = await api.invoke('briefs.open', { projectId: PROJECT });
    expect(reopened).toMatchObject({ isDraft: true, text: broken });
    expect((await api.invoke('projects.list', {})).projects[0]!.hasDraft).toBe(true);

    const fixed = withLine(await sampleText(), 3, () => 'title: "Kết hôn đúng tuổi"');
    expect((await api.invoke('briefs.save', { ref: { projectId: PROJECT }, text: fixed })).saved).toBe('brief');
    const after = await api.invoke('briefs.open', { projectId: PROJECT });
    expect(after).toMatchObject({ isDraft: false, text: fixed });
    expect((await api.invoke('projects.list', {})).projects[0]!.title).toBe('Kết hôn đúng tuổi');
  });

  it('keeps a brief that never validated as a draft until it does, then makes it a project', async () => {
    const broken = withLine(await sampleText(), 2, () => 'id: Không Hợp Lệ');
    const created = await api.invoke('projects.createFromBrief', { fileName: 'C:\\Users\\cb\\brief.md', text: broken });
    expect(created.project).toBeNull();
    expect(created.validation.valid).toBe(false);
    const { drafts } = await api.invoke('projects.list', {});
    expect(drafts).toEqual([expect.objectContaining({ draftId: created.draftId, fileName: 'brief.md' })]);
    expect(drafts[0]!.errors).toBeGreaterThan(0);
    expect((await api.invoke('briefs.open', { draftId: created.draftId! })).text).toBe(broken);

    const saved = await api.invoke('briefs.save', { ref: { draftId: created.draftId! }, text: await sampleText() });
    expect(saved).toMatchObject({ saved: 'brief', ref: { projectId: PROJECT } });
    expect((await api.invoke('projects.list', {})).drafts).toEqual([]);
    expect(await api.call('briefs.open', { draftId: created.draftId! })).toMatchObject({ ok: false, error: { code: 'api.noDraft' } });
  });

  it('refuses to move a project to another id by editing its front matter', async () => {
    await api.invoke('projects.createFromSample', {});
    const renamed = withLine(await sampleText(), 2, () => 'id: ten-khac');
    expect(await api.call('briefs.save', { ref: { projectId: PROJECT }, text: renamed })).toMatchObject({ ok: false, error: { code: 'api.idChanged' } });
  });
});

describe('translations', () => {
  beforeEach(async () => {
    await api.invoke('projects.createFromSample', {});
  });

  it('puts a translation and completeness rises; an edited source marks it stale', async () => {
    const grid = await api.invoke('translations.grid', { projectId: PROJECT, language: 'blt' });
    expect(grid.completeness.percent).toBe(0);
    const title = grid.rows.find((r) => r.role === 'title')!;
    const put = await api.invoke('translations.put', { projectId: PROJECT, language: 'blt', unitId: title.unitId, text: 'Tiêu đề tiếng Thái' });
    expect(put.row.state).toBe('current');
    expect(put.completeness.translated).toBe(1);
    expect(put.completeness.percent).toBe(Math.floor(100 / grid.rows.length));

    const edited = withLine(await sampleText(), 3, () => 'title: "Kết hôn đúng tuổi, đăng ký kết hôn đúng luật"');
    await api.invoke('briefs.save', { ref: { projectId: PROJECT }, text: edited });
    const after = await api.invoke('translations.grid', { projectId: PROJECT, language: 'blt' });
    const row = after.rows.find((r) => r.role === 'title')!;
    expect(row).toMatchObject({ state: 'stale', target: 'Tiêu đề tiếng Thái', translatedFrom: 'Kết hôn đúng tuổi, đăng ký đúng luật' });
    expect(after.completeness.stale).toBe(1);
  });

  it('exports XLIFF and imports it back, and refuses a file of another material', async () => {
    const grid = await api.invoke('translations.grid', { projectId: PROJECT, language: 'hnj' });
    const exported = await api.invoke('translations.export', { projectId: PROJECT, language: 'hnj', format: 'xliff' });
    expect(exported.fileName).toBe(`${PROJECT}.hnj.xlf`);
    const unit = grid.rows[0]!;
    const translated = exported.content.replace(
      new RegExp(`(<unit id="${unit.unitId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[\\s\\S]*?</source>)`),
      '$1<target>Lus Hmoob</target>',
    );
    const imported = await api.invoke('translations.import', { projectId: PROJECT, fileName: exported.fileName, content: translated });
    expect(imported).toMatchObject({ applied: 1, problems: [] });
    expect(imported.completeness.find((c) => c.language === 'hnj')!.translated).toBe(1);

    const foreign = await api.invoke('translations.import', { projectId: PROJECT, fileName: 'x.xlf', content: translated.replace(`<file id="${PROJECT}"`, '<file id="khac"') });
    expect(foreign.problems).toHaveLength(1);
    expect(foreign.applied).toBe(0);
  });

  it('refuses a unit the material does not have', async () => {
    expect(await api.call('translations.put', { projectId: PROJECT, language: 'blt', unitId: 'no.such.unit', text: 'x' }))
      .toMatchObject({ ok: false, error: { code: 'api.unknownUnit' } });
  });
});

describe('voice', () => {
  it('stores a recorded line, serves it, and marks it outdated when the line changes', async () => {
    await api.invoke('projects.createFromSample', {});
    const { targets } = await api.invoke('voice.list', { projectId: PROJECT, language: 'vi' });
    const line = targets.find((t) => t.kind === 'line')!;
    expect(targets.some((t) => t.kind === 'chapter')).toBe(true);
    expect(line.clip).toBeNull();

    const work = mkdtempSync(path.join(os.tmpdir(), 'luat-voice-test-'));
    try {
      const wav = path.join(work, 'take.wav');
      // A second of a voiced tone between silences, like a take with pauses at both ends.
      execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', wav, 'synth', '1', 'sine', '220', 'vol', '0.5', 'pad', '0.4', '0.4']);
      const put = await api.invoke('voice.put', {
        projectId: PROJECT, language: 'vi', target: line.target, audioBase64: readFileSync(wav).toString('base64'), extension: 'wav',
      });
      expect(put.clip).toMatchObject({ current: true, language: 'vi' });
      expect(put.clip!.durationSec).toBeGreaterThan(0.5);
      expect(put.clip!.durationSec).toBeLessThan(1.6);
      const file = await api.resolveFileUrl(put.clip!.url);
      expect(existsSync(file)).toBe(true);
      expect(execFileSync('soxi', ['-r', file], { encoding: 'utf8' }).trim()).toBe('48000');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const edited = (await sampleText()).replace(line.text, `${line.text} Thêm một câu.`);
    await api.invoke('briefs.save', { ref: { projectId: PROJECT }, text: edited });
    const after = await api.invoke('voice.list', { projectId: PROJECT, language: 'vi' });
    // The edited line has a new unit id; the old clip stays with the old id, so the new line has none.
    expect(after.targets.find((t) => t.text.endsWith('Thêm một câu.'))!.clip).toBeNull();
  });

  it('refuses audio that is not audio', async () => {
    await api.invoke('projects.createFromSample', {});
    const { targets } = await api.invoke('voice.list', { projectId: PROJECT, language: 'vi' });
    const result = await api.call('voice.put', {
      projectId: PROJECT, language: 'vi', target: targets[0]!.target, audioBase64: Buffer.from('not audio at all').toString('base64'), extension: 'wav',
    });
    expect(result.ok).toBe(false);
    expect((await api.invoke('voice.list', { projectId: PROJECT, language: 'vi' })).targets[0]!.clip).toBeNull();
  });
});

describe('settings and files', () => {
  it('keeps studio settings across restarts and the brand kit in the project', async () => {
    await api.invoke('projects.createFromSample', {});
    expect(await api.setLocalPath('chromiumPath', '/usr/bin/chromium')).toMatchObject({ ok: true });
    await api.invoke('settings.put', { projectId: PROJECT, brand: { primaryColor: '#112233', issuerName: 'Sở Tư pháp' } });
    // A page cannot name a program, a folder or a file; the studio's own side checks what it is given.
    expect(await api.call('settings.put', { app: { chromiumPath: '/tmp/x.sh' } })).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    expect(await api.call('settings.put', { app: { outputDir: '/tmp' } })).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    expect(await api.call('settings.put', { projectId: PROJECT, brand: { logoPath: '/etc/passwd' } })).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    const plain = path.join(ctx.dir, 'plain.txt');
    await writeFile(plain, 'not a program', { mode: 0o644 });
    expect(await api.setLocalPath('chromiumPath', plain)).toMatchObject({ ok: false, error: { code: 'settings.notExecutable' } });
    expect(await api.setLocalPath('chromiumPath', '/no/such/browser')).toMatchObject({ ok: false, error: { code: 'settings.notAFile' } });
    expect(await api.setLocalPath('outputDir', plain)).toMatchObject({ ok: false, error: { code: 'settings.notAFolder' } });
    await api.close();
    const { openStudioService } = await import('../../engine/api/service.js');
    api = await openStudioService({ libraryDir: ctx.dir });
    ctx.service = api;
    const settings = await api.invoke('settings.get', { projectId: PROJECT });
    expect(settings.app.chromiumPath).toBe('/usr/bin/chromium');
    expect(settings.brand).toMatchObject({ primaryColor: '#112233', issuerName: 'Sở Tư pháp' });
    expect(await api.call('settings.put', { projectId: PROJECT, brand: { primaryColor: 'red' } })).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
  });

  it('resolves file URLs only inside their folder', async () => {
    await api.invoke('projects.createFromSample', {});
    for (const url of [
      `/files/${PROJECT}/voice/../../../library.json`,
      `/files/${PROJECT}/voice/%2e%2e/%2e%2e/library.json`,
      `/files/${PROJECT}/voice/..%2F..%2Flibrary.json`,
      `/files/${PROJECT}/preview/%2Fetc%2Fpasswd`,
      `/files/${PROJECT}/render/none/brief.md`,
      `/files/other/voice/x.wav`,
      '/etc/passwd',
    ]) {
      await expect(api.resolveFileUrl(url), url).rejects.toMatchObject({ code: 'api.fileNotFound' });
    }
  });
});
