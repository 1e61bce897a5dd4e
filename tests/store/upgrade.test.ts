/**
 * A library written by an earlier version keeps opening: Materials are stored
 * as JSON, and list items gained `ordered` and `number` (nested lists). A user
 * who updates the studio must not find their library refused.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../engine/store/library.js';
import { libraryWithSample } from '../publish/fixtures.js';

describe('a library from an earlier version', () => {
  it('opens, and its list items are numbered per level as the importer numbers them now', async () => {
    const { library, material, dir } = await libraryWithSample();
    await library.close();
    const file = path.join(dir, 'library.json');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    let stripped = 0;
    for (const entry of stored.materials) {
      for (const section of entry.material.sections) {
        for (const block of section.blocks ?? []) {
          if (block.type !== 'list') continue;
          for (const item of block.items) {
            delete item.ordered;
            delete item.number;
            stripped++;
          }
        }
      }
    }
    expect(stripped).toBeGreaterThan(0);
    await writeFile(file, JSON.stringify(stored));

    const reopened = await openLibrary(dir, { command: 'upgrade test' });
    try {
      const upgraded = await reopened.getMaterial(material.id);
      // The sample's lists are written with numbers per level; the upgrade gives the same.
      expect(upgraded).toEqual(material);
    } finally {
      await reopened.close();
    }
  });
});
