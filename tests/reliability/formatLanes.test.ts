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
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkBriefFile } from '../../engine/app/check.js';
import { describeTimings, renderBareBrief, StudioError, type Material } from '../../engine/app/index.js';
import type { OutputFormat } from '../../engine/build/format.js';
import { STAGING_PREFIX } from '../../engine/build/transaction.js';
import { translator } from '../../engine/i18n/index.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';

/** Formats that had reported progress when the `late` format (below) started. */
const lateStart = vi.hoisted(() => ({ seen: new Set<string>(), atStart: null as string[] | null }));

// A format that breaks the rule every format keeps: it writes outside its own folder (`stray/`);
// and one listed last that starts first (FormatDescriptor.startsFirst), as the video does.
vi.mock('../../engine/build/registry.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/build/registry.js')>();
  const stray: OutputFormat = {
    name: 'stray',
    build: async (ctx) => {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path.join(ctx.outDir, 'stray.txt'), 'outside its folder');
      return [{ format: 'stray', language: 'vi', variant: 'text', path: 'stray.txt', bytes: 18, sha256: '0'.repeat(64) } as never];
    },
  };
  const late: OutputFormat = {
    name: 'late',
    startsFirst: true,
    build: async () => {
      lateStart.atStart = [...lateStart.seen];
      return [];
    },
  };
  return { ...real, findFormat: (name: string) => (name === 'stray' ? stray : name === 'late' ? late : real.findFormat(name)) };
});

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

  it('a format that starts first starts before the formats listed ahead of it; outputs and timings keep the order asked for', async () => {
    lateStart.seen.clear();
    const formats = ['booklet', 'leaflet', 'quiz', 'late'];
    const result = await renderBareBrief(material, {
      formats, languages: ['vi'], outDir: await mkdtemp(path.join(os.tmpdir(), 'luat-lanes-first-')),
      progress: (u) => lateStart.seen.add(u.format ?? ''),
    }, t);
    // One lane took `late` at once; the other had only begun the first listed format.
    expect(lateStart.atStart).not.toBeNull();
    expect(lateStart.atStart!.filter((f) => f !== 'late' && f !== '')).toEqual(lateStart.atStart!.includes('booklet') ? ['booklet'] : []);
    expect(result.timings.map((x) => x.format)).toEqual(formats);
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

describe('what every format must keep to', () => {
  it('a format that writes outside its own folder fails the whole build, and the previous build stays exactly as it was', async () => {
    const before = readFileSync(path.join(out, 'manifest.json'), 'utf8');
    const error = await renderBareBrief(material, { formats: ['leaflet', 'stray'], languages: ['vi'], outDir: out }, t).then(() => null, (e: unknown) => e);
    expect(String((error as Error)?.message)).toContain('format stray wrote stray.txt, outside stray/');
    expect(readdirSync(out)).not.toContain('stray.txt');
    expect(readdirSync(out).filter((name) => name.startsWith(STAGING_PREFIX))).toEqual([]);
    expect(readFileSync(path.join(out, 'manifest.json'), 'utf8')).toBe(before);
  }, 300_000);
});

describe('the timing line', () => {
  const timings = [{ format: 'booklet', seconds: 2.8 }, { format: 'video', seconds: 190 }];
  it('says how many formats ran at once only when more than one did', () => {
    expect(describeTimings({ timings, lanes: 2 }, 'vi', t)).toBe('Thời gian làm từng loại (2 loại chạy cùng lúc): Sổ tay 2,8 giây · Video tình huống 190 giây');
    expect(describeTimings({ timings, lanes: 1 }, 'vi', t)).toBe('Thời gian làm từng loại: Sổ tay 2,8 giây · Video tình huống 190 giây');
    expect(describeTimings({ timings, lanes: 1 }, 'en', translator('en'))).toBe('Time per format: Booklet 2.8 s · Situation video 190 s');
  });
});
