/**
 * How each archetype looks: proportions, hair, face details and, per dress
 * variant, its outfit. One table so the twelve puppets share one style.
 * Pure data.
 */
import type { DressVariant, Gender } from '../plan.js';

export type HairStyle =
  | 'short' | 'spiky' | 'bun' | 'long' | 'pigtails' | 'grey-sides' | 'grey-bun' | 'neat' | 'bob';

export type OutfitId =
  | 'shirt' | 'tee' | 'blouse' | 'blouse-skirt' | 'ao-dai' | 'ao-ba-ba' | 'elder-shirt'
  | 'school-boy' | 'school-girl' | 'upland-male' | 'upland-female' | 'upland-boy'
  | 'official-male' | 'official-female' | 'police' | 'teacher-male' | 'neutral';

export type Headwear = 'none' | 'police-cap' | 'headwrap' | 'skullcap' | 'headband' | 'scarf';

export interface Look {
  /** Overall height relative to an adult man. */
  height: number;
  /** Head size relative to the body; children have bigger heads. */
  head: number;
  hair: HairStyle;
  hairColor: string;
  skin: string;
  outfit: OutfitId;
  headwear: Headwear;
  glasses: boolean;
  beard: boolean;
  /** Elders lean forward a little. */
  stoop: number;
}

export const SKIN = ['#f1c7a1', '#e5b48c', '#d9a479'] as const;
const BLACK_HAIR = '#231d1b';
const GREY_HAIR = '#b9b4ad';

interface Base {
  height: number;
  head: number;
  hair: HairStyle;
  hairColor: string;
  skin: string;
  glasses?: boolean;
  beard?: boolean;
  stoop?: number;
  gender: Gender;
  /** Outfit and headwear per dress variant; officials and police have only a uniform. */
  outfits: Partial<Record<DressVariant, [OutfitId, Headwear]>>;
}

const BASES: Record<string, Base> = {
  man: { height: 1, head: 1, hair: 'short', hairColor: BLACK_HAIR, skin: SKIN[2], gender: 'male',
    outfits: { lowland: ['shirt', 'none'], upland: ['upland-male', 'skullcap'] } },
  woman: { height: 0.94, head: 1, hair: 'bun', hairColor: BLACK_HAIR, skin: SKIN[1], gender: 'female',
    outfits: { lowland: ['blouse', 'none'], upland: ['upland-female', 'headwrap'] } },
  'young-man': { height: 0.98, head: 1, hair: 'spiky', hairColor: BLACK_HAIR, skin: SKIN[1], gender: 'male',
    outfits: { lowland: ['tee', 'none'], upland: ['upland-male', 'none'] } },
  'young-woman': { height: 0.93, head: 1, hair: 'long', hairColor: BLACK_HAIR, skin: SKIN[0], gender: 'female',
    outfits: { lowland: ['blouse-skirt', 'none'], upland: ['upland-female', 'headband'] } },
  boy: { height: 0.66, head: 1.18, hair: 'short', hairColor: BLACK_HAIR, skin: SKIN[1], gender: 'male',
    outfits: { lowland: ['school-boy', 'none'], upland: ['upland-boy', 'none'] } },
  girl: { height: 0.74, head: 1.12, hair: 'pigtails', hairColor: BLACK_HAIR, skin: SKIN[0], gender: 'female',
    outfits: { lowland: ['school-girl', 'none'], upland: ['upland-female', 'headband'] } },
  'elder-man': { height: 0.93, head: 1, hair: 'grey-sides', hairColor: GREY_HAIR, skin: SKIN[2], beard: true, stoop: 4,
    gender: 'male', outfits: { lowland: ['elder-shirt', 'none'], upland: ['upland-male', 'headwrap'] } },
  'elder-woman': { height: 0.88, head: 1, hair: 'grey-bun', hairColor: GREY_HAIR, skin: SKIN[1], stoop: 5,
    gender: 'female', outfits: { lowland: ['ao-ba-ba', 'scarf'], upland: ['upland-female', 'headwrap'] } },
  'official-man': { height: 1, head: 1, hair: 'neat', hairColor: BLACK_HAIR, skin: SKIN[1], gender: 'male',
    outfits: { uniform: ['official-male', 'none'] } },
  'official-woman': { height: 0.94, head: 1, hair: 'bun', hairColor: BLACK_HAIR, skin: SKIN[0], gender: 'female',
    outfits: { uniform: ['official-female', 'none'] } },
  'police-officer': { height: 1, head: 1, hair: 'neat', hairColor: BLACK_HAIR, skin: SKIN[2], gender: 'male',
    outfits: { uniform: ['police', 'police-cap'] } },
  teacher: { height: 0.95, head: 1, hair: 'bob', hairColor: BLACK_HAIR, skin: SKIN[0], glasses: true, gender: 'female',
    outfits: { lowland: ['ao-dai', 'none'], upland: ['upland-female', 'none'] } },
  neutral: { height: 0.96, head: 1, hair: 'short', hairColor: '#5b5550', skin: '#d8c3ae', gender: 'male',
    outfits: { lowland: ['neutral', 'none'] } },
};

/** Archetypes whose clothes are a uniform whatever the setting. */
export const UNIFORMED = new Set(['official-man', 'official-woman', 'police-officer']);

export function defaultGender(archetype: string): Gender {
  return (BASES[archetype] ?? BASES['neutral']!).gender;
}

export function lookFor(archetype: string, dress: DressVariant, gender: Gender): Look {
  const base = BASES[archetype] ?? BASES['neutral']!;
  const fallback = base.outfits.uniform ?? base.outfits.lowland ?? (['neutral', 'none'] as [OutfitId, Headwear]);
  let [outfit, headwear] = base.outfits[dress] ?? fallback;
  let hair = base.hair;
  // A male teacher ("Thầy …") wears a shirt, not an áo dài.
  if (archetype === 'teacher' && gender === 'male') {
    outfit = dress === 'upland' ? 'upland-male' : 'teacher-male';
    hair = 'neat';
  }
  return {
    height: base.height,
    head: base.head,
    hair,
    hairColor: base.hairColor,
    skin: base.skin,
    outfit,
    headwear,
    glasses: base.glasses ?? false,
    beard: base.beard ?? false,
    stoop: base.stoop ?? 0,
  };
}
