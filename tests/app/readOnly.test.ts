/**
 * Read-only use cases leave the library exactly as it was: every file's bytes
 * and mtime are compared before and after, and the CLI's `translations
 * status` runs as an unprivileged user over a library folder it cannot write
 * (root ignores permissions, so chmod alone would prove nothing).
 */
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishStatus, readStudio, translationStatus, translationSummary, closeStudio } from '../../engine/app/index.js';
import { edit, ROOT, sampleText } from '../helpers/briefs.js';
import { libraryWithSample, sampleMaterial } from '../publish/fixtures.js';

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file);
    files.set(path.relative(dir, file), entry.isFile() ? `${info.mtimeMs} ${(await readFile(file)).toString('base64')}` : `dir ${info.mtimeMs}`);
  }
  return files;
}

async function libraryWithTranslation() {
  const { library, material, dir } = await libraryWithSample();
  const unit = material.title;
  await library.putTranslations(material.id, [{
    unitId: unit.id, language: 'blt', text: 'ꪼꪋ', sourceText: unit.text, stale: false, updatedAt: new Date().toISOString(),
  }]);
  await library.close();
  return { material, dir };
}

describe('read-only use cases', () => {
  it('translation status of an edited brief counts the edit as stale and writes nothing', async () => {
    const { dir } = await libraryWithTranslation();
    const before = await snapshot(dir);
    const { material: edited } = await sampleMaterial(edit(sampleText(), 'title: "Kết hôn đúng tuổi, đăng ký đúng luật"', 'title: "Kết hôn đúng tuổi"'));
    const studio = await readStudio(dir);
    try {
      const blt = (await translationStatus(studio, edited)).find((l) => l.language === 'blt');
      expect(blt).toMatchObject({ stale: 1, translated: 0 });
      expect((await translationSummary(studio, edited.id)).find((l) => l.language === 'blt')).toMatchObject({ stale: 0, translated: 1 });
      expect(await publishStatus(studio, edited.id)).toEqual({ approval: null, jobs: [] });
      await expect(studio.library.putTranslations(edited.id, [])).rejects.toMatchObject({ code: 'store.readOnly' });
    } finally {
      await closeStudio(studio);
    }
    expect(await snapshot(dir)).toEqual(before);
  });

  it('`translations status` works for a user who cannot write the library folder', async () => {
    const { dir } = await libraryWithTranslation();
    const shared = await mkdtemp(path.join(os.tmpdir(), 'luat-ro-'));
    const library = path.join(shared, 'library');
    await cp(dir, library, { recursive: true });
    const brief = path.join(shared, 'brief.md');
    await writeFile(brief, sampleText());
    await chmod(shared, 0o755);
    // Readable by everyone, writable by nobody but root.
    spawnSync('chmod', ['-R', 'a+rX,a-w', library]);
    const before = await snapshot(library);
    const asNobody = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--',
      process.execPath, path.join(ROOT, 'bin/luat-studio.js'), '--library', library, 'translations', 'status', brief, '--json'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, HOME: shared, LUAT_STUDIO_LOCALE: 'en' }, timeout: 120_000,
    });
    expect(asNobody.status, asNobody.stderr).toBe(0);
    const status = JSON.parse(asNobody.stdout) as { languages: Array<{ language: string; translated: number; stale: number }> };
    expect(status.languages.find((l) => l.language === 'blt')).toMatchObject({ translated: 1, stale: 0 });
    // The same user cannot write there: the folder really is read-only to them.
    const write = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'touch', path.join(library, 'probe')]);
    expect(write.status).not.toBe(0);
    expect(await snapshot(library)).toEqual(before);
  });
});
