/**
 * The pronunciation lexicon ("đọc là"): words a project or a library wants
 * said differently — a place name, a person, a local term. Applied before the
 * normaliser, whole words only. Case-aware: an entry written in lower case
 * matches any case ("hmông" matches "Hmông"); one with a capital matches
 * exactly as written ("CA" is công an, "ca" stays a shift).
 */
export interface PronunciationEntry {
  /** The word or phrase as written. */
  written: string;
  /** What the voice says instead. */
  spoken: string;
  /** ISO 639 code: one list per language. */
  language: string;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function applyPronunciations(text: string, entries: PronunciationEntry[]): string {
  if (entries.length === 0) return text;
  // Longer entries first, so "Luật Đất đai" wins over "Luật"; the first entry of a written form wins.
  const seen = new Set<string>();
  const ordered = entries
    .filter((e) => e.written.trim() !== '')
    .filter((e) => {
      const key = e.written.toLocaleLowerCase('vi') === e.written ? `i:${e.written}` : `s:${e.written}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => b.written.length - a.written.length);
  let out = text;
  for (const entry of ordered) {
    const written = entry.written.trim().normalize('NFC');
    const caseless = written.toLocaleLowerCase('vi') === written;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(written)}(?![\\p{L}\\p{N}])`, caseless ? 'giu' : 'gu');
    out = out.replace(pattern, () => entry.spoken);
  }
  return out;
}
