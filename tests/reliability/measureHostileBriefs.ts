/**
 * Checks every hostile brief in its own child process and prints seconds,
 * peak memory and diagnostics per brief. A measurement, not a test:
 * `node --import tsx tests/reliability/measureHostileBriefs.ts [name filter]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_BRIEFS } from './hostileBriefs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2] ?? '';
const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-hostile-'));
const timeoutMs = Number(process.env['HOSTILE_TIMEOUT_MS'] ?? 120_000);
try {
  console.log(['brief', 'KiB', 'wall s', 'CPU s', 'peak MB', 'diagnostics', 'report KiB', 'outcome'].join('\t'));
  for (const brief of HOSTILE_BRIEFS) {
    if (!brief.name.includes(filter)) continue;
    const file = path.join(dir, 'brief.md');
    const text = brief.text();
    writeFileSync(file, text);
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'checkBriefChild.ts'), file], {
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
    const line = child.stdout.trim().split('\n').at(-1);
    if (child.status !== 0 || !line) {
      const why = child.error ? String(child.error.message) : `exit ${child.status} ${child.stderr.split('\n').filter(Boolean).slice(-2).join(' | ')}`;
      console.log([brief.name, kib, '-', '-', '-', '-', '-', why.slice(0, 200)].join('\t'));
      continue;
    }
    const r = JSON.parse(line) as Record<string, unknown>;
    const outcome = r['crashed'] ? `CRASH ${String(r['crash']).split('\n')[0]}` : `${(r['codes'] as string[]).slice(0, 4).join(',')}`;
    console.log([brief.name, kib, (r['seconds'] as number).toFixed(2), (r['cpuSeconds'] as number).toFixed(2), (r['peakRssMb'] as number).toFixed(0), r['diagnostics'], ((r['reportBytes'] as number) / 1024).toFixed(0), outcome].join('\t'));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
