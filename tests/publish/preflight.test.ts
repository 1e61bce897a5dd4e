import { afterEach, describe, expect, it } from 'vitest';
import { composeCaption } from '../../engine/publish/caption.js';
import { approve } from '../../engine/publish/approval.js';
import { auditLogFor } from '../../engine/publish/auditLog.js';
import type { ChannelAdapter, ChannelPreset } from '../../engine/publish/channel.js';
import { PreflightFailed, publishBuild } from '../../engine/publish/publish.js';
import { presetProblems, selectFiles } from '../../engine/publish/preflight.js';
import { createAdapter } from '../../engine/publish/registry.js';
import { EnvSecretStore } from '../../engine/publish/secrets.js';
import { WORDPRESS_PRESET } from '../../engine/publish/wordpress/adapter.js';
import type { Library } from '../../engine/store/library.js';
import { libraryWithSample, makeBuild, sampleMaterial, tempDir } from './fixtures.js';

const TIKTOK_LIKE: ChannelPreset = {
  channel: 'tiktok', formats: ['video'], aspects: ['9:16'], extensions: ['.mp4', '.srt'], maxVideoSeconds: 600, maxCaptionChars: 2200,
};

let open: Library | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

describe('choosing what a channel gets', () => {
  it('gives the portal every document, one video per situation (16:9) with its poster and WebVTT, and one image', async () => {
    const { material } = await sampleMaterial();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material);
    const { files, problems } = selectFiles(manifest, outDir, 'vi', WORDPRESS_PRESET);
    expect(problems).toEqual([]);
    const chosen = files.map((f) => `${f.output.format}/${f.output.variant}`);
    expect(chosen).toEqual([
      'booklet/screen', 'booklet/print', 'infographic/feed', 'video/16x9', 'video/16x9.vtt', 'video/16x9.poster', 'audiobook/mp3',
    ]);
    expect(files.every((f) => f.absolutePath.startsWith(outDir))).toBe(true);
  });

  it('picks the 9:16 video for a vertical channel, with the subtitles it takes', async () => {
    const { material } = await sampleMaterial();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material);
    const { files, problems } = selectFiles(manifest, outDir, 'vi', TIKTOK_LIKE);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.output.variant)).toEqual(['9x16', '9x16.srt']);
  });

  it('says which aspect is missing when the build has none the channel takes', async () => {
    const { material } = await sampleMaterial();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material, { videoAspects: ['16:9'] });
    const { files, problems } = selectFiles(manifest, outDir, 'vi', TIKTOK_LIKE);
    expect(files).toEqual([]);
    expect(problems).toEqual([{ code: 'wrongAspect', params: { channel: 'tiktok', format: 'video', language: 'vi', found: '16:9', wanted: '9:16' } }]);
  });

  it('reports a channel that takes none of the built formats', async () => {
    const { material } = await sampleMaterial();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material);
    const onlyLeaflets: ChannelPreset = { channel: 'zalo', formats: ['leaflet'], extensions: ['pdf'] };
    const { problems } = selectFiles(manifest, outDir, 'vi', onlyLeaflets);
    expect(problems).toEqual([{
      code: 'noSuitableOutput',
      params: { channel: 'zalo', language: 'vi', formats: 'leaflet', extensions: 'pdf', built: 'booklet, infographic, video, audiobook' },
    }]);
  });

  it('checks size, length and caption against the preset', async () => {
    const { material } = await sampleMaterial();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material, { videoSeconds: 900, videoBytes: 50_000 });
    const preset: ChannelPreset = { ...TIKTOK_LIKE, maxFileBytes: 40_000, maxCaptionChars: 20 };
    const { files } = selectFiles(manifest, outDir, 'vi', preset);
    const problems = presetProblems(preset, { material, language: 'vi', files, caption: 'x'.repeat(21), idempotencyKey: 'k' });
    expect(problems.map((p) => p.code).sort()).toEqual(['captionTooLong', 'fileTooLarge', 'videoTooLong']);
    expect(problems.find((p) => p.code === 'videoTooLong')?.params).toMatchObject({ seconds: 900, maxSeconds: 600 });
    expect(problems.find((p) => p.code === 'fileTooLarge')?.params).toMatchObject({ sizeMb: 0.05, maxMb: 0.04 });
  });

  it('shortens the caption by whole lines, keeping title, legal basis and link', async () => {
    const { material } = await sampleMaterial();
    const full = composeCaption(material, 'vi');
    expect(full).toContain('• Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.');
    expect(full).toContain('Căn cứ: Luật Hôn nhân và gia đình (52/2014/QH13)');
    const short = composeCaption(material, 'vi', 400);
    expect([...short].length).toBeLessThanOrEqual(400);
    expect(short.startsWith(material.title.text)).toBe(true);
    expect(short).toContain('52/2014/QH13');
    expect(short).toContain(material.portalUrl!);
    expect(short).not.toContain('•');
  });
});

describe('the social channels’ presets', () => {
  it('choose from the manifest: 9:16 for TikTok, landscape or square for Facebook and YouTube', async () => {
    const { material } = await sampleMaterial();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material, { videoAspects: ['16:9', '9:16', '1:1'] });
    const chosen: Record<string, string[]> = {};
    for (const channel of ['tiktok', 'facebook', 'youtube', 'zalo'] as const) {
      const adapter = await createAdapter(channel, {}, outDir);
      expect(adapter.id).toBe(channel);
      chosen[channel] = selectFiles(manifest, outDir, 'vi', adapter.preset).files.filter((f) => f.output.format === 'video' && f.output.path.endsWith('.mp4')).map((f) => f.output.variant);
    }
    expect(chosen['tiktok']).toEqual(['9x16']);
    expect(chosen['facebook']).toHaveLength(1);
    expect(chosen['youtube']).toEqual(['16x9']);
  });
});

describe('preflight before publishing', () => {
  it('lists every problem on every channel and sends nothing', async () => {
    const lib = await libraryWithSample();
    open = lib.library;
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, lib.material, { videoAspects: ['16:9'] });
    await approve(auditLogFor(lib.dir), { material: lib.material, manifest, outDir, translations: [], approver: { by: 'A', role: 'B' } });
    const calls: string[] = [];
    const adapter = (preset: ChannelPreset): ChannelAdapter => ({
      id: preset.channel, preset, credentialNames: [],
      preflight: (r) => (r.caption.includes('tảo hôn') ? [{ code: 'custom', params: { channel: preset.channel } }] : []),
      async publish() {
        calls.push(preset.channel);
        return { url: 'x', remoteIds: {} };
      },
    });
    const error = await publishBuild({
      library: lib.library, material: lib.material, outDir, channels: ['wordpress', 'tiktok'], secrets: new EnvSecretStore({}),
      createAdapter: async (channel) => adapter(channel === 'tiktok' ? TIKTOK_LIKE : WORDPRESS_PRESET),
    }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(PreflightFailed);
    const problems = (error as PreflightFailed).problems;
    expect(problems.map((p) => `${p.channel}:${p.problem.code}`).sort()).toEqual(['tiktok:wrongAspect', 'wordpress:custom']);
    expect(calls).toEqual([]);
  });
});
