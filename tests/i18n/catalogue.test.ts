/**
 * One message catalogue per language for the engine, the CLI and the bridge:
 * every key exists in both, and the keys the application layer and the
 * bridge added are really translated (no English left in Vietnamese).
 */
import { describe, expect, it } from 'vitest';
import en from '../../engine/i18n/locales/en.json' with { type: 'json' };
import vi from '../../engine/i18n/locales/vi.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of keys(v, key)) out.set(kk, vv);
  }
  return out;
}

const VI = keys(vi as Tree);
const EN = keys(en as Tree);

/** Keys of the application layer and the bridge (engine/app, engine/server). */
const ADDED = [
  'error.store.readOnly', 'error.store.notInBin', 'error.store.projectExists', 'error.project.editInvalid',
  'error.build.badSettings', 'error.publish.preflightList', 'error.api.unauthorised', 'error.api.badHost', 'error.api.method',
  'error.api.contentType', 'error.api.tooLarge', 'error.api.badJson', 'error.api.internal', 'error.api.fileNotFound',
  'cli.option.chromium', 'cli.option.speechEngine',
];

describe('message catalogues', () => {
  it('has every key in both Vietnamese and English', () => {
    expect([...VI.keys()].filter((k) => !EN.has(k))).toEqual([]);
    expect([...EN.keys()].filter((k) => !VI.has(k))).toEqual([]);
  });

  it('keeps the same {{placeholders}} in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const differing = [...VI].filter(([k, v]) => EN.has(k) && JSON.stringify(params(v)) !== JSON.stringify(params(EN.get(k)!)));
    expect(differing.map(([k]) => k)).toEqual([]);
  });

  it('translates the keys the application layer and the bridge use', () => {
    for (const key of ADDED) {
      expect(VI.get(key), key).toBeTruthy();
      expect(EN.get(key), key).toBeTruthy();
      expect(VI.get(key), key).not.toBe(EN.get(key));
      // Vietnamese sentences carry Vietnamese letters; an English leftover would not.
      expect(VI.get(key), key).toMatch(/[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i);
    }
  });
});
