/**
 * `check` predicts the build, and a build does not stop at its first failing
 * format: one small brief whose title is too long for the infographic is
 * checked (error at the title's line), then built through the real CLI
 * (the other format and a manifest with the failure, exit 3), then given a
 * short_title (check passes: the infographic uses it).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBriefFile, type CheckedBrief } from '../../engine/app/check.js';
import { lineOf, tempFiles } from '../helpers/briefs.js';
import { runCli, type CliResult } from '../helpers/cli.js';

const LONG_TITLE = 'Kết hôn đúng tuổi, đăng ký đúng luật, phòng chống tảo hôn và hôn nhân cận huyết thống ở vùng đồng bào dân tộc thiểu số miền núi phía Bắc, vì sức khỏe của trẻ em, vì tương lai của thôn bản, vì hạnh phúc gia đình, vì sự phát triển bền vững của cộng đồng các dân tộc';

const brief = (extra = '') => `---
id: thu-nghiem-vua-khung
title: "${LONG_TITLE}"
${extra}issuer: "Sở Tư pháp"
source_language: vi
legal_basis:
  - ref: "52/2014/QH13"
    title: "Luật Hôn nhân và gia đình"
    articles: ["Điều 8"]
    effective: 2015-01-01
---

# Thông điệp chính

1. Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.

# Điều kiện kết hôn
<!-- legal: 52/2014/QH13 Điều 8 -->

Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.
`;

const { dir, write } = tempFiles('honest-fit');
const longFile = write('long.md', brief());
const shortFile = write('short.md', brief('short_title: "Kết hôn đúng tuổi"\n'));
const out = path.join(dir, 'out');
let checkedLong: CheckedBrief;
let checkedShort: CheckedBrief;
let build: CliResult;

beforeAll(async () => {
  checkedLong = await checkBriefFile(longFile, { fit: true });
  checkedShort = await checkBriefFile(shortFile, { fit: true });
  build = runCli(['build', longFile, '--no-library', '--out', out, '--formats', 'infographic,leaflet']);
}, 600_000);

describe('check measures every text box as the build does', () => {
  it('reports the title that does not fit at its line and column, and the brief is not valid', () => {
    expect(checkedLong.material).toBeNull();
    const fit = checkedLong.diagnostics.filter((d) => d.code.startsWith('fit.'));
    expect(fit).toHaveLength(1);
    expect(fit[0]).toMatchObject({ severity: 'error', code: 'fit.titleDoesNotFit', line: lineOf(brief(), 'title: "Kết hôn'), col: 8 });
    // Every infographic size overflows; the booklet and the leaflet have room for it.
    expect(String(fit[0]!.params!['where'])).toBe('infographic feed, infographic square, infographic story, infographic poster');
  });

  it('passes once a short_title gives the small formats their title', () => {
    expect(checkedShort.diagnostics).toEqual([]);
    expect(checkedShort.material?.shortTitle?.text).toBe('Kết hôn đúng tuổi');
    expect(checkedShort.material?.title.text).toBe(LONG_TITLE);
  });
});

describe('a build with a failing format builds the rest', () => {
  it('exits 3 and names the failure at the brief\'s line', () => {
    expect(build.status, build.stderr).toBe(3);
    expect(build.stderr).toContain(`${longFile}:3:8: `);
  });

  it('writes the other format and a manifest listing the failure', () => {
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.outputs.map((o: { format: string; variant: string }) => `${o.format}/${o.variant}`).sort()).toEqual(['leaflet/print', 'leaflet/screen']);
    for (const o of manifest.outputs) expect(existsSync(path.join(out, o.path))).toBe(true);
    expect(manifest.failures).toHaveLength(1);
    expect(manifest.failures[0]).toMatchObject({
      format: 'infographic', language: 'vi', variant: 'feed', code: 'print.textDoesNotFit', line: 3, col: 8,
      params: { box: 'title' },
    });
    // Nothing of the failed format reaches the folder.
    expect(existsSync(path.join(out, 'infographic'))).toBe(false);
  });

  it('says how long each format took, failed ones too, in the order asked for and in Vietnamese', () => {
    expect(build.stderr).toMatch(/luat-studio: Thời gian làm từng loại \(2 loại chạy cùng lúc\): Đồ họa thông tin \d+(,\d)? giây · Tờ gấp \d+(,\d)? giây\n/);
  });
});
