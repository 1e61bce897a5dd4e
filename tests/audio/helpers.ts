/**
 * Shared pieces of the audio tests: an independent loudness meter (Debian's
 * ffmpeg, whose ebur128 filter the ffmpeg we ship lacks), a BuildContext,
 * the sample Material and generated signals.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importBriefText } from '../../engine/brief/import.js';
import { encodeWav } from '../../engine/media/pcm.js';
import type { Material } from '../../engine/model/material.js';
import { sampleText } from '../helpers/briefs.js';
import { testBuildContext, type TestBuildContext } from '../helpers/buildContext.js';

/** Debian's ffmpeg (scripts/install-debian-packages.sh installs it): a meter independent of the one we master with. */
export function systemFfmpeg(): string {
  const found = spawnSync('ffmpeg', ['-hide_banner', '-filters'], { encoding: 'utf8' });
  if (found.status !== 0 || !/ebur128/.test(found.stdout)) {
    throw new Error('The audio tests need Debian\'s ffmpeg (with the ebur128 filter): apt-get install ffmpeg');
  }
  return 'ffmpeg';
}

export interface Ebur128 {
  integrated: number;
  truePeak: number;
}

/** EBU R128 integrated loudness and true peak of a file's first audio stream, by ffmpeg's ebur128 filter. */
export function ebur128(file: string, range?: { start: number; end: number }): Ebur128 {
  const trim = range ? ['-ss', String(range.start), '-to', String(range.end)] : [];
  const run = spawnSync(systemFfmpeg(), ['-hide_banner', '-nostats', ...trim, '-i', file, '-map', '0:a:0', '-af', 'ebur128=peak=true', '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  const summary = run.stderr.slice(run.stderr.lastIndexOf('Summary:'));
  const integrated = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
  const truePeak = Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]);
  if (!Number.isFinite(integrated)) throw new Error(`no ebur128 summary for ${file}:\n${run.stderr.slice(-800)}`);
  return { integrated, truePeak };
}

/** Decodes a stretch of a file to mono float samples with Debian's ffmpeg (independent of our decoder). */
export function decodeRange(file: string, start: number, end: number, rate = 44100): Float32Array {
  const raw = execFileSync(
    systemFfmpeg(),
    ['-v', 'error', '-ss', String(start), '-to', String(end), '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
    { maxBuffer: 1 << 28 },
  );
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
}

/** Sign changes per second: ~2 f for a pure tone of f Hz, irregular and lower for speech. */
export function zeroCrossingRate(samples: Float32Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < samples.length; i++) if ((samples[i - 1]! < 0) !== (samples[i]! < 0)) crossings++;
  return crossings / (samples.length / rate);
}

export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `luat-test-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The sample brief, optionally edited; throws on import errors. */
export function sampleMaterial(edit: (text: string) => string = (t) => t): Material {
  const { material, diagnostics } = importBriefText(edit(sampleText()));
  if (!material) throw new Error(`sample did not import: ${JSON.stringify(diagnostics)}`);
  return material;
}

export type AudioTestContext = TestBuildContext;

/** A context as the build gives it (tests/helpers/buildContext.ts); `ctx.sharedTest.disposeAll()` ends the build's shared resources. */
export function audioContext(args: {
  material: Material;
  outDir: string;
  languages?: string[];
  settings?: Record<string, unknown>;
  signal?: AbortSignal;
}): AudioTestContext {
  return testBuildContext(args);
}

/** A mono 16-bit WAV of a sine, as bytes. */
export function sineWav(freq: number, seconds: number, rate = 48000, amplitude = 0.3): Buffer {
  const samples = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * freq * i) / rate));
  return encodeWav({ sampleRate: rate, samples });
}
