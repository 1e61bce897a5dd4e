import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_BRIEF, edit, lineOf, sampleText, tempFiles } from '../helpers/briefs.js';
import { runCli } from '../helpers/cli.js';

const { dir, write } = tempFiles('check');
const DIAGNOSTIC_LINE = /^(.+):(\d+):(\d+): (error|warning): .+$/;

describe('luat-studio check', () => {
  it('exits 0 on the sample, with nothing but the summary on stderr', () => {
    const r = runCli(['check', '--no-fit', SAMPLE_BRIEF]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/hợp lệ \(0 cảnh báo\)/);
  });

  it('exits 0 with warnings on stderr in the compiler format', () => {
    const file = write('warn.md', edit(sampleText(), '(character: elder-man)', '(character: shaman)'));
    const r = runCli(['check', '--no-fit', file]);
    expect(r.status).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes(': warning: '))!;
    const m = DIAGNOSTIC_LINE.exec(line)!;
    expect(m[1]).toBe(file);
    expect(Number(m[2])).toBe(lineOf(sampleText(), '(character: elder-man)'));
    expect(line).toContain('shaman');
  });

  it('warns about a table row with the wrong number of cells, at the row\'s line', () => {
    const row = '| Đã làm lễ cưới theo phong tục | Vẫn phải đăng ký kết hôn thì mới được pháp luật công nhận | Điều 9 Luật Hôn nhân và gia đình |';
    const text = edit(sampleText(), row, '| Đã làm lễ cưới theo phong tục | Vẫn phải đăng ký kết hôn |');
    const file = write('table.md', text);
    const r = runCli(['check', file]);
    expect(r.status).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.includes(': warning: '))!;
    const m = DIAGNOSTIC_LINE.exec(line)!;
    expect([m[1], Number(m[2]), Number(m[3])]).toEqual([file, lineOf(text, '| Đã làm lễ cưới'), 1]);
    expect(line).toContain('Hàng 2 của bảng có 2 ô, dòng tiêu đề có 3 cột');
  });

  it('exits 1 on a broken brief and reports every error with file:line:col', () => {
    let text = edit(sampleText(), '- Páo: Vậy chúng con', '- Tùng: Vậy chúng con');
    text = edit(text, 'effective: 2015-01-01', 'effective: 2015-13-01');
    const file = write('broken.md', text);
    const r = runCli(['check', '--no-fit', file]);
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => DIAGNOSTIC_LINE.test(l));
    expect(lines.map((l) => Number(DIAGNOSTIC_LINE.exec(l)![2]))).toEqual([lineOf(text, 'effective: 2015-13-01'), lineOf(text, '- Tùng:')]);
    expect(lines[1]).toContain("'Tùng' không khớp nhân vật nào");
  });

  it('speaks English on request', () => {
    const file = write('broken-en.md', edit(sampleText(), '- Páo: Vậy chúng con', '- Tùng: Vậy chúng con'));
    expect(runCli(['--locale', 'en', 'check', file]).stderr).toContain("'Tùng' matches no character");
    expect(runCli(['check', '--no-fit', file], { LUAT_STUDIO_LOCALE: 'en' }).stderr).toContain("'Tùng' matches no character");
  });

  it('--json gives machines the same diagnostics', () => {
    const file = write('json.md', edit(sampleText(), '<!-- legal: 52/2014/QH13 Điều 8 -->', '<!-- legal: 52/2014/QH13 Điều 99 -->'));
    const r = runCli(['check', '--no-fit', '--json', file]);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ file, valid: false, errors: 1, warnings: 0 });
    expect(report.diagnostics[0]).toMatchObject({ severity: 'error', code: 'legal.unknownArticle', line: 40, col: 13 });
    expect(report.diagnostics[0].message).toContain('Điều 99');
  });

  it('gives one clear message for files that are not briefs, and no stack trace', () => {
    const cases: [string, string | Buffer, string][] = [
      ['empty.md', '', 'trống'],
      ['latin1.md', Buffer.from('---\ntitle: "Lu\xe2t"\n---\n', 'latin1'), 'UTF-8'],
      ['huge.md', 'x'.repeat(2 * 1024 * 1024 + 1), '2 MiB'],
    ];
    for (const [name, content, words] of cases) {
      const r = runCli(['check', '--no-fit', write(name, content)]);
      expect(r.status, name).toBe(1);
      const problems = r.stderr.split('\n').filter((l) => l.includes(': error: '));
      expect(problems, name).toHaveLength(1);
      expect(problems[0]).toContain(words);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const missing = runCli(['check', '--no-fit', path.join(dir, 'nope.md')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Không tìm thấy tệp');
    const folder = runCli(['check', '--no-fit', dir]);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain('thư mục');
  });

  it('translates usage errors instead of printing commander English', () => {
    const r = runCli(['chek', SAMPLE_BRIEF]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Lệnh không tồn tại');
    const noOut = runCli(['build', SAMPLE_BRIEF]);
    expect(noOut.status).toBe(2);
    expect(noOut.stderr).toContain('Thiếu tùy chọn bắt buộc');
  });
});
