/**
 * Benchmark of the print formats, warm (browser started, fonts cached, one
 * run thrown away): a 16-page booklet (screen + imposed print PDF) and each
 * infographic. The baseline is a plain page.pdf() of a one-page HTML in the
 * same browser, so the ratio says how much our pipeline adds to Chromium.
 * Goals (2-core machine): booklet ≤ 3 s, infographic ≤ 1.5 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { importBriefFile } from '../../engine/brief/import.js';
import { buildBookletEdition } from '../../engine/formats/print/booklet.js';
import { INFOGRAPHIC_VARIANTS, buildInfographic } from '../../engine/formats/print/infographic.js';
import { infographicVisuals } from '../../engine/formats/print/infographicVisuals.js';
import { resolvePrintSettings } from '../../engine/formats/print/settings.js';
import type { Material, Section } from '../../engine/model/material.js';
import { listTextUnits } from '../../engine/model/units.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { testLabels } from '../helpers/labels.js';

export interface BenchResult {
  name: string;
  seconds: number;
  baselineSeconds: number;
  ratio: number;
  goalSeconds: number;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLE = path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md');
const RUNS = 3;

export async function benchPrint(): Promise<BenchResult[]> {
  const { material } = await importBriefFile(SAMPLE);
  if (!material) throw new Error('sample brief did not import');
  const long = sixteenPages(material);
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'luat-bench-print-'));
  const browser = await launchBrowser();
  try {
    const settings = await resolvePrintSettings({ editionDate: '2025-11-20' }, null);
    const ctx = (m: Material) => ({ materialFor: () => m, labelsFor: testLabels, outDir, signal: new AbortController().signal });
    const baselineSeconds = await median(() => trivialPdf(browser));
    const results: BenchResult[] = [];
    let pages = 0;
    const booklet = await median(async () => {
      const [screen] = await buildBookletEdition(ctx(long), browser, settings, ['vi']);
      pages = screen!.pages ?? 0;
    });
    results.push(result(`booklet ${pages} pages (screen + print)`, booklet, baselineSeconds, 3));
    const visuals = infographicVisuals(material, {});
    for (const size of INFOGRAPHIC_VARIANTS) {
      const seconds = await median(() => buildInfographic(ctx(material), browser, settings, 'vi', size, visuals));
      results.push(result(`infographic ${size}`, seconds, baselineSeconds, 1.5));
    }
    return results;
  } finally {
    await browser.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

function result(name: string, seconds: number, baselineSeconds: number, goalSeconds: number): BenchResult {
  return { name, seconds, baselineSeconds, ratio: seconds / baselineSeconds, goalSeconds };
}

/** One warm-up run, then the median of RUNS timed runs, in seconds. */
async function median(task: () => Promise<unknown>): Promise<number> {
  await task();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await task();
    times.push((performance.now() - start) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

async function trivialPdf(browser: Browser): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><html><body><p>Luật Studio</p></body></html>');
    await page.pdf({ format: 'A5' });
  } finally {
    await page.close();
  }
}

/** The sample with its explanations repeated under new ids until the classic booklet runs to 16 pages. */
function sixteenPages(material: Material): Material {
  const long = structuredClone(material);
  const content = material.sections.filter((s) => s.kind === 'content');
  const extra: Section[] = [];
  for (let copy = 2; extra.length < 5; copy++) {
    for (const section of content) {
      if (extra.length >= 5) break;
      const clone = structuredClone(section);
      clone.id = `${section.id}-${copy}`;
      const units = listTextUnits({ ...long, sections: [clone] }).filter((e) => e.sectionId === clone.id);
      for (const { unit } of units) unit.id = `${unit.id}-${copy}`;
      extra.push(clone);
    }
  }
  const audiobook = long.sections.findIndex((s) => s.kind === 'audiobook');
  long.sections.splice(audiobook < 0 ? long.sections.length : audiobook, 0, ...extra);
  return long;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchPrint()) {
    const verdict = r.seconds <= r.goalSeconds ? 'ok' : 'SLOW';
    console.log(`${r.name.padEnd(40)} ${r.seconds.toFixed(2)} s  (baseline ${r.baselineSeconds.toFixed(2)} s, ×${r.ratio.toFixed(1)}, goal ${r.goalSeconds} s) ${verdict}`);
  }
}
