import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, sampleText } from '../helpers/briefs.js';
import { runCli } from '../helpers/cli.js';
import { importBriefText } from '../../engine/brief/import.js';
import { LABELS } from '../../engine/model/labels.js';
import { listTextUnits } from '../../engine/model/units.js';

const SAMPLE_UNITS = listTextUnits(importBriefText(sampleText()).material!).length;

describe('luat-studio translations (XLIFF through the library)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-tr-'));
  const env = { LUAT_STUDIO_LIBRARY: path.join(dir, 'library') };
  const brief = path.join(dir, 'brief.md');
  writeFileSync(brief, sampleText());
  const xlf = path.join(dir, 'blt.xlf');

  it('exports every unit for a target language, imports them back, and reports completeness', () => {
    expect(runCli(['translations', 'export', brief, '--lang', 'blt', '--out', xlf], env).status).toBe(0);
    const exported = readFileSync(xlf, 'utf8');
    expect(exported).toContain('urn:oasis:names:tc:xliff:document:2.0');
    expect(exported).toContain('trgLang="blt"');
    // A translator fills every target (here: a marked copy of the source).
    const translated = exported.replace(/<source>([\s\S]*?)<\/source>/g, (_m, s: string) => `<source>${s}</source><target>ꪀ ${s}</target>`);
    writeFileSync(xlf, translated);
    const imported = runCli(['translations', 'import', brief, xlf], env);
    expect(imported.status, imported.stderr).toBe(0);
    // Every text unit of the sample and the labels the formats add (engine/model/labels.ts).
    expect(imported.stdout).toMatch(new RegExp(`^Đã nhập: ${SAMPLE_UNITS + LABELS.length} bản dịch mới, 0 cần xem lại`));
    const status = JSON.parse(runCli(['translations', 'status', brief, '--json'], env).stdout);
    expect(status.languages.find((l: { language: string }) => l.language === 'blt')).toMatchObject({ percent: 100, missing: 0, stale: 0 });
    expect(status.languages.find((l: { language: string }) => l.language === 'hnj')).toMatchObject({ percent: 0, translated: 0 });
  });

  it('marks a unit stale when the brief changed under its translation', () => {
    writeFileSync(brief, edit(sampleText(), 'Cả hai người cùng có mặt khi đăng ký.', 'Cả hai người phải cùng có mặt khi đăng ký.'));
    const status = JSON.parse(runCli(['translations', 'status', brief, '--json'], env).stdout);
    const blt = status.languages.find((l: { language: string }) => l.language === 'blt');
    expect(blt).toMatchObject({ stale: 1, missing: 0, translated: SAMPLE_UNITS - 1 });
    expect(blt.percent).toBeLessThan(100);
    // Importing the old file again does not pass the old translation off as current.
    const again = runCli(['translations', 'import', brief, xlf], env);
    expect(again.status).toBe(0);
    const after = JSON.parse(runCli(['translations', 'status', brief, '--json'], env).stdout);
    expect(after.languages.find((l: { language: string }) => l.language === 'blt')).toMatchObject({ stale: 1, translated: SAMPLE_UNITS - 1 });
  });

  it('refuses a file for another material, naming the problem', () => {
    const other = path.join(dir, 'other.xlf');
    writeFileSync(other, readFileSync(xlf, 'utf8').replace('<file id="ket-hon-dung-tuoi"', '<file id="mot-tai-lieu-khac"'));
    const r = runCli(['translations', 'import', brief, other], env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mot-tai-lieu-khac');
  });

  it('a second studio process that writes the library waits, then says who holds it; a reader just reads', async () => {
    const { openLibrary } = await import('../../engine/store/library.js');
    const holder = await openLibrary(env.LUAT_STUDIO_LIBRARY, { command: 'luat-studio serve' });
    try {
      const r = runCli(['translations', 'export', brief, '--lang', 'blt', '--out', path.join(dir, 'held.xlf')], env);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('luat-studio serve');
      expect(r.stderr).toContain(String(process.pid));
      // `status` only reads: it neither waits for the holder nor needs the lock.
      const status = runCli(['translations', 'status', brief, '--json'], env);
      expect(status.status, status.stderr).toBe(0);
      expect(JSON.parse(status.stdout).material).toBe('ket-hon-dung-tuoi');
    } finally {
      await holder.close();
    }
  });

  it('build writes a manifest, builds complete languages and lists the incomplete ones asked for as failures', () => {
    const out = path.join(dir, 'out');
    const r = runCli(['build', brief, '--out', out, '--formats', 'leaflet', '--lang', 'vi,blt,hnj'], env);
    // Languages asked for by name and not built are failures: the build says so and exits non-zero.
    expect(r.status, r.stderr).toBe(3);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.material).toEqual({ id: 'ket-hon-dung-tuoi', title: 'Kết hôn đúng tuổi, đăng ký đúng luật' });
    // blt has one stale unit since the brief was edited, hnj none at all: neither is built.
    expect(manifest.warnings).toEqual([]);
    expect(manifest.failures.map((f: { code: string; language: string }) => `${f.code} ${f.language}`))
      .toEqual(['build.languageIncomplete blt', 'build.languageIncomplete hnj']);
    expect(manifest.outputs.map((o: { language: string; variant: string }) => `${o.language}/${o.variant}`).sort()).toEqual(['vi/print', 'vi/screen']);
    for (const o of manifest.outputs) {
      const bytes = readFileSync(path.join(out, o.path));
      expect(bytes.length).toBe(o.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(o.sha256);
    }
    expect(r.stderr).toContain("'hnj'");

    // Only a stale language asked for: not "built 0 files" and success, but an error; the previous build stays.
    const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const stale = runCli(['build', brief, '--out', out, '--formats', 'leaflet', '--lang', 'blt'], env);
    expect(stale.status, stale.stderr).toBe(3);
    expect(stale.stderr).toContain("'blt'");
    expect(stale.stdout).toBe('');
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('unknown and not-yet-available formats are refused with the list of formats', () => {
    const r = runCli(['build', brief, '--out', path.join(dir, 'out2'), '--formats', 'poster'], env);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('booklet, leaflet, infographic');
  });
});
