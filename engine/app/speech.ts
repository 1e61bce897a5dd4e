/**
 * Speech use cases: what the voice will say for a line ("Đọc là"), with the
 * pronunciation lexicon of a project and of the library, and the neural voices
 * a user adds once to the library (engine/speech/neural).
 */
import { normalizeForSpeech, type PronunciationEntry } from '../speech/normalize/index.js';
import { addVoice, listVoices, removeVoice, voicesDirOf, type VoiceRecord } from '../speech/neural/voiceLibrary.js';
import { StudioError } from '../errors.js';
import type { Studio } from './studio.js';

export interface SpokenLine {
  text: string;
  spoken: string;
}

/** The words a voice reads for each line; `projectId` adds that project's (and the library's) "đọc là". */
export async function readingsOf(
  studio: Studio | null,
  lines: string[],
  options: { language: string; accent: 'north' | 'south'; projectId?: string | undefined },
): Promise<SpokenLine[]> {
  const lexicon: PronunciationEntry[] = studio && options.projectId
    ? await studio.library.pronunciationLexicon(options.projectId, options.language)
    : [];
  return lines.map((text) => ({ text, spoken: normalizeForSpeech(text, { language: options.language, accent: options.accent, lexicon }) }));
}

export function addLibraryVoice(studio: Studio, source: string, options: { name: string; language: string }): Promise<VoiceRecord> {
  return addVoice(voicesDirOf(studio.library.dir), source, options);
}

export function listLibraryVoices(studio: Studio): Promise<VoiceRecord[]> {
  return listVoices(voicesDirOf(studio.library.dir));
}

export async function removeLibraryVoice(studio: Studio, id: string): Promise<void> {
  if (!(await removeVoice(voicesDirOf(studio.library.dir), id))) throw new StudioError('voice.notFound', { id });
}

export type { VoiceRecord };
