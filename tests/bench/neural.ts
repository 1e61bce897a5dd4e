/**
 * Benchmark of an offline neural voice against espeak-ng: the same lines
 * (the sample audiobook's script, about 60 lines) spoken with a cold cache
 * by espeak-ng (the baseline) and by the neural engine with the tiny test
 * voice (tests/helpers/tinyVoiceModel.ts), including starting sherpa-onnx's
 * child process and loading the model. The tiny model's own compute is
 * negligible, so the ratio measures the engine's plumbing (process, IPC,
 * WAV writing, cache); a real Piper voice adds its inference on top.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importBriefFile } from '../../engine/brief/import.js';
import { buildScript } from '../../engine/formats/audiobook/script.js';
import { EspeakEngine } from '../../engine/speech/espeak.js';
import { NeuralSpeechEngine } from '../../engine/speech/neural/neuralEngine.js';
import { addVoice } from '../../engine/speech/neural/voiceLibrary.js';
import type { SpeechRequest } from '../../engine/speech/speechEngine.js';
import { writeTinyVoice } from '../helpers/tinyVoiceModel.js';

export interface BenchResult {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  lines: number;
  audioSeconds: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');

export async function benchNeural(): Promise<BenchResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-bench-neural-'));
  try {
    const { material } = await importBriefFile(SAMPLE);
    if (!material) throw new Error('sample brief did not import');
    const parts = buildScript(material, {
      language: 'vi', voices: { accent: 'north', rate: 0 }, canSynthesize: true, speakerNames: false, clips: null,
    });
    const texts = parts.flatMap((p) => p.lines.map((l) => l.text));
    const request = (text: string, neural?: string): SpeechRequest => ({ text, language: 'vi', voice: { accent: 'north', ...(neural ? { neural } : {}) } });

    const voicesDir = path.join(dir, 'voices');
    const voice = await addVoice(voicesDir, await writeTinyVoice(path.join(dir, 'source')), { name: 'tiny', language: 'vi' });

    const espeak = new EspeakEngine({ cacheDir: path.join(dir, 'cache-espeak') });
    let start = performance.now();
    await espeak.synthesizeMany(texts.map((t) => request(t)));
    const baselineSeconds = (performance.now() - start) / 1000;

    const neural = new NeuralSpeechEngine({
      voicesDir, voices: [voice], cacheDir: path.join(dir, 'cache-neural'),
      fallbacks: [new EspeakEngine({ cacheDir: path.join(dir, 'cache-fallback') })],
    });
    start = performance.now();
    const results = await neural.synthesizeMany(texts.map((t) => request(t, voice.id)));
    const seconds = (performance.now() - start) / 1000;
    neural.close();
    if (neural.stats.synthesized !== texts.length) throw new Error(`neural engine spoke ${neural.stats.synthesized} of ${texts.length} lines`);
    const audioSeconds = results.reduce((n, r) => n + r.durationSec, 0);
    return [{ name: 'neural voice (tiny test model) vs espeak-ng, same lines, cold cache', seconds, baselineSeconds, ratio: seconds / baselineSeconds, lines: texts.length, audioSeconds }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
