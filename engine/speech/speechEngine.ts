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
