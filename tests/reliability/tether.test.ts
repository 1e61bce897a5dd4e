/**
 * The wrapper that ties a browser to the studio's life (engine/runTemp.ts
 * tetheredExecutable) runs the program it was made for: a browser chosen in
 * the settings after another of the same name was used runs as itself.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tetheredExecutable } from '../../engine/runTemp.js';

describe('a tethered executable', () => {
  it.runIf(process.platform !== 'win32')('runs the program it was made for, when two programs have the same name', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'tether-'));
    try {
      const programs = await Promise.all(['first', 'second'].map(async (name) => {
        await mkdir(path.join(dir, name));
        const program = path.join(dir, name, 'chromium');
        await writeFile(program, `#!/bin/sh\necho ${name} "$@"\n`, { mode: 0o755 });
        return program;
      }));
      const wrappers = programs.map((p) => tetheredExecutable(p)!);
      expect(new Set(wrappers).size).toBe(2);
      expect(wrappers.map((w) => execFileSync(w, ['--flag'], { encoding: 'utf8' }).trim())).toEqual(['first --flag', 'second --flag']);
      // Asked again, the same wrapper.
      expect(tetheredExecutable(programs[0]!)).toBe(wrappers[0]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
