/** The one durable write: whole files or none, and one temporary name that the sweep recognises. */
import { Readable } from 'node:stream';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  isTemporaryName, sweepTemporaries, temporaryPathFor, writeAtomically, writeFileDurably, writeFolderAtomically, writeStreamDurably,
} from '../../engine/fs/durable.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'luat-durable-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('durable writes', () => {
  it('names every temporary file one way, keeping the extension for tools', () => {
    const temp = temporaryPathFor('/out/video/vi/ket-hon-video-16x9.mp4');
    expect(path.dirname(temp)).toBe('/out/video/vi');
    expect(path.basename(temp)).toMatch(/^\.ket-hon-video-16x9\.mp4\.\d+-[0-9a-f]{12}\.luat-tmp\.mp4$/);
    expect(isTemporaryName(path.basename(temp))).toBe(true);
    expect(isTemporaryName(path.basename(temporaryPathFor('/lib/library.json')))).toBe(true);
    expect(isTemporaryName('ket-hon-video-16x9.mp4')).toBe(false);
    expect(isTemporaryName('.hidden')).toBe(false);
  });

  it('writes whole files (bytes, streams, folders) and creates missing folders', async () => {
    const dir = await tempDir();
    await writeFileDurably(path.join(dir, 'a', 'one.txt'), 'một');
    await writeStreamDurably(path.join(dir, 'b', 'two.bin'), Readable.from([Buffer.from('ha'), Buffer.from('i')]));
    await writeFolderAtomically(path.join(dir, 'pkg'), async (temp) => writeFile(path.join(temp, 'x.txt'), 'x'));
    expect(await readFile(path.join(dir, 'a', 'one.txt'), 'utf8')).toBe('một');
    expect(await readFile(path.join(dir, 'b', 'two.bin'), 'utf8')).toBe('hai');
    expect(await readdir(path.join(dir, 'pkg'))).toEqual(['x.txt']);
    expect(await readdir(dir)).toEqual(['a', 'b', 'pkg']);
  });

  it('leaves the old file and no temporary when the writer fails', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'book.m4b');
    await writeFile(file, 'old');
    const failing = writeAtomically(file, async (temp) => {
      await writeFile(temp, 'half');
      throw new Error('ffmpeg died');
    });
    await expect(failing).rejects.toThrow('ffmpeg died');
    expect(await readFile(file, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['book.m4b']);
  });

  it('sweeps what a killed writer left, recursively on request, and nothing else', async () => {
    const dir = await tempDir();
    const deep = path.join(dir, 'video', 'vi');
    await mkdir(deep, { recursive: true });
    const top = temporaryPathFor(path.join(dir, 'manifest.json'));
    const below = temporaryPathFor(path.join(deep, 'clip.mp4'));
    const folder = temporaryPathFor(path.join(dir, 'package'));
    await writeFile(top, '{');
    await writeFile(below, 'half');
    await mkdir(folder);
    await writeFile(path.join(folder, 'x.txt'), 'x');
    await writeFile(path.join(deep, 'kept.mp4'), 'whole');

    expect((await sweepTemporaries(dir)).sort()).toEqual([top, folder].sort());
    expect(await readdir(deep)).toContain(path.basename(below));
    expect(await sweepTemporaries(dir, { recursive: true })).toEqual([below]);
    expect(await readdir(deep)).toEqual(['kept.mp4']);
    expect(await sweepTemporaries(path.join(dir, 'missing'))).toEqual([]);
  });
});
