/**
 * Hostile briefs under the 2 MiB limit (issue 13): each is checked in a child
 * process as `check --json` would, and must end in diagnostics, never in an
 * "unexpected failure": every error with its line, a bounded number of
 * diagnostics, a bounded report and bounded memory. Time is not asserted
 * (tests/reliability/measureHostileBriefs.ts measures it); the time limits
 * below only stop a hang, and are sized by the amount of work.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_DIAGNOSTICS } from '../../engine/brief/diagnostics.js';
import { importBriefText } from '../../engine/brief/import.js';
import { sampleText } from '../helpers/briefs.js';
import { HOSTILE_BRIEFS } from './hostileBriefs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-hostile-briefs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A hang, not slowness, is what these catch: a minute per brief on a busy machine. */
const PER_BRIEF_MS = 60_000;

interface ChildOutcome {
  file: string;
  peakRssMb: number;
  diagnostics: number;
  codes: string[];
  errorsWithoutLine: string[];
  crashed: boolean;
  crash?: string;
  reportBytes: number;
}

const EXPECTED_CODE: Record<string, string> = {
  '1,000-deep ordered list on one line': 'text.tooDeep',
  '1,000-deep block quote on one line': 'text.tooDeep',
  '20,000-deep block quote on one line': 'text.tooDeep',
  '5,000-deep bullet list on one line': 'text.tooDeep',
  '1,000-deep nested list over lines': 'text.tooDeep',
  'YAML billion laughs': 'fm.alias',
  '101 YAML aliases': 'fm.alias',
  'undefined YAML alias': 'fm.alias',
  '100,000 YAML aliases': 'fm.alias',
  // Briefs over 10,000 lines are refused before parsing (engine/brief/limits.ts MAX_LINES).
  '10,000 scenes': 'text.tooManyLines',
  '20,000-member cast': 'text.tooManyLines',
  '100,000 list items': 'text.tooManyLines',
  '200,000 short lines': 'text.tooManyLines',
  '3,000 unknown speakers, 1,500 in the cast': 'dialogue.unknownSpeaker',
  '5,000 refs and 5,000 unknown citations': 'text.tooManyLines',
};

describe('hostile briefs', () => {
  const files = HOSTILE_BRIEFS.map((b, i) => {
    const file = path.join(dir, `${i}.md`);
    writeFileSync(file, b.text());
    return { name: b.name, file };
  });
  const runChild = (batch: typeof files): ChildOutcome[] => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'checkBriefChild.ts'), ...batch.map((f) => f.file)], {
      encoding: 'utf8',
      timeout: PER_BRIEF_MS * batch.length,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(child.error, child.stderr).toBeUndefined();
    expect(child.status, child.stderr).toBe(0);
    return child.stdout.trim().split('\n').map((l) => JSON.parse(l) as ChildOutcome);
  };

  // Several children so that one brief's memory is not hidden by another's.
  const batches = [0, 1, 2, 3].map((k) => files.filter((_, i) => i % 4 === k));
  for (const [k, batch] of batches.entries()) {
    it(`batch ${k + 1}: every brief ends in located diagnostics, bounded in count, size and memory`, () => {
      const outcomes = runChild(batch);
      expect(outcomes).toHaveLength(batch.length);
      for (const [i, outcome] of outcomes.entries()) {
        const name = batch[i]!.name;
        expect(outcome.crashed, `${name}: ${outcome.crash}`).toBe(false);
        expect(outcome.codes, name).not.toContain('internal.unexpected');
        expect(outcome.errorsWithoutLine.filter((c) => !c.startsWith('file.')), name).toEqual([]);
        expect(outcome.diagnostics, name).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
        expect(outcome.reportBytes, name).toBeLessThan(512 * 1024);
        if (EXPECTED_CODE[name]) expect(outcome.codes, name).toContain(EXPECTED_CODE[name]);
      }
      // The whole batch in one process, Node and tsx included: within the 500 MB goal for one brief.
      expect(Math.max(...outcomes.map((o) => o.peakRssMb))).toBeLessThan(500);
    }, PER_BRIEF_MS * batch.length + 30_000);
  }

  it('random hostile fragments in the sample never end in an unexpected failure', () => {
    const fragment = fc.constantFrom(
      '> ', '1. ', '- ', '* ', '_', '[', '](x)', '**', '`', '\n', '\n\n', '  ', '\t', '<!-- legal: ', ' -->', '&a ', '*a', 'x: *a\n',
      '## Cảnh 1\n', '- Páo: ', '**Hỏi:** ', 'Đáp: ', '# ', '\u043e', '\u0301', '---\n', '\r\n',
    );
    const piece = fc.tuple(fragment, fc.integer({ min: 1, max: 400 })).map(([f, n]) => f.repeat(n));
    const sample = sampleText();
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.nat({ max: sample.length }), (pieces, at) => {
        const text = sample.slice(0, at) + pieces.join('') + sample.slice(at);
        const result = importBriefText(text);
        expect(result.crash).toBeUndefined();
        expect(result.diagnostics.length).toBeLessThanOrEqual(MAX_DIAGNOSTICS + 1);
        for (const d of result.diagnostics) if (d.severity === 'error' && !d.code.startsWith('file.')) expect(d.line, d.code).toBeDefined();
      }),
      { numRuns: 40 },
    );
  }, 120_000);
});
