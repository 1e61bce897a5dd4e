/**
 * Hostile translation files (issue 13): damaged text is refused with a clear
 * problem, in XLIFF and PO alike, before anything is used; through the CLI a
 * rejected import leaves every library file byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportPo, importPo } from '../../engine/translations/po.js';
import { MAX_TRANSLATION_FILE_BYTES } from '../../engine/translations/validate.js';
import { exportXliff, importXliff } from '../../engine/translations/xliff.js';
import { sampleText } from '../helpers/briefs.js';
import { runCli } from '../helpers/cli.js';
import { sample } from '../translations/helpers.js';

const material = sample();
const now = new Date('2026-01-01T00:00:00Z');

/** Every target filled with a marked copy of the source, as a translator would. */
function translatedXliff(): string {
  return exportXliff(material, 'blt', []).replace(/<source>([\s\S]*?)<\/source>/g, (_m, s: string) => `<source>${s}</source><target>ꪀ ${s}</target>`);
}
function translatedPo(): string {
  return exportPo(material, 'blt', [], { now }).replace(/(msgctxt "[^\n]*"\nmsgid "(?:[^"\\]|\\.)*"(?:\n"(?:[^"\\]|\\.)*")*)\nmsgstr ""/g, (_m, head: string) => `${head}\nmsgstr "ꪀ x"`);
}
/** Puts `insert` into the first translation of the file. */
const inFirstTarget = (xliff: string, insert: string) => xliff.replace('<target>ꪀ ', `<target>ꪀ ${insert}`);
const inFirstMsgstr = (po: string, insert: string) => po.replace('msgstr "ꪀ x"', `msgstr "ꪀ ${insert}x"`);
const bytesWith = (text: string, marker: string, bytes: number[]) => {
  const [before, after] = text.split(marker, 2) as [string, string];
  return Buffer.concat([Buffer.from(before + marker), Buffer.from(bytes), Buffer.from(after)]);
};

interface Case {
  name: string;
  format: 'xliff' | 'po';
  content: () => string | Uint8Array;
  code: string;
  line?: boolean;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol9 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
]>
`;

const CASES: Case[] = [
  { name: 'XLIFF over the size limit', format: 'xliff', content: () => inFirstTarget(translatedXliff(), 'a'.repeat(MAX_TRANSLATION_FILE_BYTES)), code: 'translation.tooLarge' },
  { name: 'XLIFF with invalid UTF-8 bytes', format: 'xliff', content: () => bytesWith(translatedXliff(), '<target>ꪀ ', [0xc3, 0x28]), code: 'translation.notUtf8', line: true },
  { name: 'XLIFF text already decoded with U+FFFD', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '\uFFFD'), code: 'translation.notUtf8', line: true },
  { name: 'XLIFF with a NUL byte', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '\u0000'), code: 'translation.controlCharacter', line: true },
  { name: 'XLIFF with an ESC character', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '\u001b[31m'), code: 'translation.controlCharacter', line: true },
  { name: 'XLIFF with a lone surrogate in the text', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '\ud800'), code: 'translation.loneSurrogate', line: true },
  { name: 'XLIFF <cp hex="D800"/>', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '<cp hex="D800"/>'), code: 'translation.loneSurrogateInUnit' },
  { name: 'XLIFF <cp hex="1B"/>', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '<cp hex="1B"/>'), code: 'translation.controlCharacterInUnit' },
  { name: 'XLIFF &#xD800; reference', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '&#xD800;'), code: 'translation.loneSurrogate', line: true },
  { name: 'XLIFF &#0; reference', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '&#0;'), code: 'translation.controlCharacter', line: true },
  { name: 'XLIFF &#x1B; reference', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '&#x1B;'), code: 'translation.controlCharacter', line: true },
  { name: 'XLIFF billion laughs', format: 'xliff', content: () => BILLION_LAUGHS + inFirstTarget(translatedXliff(), '&lol9;').replace(/^<\?xml[^>]*>\n/, ''), code: 'translation.doctype', line: true },
  { name: 'XLIFF external entity', format: 'xliff', content: () => `<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${inFirstTarget(translatedXliff(), '&xxe;').replace(/^<\?xml[^>]*>\n/, '')}`, code: 'translation.doctype', line: true },
  { name: 'XLIFF undeclared entity kept as text', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '&lol9;'), code: 'translation.entity', line: true },
  { name: 'XLIFF HTML entity', format: 'xliff', content: () => inFirstTarget(translatedXliff(), '&nbsp;'), code: 'translation.entity', line: true },
  {
    name: 'XLIFF unit given twice',
    format: 'xliff',
    content: () => {
      const xml = translatedXliff();
      const unit = /<unit [\s\S]*?<\/unit>/.exec(xml)![0];
      return xml.replace(unit, `${unit}\n${unit.replace('ꪀ', 'ꪀꪀ')}`);
    },
    code: 'translation.duplicateUnit',
    line: true,
  },
  { name: 'PO over the size limit', format: 'po', content: () => inFirstMsgstr(translatedPo(), 'a'.repeat(MAX_TRANSLATION_FILE_BYTES)), code: 'translation.tooLarge' },
  { name: 'PO with invalid UTF-8 bytes', format: 'po', content: () => bytesWith(translatedPo(), 'msgstr "ꪀ ', [0xff, 0xfe, 0x41]), code: 'translation.notUtf8', line: true },
  { name: 'PO with a NUL byte', format: 'po', content: () => inFirstMsgstr(translatedPo(), '\u0000'), code: 'translation.controlCharacter', line: true },
  { name: 'PO with an ESC character', format: 'po', content: () => inFirstMsgstr(translatedPo(), '\u001b'), code: 'translation.controlCharacter', line: true },
  {
    name: 'PO msgctxt given twice',
    format: 'po',
    content: () => {
      const po = translatedPo();
      const entry = /\n\n(#[^\n]*\n)*msgctxt [\s\S]*?msgstr "ꪀ x"/.exec(po)![0];
      return `${po}${entry.replace('ꪀ x', 'ꪀ y')}\n`;
    },
    code: 'translation.duplicateUnit',
    line: true,
  },
];

const importAs = (format: 'xliff' | 'po', content: string | Uint8Array) =>
  format === 'po' ? importPo(material, content, [], now) : importXliff(material, content, [], now);

describe('hostile translation files', () => {
  it('the untouched files import (so each case below fails for its own reason)', () => {
    for (const format of ['xliff', 'po'] as const) {
      const result = importAs(format, format === 'po' ? translatedPo() : translatedXliff());
      expect(result.problems, format).toEqual([]);
      expect(result.applied.length, format).toBeGreaterThan(50);
    }
  });

  for (const c of CASES) {
    it(`${c.name}: refused with ${c.code}, nothing applied`, () => {
      const result = importAs(c.format, c.content());
      expect(result.problems.map((p) => p.code)).toEqual([c.code]);
      if (c.line) expect(result.problems[0]!.line).toBeGreaterThanOrEqual(1);
      expect(result.applied).toEqual([]);
      expect(result.stale).toEqual([]);
    });
  }

  it('duplicates name the unit and both lines, in XLIFF and PO alike', () => {
    for (const format of ['xliff', 'po'] as const) {
      const c = CASES.find((k) => k.format === format && k.code === 'translation.duplicateUnit')!;
      const problem = importAs(format, c.content()).problems[0]!;
      expect(problem.params.id, format).toMatch(/\S/);
      expect(Number(problem.params.first), format).toBeLessThan(Number(problem.params.second));
      expect(problem.line, format).toBe(problem.params.second);
    }
  });
});

describe('a rejected import through the CLI changes nothing on disk', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-hostile-tr-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const library = path.join(dir, 'library');
  const env = { LUAT_STUDIO_LIBRARY: library };
  const brief = path.join(dir, 'brief.md');
  writeFileSync(brief, sampleText());

  const snapshot = (): Record<string, string> => {
    const out: Record<string, string> = {};
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const p = path.join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else out[path.relative(library, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
      }
    };
    walk(library);
    return out;
  };

  it('after a good import, each hostile file exits 1 with its line and leaves the library byte-identical', () => {
    const good = path.join(dir, 'good.xlf');
    writeFileSync(good, translatedXliff());
    const first = runCli(['translations', 'import', brief, good], env);
    expect(first.status, first.stderr).toBe(0);
    const before = snapshot();
    expect(Object.keys(before)).toContain('library.json');

    const picks = ['XLIFF with invalid UTF-8 bytes', 'XLIFF undeclared entity kept as text', 'PO msgctxt given twice', 'PO with an ESC character'];
    for (const name of picks) {
      const c = CASES.find((k) => k.name === name)!;
      const file = path.join(dir, `hostile.${c.format === 'po' ? 'po' : 'xlf'}`);
      writeFileSync(file, c.content());
      const r = runCli(['translations', 'import', brief, file], env);
      expect(r.status, `${name}: ${r.stderr}`).toBe(1);
      expect(r.stderr, name).toMatch(new RegExp(`${path.basename(file).replace('.', '\\.')}:\\d+:1: `));
      expect(r.stderr, name).not.toMatch(/unexpected|bất ngờ/i);
      expect(snapshot(), name).toEqual(before);
    }
  }, 300_000);
});
