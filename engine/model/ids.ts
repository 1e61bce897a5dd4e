/**
 * Stable ids for text units.
 *
 * A container (section, scene, Q&A list) is named by its structure: the slug of
 * its heading, or the scene number the author wrote. A leaf unit inside it is
 * named by a short hash of its own text. So editing, inserting or reordering a
 * paragraph changes only that paragraph's id: every unit that did not change
 * keeps its id, and with it its translations and voice clips.
 *
 * Each unit also has a slot (container plus ordinal). When a unit's text is
 * edited its id changes but its slot usually does not, which is how a
 * translation of the old text is recognised and marked stale instead of lost.
 */
import { createHash } from 'node:crypto';

/** ASCII slug of Vietnamese (or any Latin) text: "Điều kiện kết hôn" → "dieu-kien-ket-hon". */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'x';
}

export function textHash(text: string, length = 8): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, length);
}

/** Hands out ids unique within one material, suffixing repeats (-2, -3 …) in order of appearance. */
export class IdAllocator {
  private readonly seen = new Map<string, number>();

  unique(candidate: string): string {
    const count = (this.seen.get(candidate) ?? 0) + 1;
    this.seen.set(candidate, count);
    return count === 1 ? candidate : `${candidate}-${count}`;
  }

  /** id for a leaf text unit: container, kind, hash of the text. */
  leaf(container: string, kind: string, text: string): string {
    return this.unique(`${container}.${kind}-${textHash(text)}`);
  }
}
