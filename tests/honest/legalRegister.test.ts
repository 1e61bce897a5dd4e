/**
 * The legal register: imported from CSV and XLSX into a library, then read by
 * `check`, which refuses a citation of a replaced document (naming what
 * replaced it, at the document's line) and warns on an amended one. A bad row
 * refuses the whole file. The entries here are test data, not legal facts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBriefFile } from '../../engine/app/check.js';
import { editLegalRegister, importLegalRegister, listLegalRegister } from '../../engine/app/legal.js';
import { closeStudio, openStudio, type Studio } from '../../engine/app/studio.js';
import { StudioError } from '../../engine/errors.js';
import { SAMPLE_BRIEF, lineOf, sampleText, tempFiles } from '../helpers/briefs.js';
import { runCli } from '../helpers/cli.js';

const { dir, write } = tempFiles('legal-register');
const libraryDir = path.join(dir, 'library');
let studio: Studio;

beforeAll(async () => {
  studio = await openStudio({ libraryDir, command: 'test' });
});
afterAll(async () => {
  await closeStudio(studio);
});

describe('legal register', () => {
  it('ships empty: the sample checks clean against it', async () => {
    expect(await listLegalRegister(studio)).toEqual([]);
    const r = await checkBriefFile(SAMPLE_BRIEF, { libraryDir });
    expect(r.diagnostics.filter((d) => d.code.startsWith('legalRegister.'))).toEqual([]);
  });

  it('refuses a file with a bad row and keeps nothing of it', async () => {
    const bad = write('bad.csv', 'ref,status,by,from,source\n52/2014/QH13,amended,99/2099/QH99,,Test source\n60/2014/QH13,replaced,,2030-01-01,Test source\n');
    const error = await importLegalRegister(studio, bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('legalRegister.badRow');
    expect((error as StudioError).params).toMatchObject({ row: 3, column: 'by' });
    expect(await listLegalRegister(studio)).toEqual([]);
  });

  it('imports CSV; check errors on a replaced document naming its replacement, and warns on an amended one', async () => {
    const csv = write('register.csv', [
      'ref;status;by;from;source;note',
      '52/2014/QH13;amended;99/2099/QH99;2099-01-01;Test source A;',
      '60/2014/QH13;replaced;77/2020/QH14;2021-01-01;"Test source B, Điều 1";thử nghiệm',
    ].join('\n'));
    expect(await importLegalRegister(studio, csv)).toEqual({ rows: 2, added: 2, updated: 0, total: 2 });
    const r = await checkBriefFile(SAMPLE_BRIEF, { libraryDir });
    expect(r.material).toBeNull();
    const found = r.diagnostics.filter((d) => d.code.startsWith('legalRegister.'));
    expect(found).toEqual([
      { severity: 'warning', code: 'legalRegister.amended', line: lineOf(sampleText(), 'title: "Luật Hôn nhân và gia đình"'), col: expect.any(Number),
        params: { ref: '52/2014/QH13', by: '99/2099/QH99', date: '01/01/2099', source: 'Test source A' } },
      { severity: 'error', code: 'legalRegister.replaced', line: lineOf(sampleText(), 'title: "Luật Hộ tịch"'), col: expect.any(Number),
        params: { ref: '60/2014/QH13', by: '77/2020/QH14', date: '01/01/2021', source: 'Test source B, Điều 1' } },
    ]);
    expect(JSON.parse(readFileSync(path.join(libraryDir, 'legal-register.json'), 'utf8')).entries).toHaveLength(2);
  });

  it('imports XLSX (dates as cells) and merges it; an entry can be removed', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sổ');
    sheet.addRow(['ref', 'status', 'by', 'from', 'source']);
    sheet.addRow(['100/2015/QH13', 'repealed', null, new Date(Date.UTC(2020, 5, 1)), 'Test source C']);
    const xlsx = path.join(dir, 'register.xlsx');
    await book.xlsx.writeFile(xlsx);
    expect(await importLegalRegister(studio, xlsx)).toEqual({ rows: 1, added: 1, updated: 0, total: 3 });
    const entries = await listLegalRegister(studio);
    expect(entries.find((e) => e.ref === '100/2015/QH13')).toEqual({ ref: '100/2015/QH13', status: 'repealed', by: null, from: '2020-06-01', source: 'Test source C', note: null });
    const after = await editLegalRegister(studio, { entry: entries.find((e) => e.ref === '100/2015/QH13'), remove: true });
    expect(after.map((e) => e.ref)).toEqual(['52/2014/QH13', '60/2014/QH13']);
  });

  it('the CLI check reads the register of --library and prints the replacement at the line', () => {
    const r = runCli(['--library', libraryDir, 'check', '--no-fit', SAMPLE_BRIEF]);
    expect(r.status, r.stderr).toBe(1);
    const line = r.stderr.split('\n').find((l) => l.includes('77/2020/QH14'))!;
    expect(line).toMatch(new RegExp(`^${SAMPLE_BRIEF.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${lineOf(sampleText(), 'title: "Luật Hộ tịch"')}:\\d+: error: `));
    expect(line).toContain('60/2014/QH13');
  });
});
