/**
 * One interface for every source of speech: the offline espeak-ng engine,
 * a configured cloud voice, and recorded narration. Callers (video, audiobook)
 * ask for a line in a language and a voice and get audio plus its duration;
 * they never know which engine answered.
 */
export interface VoiceSpec {
  /** Regional variant for Vietnamese: northern (Hà Nội), central (Huế), southern (Sài Gòn). */
  accent?: 'north' | 'central' | 'south';
  gender?: 'male' | 'female';
  /** 0–100, 50 is the engine's default; characters differ by pitch. */
  pitch?: number;
  /** Words per minute; 0 or absent for the engine's default. */
  rate?: number;
  /**
   * A neural voice from the library (engine/speech/neural), as `id` or
   * `id#speaker` for a model with several speakers. Engines other than the
   * neural one ignore it; when the voice is missing or fails, the line is
   * spoken by the next engine (espeak-ng at the end) with a warning.
   */
  neural?: string;
}

export interface SpeechRequest {
  text: string;
  /** ISO 639 code of the text: vi, blt, hnj … */
  language: string;
  voice: VoiceSpec;
}

export interface SpeechResult {
  /** Absolute path of a WAV file the caller may read, copy or delete. */
  wavPath: string;
  durationSec: number;
  /** Which engine produced it, for the manifest and for debugging voices. */
  engine: string;
}

export interface SpeechEngine {
  readonly id: string;
  /** Languages this engine can speak. */
  supports(language: string): boolean;
  synthesize(request: SpeechRequest, signal?: AbortSignal): Promise<SpeechResult>;
}

/**
 * Optional batch form of `synthesize`, same results in the same order. Engines
 * with a high fixed cost per call (espeak-ng's WASM start, an HTTP round trip)
 * implement it; callers use it when present and fall back to one call per line.
 */
export interface BatchSpeechEngine extends SpeechEngine {
  synthesizeMany(requests: SpeechRequest[], signal?: AbortSignal): Promise<SpeechResult[]>;
}

export function isBatchEngine(engine: SpeechEngine): engine is BatchSpeechEngine {
  return typeof (engine as Partial<BatchSpeechEngine>).synthesizeMany === 'function';
}

/**
 * Recorded narration the project library holds. `target` is a text unit id, or
 * `chapter:<n>` for a whole chapter; the answer is an absolute path of a
 * prepared WAV (engine/media/recording.ts), or null when nothing was recorded.
 */
export interface VoiceClipSource {
  find(target: string, language: string): string | null;
}
