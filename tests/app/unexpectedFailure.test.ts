/**
 * A build whose only format fails unexpectedly (a bug, not a StudioError)
 * ends with that failure: the user is told, in their language, which crash
 * log holds the details, and the log is there. The message used to keep its
 * placeholder ("Chi tiết ở tệp {{log}}") once the build re-threw the failure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkBriefFile } from '../../engine/app/check.js';
import { renderBareBrief, userMessage } from '../../engine/app/index.js';
import type { OutputFormat } from '../../engine/build/format.js';
import { translator } from '../../engine/i18n/index.js';
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
