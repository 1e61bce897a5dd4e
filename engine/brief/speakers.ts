/**
 * Who says a dialogue line. The rules are the brief format's: a character's
 * full name, or its given name (the last word), optionally after a form of
 * address; an exact full name wins; otherwise the match must be unique.
 */
export const FORMS_OF_ADDRESS = ['Anh', 'Chị', 'Ông', 'Bà', 'Bố', 'Mẹ', 'Cô', 'Chú', 'Bác', 'Em', 'Cháu'];

export interface NamedCharacter {
  id: string;
  name: string;
}

export type SpeakerMatch =
  | { ok: true; characterId: string }
  | { ok: false; reason: 'none' }
  | { ok: false; reason: 'ambiguous'; candidates: string[] };

const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');
const ADDRESS = new Set(FORMS_OF_ADDRESS.map(fold));

export function resolveSpeaker(speaker: string, characters: NamedCharacter[]): SpeakerMatch {
  return new SpeakerIndex(characters).resolve(speaker);
}

/** The cast folded once, so each dialogue line costs a few map lookups however large the cast. */
export class SpeakerIndex {
  private readonly byName = new Map<string, NamedCharacter[]>();
  private readonly byGiven = new Map<string, NamedCharacter[]>();

  constructor(characters: NamedCharacter[]) {
    for (const c of characters) {
      const name = fold(c.name);
      push(this.byName, name, c);
      push(this.byGiven, name.split(' ').at(-1)!, c);
    }
  }

  resolve(speaker: string): SpeakerMatch {
    const wanted = fold(speaker);
    const exact = this.byName.get(wanted) ?? [];
    if (exact.length === 1) return { ok: true, characterId: exact[0]!.id };

    const words = wanted.split(' ');
    const rest = words.length > 1 && ADDRESS.has(words[0]!) ? words.slice(1).join(' ') : wanted;
    if (rest !== wanted) {
      const exactRest = this.byName.get(rest) ?? [];
      if (exactRest.length === 1) return { ok: true, characterId: exactRest[0]!.id };
    }
    if (rest.includes(' ')) return { ok: false, reason: 'none' };
    const byGiven = this.byGiven.get(rest) ?? [];
    if (byGiven.length === 1) return { ok: true, characterId: byGiven[0]!.id };
    if (byGiven.length > 1) return { ok: false, reason: 'ambiguous', candidates: byGiven.map((c) => c.name) };
    return { ok: false, reason: 'none' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
