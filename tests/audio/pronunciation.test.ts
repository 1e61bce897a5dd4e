/** The "đọc là" lexicon in the library, the CLI that shows what a line is read as, and the registry that applies both. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { openLibrary } from '../../engine/store/library.js';
import { SpeechRegistry, speechRegistryFromSettings } from '../../engine/speech/registry.js';
import type { SpeechEngine, SpeechRequest } from '../../engine/speech/speechEngine.js';
import { runCli } from '../helpers/cli.js';
import { makeMaterial } from '../store/fixtures.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'luat-lexicon-'));
  dirs.push(dir);
  return dir;
}

describe('pronunciation lexicon in the library', () => {
  it('keeps project and library entries per language, project first, and survives reopening', async () => {
    const dir = await tempDir();
    const library = await openLibrary(dir);
    const project = await library.saveBrief({ material: makeMaterial(['Một đoạn.']), briefText: '---\n---\n', origin: null });
    await library.setPronunciation(null, { language: 'vi', written: 'Mường Tè', spoken: 'mường tè (thư viện)' });
    await library.setPronunciation(project.id, { language: 'vi', written: 'Mường Tè', spoken: 'mường tè' });
    await library.setPronunciation(project.id, { language: 'hnj', written: 'Hmong', spoken: 'Hmôngz' });
    await library.setPronunciation(project.id, { language: 'vi', written: 'ca', spoken: 'ca trực' });
    await library.setPronunciation(project.id, { language: 'vi', written: 'ca', spoken: '' });
    await library.close();

    const again = await openLibrary(dir);
    expect((await again.listPronunciations(project.id)).map((p) => p.written).sort()).toEqual(['Hmong', 'Mường Tè']);
    expect(await again.pronunciationLexicon(project.id, 'vi')).toEqual([
      { language: 'vi', written: 'Mường Tè', spoken: 'mường tè' },
      { language: 'vi', written: 'Mường Tè', spoken: 'mường tè (thư viện)' },
    ]);
    const err = await again.setPronunciation(project.id, { language: 'vi', written: '  ', spoken: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StudioError);
    expect((err as StudioError).code).toBe('store.badPronunciation');
    const unknown = await again.setPronunciation('khong-co', { language: 'vi', written: 'a', spoken: 'b' }).catch((e: unknown) => e);
    expect((unknown as StudioError).code).toBe('store.noProject');
    await again.close();
    const stored = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')) as { pronunciations: unknown[] };
    expect(stored.pronunciations).toHaveLength(3);
  });

  it('opens a library written before the lexicon existed', async () => {
    const dir = await tempDir();
    const first = await openLibrary(dir);
    await first.close();
    const file = join(dir, 'library.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    delete data['pronunciations'];
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, JSON.stringify(data));
    const library = await openLibrary(dir);
    expect(await library.listPronunciations(null)).toEqual([]);
    await library.close();
  });
});

/** Records what each engine was sent. */
class RecordingEngine implements SpeechEngine {
  readonly id = 'recorder';
  readonly sent: string[] = [];
  supports(language: string): boolean {
    return language === 'vi';
  }
  async synthesize(request: SpeechRequest) {
    this.sent.push(request.text);
    return { wavPath: '/dev/null', durationSec: 1, engine: this.id };
  }
}

describe('SpeechRegistry sends every engine the normalised words', () => {
  it('through speak() and through engineFor() (the video path)', async () => {
    const engine = new RecordingEngine();
    const registry = new SpeechRegistry([engine], { lexicon: [{ language: 'vi', written: 'Mường Tè', spoken: 'mường tè' }] });
    await registry.speak([{ target: null, text: 'UBND huyện Mường Tè phạt 5.000.000 đồng', language: 'vi', voice: {} }]);
    await registry.engineFor('vi')!.synthesize({ text: 'Gọi 113', language: 'vi', voice: { accent: 'south' } });
    expect(engine.sent).toEqual(['ủy ban nhân dân huyện mường tè phạt năm triệu đồng', 'gọi một một ba']);
  });

  it('takes the lexicon from settings, and sends text as written when settings turn the normaliser off', async () => {
    const dir = await tempDir();
    const on = speechRegistryFromSettings({ pronunciation: [{ language: 'vi', written: 'Sở', spoken: 'sở tư pháp' }] }, { cacheDir: dir });
    expect(on.spokenText({ text: 'Sở 02 năm', language: 'vi', voice: {} })).toBe('sở tư pháp hai năm');
    const off = speechRegistryFromSettings({ speech: { normalize: false } }, { cacheDir: dir });
    expect(off.spokenText({ text: 'Sở 02 năm', language: 'vi', voice: {} })).toBe('Sở 02 năm');
  });
});

// Each call starts the real CLI in a child process; on a busy machine that takes a while.
describe('luat-studio speech normalize', { timeout: 600_000 }, () => {
  it('prints the northern reading by default and the southern one with --voice south', () => {
    const north = runCli(['speech', 'normalize', 'Phạt 300.000 đồng từ ngày 01/7/2024, gọi 113']);
    expect(north.status).toBe(0);
    expect(north.stdout.trim()).toBe('phạt ba trăm nghìn đồng từ ngày mồng một tháng bảy năm hai nghìn không trăm hai mươi tư, gọi một một ba');
    const south = runCli(['speech', 'normalize', '--voice', 'south', '105 người, 300.000 đồng']);
    expect(south.stdout.trim()).toBe('một trăm lẻ năm người, ba trăm ngàn đồng');
  });

  it('reads with the project lexicon from the library, and as JSON per line', async () => {
    const dir = await tempDir();
    const library = await openLibrary(dir);
    const project = await library.saveBrief({ material: makeMaterial(['Một đoạn.']), briefText: '---\n---\n', origin: null });
    await library.setPronunciation(project.id, { language: 'vi', written: 'Pá Vây Sử', spoken: 'pá vây sử xã' });
    await library.close();
    const r = runCli(['--library', dir, 'speech', 'normalize', '--project', project.id, '--json', 'Xã Pá Vây Sử\n02 năm']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { text: 'Xã Pá Vây Sử', spoken: 'xã pá vây sử xã' },
      { text: '02 năm', spoken: 'hai năm' },
    ]);
  });

  it('refuses an unknown accent with a usage error', () => {
    const r = runCli(['speech', 'normalize', '--voice', 'west', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/at .*\.ts/);
  });
});
