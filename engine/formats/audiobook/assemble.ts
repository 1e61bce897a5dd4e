/**
 * Lays the spoken lines end to end with their pauses, into one mono signal at
 * the book's rate, and records where each part and each line starts.
 *
 * Lines come at their engine's rate (espeak 22.05 kHz, recordings 48 kHz, a
 * cloud voice whatever it sends). Consecutive lines at the same rate are
 * joined in memory; each such run is resampled by ffmpeg in one call, so a
 * book spoken by one engine costs a single resampling.
 */
import { readPcm, resamplePcm, type Pcm } from '../../media/pcm.js';
import type { SpokenLine } from '../../speech/registry.js';
import type { ScriptPart } from './script.js';

export const BOOK_RATE = 44100;
/** Silence before the first word, seconds. */
const LEAD_IN = 0.4;
/** Each line fades in and out this fast, so a line cut from a longer take never starts or stops with a click. */
const FADE_SECONDS = 0.004;

export interface TimelineLine {
  target: string | null;
  /** 'recording' or the engine id. */
  source: string;
  startSec: number;
  endSec: number;
}

export interface PartSpan {
  title: string;
  startSec: number;
  endSec: number;
}

export interface AssembledBook {
  samples: Float32Array;
  sampleRate: number;
  parts: PartSpan[];
  lines: TimelineLine[];
}

interface Piece {
  pcm: Pcm;
  pauseAfter: number;
  part: number;
  line: TimelineLine;
}

/** `spoken[p][i]` is the audio of `parts[p].lines[i]`. */
export async function assembleBook(
  parts: ScriptPart[],
  spoken: SpokenLine[][],
  options: { signal?: AbortSignal } = {},
): Promise<AssembledBook> {
  const pieces: Piece[] = [];
  for (const [p, part] of parts.entries()) {
    for (const [i, line] of part.lines.entries()) {
      const audio = spoken[p]![i]!;
      const pcm = await readPcm(audio.wavPath, { fallbackRate: BOOK_RATE, ...opt(options.signal) });
      pieces.push({ pcm, pauseAfter: line.pauseAfter, part: p, line: { target: line.target, source: audio.source, startSec: 0, endSec: 0 } });
    }
  }

  // Runs of consecutive pieces at one rate, each with its pieces' offsets in that rate.
  const runs: Array<{ rate: number; pieces: Piece[] }> = [];
  for (const piece of pieces) {
    const last = runs[runs.length - 1];
    if (last && last.rate === piece.pcm.sampleRate) last.pieces.push(piece);
    else runs.push({ rate: piece.pcm.sampleRate, pieces: [piece] });
  }

  const chunks: Float32Array[] = [new Float32Array(Math.round(LEAD_IN * BOOK_RATE))];
  let offset = chunks[0]!.length; // samples at BOOK_RATE before the current run
  const partStart = new Map<number, number>();
  for (const run of runs) {
    const starts: number[] = [];
    let length = 0;
    for (const piece of run.pieces) {
      starts.push(length);
      length += piece.pcm.samples.length + Math.round(piece.pauseAfter * run.rate);
    }
    const joined = new Int16Array(length);
    const fade = Math.round(FADE_SECONDS * run.rate);
    for (const [k, piece] of run.pieces.entries()) {
      joined.set(piece.pcm.samples, starts[k]!);
      fadeEdges(joined, starts[k]!, piece.pcm.samples.length, fade);
    }
    const resampled = await resamplePcm({ sampleRate: run.rate, samples: joined }, BOOK_RATE, opt(options.signal));
    const scale = length > 0 ? resampled.samples.length / length : 1;
    for (const [k, piece] of run.pieces.entries()) {
      const start = offset + Math.round(starts[k]! * scale);
      piece.line.startSec = start / BOOK_RATE;
      piece.line.endSec = (start + Math.round(piece.pcm.samples.length * scale)) / BOOK_RATE;
      if (!partStart.has(piece.part)) partStart.set(piece.part, start);
    }
    const f = new Float32Array(resampled.samples.length);
    for (let i = 0; i < f.length; i++) f[i] = resampled.samples[i]! / 32768;
    chunks.push(f);
    offset += f.length;
  }

  const total = offset;
  const samples = new Float32Array(total);
  let at = 0;
  for (const chunk of chunks) {
    samples.set(chunk, at);
    at += chunk.length;
  }
  // Parts tile the whole file: the first starts at 0, each ends where the next begins.
  const partSpans: PartSpan[] = parts.map((part, p) => ({ title: part.title, startSec: 0, endSec: 0 }));
  const startsInOrder = parts.map((_, p) => (p === 0 ? 0 : (partStart.get(p) ?? total)));
  for (let p = 0; p < parts.length; p++) {
    partSpans[p]!.startSec = startsInOrder[p]! / BOOK_RATE;
    partSpans[p]!.endSec = (p + 1 < parts.length ? startsInOrder[p + 1]! : total) / BOOK_RATE;
  }
  return { samples, sampleRate: BOOK_RATE, parts: partSpans, lines: pieces.map((p) => p.line) };
}

function fadeEdges(samples: Int16Array, start: number, length: number, fade: number): void {
  const n = Math.min(fade, Math.floor(length / 2));
  for (let i = 0; i < n; i++) {
    const g = i / n;
    samples[start + i] = Math.round(samples[start + i]! * g);
    samples[start + length - 1 - i] = Math.round(samples[start + length - 1 - i]! * g);
  }
}

function opt(signal: AbortSignal | undefined): { signal?: AbortSignal } {
  return signal ? { signal } : {};
}
