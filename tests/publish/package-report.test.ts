/**
 * The CLI end to end without a server: approve a build, publish it as a
 * portal package, then report the period; every file is checked with the
 * tools a receiver would use (unzip, Python's csv module, ExcelJS, pdftotext).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { PortalPackageManifest } from '../../engine/publish/portalPackage.js';
import { QUEUE_FILE } from '../../engine/publish/queue.js';
import { ROOT, SAMPLE_BRIEF } from '../helpers/briefs.js';
import { libraryWithSample, makeBuild, tempDir } from './fixtures.js';

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/publish/cli-entry.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, LUAT_STUDIO_LOCALE: 'en', ...env }, timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const today = () => {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

describe('approve, publish a portal package, report', () => {
  // Six CLI runs, each with its own 120 s guard; the test's guard is their sum, so only a hang fails it.
  it('works from the command line, and each file reads back with standard tools', { timeout: 6 * 120_000 }, async () => {
    const { library, material, dir } = await libraryWithSample();
    const outDir = await tempDir('build');
    const manifest = await makeBuild(outDir, material);
    // A build the library knows about, so the report has something produced.
    const renderId = await library.startRender(material.id, { formats: [], languages: [], outDir, materialHash: 'x'.repeat(64) });
    await library.finishRender(renderId, { status: 'done', outputs: manifest.outputs, error: null });
    await library.close();

    const unapproved = cli(['--library', dir, 'publish', SAMPLE_BRIEF, '--out', outDir, '--to', 'portal-package']);
    expect(unapproved.status).toBe(3);
    expect(unapproved.stderr).toMatch(/publish\.notApproved|approv/i);

    const approved = cli(['--library', dir, 'approve', SAMPLE_BRIEF, '--out', outDir, '--by', 'Nguyễn Thị Lan', '--role', 'Phó Giám đốc']);
    expect(approved.status, approved.stderr).toBe(0);
    expect(approved.stdout).toContain('Nguyễn Thị Lan');

    const packages = await tempDir('packages');
    const publishRun = cli(['--library', dir, 'publish', SAMPLE_BRIEF, '--out', outDir, '--to', 'portal-package', '--package-dir', packages]);
    expect(publishRun.status, publishRun.stderr).toBe(0);
    const zip = /(\/\S+\.zip)/.exec(publishRun.stdout)?.[1];
    expect(zip, publishRun.stdout).toBeTruthy();

    // The ZIP: intact, manifest.json valid against the documented schema, each file's sha256 as listed.
    expect(execFileSync('unzip', ['-tq', zip!], { encoding: 'utf8' })).toContain('No errors');
    const packaged = PortalPackageManifest.parse(JSON.parse(execFileSync('unzip', ['-p', zip!, 'manifest.json'], { encoding: 'utf8' })));
    expect(packaged).toMatchObject({
      id: material.id, title: material.title.text, sourceLanguage: 'vi', languages: [{ code: 'vi', title: material.title.text }],
      audience: material.audience, issuer: 'Sở Tư pháp tỉnh Sơn La',
      approval: { by: 'Nguyễn Thị Lan', role: 'Phó Giám đốc' }, channel: null,
    });
    expect(packaged.legalBasis.map((d) => `${d.ref}@${d.effective}`)).toEqual(['52/2014/QH13@2015-01-01', '60/2014/QH13@2016-01-01', '100/2015/QH13@2018-01-01']);
    expect(packaged.files.length).toBe(manifest.outputs.length);
    for (const file of packaged.files) {
      const bytes = execFileSync('unzip', ['-p', zip!, file.path], { maxBuffer: 64 * 1024 * 1024 });
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    expect(packaged.files.find((f) => f.variant === '16x9')).toMatchObject({ mediaType: 'video/mp4', role: 'video', width: 1280, height: 720, language: 'vi' });

    // Publishing the same approved build again sends nothing new.
    const again = cli(['--library', dir, 'publish', SAMPLE_BRIEF, '--out', outDir, '--to', 'portal-package', '--package-dir', packages]);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain(zip!.split('/').pop()!.slice(0, 20));
    const queue = JSON.parse(await readFile(path.join(dir, QUEUE_FILE), 'utf8')) as { jobs: unknown[] };
    expect(queue.jobs).toHaveLength(1);

    const reports = await tempDir('report');
    const reported = cli(['--library', dir, 'report', '--from', today(), '--to', today(), '--out', reports]);
    expect(reported.status, reported.stderr).toBe(0);
    const base = path.join(reports, `luat-studio-report_${today()}_${today()}`);

    // CSV, as Python's csv module reads it.
    const csv = JSON.parse(execFileSync('python3', ['-c', 'import csv,json,sys; print(json.dumps(list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))))', `${base}.csv`], { encoding: 'utf8' })) as string[][];
    expect(csv[0]).toEqual(['Loại', 'Thời gian', 'Mã tài liệu', 'Tên tài liệu', 'Định dạng', 'Phiên bản', 'Ngôn ngữ', 'Kênh', 'Địa chỉ', 'Dung lượng (byte)']);
    const mains = manifest.outputs.filter((o) => !/\.(srt|vtt|poster)$/.test(o.variant));
    const produced = csv.filter((r) => r[0] === 'Đã sản xuất');
    const published = csv.filter((r) => r[0] === 'Đã đăng tải');
    expect(produced).toHaveLength(mains.length);
    expect(published).toHaveLength(mains.length);
    expect(published.every((r) => r[7] === 'Gói tài liệu (ZIP)' && r[8]!.startsWith('file://') && r[8]!.endsWith('.zip'))).toBe(true);
    // Formats and variants in the words of their descriptors.
    expect(published.find((r) => r[5] === 'khổ ngang 16:9')?.[4]).toBe('Video tình huống');

    // XLSX, read back with the library that wrote it.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(`${base}.xlsx`);
    expect(book.worksheets.map((s) => s.name)).toEqual(['Tổng hợp', 'Chi tiết']);
    const details = book.getWorksheet('Chi tiết')!;
    expect(details.rowCount).toBe(1 + mains.length * 2);
    const link = details.getRow(details.rowCount).getCell(9).value as { hyperlink?: string };
    expect(link.hyperlink).toMatch(/^file:\/\/.+\.zip$/);
    const summary = book.getWorksheet('Tổng hợp')!;
    const values = summary.getSheetValues().flat().filter((v) => v !== undefined && v !== null).map(String);
    expect(values).toContain('Tài liệu đã đăng tải');
    expect(values).toContain(String(mains.length));

    // PDF, as pdftotext reads it.
    const text = execFileSync('pdftotext', ['-layout', `${base}.pdf`, '-'], { encoding: 'utf8' });
    expect(text).toContain('Báo cáo sản xuất và đăng tải tài liệu phổ biến, giáo dục pháp luật');
    expect(text).toContain('Gói tài liệu (ZIP)');
    expect(text).toContain('Sổ tay');
    expect(execFileSync('pdfinfo', [`${base}.pdf`], { encoding: 'utf8' })).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
  });

  it('refuses a period that ends before it starts, and a date that is not one', async () => {
    const { library, dir } = await libraryWithSample();
    await library.close();
    const out = await tempDir('report');
    const backwards = cli(['--library', dir, 'report', '--from', '2026-07-01', '--to', '2026-01-01', '--out', out]);
    expect(backwards.status).toBe(3);
    expect(backwards.stderr).toMatch(/report\.badPeriod|2026-07-01/);
    const bad = cli(['--library', dir, 'report', '--from', '2026-13-45', '--to', '2026-12-31', '--out', out]);
    expect(bad.status).toBe(3);
  });
});
