/**
 * A build whose only format fails unexpectedly (a bug, not a StudioError)
 * ends with that failure: the user is told, in their language, which crash
 * log holds the details, and the log is there. The message used to keep its
 * placeholder ("Chi tiết ở tệp {{log}}") once the build re-threw the failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkBriefFile } from '../../engine/app/check.js';
import { renderBareBrief, userMessage } from '../../engine/app/index.js';
import type { OutputFormat } from '../../engine/build/format.js';
import { translator } from '../../engine/i18n/index.js';
import { writeCrashLog } from '../../engine/crashLog.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';

vi.mock('../../engine/build/registry.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../engine/build/registry.js')>();
  const crasher: OutputFormat = {
    name: 'crasher',
    build: async () => {
      (undefined as unknown as { boom(): void }).boom();
      return [];
    },
  };
  return { ...real, findFormat: (name: string) => (name === 'crasher' ? crasher : real.findFormat(name)) };
});

describe('a build that made nothing because of a bug', () => {
  it('names the crash log holding the details, in the user\'s language', async () => {
    const material = (await checkBriefFile(SAMPLE_BRIEF)).material!;
    const out = await mkdtemp(path.join(os.tmpdir(), 'luat-crash-out-'));
    const t = translator('vi');
    let log: string | undefined;
    try {
      const error = await renderBareBrief(material, { formats: ['crasher'], languages: ['vi'], outDir: out }, t).then(() => null, (e: unknown) => e);
      expect(error).not.toBeNull();
      const said = userMessage(error, t, 'build');
      expect(said.code).toBe('api.unexpected');
      expect(said.message).not.toContain('{{');
      log = /tệp (\S+\.log);/.exec(said.message)?.[1];
      expect(log, said.message).toBeDefined();
      expect(existsSync(log!)).toBe(true);
      // The log holds what support needs: the format being built and the stack of the bug.
      const details = readFileSync(log!, 'utf8');
      expect(details).toContain('build crasher');
      expect(details).toContain('boom');
    } finally {
      await rm(out, { recursive: true, force: true });
      if (log) await rm(log, { force: true });
    }
  });
});

describe('a crash log of the compiled app', () => {
  it('names the TypeScript file and line of each frame in a bundle, through the .map beside it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-crash-map-'));
    let log: string | null = null;
    try {
      const source = path.join(dir, 'thrower.ts');
      await writeFile(source, ['// line 1', 'export function throwsOnLineFour(n: number): number {', '  const doubled: number = n * 2;', '  if (doubled > 2) throw new Error(`too big: ${doubled}`);', '  return doubled;', '}', ''].join('\n'));
      const bundle = path.join(dir, 'dist', 'thrower.js');
      // As scripts/build-dist.mjs makes the app's bundles: ESM, minified, the map in a file beside it.
      await build({ entryPoints: [source], outfile: bundle, bundle: true, format: 'esm', platform: 'node', minify: true, sourcemap: 'linked', logLevel: 'silent' });
      // Vitest maps the stacks of what it imports itself, so the stack is the one node would print running the
      // bundle: the frame where the bundle makes the error (its first line, minified).
      const code = readFileSync(bundle, 'utf8').split('\n')[0]!;
      const column = code.indexOf('new Error') + 1;
      expect(column).toBeGreaterThan(0);
      const error = new Error('too big: 10');
      error.stack = `Error: too big: 10\n    at o (${pathToFileURL(bundle).href}:1:${column})\n    at main (${bundle}:1:${column})\n    at node:internal/main:1:1`;
      log = writeCrashLog(error, 'test');
      const details = readFileSync(log!, 'utf8');
      expect(details).toContain('too big: 10');
      // Both forms a frame takes (a file URL for ES modules, a path), to the line of the throw.
      expect(details.match(new RegExp(`${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+`, 'g'))).toHaveLength(2);
      expect(details).not.toContain('thrower.js:1:');
      expect(details).toContain('node:internal/main:1:1');
    } finally {
      await rm(dir, { recursive: true, force: true });
      if (log) await rm(log, { force: true });
    }
  });
});
