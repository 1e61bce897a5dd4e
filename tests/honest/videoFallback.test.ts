/**
 * A Hmong video with no recorded voice and no machine voice for Hmong follows
 * the default videoVoiceFallback, 'vietnamese-voice': the Vietnamese voice under
 * the Hmong subtitles, said in a warning; its soundtrack is not silent and the
 * mouths move only with speech. The shortest situation, one aspect, tiny frames.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVideoFormat } from '../../engine/formats/video/index.js';
import type { VideoPlan } from '../../templates/video/plan.js';
import type { OutputEntry } from '../../engine/model/records.js';
import { TestShared, testContext, type TestContext } from '../video/context.js';
import { materialFrom, realSpeech, shortSampleText, translated } from '../video/fixtures.js';

let work: string;
let shared: TestShared;
let ctx: TestContext;
let outputs: OutputEntry[];
const plans: VideoPlan[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'luat-honest-fallback-'));
  shared = new TestShared();
  const material = await materialFrom(shortSampleText('[9:16]'));
  const hmong = translated(material, (t) => t.toUpperCase());
  ctx = testContext({ material, outDir: path.join(work, 'out'), shared, languages: ['hnj'], materials: { vi: material, hnj: hmong } });
  outputs = await createVideoFormat({
    engineFor: realSpeech(path.join(work, 'speech')),
    sizes: { '9:16': { width: 180, height: 320 } },
    onPlan: (plan) => plans.push(plan),
  }).build(ctx);
}, 600_000);

afterAll(async () => {
  await shared.disposeAll();
  await rm(work, { recursive: true, force: true });
});

describe('video voice fallback', () => {
  it('says that the Vietnamese voice stands in for Hmong', () => {
    const w = ctx.warnings.find((d) => d.code === 'videoFallback.vietnameseVoice');
    expect(w?.params).toMatchObject({ language: 'hnj' });
    expect(Number(w!.params!['lines'])).toBeGreaterThan(0);
  });

  it('has a soundtrack that is not silent', () => {
    const video = outputs.find((o) => o.path.endsWith('.mp4'))!;
    // volumedetect reports on stderr.
    const report = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', path.join(ctx.outDir, video.path), '-vn', '-af', 'volumedetect', '-f', 'null', '-'], { encoding: 'utf8' }).stderr;
    const mean = Number(/mean_volume: (-?[\d.]+) dB/.exec(report)![1]);
    const max = Number(/max_volume: (-?[\d.]+) dB/.exec(report)![1]);
    expect(max).toBeGreaterThan(-20);
    expect(mean).toBeGreaterThan(-45);
  });

  it('moves mouths only on lines that have speech, and keeps the Hmong subtitles', () => {
    const lines = plans[0]!.segments.flatMap((s) => (s.kind === 'scene' ? s.lines : []));
    const speaking = lines.filter((l) => l.characterId);
    expect(speaking.length).toBeGreaterThan(0);
    for (const l of speaking) expect(l.mouth.some((m) => m > 0)).toBe(true);
    const captions = plans[0]!.captions.flatMap((c) => c.lines).join(' ');
    expect(captions.length).toBeGreaterThan(0);
    expect(captions).toBe(captions.toUpperCase());
  });
});
