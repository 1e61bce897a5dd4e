/**
 * Which neural voice speaks whom, from the project's settings:
 *
 *   speech:
 *     voices:
 *       narrator: ngoc-huyen            # a library voice id
 *       characters:
 *         chi-lan: minh-quang           # by character id,
 *         Anh Ba: minh-quang#2          # by name (speaker 2 of a multi-speaker model),
 *         elder-man: ong-tu             # or by archetype
 *
 * The video and the audiobook add the answer to the VoiceSpec they already
 * build (`neural`); the rest of the voice (pitch, rate) stays as it was, so
 * espeak-ng speaks the line just as before when the voice is missing.
 */
import { z } from 'zod';

const NeuralVoiceSettings = z.object({
  narrator: z.string().min(1).optional(),
  characters: z.record(z.string(), z.string().min(1)).optional(),
});

export interface Speaker {
  role?: string;
  id?: string;
  name?: string;
  archetype?: string | null;
}

function voiceSettings(settings: Record<string, unknown>): z.infer<typeof NeuralVoiceSettings> {
  const speech = settings['speech'];
  const voices = speech && typeof speech === 'object' ? (speech as Record<string, unknown>)['voices'] : undefined;
  const parsed = NeuralVoiceSettings.safeParse(voices ?? {});
  return parsed.success ? parsed.data : {};
}

/** `{ neural: id }` for the narrator or a character with a chosen neural voice, else `{}` (spread into a VoiceSpec). */
export function neuralVoiceFor(settings: Record<string, unknown>, speaker: Speaker | 'narrator'): { neural?: string } {
  const chosen = voiceSettings(settings);
  if (speaker === 'narrator' || speaker.role === 'narrator') return chosen.narrator ? { neural: chosen.narrator } : {};
  const byKey = chosen.characters ?? {};
  const keys = [speaker.id, speaker.name, speaker.archetype].filter((k): k is string => typeof k === 'string' && k.length > 0);
  const hit = keys.map((k) => byKey[k]).find((v) => v !== undefined);
  return hit ? { neural: hit } : {};
}
