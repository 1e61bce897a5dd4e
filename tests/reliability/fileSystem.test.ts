/**
 * File-system failures in words, and nothing lost: a read-only output folder,
 * a read-only library, a full disk (a small tmpfs where this machine lets us
 * mount one), a library.json that is a folder and a --library that is a file.
 * Each ends with exit 3 and a message naming the path, never "unexpected".
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, statfs } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSystemError } from '../../engine/fsErrors.js';
import { STAGING_PREFIX } from '../../engine/build/transaction.js';
import { buildArgs, makeReadOnly, manifestMismatches, mountSmallDisk, startCli, tempDir } from './helpers.js';

const UNEXPECTED = /bất ngờ|unexpected/i;

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(path.join(d, e.name), r);
      else files.set(r, (await readFile(path.join(d, e.name))).toString('base64'));
    }
  };
  await walk(dir, '');
  return files;
}

describe('file-system failures', { timeout: 20 * 60_000 }, () => {
  it('a read-only output folder and a read-only library: words, the path, nothing lost', async () => {
    const out = await tempDir('ro-out');
    const tmp = await tempDir('tmp');
    const good = await startCli(buildArgs(out, ['--no-library']), tmp).done;
    expect(good.status).toBe(0);
    const before = await snapshot(out);
    const undo = makeReadOnly(out);
    try {
      const failed = await startCli(buildArgs(out, ['--no-library']), tmp, 'en').done;
      expect(failed.stderr).not.toMatch(UNEXPECTED);
      expect(failed.status).toBe(3);
      expect(failed.stderr).toMatch(/read-only|Permission denied/);
      expect(failed.stderr).toContain(out);
    } finally {
      undo();
    }
    expect(await snapshot(out)).toEqual(before);
    expect(await manifestMismatches(out)).toEqual([]);

    const lib = await tempDir('ro-lib');
    const made = await startCli(['translations', 'status', buildArgs(out)[1]!, '--library', lib], tmp).done;
    expect(made.status).toBe(0);
    const libBefore = await snapshot(lib);
    const undoLib = makeReadOnly(lib);
    try {
      // Reading works on a read-only library; a command that writes says why it cannot, naming the folder.
      const reading = await startCli(['translations', 'status', buildArgs(out)[1]!, '--library', lib], tmp).done;
      expect(reading.stderr).not.toMatch(UNEXPECTED);
      expect(reading.status).toBe(0);
      const ro = await startCli(['translations', 'export', buildArgs(out)[1]!, '--lang', 'blt', '--out', path.join(tmp, 'x.xlf'), '--library', lib], tmp).done;
      expect(ro.stderr).not.toMatch(UNEXPECTED);
      expect(ro.status).toBe(3);
      expect(ro.stderr).toMatch(/chỉ cho đọc|Không có quyền/);
      expect(ro.stderr).toContain(lib);
    } finally {
      undoLib();
    }
    expect(await snapshot(lib)).toEqual(libBefore);
  });

  it('a full disk during a rebuild keeps the previous build exactly and says so in words', async () => {
    const out = await tempDir('full');
    const tmp = await tempDir('tmp');
    const unmount = mountSmallDisk(out, '1200k');
    if (!unmount) {
      // No mount allowed here (not root): the same failure, injected where Node reports it.
      const error = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write', path: path.join(out, 'x.pdf') });
      expect(fileSystemError(error)?.code).toBe('fs.diskFull');
      expect(fileSystemError(error)?.params['path']).toBe(path.join(out, 'x.pdf'));
      return;
    }
    try {
      const good = await startCli(buildArgs(out, ['--no-library']), tmp).done;
      expect(good.status).toBe(0);
      const before = await snapshot(out);
      // Leave far less room than a second leaflet needs.
      const { bavail, bsize } = await statfs(out);
      writeFileSync(path.join(out, 'filler.bin'), Buffer.alloc(Math.max(0, bavail * bsize - 40 * 1024)));
      const full = await startCli(buildArgs(out, ['--no-library']), tmp).done;
      expect(full.stderr).not.toMatch(UNEXPECTED);
      expect(full.status).toBe(3);
      expect(full.stderr).toMatch(/đã đầy/);
      expect(full.stderr).toContain(out);
      const after = await snapshot(out);
      after.delete('filler.bin');
      expect(after).toEqual(before);
      expect(await manifestMismatches(out)).toEqual([]);
      expect(readdirSync(out).filter((n) => n.startsWith(STAGING_PREFIX))).toEqual([]);
    } finally {
      unmount();
    }
  });

  it('library.json that is a folder, and --library naming a file', async () => {
    const tmp = await tempDir('tmp');
    const lib = await tempDir('lib-folder');
    await mkdir(path.join(lib, 'library.json'));
    const brief = buildArgs(lib)[1]!;
    const folder = await startCli(['translations', 'status', brief, '--library', lib], tmp, 'en').done;
    expect(folder.status).toBe(3);
    expect(folder.stderr).toContain(`${path.join(lib, 'library.json')} is a folder`);
    const file = path.join(tmp, 'not-a-folder');
    writeFileSync(file, 'x');
    const named = await startCli(['translations', 'status', brief, '--library', file], tmp).done;
    expect(named.status).toBe(3);
    expect(named.stderr).toContain(file);
    expect(named.stderr).toMatch(/cần một thư mục/);
  });
});
