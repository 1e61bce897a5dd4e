/**
 * The voice of every line: the project's recorded clip for that line and
 * language if there is one, else the speech engine for the language, else
 * nothing (the line is then shown long enough to read). Audio comes back as
 * mono float samples at the soundtrack's rate, ready to mix and to drive the
 * puppets' mouths.
 */
import { readPcm, resampleEach, resamplePcm, toFloat, type Pcm } from '../../media/pcm.js';
import { isBatchEngine, type SpeechEngine, type SpeechRequest, type VoiceClipSource, type VoiceSpec } from '../../speech/speechEngine.js';

export const SOUNDTRACK_RATE = 48000;

export interface LineRequest {
  unitId: string;
  text: string;
  voice: VoiceSpec;
}

export interface LineAudio {
  /** Mono samples at SOUNDTRACK_RATE, or null when the line has no voice in this language. */
  samples: Float32Array | null;
  durationSec: number;
  source: 'clip' | 'speech' | 'none';
  engine: string | null;
}

export interface VoiceSources {
  clips: VoiceClipSource | null;
  /** The engine that speaks `language`, or null when none does. */
  engineFor: (language: string) => SpeechEngine | null;
}

/** Audio for each line, in order. Engines with a batch form get one call for all synthesised lines. */
export async function linesAudio(lines: LineRequest[], language: string, sources: VoiceSources, signal?: AbortSignal): Promise<LineAudio[]> {
  const out: Array<LineAudio | null> = lines.map(() => null);
  const toSynthesize: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const clip = sources.clips?.find(lines[i]!.unitId, language) ?? null;
    if (clip) {
      const samples = await loadSamples(clip, signal);
      out[i] = { samples, durationSec: samples.length / SOUNDTRACK_RATE, source: 'clip', engine: null };
    } else toSynthesize.push(i);
  }
  const engine = toSynthesize.length > 0 ? sources.engineFor(language) : null;
  if (engine && engine.supports(language)) {
    const requests: SpeechRequest[] = toSynthesize.map((i) => ({ text: lines[i]!.text, language, voice: lines[i]!.voice }));
    const results = isBatchEngine(engine)
      ? await engine.synthesizeMany(requests, signal)
      : await sequential(requests, (r) => engine.synthesize(r, signal));
    // Read as they are, then brought to the soundtrack's rate together (one ffmpeg run, not one per line).
    // One at a time: a file that is not mono 16-bit WAV is decoded by an ffmpeg of its own.
    const read: Pcm[] = [];
    for (const r of results) read.push(await readPcm(r.wavPath, { ...(signal ? { signal } : {}), fallbackRate: SOUNDTRACK_RATE }));
    const resampled = await resampleEach(read, SOUNDTRACK_RATE, signal ? { signal } : {});
    for (let k = 0; k < toSynthesize.length; k++) {
      const samples = trimSilence(toFloat(resampled[k]!.samples));
      out[toSynthesize[k]!] = { samples, durationSec: samples.length / SOUNDTRACK_RATE, source: 'speech', engine: results[k]!.engine };
    }
  }
  return out.map((a) => a ?? { samples: null, durationSec: 0, source: 'none', engine: null });
}

async function sequential<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

async function loadSamples(file: string, signal?: AbortSignal): Promise<Float32Array> {
  return trimSilence(await decodeMonoFloat(file, signal));
}

/** Drops leading and trailing near-silence (engines pad their output), keeping a few ms. */
export function trimSilence(samples: Float32Array, threshold = 0.004, keepSec = 0.03): Float32Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < threshold) start++;
  while (end > start && Math.abs(samples[end - 1]!) < threshold) end--;
  const keep = Math.round(keepSec * SOUNDTRACK_RATE);
  return samples.slice(Math.max(0, start - keep), Math.min(samples.length, end + keep));
}

/** Any audio file → mono float samples at the soundtrack's rate. */
export async function decodeMonoFloat(file: string, signal?: AbortSignal): Promise<Float32Array> {
  const options = signal ? { signal } : {};
  const pcm = await readPcm(file, { ...options, fallbackRate: SOUNDTRACK_RATE });
  return toFloat((await resamplePcm(pcm, SOUNDTRACK_RATE, options)).samples);
}
