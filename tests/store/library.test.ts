/** The project library: what it keeps on disk, and how it refuses bad files. */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { DurableJsonFile } from '../../engine/store/durableJsonFile.js';
import { isTemporaryName, TEMP_MARKER as TEMP_SUFFIX } from '../../engine/fs/durable.js';
import { defaultLibraryDir, openLibrary } from '../../engine/store/library.js';
import { LibraryData, materialHash } from '../../engine/store/schema.js';
import { makeMaterial, paragraphUnits, translation } from './fixtures.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'luat-lib-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudioError);
  return err as StudioError;
}

const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, 'utf8'));
const PARAGRAPHS = ['Nam từ đủ 20 tuổi trở lên.', 'Nữ từ đủ 18 tuổi trở lên.', 'Việc kết hôn do hai bên tự nguyện quyết định.'];

describe('project library on disk', () => {
  it('writes library.json to disk even with NODE_ENV=test (no lowdb memory preset)', async () => {
    process.env.NODE_ENV = 'test';
    const dir = await tempDir();
    const material = makeMaterial(PARAGRAPHS);
    const library = await openLibrary(dir);
    const project = await library.saveBrief({ material, briefText: '---\nid: ket-hon-dung-tuoi\n---\n# Kết hôn\n', origin: '/home/a/brief.md' });
    await library.close();

    const onDisk = LibraryData.parse(await readJson(join(dir, 'library.json')));
    expect(onDisk.projects).toEqual([project]);
    expect(onDisk.projects[0]).toMatchObject({ id: 'ket-hon-dung-tuoi', title: 'Kết hôn đúng tuổi', briefOrigin: '/home/a/brief.md' });
    expect(onDisk.materials[0]?.material).toEqual(material);
    expect(onDisk.materials[0]?.materialHash).toBe(materialHash(material));
    expect(await readFile(join(dir, 'projects', 'ket-hon-dung-tuoi', 'brief.md'), 'utf8')).toBe('---\nid: ket-hon-dung-tuoi\n---\n# Kết hôn\n');
    expect(existsSync(join(dir, 'projects', 'ket-hon-dung-tuoi', 'voice'))).toBe(true);
    expect(existsSync(join(dir, 'projects', 'ket-hon-dung-tuoi', 'renders'))).toBe(true);

    const reopened = await openLibrary(dir);
    expect(await reopened.getMaterial('ket-hon-dung-tuoi')).toEqual(material);
    expect(await reopened.getMaterial('nope')).toBeNull();
    await reopened.close();
  });

  it('refuses a library.json that does not parse and leaves it untouched', async () => {
    const dir = await tempDir();
    const garbage = '{"schemaVersion": 1, "projects": [';
    await writeFile(join(dir, 'library.json'), garbage);
    const err = await rejection(openLibrary(dir));
    expect(err.code).toBe('store.corrupt');
    expect(err.params.path).toBe(join(dir, 'library.json'));
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(garbage);
    expect(existsSync(join(dir, 'library.lock'))).toBe(false);

    await writeFile(join(dir, 'library.json'), 'null');
    expect((await rejection(openLibrary(dir))).code).toBe('store.corrupt');
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe('null');
  });

  it('refuses a library from a newer studio, and one that does not validate', async () => {
    const dir = await tempDir();
    const newer = JSON.stringify({ schemaVersion: 2, projects: [], everythingElse: 'new' });
    await writeFile(join(dir, 'library.json'), newer);
    const err = await rejection(openLibrary(dir));
    expect(err.code).toBe('store.newerVersion');
    expect(err.params).toMatchObject({ version: 2, supported: 1 });
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(newer);

    await writeFile(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 1, projects: [{ id: 'x' }], materials: [], translations: [], voiceClips: [], renders: [] }));
    const invalid = await rejection(openLibrary(dir));
    expect(invalid.code).toBe('store.invalid');
    expect(String(invalid.params.problem)).toMatch(/^projects\.0\./);
  });

  it('removes temp files a crashed writer left behind, and nothing else', async () => {
    const dir = await tempDir();
    const library = await openLibrary(dir);
    await library.saveBrief({ material: makeMaterial(PARAGRAPHS), briefText: 'b', origin: null });
    await library.close();
    const projectDir = join(dir, 'projects', 'ket-hon-dung-tuoi');
    await writeFile(join(dir, `.library.json.123-abc${TEMP_SUFFIX}`), '{"half');
    await writeFile(join(projectDir, `.brief.md.123-abc${TEMP_SUFFIX}`), 'half');
    await writeFile(join(projectDir, 'notes.txt'), 'mine');
    const reopened = await openLibrary(dir);
    await reopened.close();
    expect((await readdir(dir)).filter((n) => isTemporaryName(n))).toEqual([]);
    expect((await readdir(projectDir)).sort()).toEqual(['brief.md', 'notes.txt', 'renders', 'voice']);
  });

  it('keeps every concurrent write, in order, when each write() resolves', async () => {
    const dir = await tempDir();
    const file = await DurableJsonFile.open<{ n: number }>(join(dir, 'counter.json'));
    const writes = Array.from({ length: 25 }, (_, n) => file.write({ n }).then(async () => (await readJson(join(dir, 'counter.json')) as { n: number }).n));
    const seenAfterEach = await Promise.all(writes);
    // Each write was on disk when it resolved, and none overtook a later one.
    seenAfterEach.forEach((seen, n) => expect(seen).toBeGreaterThanOrEqual(n));
    expect(await readJson(join(dir, 'counter.json'))).toEqual({ n: 24 });
    expect((await readdir(dir)).filter((n) => isTemporaryName(n))).toEqual([]);
  });
});

describe('translations across re-imports', () => {
  it('re-attaches a translation as stale when its unit was edited, and keeps one whose unit is gone as an orphan', async () => {
    const dir = await tempDir();
    const before = makeMaterial(PARAGRAPHS);
    const [p1, p2, p3] = paragraphUnits(before);
    if (!p1 || !p2 || !p3) throw new Error('fixture');
    const library = await openLibrary(dir);
    await library.saveBrief({ material: before, briefText: 'v1', origin: null });
    await library.putTranslations(before.id, [
      translation(p1.id, p1.text, 'Men aged 20 or over.'),
      translation(p2.id, p2.text, 'Women aged 18 or over.'),
      translation(p3.id, p3.text, 'Marriage is decided voluntarily by both.'),
      translation(p2.id, p2.text, 'Poj niam muaj 18 xyoo.', 'hmn'),
    ]);

    // p2 is edited in place (new id, same slot); p3 is deleted.
    const after = makeMaterial([PARAGRAPHS[0]!, 'Nữ từ đủ 18 tuổi trở lên (tính theo ngày sinh).']);
    const [q1, q2] = paragraphUnits(after);
    if (!q1 || !q2) throw new Error('fixture');
    expect(q2.id).not.toBe(p2.id);
    expect(q2.slot).toBe(p2.slot);
    await library.saveBrief({ material: after, briefText: 'v2', origin: null });
    await library.close();

    const reopened = await openLibrary(dir);
    const en = await reopened.listTranslations(after.id, 'en');
    expect(en).toHaveLength(3);
    expect(en.find((t) => t.unitId === q1.id)).toMatchObject({ stale: false, orphaned: false, text: 'Men aged 20 or over.' });
    expect(en.find((t) => t.unitId === q2.id)).toMatchObject({ stale: true, orphaned: false, text: 'Women aged 18 or over.', sourceText: p2.text });
    expect(en.find((t) => t.unitId === p3.id)).toMatchObject({ orphaned: true, text: 'Marriage is decided voluntarily by both.' });
    expect(await reopened.listTranslations(after.id, 'hmn')).toMatchObject([{ unitId: q2.id, stale: true, orphaned: false }]);

    // Restoring the deleted paragraph brings its translation back, not stale.
    const restored = makeMaterial([PARAGRAPHS[0]!, 'Nữ từ đủ 18 tuổi trở lên (tính theo ngày sinh).', PARAGRAPHS[2]!]);
    await reopened.saveBrief({ material: restored, briefText: 'v3', origin: null });
    expect((await reopened.listTranslations(after.id, 'en')).find((t) => t.unitId === p3.id)).toMatchObject({ orphaned: false, stale: false });
    await reopened.close();
  });

  it('does not re-attach to a unit that merely moved into the slot of a deleted one', async () => {
    const dir = await tempDir();
    const before = makeMaterial(PARAGRAPHS);
    const [p1, p2] = paragraphUnits(before);
    if (!p1 || !p2) throw new Error('fixture');
    const library = await openLibrary(dir);
    await library.saveBrief({ material: before, briefText: 'v1', origin: null });
    await library.putTranslations(before.id, [translation(p1.id, p1.text, 'Men aged 20 or over.')]);
    // p1 deleted: p2 moves into p1's slot, but p2 is not an edit of p1.
    await library.saveBrief({ material: makeMaterial(PARAGRAPHS.slice(1)), briefText: 'v2', origin: null });
    expect(await library.listTranslations(before.id)).toMatchObject([{ unitId: p1.id, orphaned: true }]);
    await library.close();
  });

  it('upserts by unit and language', async () => {
    const dir = await tempDir();
    const material = makeMaterial(PARAGRAPHS);
    const [p1] = paragraphUnits(material);
    if (!p1) throw new Error('fixture');
    const library = await openLibrary(dir);
    await library.saveBrief({ material, briefText: 'v1', origin: null });
    await library.putTranslations(material.id, [translation(p1.id, p1.text, 'first')]);
    await library.putTranslations(material.id, [translation(p1.id, p1.text, 'second'), translation(p1.id, p1.text, 'hmong', 'hmn')]);
    expect((await library.listTranslations(material.id)).map((t) => [t.language, t.text]).sort()).toEqual([['en', 'second'], ['hmn', 'hmong']]);
    await expect(library.putTranslations('no-such-project', [])).rejects.toMatchObject({ code: 'store.noProject' });
    await library.close();
  });
});

describe('voice clips, settings and renders', () => {
  it('replaces exactly the clip for the same target and language', async () => {
    const dir = await tempDir();
    const material = makeMaterial(PARAGRAPHS);
    const [p1, p2] = paragraphUnits(material);
    if (!p1 || !p2) throw new Error('fixture');
    const library = await openLibrary(dir);
    await library.saveBrief({ material, briefText: 'v1', origin: null });
    const projectDir = library.projectDir(material.id);
    const clip = (target: string, language: string, sourceText: string) =>
      ({ target, language, durationSec: 1.5, sourceText, createdAt: new Date().toISOString() });
    const wav = (tag: string) => new Uint8Array(Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.from(tag)]));

    const first = await library.putVoiceClip(material.id, clip(p1.id, 'vi', p1.text), wav('one'));
    const other = await library.putVoiceClip(material.id, clip(p2.id, 'vi', p2.text), wav('two'));
    const english = await library.putVoiceClip(material.id, clip(p1.id, 'en', 'Men aged 20'), wav('eng'));
    expect(first.path).toMatch(/^voice\/vi\/.+\.wav$/);

    const source = join(dir, 'imported.ogg');
    await writeFile(source, 'OggS-replacement');
    const replacement = await library.putVoiceClip(material.id, clip(p1.id, 'vi', p1.text), source);
    expect(replacement.path).toMatch(/^voice\/vi\/.+\.ogg$/);

    const clips = await library.listVoiceClips(material.id);
    expect(clips.map((c) => c.path).sort()).toEqual([other.path, english.path, replacement.path].sort());
    expect(existsSync(join(projectDir, first.path))).toBe(false);
    expect(await readFile(join(projectDir, replacement.path), 'utf8')).toBe('OggS-replacement');
    expect(await readFile(join(projectDir, other.path), 'latin1')).toContain('two');
    expect(await readFile(join(projectDir, english.path), 'latin1')).toContain('eng');
    expect((await readdir(join(projectDir, 'voice', 'vi'))).sort()).toEqual([other.path, replacement.path].map((p) => p.split('/')[2]).sort());
    expect(await library.listVoiceClips(material.id, 'en')).toEqual([english]);
    await library.close();
  });

  it('merges settings and records renders from start to finish', async () => {
    const dir = await tempDir();
    const material = makeMaterial(PARAGRAPHS);
    const library = await openLibrary(dir);
    await library.saveBrief({ material, briefText: 'v1', origin: null });
    await library.updateSettings(material.id, { brand: { color: '#c00' }, paper: 'A5' });
    const settings = (await library.updateSettings(material.id, { paper: undefined, booklet: { columns: 2 } })).settings;
    expect(settings).toEqual({ brand: { color: '#c00' }, booklet: { columns: 2 } });

    const hash = materialHash(material);
    const id = await library.startRender(material.id, { formats: ['booklet'], languages: ['vi'], outDir: '/tmp/out', materialHash: hash });
    expect(await library.listRenders(material.id)).toMatchObject([{ id, status: 'running', finishedAt: null }]);
    const output = { format: 'booklet', language: 'vi', variant: 'a5', path: 'booklet/vi.pdf', bytes: 10, sha256: 'a'.repeat(64), pages: 8 };
    const done = await library.finishRender(id, { status: 'done', outputs: [output], error: null });
    expect(done).toMatchObject({ id, status: 'done', outputs: [output], materialHash: hash });
    expect(done.finishedAt).not.toBeNull();
    await library.close();

    const onDisk = LibraryData.parse(await readJson(join(dir, 'library.json')));
    expect(onDisk.renders).toMatchObject([{ id, projectId: material.id, status: 'done' }]);
    expect(onDisk.projects[0]?.settings).toEqual({ brand: { color: '#c00' }, booklet: { columns: 2 } });
  });

  it('creates the library folder, nested, when it does not exist', async () => {
    const dir = join(await tempDir(), 'a', 'b');
    const library = await openLibrary(dir);
    expect(await library.listProjects()).toEqual([]);
    await library.close();
    expect(LibraryData.parse(await readJson(join(dir, 'library.json'))).projects).toEqual([]);
  });

  it('lives where LUAT_STUDIO_LIBRARY says, else in the per-user data folder', () => {
    const saved = process.env.LUAT_STUDIO_LIBRARY;
    try {
      process.env.LUAT_STUDIO_LIBRARY = '/srv/luat/library';
      expect(defaultLibraryDir()).toBe('/srv/luat/library');
      delete process.env.LUAT_STUDIO_LIBRARY;
      expect(defaultLibraryDir()).toMatch(/luat-studio$/);
    } finally {
      if (saved === undefined) delete process.env.LUAT_STUDIO_LIBRARY;
      else process.env.LUAT_STUDIO_LIBRARY = saved;
    }
  });
});
