/**
 * Shared by the print tests: the sample Material and pseudo-translations of
 * it, a BuildContext around one browser, and the poppler/qpdf tools that
 * check what was written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { importBriefFile } from '../../engine/brief/import.js';
import { BuildResources } from '../../engine/build/build.js';
import { SHARED_BROWSER_KEY } from '../../engine/render/browser.js';
import type { Material } from '../../engine/model/material.js';
import { listTextUnits, type UnitEntry } from '../../engine/model/units.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';
import { testBuildContext, type TestBuildContext } from '../helpers/buildContext.js';
import type { LabelTexts } from '../../engine/model/labels.js';

export async function sampleMaterial(): Promise<Material> {
  const { material, diagnostics } = await importBriefFile(SAMPLE_BRIEF);
  if (!material) throw new Error(`sample brief did not import: ${JSON.stringify(diagnostics)}`);
  return material;
}

/** Real Tai Viet syllables (assigned code points only), and Hmong Njua words in Latin script. */
const TAI_VIET = ['ꪀꪱꪙ', 'ꪒꪾ', 'ꪶꪀ', 'ꪣꪲ', 'ꪚꪸꪙ', 'ꪕꪮꪉ', 'ꪻꪬ', 'ꪁꪮꪉ', 'ꪭꪱꪉ', 'ꪼꪒ', 'ꪹꪜꪷ', 'ꪎꪴ', 'ꪮꪱꪥ', 'ꪄꪳ'];
const HMONG = ['kev', 'sib', 'yuav', 'raws', 'li', 'txoj', 'cai', 'tus', 'neeg', 'hnub', 'nyoog', 'muaj', 'hluas', 'nkauj', 'nraug', 'tsev', 'hais', 'lus', 'ntawv', 'pab'];

/**
 * A complete "translation" of every text unit: each source word replaced by
 * a word of the target script (numbers kept), so lengths stay realistic and
 * every unit's text stays unique. Stands in for a translator's work.
 */
export function pseudoTranslate(material: Material, language: 'blt' | 'hnj'): Material {
  const copy = structuredClone(material);
  const words = language === 'blt' ? TAI_VIET : HMONG;
  for (const { unit } of listTextUnits(copy)) {
    unit.text = unit.text
      .split(/\s+/)
      .map((w, i) => (/\d/.test(w) ? w : words[(hash(w) + i) % words.length]!))
      .join(' ');
  }
  return copy;
}

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return h;
}

export type TestContext = TestBuildContext;

/** A BuildContext as the build runner makes it (tests/helpers/buildContext.ts), around a browser the test file owns. */
export function makeContext(options: {
  browser: Browser;
  materials: Record<string, Material>;
  /** Label texts per language; the test stand-ins (tests/helpers/labels.ts) otherwise. */
  labels?: Record<string, LabelTexts>;
  languages: string[];
  settings?: Record<string, unknown>;
  outDir?: string;
  signal?: AbortSignal;
}): TestContext {
  const shared = new BuildResources();
  // The file's browser stands in for the build's: the file closes it, not the build.
  void shared.get(SHARED_BROWSER_KEY, async () => options.browser, async () => {});
  return testBuildContext({
    material: options.materials[options.languages[0]!]!,
    materials: options.materials,
    strictMaterials: true,
    languages: options.languages,
    ...(options.labels ? { labels: options.labels } : {}),
    outDir: options.outDir ?? mkdtempSync(path.join(os.tmpdir(), 'luat-print-')),
    ...(options.settings ? { settings: options.settings } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    shared,
  });
}

export function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Text of a PDF (or some of its pages) in content order, whitespace collapsed, page-number lines dropped. */
export function pdfText(file: string, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  const raw = run('pdftotext', ['-raw', '-enc', 'UTF-8', ...range, file, '-']);
  return normalize(
    raw
      .split(/\n|\f/)
      .filter((line) => !/^\s*\d{1,3}\s*$/.test(line))
      .join(' '),
  );
}

/** Text inside a rectangle of one page, in points from the top left (pdftotext -x -y -W -H works in pixels at -r 72). */
export function pdfTextIn(file: string, page: number, box: { x: number; y: number; width: number; height: number }): string {
  const raw = run('pdftotext', [
    '-raw', '-enc', 'UTF-8', '-f', String(page), '-l', String(page), '-r', '72',
    '-x', String(Math.round(box.x)), '-y', String(Math.round(box.y)), '-W', String(Math.round(box.width)), '-H', String(Math.round(box.height)),
    file, '-',
  ]);
  return normalize(raw.split(/\n|\f/).filter((line) => !/^\s*\d{1,3}\s*$/.test(line)).join(' '));
}

export function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Pages and page sizes (points) from pdfinfo. */
export function pdfPages(file: string): { pages: number; sizes: Array<{ width: number; height: number }> } {
  const info = run('pdfinfo', ['-f', '1', '-l', '9999', file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  return { pages, sizes };
}

export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

/** Fonts listed by pdffonts, with whether each is embedded. */
export function pdfFonts(file: string): Array<{ name: string; embedded: boolean }> {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name, type (1–2 words), encoding, emb, sub, uni, object, id: the flags are the 5th–3rd from the end.
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

/** qpdf --check passes without warnings. */
export function qpdfCheck(file: string): string {
  return run('qpdf', ['--check', file]);
}

export function qpdfJson(file: string, key: string): unknown {
  return JSON.parse(run('qpdf', ['--json', `--json-key=${key}`, file]))[key];
}

/** Width and height from a PNG's IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  if (bytes.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Units a print format is expected to print: everything but the audiobook plan (and the situation, where asked). */
export function unitsPrinted(material: Material, filter: (e: UnitEntry, m: Material) => boolean = () => true): UnitEntry[] {
  const kinds = new Map(material.sections.map((s) => [s.id, s.kind]));
  return listTextUnits(material).filter((e) => (e.sectionId === null || kinds.get(e.sectionId) !== 'audiobook') && filter(e, material));
}

export function sectionKind(material: Material, entry: UnitEntry): string | null {
  return entry.sectionId === null ? null : (material.sections.find((s) => s.id === entry.sectionId)?.kind ?? null);
}
