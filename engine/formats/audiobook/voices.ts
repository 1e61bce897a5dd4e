/**
 * Who sounds like whom. The narrator has the project's accent and a mid
 * pitch; each character archetype gets a gender and a pitch far enough from
 * the others that a listener tells them apart without pictures.
 */
import type { Archetype } from '../../model/material.js';
import type { Speaker } from '../../speech/neural/voiceChoice.js';
import type { VoiceSpec } from '../../speech/speechEngine.js';

const ARCHETYPE_VOICES: Record<Archetype, Omit<VoiceSpec, 'accent' | 'rate'>> = {
  man: { gender: 'male', pitch: 42 },
  woman: { gender: 'female', pitch: 50 },
  'young-man': { gender: 'male', pitch: 58 },
  'young-woman': { gender: 'female', pitch: 62 },
  boy: { gender: 'male', pitch: 80 },
  girl: { gender: 'female', pitch: 78 },
  'elder-man': { gender: 'male', pitch: 25 },
  'elder-woman': { gender: 'female', pitch: 35 },
  'official-man': { gender: 'male', pitch: 48 },
  'official-woman': { gender: 'female', pitch: 56 },
  'police-officer': { gender: 'male', pitch: 35 },
  teacher: { gender: 'female', pitch: 45 },
};

export interface VoiceChoices {
  accent: NonNullable<VoiceSpec['accent']>;
  /** Words per minute; 0 for the engine's default. */
  rate: number;
  /** The neural voice chosen for a speaker in the project's settings (engine/speech/neural/voiceChoice.ts). */
  neural?: (speaker: Speaker | 'narrator') => { neural?: string };
}

export function narratorVoice(choices: VoiceChoices): VoiceSpec {
  return { accent: choices.accent, gender: 'female', pitch: 50, rate: choices.rate, ...choices.neural?.('narrator') };
}

/** A character's voice; unknown archetypes and the narrator role speak as the narrator does. */
export function characterVoice(archetype: string | null, choices: VoiceChoices): VoiceSpec {
  const known = archetype !== null && archetype in ARCHETYPE_VOICES ? ARCHETYPE_VOICES[archetype as Archetype] : null;
  return known ? { ...known, accent: choices.accent, rate: choices.rate } : narratorVoice(choices);
}
