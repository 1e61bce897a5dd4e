/**
 * Benchmark of the Vietnamese normaliser: the ~10-minute audiobook (the audio
 * group's long material) built end to end with the normaliser in front of
 * espeak-ng, against the same build with text sent as written
 * (settings.speech.normalize = false), in the same run; plus the normaliser
 * alone over every line of that book. Reported, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBriefFile } from '../../engine/brief/import.js';
import { BuildResources } from '../../engine/build/build.js';
import type { BuildContext } from '../../engine/build/format.js';
import { audiobookFormat } from '../../engine/formats/audiobook/index.js';
import { buildScript } from '../../engine/formats/audiobook/script.js';
import type { Material } from '../../engine/model/material.js';
import { normalizeForSpeech } from '../../engine/speech/normalize/index.js';
import { audiobookContext, longMaterial } from './audio.js';

interface BenchResult {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  /** The normaliser may cost at most a tenth of the build it sits in. */
  goalSeconds?: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');

/** No cover: this compares speech with and without the normaliser, not Chromium. */
function context(material: Material, outDir: string, normalize: boolean, shared: BuildResources): BuildContext {
  return audiobookContext(material, outDir, shared, { speech: { normalize }, audiobook: { cover: false } });
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return (performance.now() - started) / 1000;
}

export async function benchNormalize(): Promise<BenchResult[]> {
  const { material: sample } = await importBriefFile(SAMPLE);
  if (!sample) throw new Error('sample brief did not import');
  const long = longMaterial(sample);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-bench-normalize-'));
  // As a build shares them, and closed after (a stub that never closed what it made kept the process alive).
  const shared = new BuildResources();
  try {
    await audiobookFormat.build(context(sample, path.join(dir, 'warm'), true, shared));
    const without = await timed(() => audiobookFormat.build(context(long, path.join(dir, 'plain'), false, shared)));
    let minutes = 0;
    const withNormaliser = await timed(async () => {
      const entries = await audiobookFormat.build(context(long, path.join(dir, 'normalised'), true, shared));
      minutes = (entries.find((e) => e.variant === 'm4b')?.durationSec ?? 0) / 60;
    });
    const lines = buildScript(long, { language: 'vi', voices: { accent: 'north', rate: 0 }, canSynthesize: true, speakerNames: true, clips: null })
      .flatMap((p) => p.lines.map((l) => l.text));
    const alone = await timed(async () => {
      for (const line of lines) normalizeForSpeech(line, { language: 'vi' });
    });
    return [
      {
        name: `audiobook ${minutes.toFixed(1)} min end to end with the normaliser (baseline: without)`,
        seconds: withNormaliser,
        baselineSeconds: without,
        ratio: withNormaliser / without,
        goalSeconds: without * 1.1,
      },
      {
        name: `normaliser alone over the book's ${lines.length} lines (baseline: the build without it)`,
        seconds: alone,
        baselineSeconds: without,
        ratio: alone / without,
      },
    ];
  } finally {
    await shared.disposeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const r of await benchNormalize()) {
    console.log(`${r.name}: ${r.seconds.toFixed(2)} s (baseline ${r.baselineSeconds.toFixed(2)} s, ×${r.ratio.toFixed(3)})`);
  }
}
