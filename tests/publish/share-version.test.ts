/**
 * Which version of a video each channel gets (issue 19): the presets say,
 * Zalo takes the share version (720p, ≤ 3 MB a minute), YouTube, Facebook and
 * TikTok the full 1080p one; the portal the full one. The share version's own
 * encoding is checked with ffprobe in tests/video/render.test.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../engine/build/build.js';
import { describeOutput } from '../../engine/build/outputs.js';
import { isShareVersion, variantLabel } from '../../engine/build/registry.js';
import { FACEBOOK_PRESET, SOCIAL_PRESETS, TIKTOK_PRESET, YOUTUBE_PRESET, ZALO_PRESET, type SocialPreset } from '../../engine/publish/channels/presets.js';
import { chooseFile } from '../../engine/publish/channels/variants.js';
import { selectFiles } from '../../engine/publish/preflight.js';
import { channelDescriptors } from '../../engine/publish/registry.js';
import { WORDPRESS_PRESET } from '../../engine/publish/wordpress/adapter.js';
import { en } from '../../renderer/src/locales/en.js';
import { vi } from '../../renderer/src/locales/vi.js';
import { makeBuild, sampleMaterial, tempDir } from './fixtures.js';

/** A build with 16:9 and 9:16 videos, each with its share version beside it, as the video format writes them. */
async function buildWithShareVersions(): Promise<{ manifest: Manifest; outDir: string }> {
  const { material } = await sampleMaterial();
  const outDir = await tempDir('share-build');
  const manifest = await makeBuild(outDir, material, { videoAspects: ['16:9', '9:16'] });
  for (const [slug, width, height] of [['16x9', 1280, 720], ['9x16', 720, 1280]] as const) {
    const file = path.join(outDir, `video/vi/${material.id}-tinh-huong-${slug}-share.mp4`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, Buffer.alloc(50_000, 7));
    manifest.outputs.push(await describeOutput(outDir, file, { format: 'video', language: 'vi', variant: `${slug}.share`, durationSec: 75, width, height }));
  }
  // The full videos of the fixture are 720p; make them 1080p as a real build's are.
  for (const o of manifest.outputs) {
    if (o.variant === '16x9') Object.assign(o, { width: 1920, height: 1080 });
    if (o.variant === '9x16') Object.assign(o, { width: 1080, height: 1920 });
  }
  return { manifest, outDir };
}

/** The video a social channel's adapter would send: the files publishing selects, then the adapter's own choice among them. */
function videoSent(preset: SocialPreset, manifest: Manifest, outDir: string): string {
  const { files, problems } = selectFiles(manifest, outDir, 'vi', preset);
  expect(problems).toEqual([]);
  const choice = chooseFile(preset, files, 'vi');
  if ('problem' in choice) throw new Error(JSON.stringify(choice.problem));
  return choice.file.output.variant;
}

describe('the video version each channel gets', () => {
  it('marks the share version as a video variant of its own, labelled Vietnamese first', () => {
    expect(isShareVersion({ format: 'video', variant: '16x9.share' })).toBe(true);
    expect(isShareVersion({ format: 'video', variant: 's2:9x16.share' })).toBe(true);
    expect(isShareVersion({ format: 'video', variant: '16x9' })).toBe(false);
    expect(variantLabel('video', '16x9.share', 'vi')).toBe('bản chia sẻ 720p (≤ 3 MB/phút), khổ ngang 16:9');
    expect(variantLabel('video', '16x9.share', 'en')).toBe('share version 720p (≤ 3 MB/min), landscape 16:9');
  });

  it('sends Zalo the share version, with the full video’s poster, and never the full video', async () => {
    const { manifest, outDir } = await buildWithShareVersions();
    const { files } = selectFiles(manifest, outDir, 'vi', ZALO_PRESET);
    const videos = files.filter((f) => f.output.path.endsWith('.mp4')).map((f) => f.output.variant);
    expect(videos).toEqual(['16x9.share']);
    expect(files.map((f) => f.output.variant)).toContain('16x9.poster');
    expect(videoSent(ZALO_PRESET, manifest, outDir)).toBe('16x9.share');
    const sent = files.find((f) => f.output.variant === '16x9.share')!;
    expect(sent.absolutePath).toBe(path.join(outDir, sent.output.path));
    expect(sent.output).toMatchObject({ width: 1280, height: 720 });
  });

  it('sends YouTube, Facebook and TikTok the full video, and the portal the full one only', async () => {
    const { manifest, outDir } = await buildWithShareVersions();
    expect(videoSent(YOUTUBE_PRESET, manifest, outDir)).toBe('16x9');
    expect(videoSent(FACEBOOK_PRESET, manifest, outDir)).toBe('16x9');
    expect(videoSent(TIKTOK_PRESET, manifest, outDir)).toBe('9x16');
    const portal = selectFiles(manifest, outDir, 'vi', WORDPRESS_PRESET).files.map((f) => f.output.variant);
    expect(portal).toContain('16x9');
    expect(portal.filter((v) => v.endsWith('.share'))).toEqual([]);
  });

  it('falls back to the full video for Zalo when a build has no share version (older builds, 720p drafts)', async () => {
    const { manifest, outDir } = await buildWithShareVersions();
    const older: Manifest = { ...manifest, outputs: manifest.outputs.filter((o) => !o.variant.endsWith('.share')) };
    expect(videoSent(ZALO_PRESET, older, outDir)).toBe('16x9');
  });

  it('says in every channel’s preset which version it gets, and the app names that version in both languages', () => {
    expect(Object.fromEntries(Object.entries(SOCIAL_PRESETS).map(([id, p]) => [id, p.videoVersion]))).toEqual({
      facebook: 'full', youtube: 'full', tiktok: 'full', zalo: 'share',
    });
    for (const c of channelDescriptors()) {
      const version = c.preset.videoVersion ?? 'full';
      expect(vi.publishing[`videoVersion_${version}`]).toMatch(/\S/);
      expect(en.publishing[`videoVersion_${version}`]).toMatch(/\S/);
    }
    expect(vi.publishing.videoVersion_share).toContain('720p');
  });
});
