/**
 * Who speaks a line: a recorded clip for that exact unit first, then the
 * configured engines in the order configured, then the offline espeak-ng.
 * Callers ask for lines and get WAVs; a language nobody speaks is a clear
 * StudioError('speech.noEngine') that each format turns into its own fallback.
 */
import { parseFile } from 'music-metadata';
import { StudioError } from '../errors.js';
import { EspeakEngine } from './espeak.js';
import { HttpSpeechEngine, type HttpEngineConfig } from './httpEngine.js';
import {
  isBatchEngine,
  type SpeechEngine,
  type SpeechRequest,
  type VoiceClipSource,
  type VoiceSpec,
} from './speechEngine.js';

/** `settings.speech` in a project: engines beyond the offline one. Keys are never stored here. */
export interface SpeechSettings {
  engines?: HttpEngineConfig[];
}

export interface EngineSetupOptions {
  /** Folder for synthesised lines (project/cache/speech, or a build's temp folder). */
  cacheDir: string;
  /** Keys by engine id, from the OS keyring; engines without one read their environment variable. */
  apiKeys?: Record<string, string>;
}

/**
 * Configured engines, then espeak-ng; the engine chosen in the settings
 * (`speechEngine`, an engine id) is asked first, the others stay fallbacks.
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
  return [...first, ...engines.filter((e) => e.id !== preferred)];
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

export class SpeechRegistry {
  constructor(readonly engines: SpeechEngine[]) {}

  /** The first engine that speaks `language`, or null. */
  engineFor(language: string): SpeechEngine | null {
    return this.engines.find((e) => e.supports(language)) ?? null;
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
    const meta = await parseFile(file, { duration: true });
    return meta.format.duration ?? 0;
  } catch (err) {
    throw new StudioError('speech.clipUnreadable', { file: file.split(/[\\/]/).pop() ?? file }, { cause: err });
  }
}
