/**
 * Neural voices the user added to the library (./voiceLibrary.ts), spoken
 * offline by sherpa-onnx in a child process (./sherpaProcess.ts).
 *
 * The engine stands in front of the engines that would otherwise speak a
 * language (`fallbacks`, espeak-ng at the end of the chain): a line whose
 * voice names a neural voice (`VoiceSpec.neural`) is spoken by that model;
 * every other line, and every line of a voice that is missing or fails to
 * load, goes to the fallback, with one warning per voice. A language only a
 * neural voice speaks (a minority language with its own model) uses the
 * first library voice for it.
 */
import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../../brief/diagnostics.js';
import { StudioError } from '../../errors.js';
import { encodeWav, parseMonoWav } from '../../media/pcm.js';
import { SpeechCache } from '../cache.js';
import {
  isBatchEngine,
  type BatchSpeechEngine,
  type SpeechEngine,
  type SpeechRequest,
  type SpeechResult,
} from '../speechEngine.js';
import { describeFailure, SherpaProcess } from './sherpaProcess.js';
import { sherpaVoiceOf, type VoiceRecord } from './voiceLibrary.js';

/** Bumped when the way text becomes sound changes, so cached lines are re-made. */
const ENGINE_VERSION = 'sherpa-onnx-1.13.8/1';

/** Words per minute at which a neural voice speaks at its own speed (the studio's characters speak 138–160). */
const NATURAL_RATE = 150;

export interface NeuralEngineOptions {
  /** The library's voices folder and its records (listVoicesSync). */
  voicesDir: string;
  voices: VoiceRecord[];
  cacheDir: string;
  /** The engines, in order, that speak the lines no neural voice takes (the first that speaks the language). */
  fallbacks: SpeechEngine[];
  warn?: (diagnostic: Diagnostic) => void;
  /** Shared sherpa-onnx child; one is made when absent. */
  sherpa?: SherpaProcess;
}

/** `id` or `id#speaker` → its parts. */
export function parseNeuralVoice(choice: string): { id: string; speaker: number } {
  const [id, speaker] = choice.split('#');
  const n = Number(speaker);
  return { id: id ?? '', speaker: Number.isInteger(n) && n >= 0 ? n : 0 };
}

function baseLanguage(code: string): string {
  return (code.toLowerCase().split(/[-_]/)[0] ?? '').replace(/^vie$/, 'vi');
}

/** sherpa-onnx's speed (1 = the voice's own) for a rate in words per minute. */
export function speedFor(rate: number | undefined): number {
  if (!rate) return 1;
  return Math.round(Math.min(2, Math.max(0.5, rate / NATURAL_RATE)) * 100) / 100;
}

export class NeuralSpeechEngine implements BatchSpeechEngine {
  readonly id = 'sherpa-onnx';
  /** Lines spoken by a model and lines found in the cache, since this engine was made. */
  readonly stats = { synthesized: 0, cached: 0, fellBack: 0 };
  private readonly cache: SpeechCache;
  private readonly voices: Map<string, VoiceRecord>;
  private readonly sherpa: SherpaProcess;
  /** Voices that failed, by id, so a broken model is tried (and reported) once per build. */
  private readonly broken = new Set<string>();
  private readonly warned = new Set<string>();

  constructor(private readonly options: NeuralEngineOptions) {
    this.cache = new SpeechCache(options.cacheDir);
    this.voices = new Map(options.voices.map((v) => [v.id, v]));
    this.sherpa = options.sherpa ?? new SherpaProcess();
  }

  supports(language: string): boolean {
    return this.fallbackFor(language) !== null || this.onlyVoiceFor(language) !== null;
  }

  private fallbackFor(language: string): SpeechEngine | null {
    return this.options.fallbacks.find((e) => e.supports(language)) ?? null;
  }

  async synthesize(request: SpeechRequest, signal?: AbortSignal): Promise<SpeechResult> {
    const [result] = await this.synthesizeMany([request], signal);
    return result!;
  }

  async synthesizeMany(requests: SpeechRequest[], signal?: AbortSignal): Promise<SpeechResult[]> {
    const results: Array<SpeechResult | null> = requests.map(() => null);
    const toFallback: number[] = [];
    for (const [index, request] of requests.entries()) {
      signal?.throwIfAborted();
      const choice = this.voiceFor(request);
      const result = choice ? await this.speakNeural(choice.record, choice.speaker, request) : null;
      if (result) results[index] = result;
      else toFallback.push(index);
    }
    const byEngine = new Map<SpeechEngine, number[]>();
    for (const i of toFallback) {
      const engine = this.fallbackFor(requests[i]!.language);
      if (!engine) throw new StudioError('speech.noEngine', { language: requests[i]!.language });
      byEngine.set(engine, [...(byEngine.get(engine) ?? []), i]);
    }
    for (const [engine, indexes] of byEngine) {
      const asked = indexes.map((i) => requests[i]!);
      const spoken: SpeechResult[] = [];
      if (isBatchEngine(engine)) spoken.push(...(await engine.synthesizeMany(asked, signal)));
      else for (const r of asked) spoken.push(await engine.synthesize(r, signal));
      for (const [k, i] of indexes.entries()) results[i] = spoken[k]!;
    }
    this.stats.fellBack += toFallback.length;
    return results.map((r) => r!);
  }

  /** Ends the sherpa-onnx child early (it never keeps the program alive anyway). */
  close(): void {
    this.sherpa.close();
  }

  /** The neural voice for a request, or null for the fallback (warning once about a missing voice). */
  private voiceFor(request: SpeechRequest): { record: VoiceRecord; speaker: number } | null {
    if (request.voice.neural) {
      const { id, speaker } = parseNeuralVoice(request.voice.neural);
      const record = this.voices.get(id);
      if (!record) {
        this.warnOnce(`missing:${id}`, { severity: 'warning', code: 'speech.neuralVoiceMissing', params: { voice: id } });
        return null;
      }
      // A character's Vietnamese voice does not speak the English edition: that line goes to the fallback.
      if (baseLanguage(record.language) !== baseLanguage(request.language)) return null;
      return this.broken.has(id) ? null : { record, speaker };
    }
    if (this.fallbackFor(request.language)) return null;
    const only = this.onlyVoiceFor(request.language);
    return only && !this.broken.has(only.id) ? { record: only, speaker: 0 } : null;
  }

  private onlyVoiceFor(language: string): VoiceRecord | null {
    return this.options.voices.find((v) => baseLanguage(v.language) === baseLanguage(language)) ?? null;
  }

  /** One line through the model (or the cache); null when the voice fails, after a warning. */
  private async speakNeural(record: VoiceRecord, speaker: number, request: SpeechRequest): Promise<SpeechResult | null> {
    const speed = speedFor(request.voice.rate);
    const sid = speaker < Math.max(1, record.numSpeakers) ? speaker : 0;
    const file = this.cache.pathFor(`${ENGINE_VERSION} ${record.id} ${record.checksum} ${sid} ${speed}`, request);
    if (this.cache.has(file)) {
      const pcm = parseMonoWav(await readFile(file));
      if (pcm) {
        this.stats.cached++;
        return { wavPath: file, durationSec: pcm.samples.length / pcm.sampleRate, engine: this.engineName(record) };
      }
    }
    let audio;
    try {
      audio = await this.sherpa.speak(sherpaVoiceOf(this.options.voicesDir, record), request.text, { sid, speed });
    } catch (err) {
      this.broken.add(record.id);
      const detail = describeFailure(err);
      this.warnOnce(`failed:${record.id}`, { severity: 'warning', code: 'speech.neuralVoiceFailed', params: { voice: record.name, detail } });
      return null;
    }
    const sampleRate = audio.sampleRate > 0 ? audio.sampleRate : record.sampleRate;
    const samples = new Int16Array(audio.samples.length);
    for (let i = 0; i < samples.length; i++) samples[i] = Math.round(Math.max(-1, Math.min(1, audio.samples[i]!)) * 32767);
    await this.cache.put(file, encodeWav({ sampleRate, samples }));
    this.stats.synthesized++;
    return { wavPath: file, durationSec: samples.length / sampleRate, engine: this.engineName(record) };
  }

  /** Engine name in results and manifests: which voice spoke, not only which runtime. */
  private engineName(record: VoiceRecord): string {
    return `${this.id}:${record.id}`;
  }

  private warnOnce(key: string, diagnostic: Diagnostic): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.warn?.(diagnostic);
  }
}
