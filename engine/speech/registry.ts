/**
 * Who speaks a line: a recorded clip for that exact unit first, then the
 * configured engines in the order configured, then the offline espeak-ng.
 * Callers ask for lines and get WAVs; a language nobody speaks is a clear
 * StudioError('speech.noEngine') that each format turns into its own fallback.
 *
 * This is the one place engines are called, so the pronunciation lexicon and
 * the Vietnamese normaliser (engine/speech/normalize) run here, in front of
 * every engine, on every synthesised line; recordings are never touched.
 */
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import { defaultLibraryDir } from '../store/library.js';
import { EspeakEngine } from './espeak.js';
import { HttpSpeechEngine, type HttpEngineConfig } from './httpEngine.js';
import { NeuralSpeechEngine } from './neural/neuralEngine.js';
import { listVoicesSync, voicesDirOf } from './neural/voiceLibrary.js';
import { normalizeForSpeech, type PronunciationEntry } from './normalize/index.js';
import {
  isBatchEngine,
  type BatchSpeechEngine,
  type SpeechEngine,
  type SpeechRequest,
  type VoiceClipSource,
  type VoiceSpec,
} from './speechEngine.js';

/** `settings.speech` in a project: engines beyond the offline one. Keys are never stored here. */
export interface SpeechSettings {
  engines?: HttpEngineConfig[];
  /** false sends text to engines as written (for comparisons only); the normaliser runs by default. */
  normalize?: boolean;
}

export interface EngineSetupOptions {
  /** Folder for synthesised lines (project/cache/speech, or a build's temp folder). */
  cacheDir: string;
  /** Keys by engine id, from the OS keyring; engines without one read their environment variable. */
  apiKeys?: Record<string, string>;
  /** The library's neural voices folder; default: `settings.voicesDir` when a caller put one there, else the default library's. */
  voicesDir?: string;
  /** Where a missing or failing neural voice is reported (the line is then spoken by the next engine). */
  warn?: (diagnostic: Diagnostic) => void;
}

/**
 * Configured engines, then espeak-ng; the engine chosen in the settings
 * (`speechEngine`, an engine id) is asked first, the others stay fallbacks.
 * Neural voices from the library, when it has any, stand in front of them all.
 */
export function speechEnginesFromSettings(settings: Record<string, unknown>, options: EngineSetupOptions): SpeechEngine[] {
  const speech = (settings['speech'] ?? {}) as SpeechSettings;
  const engines: SpeechEngine[] = [];
  for (const config of speech.engines ?? []) {
    const apiKey = options.apiKeys?.[config.id];
    engines.push(new HttpSpeechEngine(config, { cacheDir: options.cacheDir, ...(apiKey ? { apiKey } : {}) }));
  }
  engines.push(new EspeakEngine({ cacheDir: options.cacheDir }));
  const preferred = typeof settings['speechEngine'] === 'string' ? settings['speechEngine'] : null;
  const first = engines.filter((e) => e.id === preferred);
  const ordered = [...first, ...engines.filter((e) => e.id !== preferred)];

  const voicesDir = options.voicesDir ?? (typeof settings['voicesDir'] === 'string' ? settings['voicesDir'] : voicesDirOf(defaultLibraryDir()));
  const voices = listVoicesSync(voicesDir);
  if (voices.length === 0) return ordered;
  const neural = new NeuralSpeechEngine({
    voicesDir, voices, cacheDir: options.cacheDir, fallbacks: ordered, ...(options.warn ? { warn: options.warn } : {}),
  });
  return [neural, ...ordered];
}

/** The "đọc là" entries passed in `settings.pronunciation` (project's first, then library's), or none. */
export function pronunciationFromSettings(settings: Record<string, unknown>): PronunciationEntry[] {
  const list = settings['pronunciation'];
  if (!Array.isArray(list)) return [];
  return list.filter(
    (e): e is PronunciationEntry =>
      typeof e === 'object' && e !== null && typeof e.written === 'string' && typeof e.spoken === 'string' && typeof e.language === 'string',
  );
}

/** The registry a format uses: configured engines, the lexicon and the normaliser as the project sets them. */
export function speechRegistryFromSettings(settings: Record<string, unknown>, options: EngineSetupOptions): SpeechRegistry {
  const speech = (settings['speech'] ?? {}) as SpeechSettings;
  return new SpeechRegistry(speechEnginesFromSettings(settings, options), {
    lexicon: pronunciationFromSettings(settings),
    normalize: speech.normalize !== false,
  });
}

/** The clip source passed in `settings.voiceClips` (until BuildContext carries one), or null. */
export function voiceClipsFromSettings(settings: Record<string, unknown>): VoiceClipSource | null {
  const candidate = settings['voiceClips'] as Partial<VoiceClipSource> | undefined;
  return candidate && typeof candidate.find === 'function' ? (candidate as VoiceClipSource) : null;
}

export interface SpeechLine {
  /** Text unit id (or `chapter:<n>`) a recording may exist for; null for phrases the format adds itself. */
  target: string | null;
  text: string;
  language: string;
  voice: VoiceSpec;
}

export interface SpokenLine {
  wavPath: string;
  durationSec: number;
  /** 'recording' for a recorded clip, else the engine id. */
  source: string;
}

export interface RegistryOptions {
  /** Pronunciation entries of every language; each line uses those of its own. */
  lexicon?: PronunciationEntry[];
  /** Default true. */
  normalize?: boolean;
}

export class SpeechRegistry {
  /** The engines as callers get them: each line's text goes through `spokenText` first. */
  private readonly speaking: SpeechEngine[];

  constructor(
    readonly engines: SpeechEngine[],
    private readonly options: RegistryOptions = {},
  ) {
    this.speaking = engines.map((engine) => this.withSpokenText(engine));
  }

  private withSpokenText(engine: SpeechEngine): SpeechEngine {
    const spoken = (r: SpeechRequest): SpeechRequest => ({ ...r, text: this.spokenText(r) });
    const wrapped: SpeechEngine = {
      id: engine.id,
      supports: (language) => engine.supports(language),
      synthesize: (request, signal) => engine.synthesize(spoken(request), signal),
    };
    if (!isBatchEngine(engine)) return wrapped;
    const batch: BatchSpeechEngine = { ...wrapped, synthesizeMany: (requests, signal) => engine.synthesizeMany(requests.map(spoken), signal) };
    return batch;
  }

  /** The words an engine is sent for `line`: lexicon first, then the normaliser. */
  spokenText(line: Pick<SpeechRequest, 'text' | 'language' | 'voice'>): string {
    if (this.options.normalize === false) return line.text;
    return normalizeForSpeech(line.text, { language: line.language, accent: line.voice.accent, lexicon: this.options.lexicon ?? [] });
  }

  /** The first engine that speaks `language` (behind the lexicon and normaliser), or null. */
  engineFor(language: string): SpeechEngine | null {
    return this.speaking.find((e) => e.supports(language)) ?? null;
  }

  requireEngine(language: string): SpeechEngine {
    const engine = this.engineFor(language);
    if (!engine) throw new StudioError('speech.noEngine', { language });
    return engine;
  }

  /**
   * Speaks every line (recorded clip first, then an engine), batching lines
   * per engine. Throws speech.noEngine when a line has neither.
   */
  async speak(
    lines: SpeechLine[],
    options: { clips?: VoiceClipSource | null; signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<SpokenLine[]> {
    const out: Array<SpokenLine | null> = lines.map(() => null);
    const byEngine = new Map<SpeechEngine, number[]>();
    for (const [index, line] of lines.entries()) {
      const clip = line.target ? (options.clips?.find(line.target, line.language) ?? null) : null;
      if (clip) {
        out[index] = { wavPath: clip, durationSec: await clipDuration(clip), source: 'recording' };
        continue;
      }
      const engine = this.requireEngine(line.language);
      byEngine.set(engine, [...(byEngine.get(engine) ?? []), index]);
    }
    let done = lines.length - [...byEngine.values()].reduce((n, list) => n + list.length, 0);
    options.onProgress?.(done, lines.length);
    for (const [engine, indexes] of byEngine) {
      const requests: SpeechRequest[] = indexes.map((i) => {
        const { text, language, voice } = lines[i]!;
        return { text, language, voice };
      });
      // Chunks of 100 keep progress moving without losing the batching gain.
      for (let start = 0; start < requests.length; start += 100) {
        options.signal?.throwIfAborted();
        const chunk = requests.slice(start, start + 100);
        const results = isBatchEngine(engine)
          ? await engine.synthesizeMany(chunk, options.signal)
          : await sequential(chunk, (r) => engine.synthesize(r, options.signal));
        for (const [k, result] of results.entries()) {
          out[indexes[start + k]!] = { wavPath: result.wavPath, durationSec: result.durationSec, source: result.engine };
        }
        done += chunk.length;
        options.onProgress?.(done, lines.length);
      }
    }
    return out.map((s) => s!);
  }
}

async function sequential<T, R>(items: T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

async function clipDuration(file: string): Promise<number> {
  try {
    // Loaded when a clip is measured, not with the app layer.
    const { parseFile } = await import('music-metadata');
    const meta = await parseFile(file, { duration: true });
    return meta.format.duration ?? 0;
  } catch (err) {
    throw new StudioError('speech.clipUnreadable', { file: file.split(/[\\/]/).pop() ?? file }, { cause: err });
  }
}
