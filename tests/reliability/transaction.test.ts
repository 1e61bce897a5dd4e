/**
 * The commit protocol of engine/build/transaction.ts, stopped after every
 * single step (as a kill would) and then recovered as the next run does: the
 * folder always ends as the old build exactly or the new one exactly.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_PREFIX, recoverOutputFolder, STAGING_PREFIX } from '../../engine/build/transaction.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function writeBuild(dir: string, files: Record<string, string>): void {
  const outputs = Object.entries(files).map(([rel, text]) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return { format: 'leaflet', language: 'vi', variant: rel, path: rel, bytes: Buffer.byteLength(text), sha256: sha(Buffer.from(text)) };
  });
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ material: { id: 'm', title: 't' }, outputs, warnings: [] }));
}

function state(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

const OLD = { 'leaflet/vi/a.pdf': 'old a', 'leaflet/vi/b.pdf': 'old b', 'leaflet/vi/gone.pdf': 'old only' };
const NEW = { 'leaflet/vi/a.pdf': 'new a!', 'leaflet/vi/b.pdf': 'new b!!', 'leaflet/en/c.pdf': 'new c' };

async function expected(files: Record<string, string>): Promise<Record<string, string>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-rel-expect-'));
  writeBuild(dir, files);
  return state(dir);
}

describe('the build commit, interrupted after any step', () => {
  it('recovers to exactly the old build before the journal, and exactly the new one after it', async () => {
    const oldState = await expected(OLD);
    const newState = await expected(NEW);
    const moves = [...Object.keys(NEW), 'manifest.json'];
    // Steps: 0 = staging complete, no journal; 1 = journal written; 1+k = k files moved; then obsolete removed.
    for (let step = 0; step <= moves.length + 2; step++) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-rel-tx-'));
      writeBuild(dir, OLD);
      // A dead process's ids (pid 999999999 cannot exist).
      const id = '999999999-abcdef';
      const staging = path.join(dir, `${STAGING_PREFIX}${id}`);
      writeBuild(staging, NEW);
      if (step >= 1) {
        writeFileSync(path.join(dir, `${JOURNAL_PREFIX}${id}.json`), JSON.stringify({
          staging: path.basename(staging), files: moves, obsolete: ['leaflet/vi/gone.pdf'],
        }));
      }
      for (let k = 0; k < Math.min(step - 1, moves.length); k++) {
        const rel = moves[k]!;
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        renameSync(path.join(staging, rel), path.join(dir, rel));
      }
      await recoverOutputFolder(dir);
      expect(state(dir), `stopped after step ${step}`).toEqual(step === 0 ? oldState : newState);
    }
  });

  it('removes stray temp files of dead writers but not of live ones', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-rel-tmpf-'));
    writeBuild(dir, OLD);
    writeFileSync(path.join(dir, 'leaflet/vi/.a.pdf.999999999-ab12.luat-tmp.pdf'), 'half');
    writeFileSync(path.join(dir, 'leaflet/vi/x.mp4.part'), 'half');
    const live = `.b.pdf.${process.ppid}-cd34.luat-tmp.pdf`;
    writeFileSync(path.join(dir, 'leaflet/vi', live), 'being written');
    await recoverOutputFolder(dir);
    expect(readdirSync(path.join(dir, 'leaflet/vi')).sort()).toEqual(['a.pdf', 'b.pdf', 'gone.pdf', live].sort());
  });
});
