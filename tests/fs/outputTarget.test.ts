/** `--out` takes a folder or a file name, and says in words when it can take neither. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { resolveOutputBase, resolveOutputFile, resolveOutputFolder } from '../../engine/fs/outputTarget.js';

async function scratch(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-out-'));
  await mkdir(path.join(dir, 'folder'));
  await writeFile(path.join(dir, 'file.txt'), 'x');
  await writeFile(path.join(dir, 'manifest.json'), '{}');
  return dir;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return error instanceof StudioError ? error.code : `unexpected ${String(error)}`;
  }
}

describe('--out', () => {
  it('for one file: an existing folder gets the default name inside it', async () => {
    const dir = await scratch();
    expect(await resolveOutputFile(path.join(dir, 'folder'), 'x.blt.xlf')).toBe(path.join(dir, 'folder', 'x.blt.xlf'));
    expect(await resolveOutputFile(`${path.join(dir, 'new')}/`, 'x.blt.xlf')).toBe(path.join(dir, 'new', 'x.blt.xlf'));
    expect(await resolveOutputFile(path.join(dir, 'mine.xlf'), 'x.blt.xlf')).toBe(path.join(dir, 'mine.xlf'));
    expect(await resolveOutputFile(undefined, 'x.blt.xlf')).toBe(path.resolve('x.blt.xlf'));
    expect(await codeOf(resolveOutputFile(`${path.join(dir, 'file.txt')}/`, 'x.xlf'))).toBe('output.notAFolder');
    expect(await codeOf(resolveOutputFile('/dev/null', 'x.xlf'))).toBe('output.notAFile');
  });

  it('for a build: a folder, or its own manifest.json, and never another file', async () => {
    const dir = await scratch();
    expect(await resolveOutputFolder(path.join(dir, 'folder'), ['manifest.json'])).toBe(path.join(dir, 'folder'));
    expect(await resolveOutputFolder(path.join(dir, 'manifest.json'), ['manifest.json'])).toBe(dir);
    expect(await resolveOutputFolder(path.join(dir, 'new', 'manifest.json'), ['manifest.json'])).toBe(path.join(dir, 'new'));
    expect(await codeOf(resolveOutputFolder(path.join(dir, 'file.txt'), ['manifest.json']))).toBe('output.notAFolder');
  });

  it('for a report: a folder or a file name whose extension gives the base', async () => {
    const dir = await scratch();
    const exts = ['.csv', '.xlsx', '.pdf'];
    expect(await resolveOutputBase(path.join(dir, 'folder'), 'r', exts)).toEqual({ dir: path.join(dir, 'folder'), base: 'r' });
    expect(await resolveOutputBase(path.join(dir, 'bao-cao.xlsx'), 'r', exts)).toEqual({ dir, base: 'bao-cao' });
    expect(await resolveOutputBase(path.join(dir, 'report'), 'r', exts)).toEqual({ dir: path.join(dir, 'report'), base: 'r' });
    expect(await codeOf(resolveOutputBase(`${path.join(dir, 'file.txt')}/`, 'r', exts))).toBe('output.notAFolder');
  });
});
