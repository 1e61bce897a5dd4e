/**
 * Benchmark of the audiobook, end to end: a ~10-minute book (speech with a
 * cold cache, assembly, mastering, M4B + MP3 with chapters and cover, and the
 * loudspeaker cut). The sample's chapters are repeated with their text varied,
 * so every line is synthesised. The baseline is the least any pipeline must
 * do in the same process: espeak-ng speaking all the same text in one run,
 * plus one AAC encode of that audio. Goal on 2 cores: ≤ 15 s.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ESpeakNg from 'espeak-ng';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { importBriefFile } from '../../engine/brief/import.js';
import { BuildResources } from '../../engine/build/build.js';
import type { BuildContext } from '../../engine/build/format.js';
import { audiobookFormat } from '../../engine/formats/audiobook/index.js';
import { buildScript } from '../../engine/formats/audiobook/script.js';
import { aacEncoderArgs, runFfmpeg } from '../../engine/media/ffmpeg.js';
import { Material, type Section, type TextUnit } from '../../engine/model/material.js';
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
/** Copies of the sample's four chapters: about ten minutes of speech. */
const REPEATS = 3;

/** The sample with its chapters repeated, each copy's text and ids made distinct. */
export function longMaterial(material: Material, repeats = REPEATS): Material {
  const plan = material.sections.find((s) => s.kind === 'audiobook');
  if (!plan || plan.kind !== 'audiobook') throw new Error('sample has no audiobook plan');
  const byId = new Map(material.sections.map((s) => [s.id, s]));
  const copies: Section[] = [];
  const chapters: typeof plan.chapters = [];
  for (let k = 1; k <= repeats; k++) {
    for (const c of plan.chapters) {
      const section = structuredClone(byId.get(c.sectionId)!);
      const vary = (unit: TextUnit, isHeading = false) => {
        unit.id = `${unit.id}-r${k}`;
        unit.text = isHeading ? `${unit.text}, phần ${k}` : `${unit.text} Xin nhắc lại lần ${k}.`;
      };
      section.id = `${section.id}-r${k}`;
      vary(section.heading, true);
      walkUnits(section, vary);
      copies.push(section);
      chapters.push({ ...c, number: chapters.length + 1, sectionId: section.id });
    }
  }
  const others = material.sections.filter((s) => s.kind !== 'audiobook');
  return Material.parse({ ...material, sections: [...others, ...copies, { ...plan, chapters }] });
}

function walkUnits(section: Section, visit: (unit: TextUnit) => void): void {
  if (section.kind === 'content') {
    for (const b of section.blocks) {
      if (b.type === 'list') b.items.forEach((i) => visit(i.unit));
      else if (b.type === 'table') [b.header, ...b.rows].flat().forEach((c) => c && visit(c));
      else visit(b.unit);
    }
  } else if (section.kind === 'qa') {
    for (const p of section.pairs) {
      visit(p.question);
      visit(p.answer);
    }
  } else if (section.kind === 'keyMessages') {
    section.messages.forEach(visit);
  }
}

/** A Vietnamese build of `material` into `outDir` with these settings, failing on any warning (the audio benchmarks'). */
export function audiobookContext(material: Material, outDir: string, shared: BuildResources, settings: BuildContext['settings'] = {}): BuildContext {
  return {
    material,
    languages: ['vi'],
    materialFor: () => material,
    labelsFor: (language) => testLabels(language),
    outDir,
    settings,
    projectDir: null,
    progress: () => {},
    warn: (d) => {
      throw new Error(`unexpected warning ${d.code}`);
    },
    signal: new AbortController().signal,
    shared,
  };
}

/** The baseline: all the book's text in one espeak-ng run, then one AAC encode of it. */
async function baseline(material: Material, dir: string): Promise<number> {
  const text = buildScript(material, { language: 'vi', voices: { accent: 'north', rate: 0 }, canSynthesize: true, speakerNames: true, clips: null })
    .flatMap((p) => p.lines.map((l) => l.text))
    .join('\n');
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(path.join(path.dirname(require.resolve('espeak-ng')), 'espeak-ng.wasm'));
  const started = performance.now();
  const mod = await WebAssembly.compile(wasm);
  const es = await ESpeakNg({
    arguments: ['-v', 'vi', '-s', '155', '-f', '/in.txt', '-w', '/out.wav'],
    preRun: [(m) => m.FS.writeFile('/in.txt', text)],
    instantiateWasm(imports, done) {
      void WebAssembly.instantiate(mod, imports).then((i) => done(i, mod));
      return {};
    },
    print: () => {},
    printErr: () => {},
  });
  const wav = path.join(dir, 'baseline.wav');
  writeFileSync(wav, es.FS.readFile('/out.wav'));
  await runFfmpeg(['-v', 'error', '-y', '-i', wav, ...(await aacEncoderArgs('64k')), '-f', 'mp4', path.join(dir, 'baseline.m4a')]);
  return (performance.now() - started) / 1000;
}

export async function benchAudio(): Promise<BenchResult[]> {
  const { material: sample } = await importBriefFile(SAMPLE);
  if (!sample) throw new Error('sample brief did not import');
  const long = longMaterial(sample);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'luat-bench-audio-'));
  // Each build's resources (the cover's browser) are closed after it, as a build closes them: left open, they kept
  // the benchmark's process from ever exiting.
  const warmShared = new BuildResources();
  const shared = new BuildResources();
  try {
    // Warm-up (WASM compile, module loading, first ffmpeg runs) on the short sample, not timed.
    await audiobookFormat.build(audiobookContext(sample, path.join(dir, 'warm'), warmShared));
    await warmShared.disposeAll();
    const base = await baseline(long, dir);
    const started = performance.now();
    const entries = await audiobookFormat.build(audiobookContext(long, path.join(dir, 'long'), shared));
    const seconds = (performance.now() - started) / 1000;
    const minutes = (entries.find((e) => e.variant === 'm4b')?.durationSec ?? 0) / 60;
    return [
      {
        name: `audiobook end to end, ${minutes.toFixed(1)} min (speech, master, M4B + MP3, loudspeaker cut)`,
        seconds,
        baselineSeconds: base,
        ratio: seconds / base,
        goalSeconds: 15,
      },
    ];
  } finally {
    await warmShared.disposeAll();
    await shared.disposeAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  for (const r of await benchAudio()) {
    console.log(`${r.name}: ${r.seconds.toFixed(2)} s (baseline ${r.baselineSeconds.toFixed(2)} s, ×${r.ratio.toFixed(2)}, goal ≤ ${r.goalSeconds} s)`);
  }
}
