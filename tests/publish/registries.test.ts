/**
 * Adding a format or a channel is one descriptor and one registration line:
 * a dummy format and a dummy channel, registered here through the same
 * functions engine/build/registry.ts and engine/publish/registry.ts use, are
 * picked up by the UI's list (app.info), the render API, publishing's words
 * and file choice, the portal package and the report with no other change.
 */
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../engine/api/contract.js';
import type { FormatDescriptor, OutputFormat } from '../../engine/build/format.js';
import { findFormat, registerFormat } from '../../engine/build/registry.js';
import type { OutputEntry } from '../../engine/model/records.js';
import type { ChannelAdapter, ChannelDescriptor } from '../../engine/publish/channel.js';
import { chooseVariant, FACEBOOK_PRESET } from '../../engine/publish/channels/index.js';
import { publishLabels } from '../../engine/publish/labels.js';
import { packageManifest } from '../../engine/publish/portalPackage.js';
import { selectFiles } from '../../engine/publish/preflight.js';
import { createAdapter, parseChannels, registerChannel } from '../../engine/publish/registry.js';
import { reportCsv } from '../../engine/publish/report/write.js';
import { tempService } from '../api/helpers.js';
import { sampleMaterial } from './fixtures.js';

const built: string[] = [];

const leporello: FormatDescriptor = {
  name: 'leporello',
  label: { vi: 'Tờ gấp dài', en: 'Leporello' },
  variants: [
    { id: 'panorama', label: { vi: 'ảnh toàn cảnh', en: 'panorama image' }, role: 'post-image' },
    { id: 'print', label: { vi: 'bản in gấp', en: 'folded print' }, role: 'attachment' },
  ],
  options: z.object({}),
  preview: 'document',
};
const leporelloFormat: OutputFormat = {
  name: 'leporello',
  async build(ctx) {
    built.push(...ctx.languages);
    return [];
  },
};

const bulletinAdapter: ChannelAdapter = {
  id: 'bang-tin',
  preset: { channel: 'bang-tin', roles: ['post-image'], extensions: ['.png'], maxCaptionChars: 500 },
  preflight: () => [],
  publish: async () => ({ url: 'https://bang-tin.example/1', remoteIds: { post: '1' } }),
};
const bulletin: ChannelDescriptor = {
  id: 'bang-tin',
  label: { vi: 'Bảng tin xã', en: 'Commune notice board' },
  preset: bulletinAdapter.preset,
  create: async () => bulletinAdapter,
};

const sha = 'a'.repeat(64);
const panorama: OutputEntry = { format: 'leporello', language: 'vi', variant: 'panorama', path: 'leporello/vi-panorama.png', bytes: 1000, sha256: sha, width: 1080, height: 1080 };
const folded: OutputEntry = { format: 'leporello', language: 'vi', variant: 'print', path: 'leporello/vi-print.pdf', bytes: 2000, sha256: sha, pages: 2 };

beforeAll(() => {
  registerFormat(leporello, async () => leporelloFormat);
  registerChannel(bulletin);
});

describe('a format and a channel registered by one line each', () => {
  let service: Awaited<ReturnType<typeof tempService>> | undefined;
  afterAll(async () => service?.done());

  it('appear in the UI’s list with their words, variants and preview, and the render API takes the format', async () => {
    service = await tempService();
    const info = await service.service.invoke('app.info', {});
    expect(info.formats.find((f) => f.name === 'leporello')).toEqual({
      name: 'leporello', available: true, label: { vi: 'Tờ gấp dài', en: 'Leporello' }, preview: 'document',
      variants: [
        { id: 'panorama', label: { vi: 'ảnh toàn cảnh', en: 'panorama image' }, role: 'post-image' },
        { id: 'print', label: { vi: 'bản in gấp', en: 'folded print' }, role: 'attachment' },
      ],
    });
    expect(info.channels).toContainEqual({ id: 'bang-tin', label: { vi: 'Bảng tin xã', en: 'Commune notice board' }, videoVersion: 'full' });
    // The existing formats come from their descriptors too: one word for the infographic everywhere.
    expect(info.formats.find((f) => f.name === 'infographic')?.label.vi).toBe(publishLabels('vi').formatName('infographic'));

    expect(methods['render.start'].input.safeParse({ projectId: 'p', formats: ['leporello'], languages: [] }).success).toBe(true);
    expect(methods['render.start'].input.safeParse({ projectId: 'p', formats: ['../x'], languages: [] }).success).toBe(false);
  });

  it('builds through the registry, loading the format’s code only then', async () => {
    const format = findFormat('leporello')!;
    expect(await format.build({ languages: ['vi', 'hmn'] } as Parameters<OutputFormat['build']>[0])).toEqual([]);
    expect(built).toEqual(['vi', 'hmn']);
  });

  it('is named in publishing’s words in Vietnamese and English', () => {
    expect(publishLabels('vi').formatName('leporello')).toBe('Tờ gấp dài');
    expect(publishLabels('hmn').variantName('leporello', 'panorama')).toBe('ảnh toàn cảnh');
    expect(publishLabels('en').variantName('leporello', 'print')).toBe('folded print');
  });

  it('is published by role: Facebook takes the new format’s post image, the new channel takes it too', async () => {
    const manifest = { material: { id: 'm', title: 't' }, outputs: [panorama, folded], warnings: [] };
    expect(chooseVariant(FACEBOOK_PRESET, manifest.outputs, 'vi')).toMatchObject({ entry: panorama, kind: 'image' });
    const toBoard = selectFiles(manifest, '/out', 'vi', bulletin.preset);
    expect(toBoard.files.map((f) => f.output)).toEqual([panorama]);
    expect(parseChannels(['bang-tin', 'portal-package'])).toEqual(['bang-tin', 'portal-package']);
    expect(await createAdapter('bang-tin', {}, '/packages')).toBe(bulletinAdapter);
  });

  it('lands in the portal package with each file’s role', async () => {
    const { material } = await sampleMaterial();
    const manifest = packageManifest({
      editions: [{ language: 'vi', material }],
      files: [panorama, folded].map((output) => ({ output, absolutePath: `/out/${output.path}` })),
      approval: { by: 'A', role: 'B', at: new Date().toISOString(), materialHash: sha, outputsHash: sha },
      outFile: '/packages/x.zip',
    }, ['files/vi/vi-panorama.png', 'files/vi/vi-print.pdf']);
    expect(manifest.files.map((f) => [f.format, f.variant, f.role])).toEqual([['leporello', 'panorama', 'post-image'], ['leporello', 'print', 'attachment']]);
  });

  it('is named in the report by its descriptors', () => {
    const row = { kind: 'published' as const, at: '2026-03-01T10:00:00.000Z', projectId: 'm', title: 'T', format: 'leporello', variant: 'panorama', language: 'vi', channel: 'bang-tin', location: 'https://bang-tin.example/1', bytes: 1000 };
    const data = { from: '2026-03-01', to: '2026-03-31', rows: [row], producedCounts: [], publishedCounts: [{ channel: 'bang-tin', format: 'leporello', language: 'vi', count: 1 }], materials: 1 };
    const vi = reportCsv(data, 'vi');
    expect(vi).toContain('Tờ gấp dài');
    expect(vi).toContain('ảnh toàn cảnh');
    expect(vi).toContain('Bảng tin xã');
    expect(reportCsv(data, 'en')).toContain('Commune notice board');
  });
});
