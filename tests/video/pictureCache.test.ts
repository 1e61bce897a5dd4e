/**
 * The picture cache on a folder several renders write to at once (a render
 * farm's shared folder): a picture is written whole or not at all, the first
 * copy of a key stays, and nothing half-written is left behind.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PictureCache } from '../../engine/formats/video/pictureCache.js';

let dir: string;
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a picture cache shared by several renders', () => {
  it('keeps the first copy of a key and leaves no temp file', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-pictures-'));
    const cache = new PictureCache(dir);
    await Promise.all([cache.put('k', Buffer.from('first')), cache.put('k', Buffer.from('second'))]);
    await cache.put('k', Buffer.from('third'));
    expect(['first', 'second']).toContain(readFileSync(cache.pathOf('k'), 'utf8'));
    expect(readdirSync(dir)).toEqual(['k.jpeg']);
    expect(cache.has('k')).toBe(true);
    expect(cache.has('other')).toBe(false);
  });

  it('fails when it cannot write, and leaves nothing behind', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'luat-pictures-'));
    // A "folder" that is a file: every write into it fails (ENOTDIR), as a vanished network share would.
    writeFileSync(path.join(dir, 'not-a-folder'), '');
    const cache = new PictureCache(path.join(dir, 'not-a-folder'));
    await expect(cache.put('k', Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readdirSync(dir)).toEqual(['not-a-folder']);
  });
});
