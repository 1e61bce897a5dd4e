import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { approve, outputsHash, requireApproval } from '../../engine/publish/approval.js';
import { auditLogFor, AUDIT_FILE } from '../../engine/publish/auditLog.js';
import type { ChannelAdapter } from '../../engine/publish/channel.js';
import { publishBuild } from '../../engine/publish/publish.js';
import { QUEUE_FILE } from '../../engine/publish/queue.js';
import { EnvSecretStore } from '../../engine/publish/secrets.js';
import type { Library } from '../../engine/store/library.js';
import { edit } from '../helpers/briefs.js';
import { fullTranslation, libraryWithSample, makeBuild, sampleMaterial, tempDir } from './fixtures.js';

const approver = { by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc Sở Tư pháp' };
let open: Library | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

async function setup() {
  const lib = await libraryWithSample();
  open = lib.library;
  const outDir = await tempDir('build');
  const manifest = await makeBuild(outDir, lib.material);
  return { ...lib, outDir, manifest, audit: auditLogFor(lib.dir) };
}

/** An adapter that records what it was asked to send and never fails. */
function recordingAdapter(sent: string[]): ChannelAdapter {
  return {
    id: 'wordpress',
    preset: { channel: 'wordpress', formats: ['booklet'], extensions: ['pdf'] },
    credentialNames: [],
    preflight: () => [],
    async publish(request) {
      sent.push(...request.files.map((f) => f.output.path));
      return { url: 'https://portal.example/post', remoteIds: { post: '1' } };
    },
  };
}

async function codeOf(promise: Promise<unknown>): Promise<StudioError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(StudioError);
  return error as StudioError;
}

describe('the approval gate', () => {
  it('records who approved what, with hashes of the material, each language and every output', async () => {
    const { library, material, outDir, manifest, audit } = await setup();
    const entry = await approve(audit, { material, manifest, outDir, translations: [], approver });
    expect(entry).toMatchObject({ by: approver.by, role: approver.role, projectId: material.id });
    expect(entry.outputsHash).toBe(outputsHash(manifest.outputs));
    expect(Object.keys(entry.languageHashes)).toEqual(['vi']);
    expect(entry.outputs).toHaveLength(manifest.outputs.length);
    // One JSON line, on disk.
    const lines = (await readFile(path.join(library.dir, AUDIT_FILE), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'approval', by: approver.by, outputsHash: entry.outputsHash });
    await expect(requireApproval(audit, { material, manifest, translations: [], languages: ['vi'] })).resolves.toMatchObject({ at: entry.at });
  });

  it('refuses to publish without an approval, before queueing anything', async () => {
    const { library, material, outDir } = await setup();
    const sent: string[] = [];
    const error = await codeOf(publishBuild({
      library, material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore({}),
      createAdapter: async () => recordingAdapter(sent),
    }));
    expect(error.code).toBe('publish.notApproved');
    expect(sent).toEqual([]);
    await expect(readFile(path.join(library.dir, QUEUE_FILE), 'utf8')).rejects.toThrow();
  });

  it('refuses an approval without a name or a role', async () => {
    const { material, outDir, manifest, audit } = await setup();
    const error = await codeOf(approve(audit, { material, manifest, outDir, translations: [], approver: { by: ' ', role: 'x' } }));
    expect(error.code).toBe('publish.approverRequired');
  });

  it('names the edited text when the brief changed after approval', async () => {
    const { library, material, text, outDir, manifest, audit } = await setup();
    await approve(audit, { material, manifest, outDir, translations: [], approver });
    const changed = await sampleMaterial(edit(text, 'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.', 'Nam từ đủ 21 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.'));
    await library.saveBrief({ material: changed.material, briefText: changed.text, origin: null });
    const sent: string[] = [];
    const error = await codeOf(publishBuild({
      library, material: changed.material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore({}),
      createAdapter: async () => recordingAdapter(sent),
    }));
    expect(error.code).toBe('publish.briefChangedSinceApproval');
    expect(error.params).toMatchObject({ changed: 1, removed: 1, by: approver.by });
    expect(String(error.params['example'])).toContain('21 tuổi');
    expect(Number(error.params['line'])).toBeGreaterThan(20);
    expect(sent).toEqual([]);
  });

  it('names the outputs that changed, were added or removed since approval', async () => {
    const { material, outDir, manifest, audit } = await setup();
    await approve(audit, { material, manifest, outDir, translations: [], approver });
    const rebuilt = structuredClone(manifest);
    rebuilt.outputs[0]!.sha256 = 'f'.repeat(64);
    const dropped = rebuilt.outputs.pop()!;
    const error = await codeOf(requireApproval(audit, { material, manifest: rebuilt, translations: [], languages: ['vi'] }));
    expect(error.code).toBe('publish.outputsChangedSinceApproval');
    expect(error.params['changed']).toBe(manifest.outputs[0]!.path);
    expect(error.params['removed']).toBe(dropped.path);
    expect(error.params['added']).toBe('-');
  });

  it('refuses a file replaced on disk after approval, even when the manifest still matches', async () => {
    const { library, material, outDir, manifest, audit } = await setup();
    await approve(audit, { material, manifest, outDir, translations: [], approver });
    const booklet = manifest.outputs.find((o) => o.variant === 'screen')!;
    await writeFile(path.join(outDir, booklet.path), '%PDF-1.4 tampered\n%%EOF\n');
    const sent: string[] = [];
    const error = await codeOf(publishBuild({
      library, material, outDir, channels: ['wordpress'], secrets: new EnvSecretStore({}),
      createAdapter: async () => recordingAdapter(sent),
    }));
    expect(error.code).toBe('publish.fileChanged');
    expect(String(error.params['path'])).toContain(booklet.path);
    expect(sent).toEqual([]);
  });

  it('covers each language’s text: an edited translation needs a new approval', async () => {
    const { library, material, outDir, audit } = await setup();
    const translations = fullTranslation(material, 'en');
    await library.putTranslations(material.id, translations);
    const manifest = await makeBuild(outDir, material, {}, ['vi', 'en']);
    await approve(audit, { material, manifest, outDir, translations: await library.listTranslations(material.id), approver });
    // Reworded, figures kept: a changed figure would make the language incomplete, not merely unapproved.
    const edited = { ...translations[3]!, text: `${translations[3]!.text} (reworded)`, updatedAt: new Date().toISOString() };
    await library.putTranslations(material.id, [edited]);
    const now = await library.listTranslations(material.id);
    await expect(requireApproval(audit, { material, manifest, translations: now, languages: ['vi'] })).resolves.toBeTruthy();
    const error = await codeOf(requireApproval(audit, { material, manifest, translations: now, languages: ['en'] }));
    expect(error.code).toBe('publish.translationChangedSinceApproval');
    expect(error.params['language']).toBe('en');
  });

  it('keeps reading the audit log after a torn last line, and appends on a fresh line', async () => {
    const { material, outDir, manifest, audit, library } = await setup();
    await approve(audit, { material, manifest, outDir, translations: [], approver });
    await appendFile(path.join(library.dir, AUDIT_FILE), '{"type":"approval","at":"2026-');
    const again = auditLogFor(library.dir);
    await approve(again, { material, manifest, outDir, translations: [], approver: { by: 'Lò Văn Minh', role: 'Chuyên viên' } });
    const { entries, skipped } = await again.read();
    expect(skipped).toBe(1);
    expect(entries.map((e) => (e.type === 'approval' ? e.by : ''))).toEqual([approver.by, 'Lò Văn Minh']);
    expect((await again.latestApproval(material.id))?.by).toBe('Lò Văn Minh');
  });
});
