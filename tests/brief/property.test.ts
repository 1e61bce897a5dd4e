/**
 * Thousands of random mutations of a valid brief: the importer always answers
 * with diagnostics (or a Material), never throws, never reports an internal
 * failure, and every diagnostic points inside the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importBriefBytes } from '../../engine/brief/import.js';
import { Material } from '../../engine/model/material.js';
import { sampleText } from '../helpers/briefs.js';

const base = Buffer.from(sampleText(), 'utf8');
const baseLines = sampleText().split('\n');

const noise = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('---', '#', '## Cảnh 9 —', '- ', '**Hỏi:**', '**Đáp:**', '<!--', '-->', '<!-- legal: 1/2 Điều 1 -->',
    '<!-- kind: situation -->', '<!-- kind: audiobook -->', 'Nhân vật:', 'Bối cảnh:', 'Chương 1:', ':', '"', "'", '\t', '\r', '\n\n',
    '(character: x)', '(narrator)', '[', ']', '{', '}', '|', '\u0301', '\u200b', '\ufeff', 'о', 'ꪀ', '1.', '* ', '```', '>'),
);

type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'dropLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: noise }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('dropLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(bytes: Buffer, m: Mutation): Buffer {
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  const line = (n: number) => n % Math.max(lines.length, 1);
  switch (m.kind) {
    case 'insert': {
      const at = m.at % (text.length + 1);
      return Buffer.from(text.slice(0, at) + m.text + text.slice(at), 'utf8');
    }
    case 'delete': {
      const at = m.at % (text.length + 1);
      return Buffer.from(text.slice(0, at) + text.slice(at + m.length), 'utf8');
    }
    case 'dropLine':
      lines.splice(line(m.line), 1);
      return Buffer.from(lines.join('\n'), 'utf8');
    case 'duplicateLine':
      lines.splice(line(m.line), 0, lines[line(m.line)] ?? '');
      return Buffer.from(lines.join('\n'), 'utf8');
    case 'swapLines': {
      const a = line(m.a);
      const b = line(m.b);
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return Buffer.from(lines.join('\n'), 'utf8');
    }
    case 'bytes': {
      const at = m.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    }
    case 'truncate':
      return bytes.subarray(0, m.at % (bytes.length + 1));
  }
}

// The work is sized, not the patience: 600 seeded mutations (each a full import)
// by default; LUAT_STUDIO_PROPERTY_RUNS=5000 for a longer hunt. The timeout only
// catches a hang: ten times the work at its slowest seen rate (40 ms a brief).
const RUNS = Number(process.env.LUAT_STUDIO_PROPERTY_RUNS ?? 600);
const HANG_GUARD_MS = Math.max(60_000, RUNS * 40 * 10);

describe('importer under random mutation', () => {
  it(`returns errors, never throws (${RUNS} mutated briefs)`, { timeout: HANG_GUARD_MS }, () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const bytes = mutations.reduce(apply, base);
        const result = importBriefBytes(bytes);
        const internal = result.diagnostics.filter((d) => d.code.startsWith('internal.'));
        expect(internal, JSON.stringify(internal)).toEqual([]);
        const lineCount = bytes.toString('utf8').split(/\r\n|\r|\n/).length;
        for (const d of result.diagnostics) {
          if (d.line === undefined) continue;
          expect(d.line).toBeGreaterThanOrEqual(1);
          expect(d.line).toBeLessThanOrEqual(lineCount);
          expect(d.col).toBeGreaterThanOrEqual(1);
        }
        if (result.material) Material.parse(result.material);
        else {
          rejected++;
          expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
        }
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
    // The mutations must actually break briefs, or the property proves little.
    expect(rejected).toBeGreaterThan(RUNS / 5);
  });

  it('line-level shuffles of the sample never throw either', { timeout: HANG_GUARD_MS }, () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(baseLines, { minLength: 1 }), (lines) => {
        const result = importBriefBytes(Buffer.from(lines.join('\n')));
        expect(result.diagnostics.filter((d) => d.code.startsWith('internal.'))).toEqual([]);
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
