/**
 * The CLI from any working folder, on a brief in a folder with spaces and
 * Vietnamese letters, into an output folder with spaces: once as users run it
 * (the compiled dist/, built here first) and once from the TypeScript sources
 * through tsx (which must not take JSX settings from the working folder).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/briefs.js';

const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'luat any folder '));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-dist.mjs')], { stdio: 'pipe' });
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(ROOT, 'bin/luat-studio.js'), ...args], {
    cwd: work, // neither the repository nor anywhere with a tsconfig.json
    encoding: 'utf8',
    env: { ...process.env, LUAT_STUDIO_LOCALE: 'en', LUAT_STUDIO_DEBUG: '1', LUAT_STUDIO_FROM_SOURCE: '', ...env },
    timeout: 550_000,
  });
}

describe.each([
  ['compiled', {}, 'running dist/cli/main.js'],
  ['from source', { LUAT_STUDIO_FROM_SOURCE: '1' }, 'through tsx'],
] as const)('build from another folder (%s)', (label, env, says) => {
  it('writes a leaflet for a brief under "Tài liệu pháp luật/Bản thảo 1"', () => {
    const briefDir = path.join(work, label, 'Tài liệu pháp luật', 'Bản thảo 1');
    mkdirSync(briefDir, { recursive: true });
    const brief = path.join(briefDir, 'Kết hôn đúng tuổi.md');
    copyFileSync(SAMPLE, brief);
    const out = path.join(work, label, 'Kết quả in ấn', 'bản 1');
    const run = cli(['build', brief, '--out', out, '--formats', 'leaflet', '--no-library'], env);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toMatch(/React is not defined/);
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { outputs: { path: string; format: string }[] };
    const leaflets = manifest.outputs.filter((o) => o.format === 'leaflet');
    expect(leaflets.length).toBeGreaterThan(0);
    for (const o of leaflets) {
      const file = path.join(out, o.path);
      expect(existsSync(file)).toBe(true);
      expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    }
  }, 600_000);
});

describe('--version', () => {
  it('prints the version in package.json, compiled and from source', () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const env of [{}, { LUAT_STUDIO_FROM_SOURCE: '1' }] as Record<string, string>[]) {
      const run = cli(['--version'], env);
      expect(run.status).toBe(0);
      expect(run.stdout.trim()).toBe(version);
    }
  }, 300_000);
});
