/**
 * Casting and set dressing: which background a scene's "Bối cảnh" line
 * names, what light its time of day gives, which puppet and dress each
 * character gets, and which voice speaks for it. Unknown settings and
 * archetypes fall back to neutral ones and are reported, never fatal.
 */
import type { Diagnostic } from '../../brief/diagnostics.js';
import { placeFor, timeOfDayFor } from '../../model/places.js';
import { ARCHETYPES, type Character, type Material, type Scene, type SituationSection } from '../../model/material.js';
import { neuralVoiceFor } from '../../speech/neural/voiceChoice.js';
import type { VoiceSpec } from '../../speech/speechEngine.js';
import type { BackgroundId, DressVariant, Gender, PuppetSpec, TimeOfDay } from '../../../templates/video/plan.js';
import { UNIFORMED, defaultGender } from '../../../templates/video/puppets/looks.js';

/** Background named by a place (whole words, tones kept: engine/model/places.ts), or null when none of ours matches. */
export function backgroundFor(place: string): BackgroundId | null {
  return placeFor(place);
}

export { timeOfDayFor };

export interface SceneSet {
  background: BackgroundId;
  timeOfDay: TimeOfDay;
}

/**
 * Sets for every scene. A scene without a Bối cảnh line stays where the
 * previous one was (a narrator's closing words over the same place); an
 * unknown place gets the neutral set and a warning.
 */
export function sceneSets(section: SituationSection, warn: (d: Diagnostic) => void): SceneSet[] {
  let previous: SceneSet = { background: 'neutral', timeOfDay: 'noon' };
  return section.scenes.map((scene: Scene) => {
    if (!scene.setting) return previous;
    const background = backgroundFor(scene.setting.place);
    if (!background) {
      warn({
        severity: 'warning',
        code: 'video.unknownSetting',
        params: { scene: scene.number, place: scene.setting.place },
        line: scene.setting.unit.loc.line,
        col: scene.setting.unit.loc.col,
      });
    }
    previous = { background: background ?? 'neutral', timeOfDay: timeOfDayFor(scene.setting.timeOfDay) };
    return previous;
  });
}

const KNOWN = new Set<string>(ARCHETYPES);
const UPLAND_SETS = new Set<BackgroundId>(['stilt-house', 'hearth', 'terraced-fields']);
const MAJORITY_LANGUAGES = new Set(['vi', 'en']);

/**
 * Upland ethnic dress or everyday lowland dress for civilians. The project
 * setting `video.dress` decides when present; otherwise an audience of ethnic
 * minorities, a minority target language or an upland set means upland dress.
 */
export function dressFor(material: Material, sets: SceneSet[], settings: Record<string, unknown>): Exclude<DressVariant, 'uniform'> {
  const configured = videoSettings(settings)['dress'];
  if (configured === 'upland' || configured === 'lowland') return configured;
  if (material.audience.includes('nguoi-dan-toc-thieu-so')) return 'upland';
  if (material.targetLanguages.some((l) => !MAJORITY_LANGUAGES.has(l))) return 'upland';
  return sets.some((s) => UPLAND_SETS.has(s.background)) ? 'upland' : 'lowland';
}

const MALE_ADDRESS = /^(thầy|ông|anh|chú|bố|cậu|cha)\s/iu;
const FEMALE_ADDRESS = /^(cô|bà|chị|mẹ|dì|thím|mợ|má)\s/iu;

/** Gender: the archetype's, except for teachers and unknown archetypes, where the form of address decides. */
export function genderFor(character: Character): Gender {
  const archetype = character.archetype ?? 'neutral';
  if (KNOWN.has(archetype) && archetype !== 'teacher') return defaultGender(archetype);
  if (MALE_ADDRESS.test(character.name)) return 'male';
  if (FEMALE_ADDRESS.test(character.name)) return 'female';
  return defaultGender(KNOWN.has(archetype) ? archetype : 'neutral');
}

export function puppetFor(character: Character, dress: Exclude<DressVariant, 'uniform'>, warn: (d: Diagnostic) => void): PuppetSpec {
  const archetype = character.archetype ?? 'neutral';
  const known = KNOWN.has(archetype);
  if (!known) {
    warn({
      severity: 'warning',
      code: 'video.unknownArchetype',
      params: { name: character.name, archetype },
      line: character.loc.line,
      col: character.loc.col,
    });
  }
  const shown = known ? archetype : 'neutral';
  return { archetype: shown, dress: UNIFORMED.has(shown) ? 'uniform' : dress, gender: genderFor(character) };
}

/** Base pitch (0–100) and speaking rate (words per minute) by archetype. */
const VOICE_BASE: Record<string, { pitch: number; rate: number }> = {
  man: { pitch: 42, rate: 150 },
  woman: { pitch: 58, rate: 150 },
  'young-man': { pitch: 50, rate: 158 },
  'young-woman': { pitch: 66, rate: 158 },
  boy: { pitch: 78, rate: 160 },
  girl: { pitch: 82, rate: 160 },
  'elder-man': { pitch: 32, rate: 138 },
  'elder-woman': { pitch: 50, rate: 138 },
  'official-man': { pitch: 45, rate: 150 },
  'official-woman': { pitch: 62, rate: 150 },
  'police-officer': { pitch: 38, rate: 150 },
  teacher: { pitch: 60, rate: 146 },
  neutral: { pitch: 50, rate: 150 },
};

export function videoSettings(settings: Record<string, unknown>): Record<string, unknown> {
  const v = settings['video'];
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

/**
 * A distinct voice for each character and for the narrator: gender from the
 * puppet, pitch and rate from the archetype, nudged apart when two
 * characters would otherwise sound alike.
 */
export function voicesFor(section: SituationSection, settings: Record<string, unknown>): Map<string, VoiceSpec> {
  const v = videoSettings(settings);
  const accent = v['accent'] === 'central' || v['accent'] === 'south' ? v['accent'] : 'north';
  const voices = new Map<string, VoiceSpec>();
  const taken: Array<{ gender: Gender; pitch: number }> = [];
  for (const character of section.characters) {
    let gender: Gender;
    let pitch: number;
    let rate: number;
    if (character.role === 'narrator') {
      gender = v['narratorGender'] === 'male' ? 'male' : 'female';
      pitch = gender === 'male' ? 40 : 54;
      rate = 145;
    } else {
      const archetype = character.archetype && KNOWN.has(character.archetype) ? character.archetype : 'neutral';
      gender = genderFor(character);
      const base = VOICE_BASE[archetype]!;
      pitch = base.pitch;
      rate = base.rate;
    }
    while (taken.some((t) => t.gender === gender && Math.abs(t.pitch - pitch) < 6)) pitch = pitch >= 90 ? pitch - 37 : pitch + 7;
    taken.push({ gender, pitch });
    voices.set(character.id, { accent, gender, pitch, rate, ...neuralVoiceFor(settings, character) });
  }
  return voices;
}
