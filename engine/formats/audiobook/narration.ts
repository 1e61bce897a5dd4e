/**
 * The narration pipeline the audiobook speaks with, shared by every format
 * that plays the brief's voice (the read-along EPUB, the e-lecture): the
 * script's lines spoken in one batch (recorded clips first, then the
 * engines), laid end to end with their pauses, and mastered to the
 * audiobook's loudness. Each line keeps its unit id and its start and end in
 * the mastered signal, so a format can point at the words being heard.
 */
import path from 'node:path';
import { writeWav } from '../../media/pcm.js';
import { AUDIOBOOK_PROFILE, masterSpeech } from '../../media/speechMaster.js';
import type { SpeechRegistry, SpokenLine } from '../../speech/registry.js';
import type { VoiceClipSource } from '../../speech/speechEngine.js';
import { assembleBook, type AssembledBook } from './assemble.js';
import type { ScriptPart } from './script.js';

/** Speaks every line of every part in one batch, so engines group lines by voice across chapters. */
export async function speakParts(
  parts: ScriptPart[],
  registry: SpeechRegistry,
  clips: VoiceClipSource | null,
  language: string,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
): Promise<SpokenLine[][]> {
  const lines = parts.flatMap((p) => p.lines.map((l) => ({ target: l.target, text: l.text, language, voice: l.voice })));
  const flat = await registry.speak(lines, { clips, signal, onProgress });
  const out: SpokenLine[][] = [];
  let at = 0;
  for (const part of parts) {
    out.push(flat.slice(at, at + part.lines.length));
    at += part.lines.length;
  }
  return out;
}

/** Whether every line can be voiced: an engine speaks the language, or every line has a recorded clip. */
export function canVoice(parts: ScriptPart[], registry: SpeechRegistry, clips: VoiceClipSource | null, language: string): boolean {
  if (registry.engineFor(language) !== null) return true;
  return parts.flatMap((p) => p.lines).every((l) => l.target !== null && clips?.find(l.target, language));
}

export interface Narration {
  /** Lines and parts with their times in `wav` (seconds). */
  book: AssembledBook;
  /** The mastered narration, mono WAV at book.sampleRate. */
  wav: string;
  durationSec: number;
}

/** Speaks, assembles and masters `parts` into `workDir/<name>.wav`. */
export async function narrate(
  parts: ScriptPart[],
  job: {
    registry: SpeechRegistry;
    clips: VoiceClipSource | null;
    language: string;
    workDir: string;
    name: string;
    signal: AbortSignal;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<Narration> {
  const spoken = await speakParts(parts, job.registry, job.clips, job.language, job.signal, job.onProgress ?? (() => {}));
  const book = await assembleBook(parts, spoken, { signal: job.signal });
  const mastered = await masterSpeech(book.samples, book.sampleRate, AUDIOBOOK_PROFILE, { signal: job.signal });
  const wav = path.join(job.workDir, `${job.name}.wav`);
  await writeWav(wav, { sampleRate: mastered.sampleRate, samples: mastered.pcm });
  return { book, wav, durationSec: mastered.pcm.length / mastered.sampleRate };
}
