/**
 * Every setting the UI offers changes what is built, and one resolution
 * order (CLI flag > project > app > default) decides between them:
 * the Chromium path reaches the browser that renders, the speech engine
 * choice decides who speaks first, the brand kit reaches the print formats.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudioService } from '../../engine/api/service.js';
import { resolveBuildSettings } from '../../engine/app/index.js';
import { speechEnginesFromSettings } from '../../engine/speech/registry.js';
import { jobFinished, tempService } from '../api/helpers.js';
import { resolvePrintSettings } from '../../engine/formats/print/settings.js';

describe('one resolution order', () => {
  const app = { locale: 'vi' as const, chromiumPath: '/app/chromium', speechEngine: 'app-tts', outputDir: null };

  it('takes a CLI flag over the project, the project over the app, the app over the default', () => {
    expect(resolveBuildSettings({})).toMatchObject({ chromiumPath: null, speechEngine: null, voiceClips: null });
    expect(resolveBuildSettings({ app })).toMatchObject({ chromiumPath: '/app/chromium', speechEngine: 'app-tts' });
    expect(resolveBuildSettings({ app, project: { chromiumPath: '/project/chromium', speechEngine: 'project-tts' } }))
      .toMatchObject({ chromiumPath: '/project/chromium', speechEngine: 'project-tts' });
    expect(resolveBuildSettings({ app, project: { speechEngine: 'project-tts' }, flags: { chromiumPath: '/flag/chromium', speechEngine: 'flag-tts' } }))
      .toMatchObject({ chromiumPath: '/flag/chromium', speechEngine: 'flag-tts' });
    // An empty app field means "find it automatically", not "no browser".
    expect(resolveBuildSettings({ app: { ...app, chromiumPath: '  ' } }).chromiumPath).toBeNull();
  });

  it('merges the aspects chosen for one render into the project video options', () => {
    const settings = resolveBuildSettings({ project: { video: { burnSubtitles: false, aspects: ['16:9'] } }, flags: { aspects: ['9:16', '1:1'] } });
    expect(settings.video).toEqual({ burnSubtitles: false, aspects: ['9:16', '1:1'] });
  });

  it('refuses project settings of the wrong shape, naming the key', () => {
    expect(() => resolveBuildSettings({ project: { video: 'big' } })).toThrow(expect.objectContaining({ code: 'build.badSettings', params: expect.objectContaining({ key: 'video' }) }));
  });

  it('asks the chosen speech engine first, keeping the others as fallbacks', () => {
    const project = { speech: { engines: [{ id: 'cloud-tts', endpoint: 'http://127.0.0.1:9/tts', languages: ['vi'] }] } };
    const ids = (speechEngine: string) => speechEnginesFromSettings(resolveBuildSettings({ app: { ...app, speechEngine }, project }), { cacheDir: '/tmp', apiKeys: { 'cloud-tts': 'test-key' } }).map((e) => e.id);
    expect(ids('espeak-ng')).toEqual(['espeak-ng', 'cloud-tts']);
    expect(ids('cloud-tts')).toEqual(['cloud-tts', 'espeak-ng']);
  });
});

describe('settings the UI offers reach the build', () => {
  let ctx: Awaited<ReturnType<typeof tempService>>;
  let api: StudioService;
  const PROJECT = 'ket-hon-dung-tuoi';

  beforeEach(async () => {
    ctx = await tempService();
    api = ctx.service;
    await api.invoke('projects.createFromSample', {});
  });
  afterEach(async () => ctx.done());

  it('renders with the Chromium the settings name', async () => {
    // The browser comes from the studio's own side (a file dialog, the settings file), checked: an executable that is no browser.
    const notABrowser = path.join(ctx.dir, 'not-a-browser');
    await writeFile(notABrowser, '#!/bin/sh\nexit 3\n', { mode: 0o755 });
    expect(await api.setLocalPath('chromiumPath', notABrowser)).toMatchObject({ ok: true });
    const job = await api.invoke('render.start', { projectId: PROJECT, formats: ['leaflet'], languages: ['vi'] });
    const done = await jobFinished(api, job.id);
    expect(done.status).toBe('failed');
    expect(done.error).toContain(notABrowser);
    const { renders } = await api.invoke('outputs.list', { projectId: PROJECT });
    expect(renders[0]).toMatchObject({ status: 'failed' });
  }, 120_000);

  it('gives the print formats the brand kit saved from the settings screen', async () => {
    await api.invoke('settings.put', { projectId: PROJECT, brand: { primaryColor: '#127A6B', issuerName: 'UBND TỈNH SƠN LA' } });
    const project = (await api.invoke('projects.list', {})).projects.find((p) => p.id === PROJECT)!;
    const print = await resolvePrintSettings(resolveBuildSettings({ project: project.settings }), null);
    expect(print.brand).toMatchObject({ primaryColor: '#127A6B', name: 'UBND TỈNH SƠN LA' });
  });

  it('gives the print formats the CMYK PDF/X choice saved from the settings screen, and shows it back', async () => {
    expect((await api.invoke('settings.get', { projectId: PROJECT })).printShop).toEqual({ cmykPdfX: false });
    const saved = await api.invoke('settings.put', { projectId: PROJECT, printShop: { cmykPdfX: true } });
    expect(saved.printShop).toEqual({ cmykPdfX: true });
    const project = (await api.invoke('projects.list', {})).projects.find((p) => p.id === PROJECT)!;
    expect((await resolvePrintSettings(resolveBuildSettings({ project: project.settings }), null)).cmykPdfX).toBe(true);
    // Without a project there is nothing to choose for; a page cannot send anything but the switch.
    expect((await api.invoke('settings.get', {})).printShop).toBeNull();
    expect(await api.call('settings.put', { projectId: PROJECT, printShop: { cmykPdfX: true, gsPath: '/tmp/x' } } as never)).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    await api.invoke('settings.put', { projectId: PROJECT, printShop: { cmykPdfX: false } });
    expect((await api.invoke('settings.get', { projectId: PROJECT })).printShop).toEqual({ cmykPdfX: false });
  });
});
