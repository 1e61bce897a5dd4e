/**
 * A build runs two formats at once (engine/build/build.ts, FORMAT_LANES). Both
 * are shown running before the build ends; a cancel while both run stops both,
 * and the build returns only when neither is writing any more: the previous
 * build stays exactly as it was and no staging folder is left.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBriefFile } from '../../engine/app/check.js';
import { renderBareBrief, StudioError, type Material } from '../../engine/app/index.js';
import { STAGING_PREFIX } from '../../engine/build/transaction.js';
import { translator } from '../../engine/i18n/index.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';

const t = translator('vi');
const FORMATS = ['booklet', 'leaflet', 'quiz'];
let material: Material;
let out: string;

beforeAll(async () => {
  material = (await checkBriefFile(SAMPLE_BRIEF)).material!;
  out = await mkdtemp(path.join(os.tmpdir(), 'luat-lanes-'));
}, 60_000);

describe('two formats at once', () => {
  it('runs the second format while the first is still running, and lists outputs and timings in the order asked for', async () => {
    const running = new Set<string>();
    let overlapped = false;
    const result = await renderBareBrief(material, {
      formats: FORMATS, languages: ['vi'], outDir: out,
      progress: (u) => {
        const format = u.format ?? '';
        if (u.done < u.total) running.add(format);
        else running.delete(format);
        if (running.has('booklet') && running.has('leaflet')) overlapped = true;
      },
    }, t);
    expect(overlapped).toBe(true);
    expect([...new Set(result.manifest.outputs.map((o) => o.format))]).toEqual(FORMATS);
    expect(result.timings.map((x) => x.format)).toEqual(FORMATS);
    for (const x of result.timings) expect(x.seconds).toBeGreaterThan(0);
  }, 300_000);

  it('a cancel while two formats run stops both; the previous build is kept exactly and nothing is left behind', async () => {
    const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const controller = new AbortController();
    const started = new Set<string>();
    const build = renderBareBrief(material, {
      formats: FORMATS, languages: ['vi'], outDir: out, signal: controller.signal,
      progress: (u) => {
        started.add(u.format ?? '');
        if (started.has('booklet') && started.has('leaflet')) controller.abort();
      },
    }, t);
    const error = await build.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('build.cancelled');
    // Had the build returned while a lane was still writing, its files would appear after this point.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(readdirSync(out).filter((name) => name.startsWith(STAGING_PREFIX))).toEqual([]);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
  }, 300_000);
});
