/**
 * EBU R128 loudness: measure, then normalise with one linear gain (two-pass
 * loudnorm), for the audiobook, the loudspeaker cut and the video soundtrack.
 *
 * Pass 1 measures. loudnorm always reports the input's integrated loudness,
 * true peak and range; we run it in linear mode with placeholder "measured"
 * values so it does only a gain, not its 192 kHz dynamic processing: the
 * report is the same and the pass is about ten times faster.
 * Pass 2 applies one constant gain, so speech keeps its dynamics. That is
 * what loudnorm's linear mode does, but loudnorm resamples to 192 kHz and back
 * to do it (several times slower than encoding); when the gain fits under the
 * true-peak ceiling we apply it with ffmpeg's `volume` instead, which is the
 * same gain. When it does not fit, pass 2 is loudnorm in dynamic mode with the
 * measured values. Callers that must stay linear limit the peaks first
 * (engine/media/speechMaster.ts) and check `fitsLinear`.
 */
import { StudioError } from '../errors.js';
import { runFfmpeg, type RunOptions } from './ffmpeg.js';
import { limit, type LimiterSettings } from './dynamics.js';

export interface LoudnessTarget {
  /** Integrated loudness, LUFS. */
  integrated: number;
  /** Maximum true peak, dBTP. */
  truePeak: number;
  /** Loudness range the filter may keep, LU (linear mode needs measured ≤ this). */
  range?: number;
}

export interface LoudnessStats {
  integrated: number;
  truePeak: number;
  range: number;
  threshold: number;
}

/** Audio from a file, or mono 16-bit PCM held in memory (sent on stdin). */
export type AudioInput = { path: string } | { pcm: Int16Array; sampleRate: number };

export function inputArgs(input: AudioInput): { args: string[]; stdin?: Uint8Array } {
  if ('path' in input) return { args: ['-i', input.path] };
  return {
    args: ['-f', 's16le', '-ar', String(input.sampleRate), '-ac', '1', '-i', 'pipe:0'],
    stdin: new Uint8Array(input.pcm.buffer, input.pcm.byteOffset, input.pcm.byteLength),
  };
}

const DEFAULT_RANGE = 11;

/** Pass 1: integrated loudness, true peak, range and gate threshold of `input`. */
export async function measureLoudness(input: AudioInput, options: Pick<RunOptions, 'signal'> = {}): Promise<LoudnessStats> {
  const { args, stdin } = inputArgs(input);
  // Placeholder values chosen so that loudnorm takes its cheap linear path.
  const filter = 'loudnorm=I=-24:TP=-2:LRA=20:measured_I=-24:measured_TP=-10:measured_LRA=1:measured_thresh=-34:linear=true:print_format=json';
  const run = await runFfmpeg(['-loglevel', 'info', ...args, '-map', '0:a:0', '-af', filter, '-f', 'null', '-'], {
    ...options,
    ...(stdin ? { stdin } : {}),
  });
  const report = parseLoudnormReport(run.stderr);
  return {
    integrated: report.input_i,
    truePeak: report.input_tp,
    range: report.input_lra,
    threshold: report.input_thresh,
  };
}

/** True when one gain can bring `measured` to `target` without the true peak passing the target's ceiling. */
export function fitsLinear(measured: LoudnessStats, target: LoudnessTarget, marginDb = 0.1): boolean {
  return measured.truePeak + (target.integrated - measured.integrated) <= target.truePeak - marginDb;
}

/**
 * A pass-2 loudnorm filter given pass 1's measurements, then back to
 * `sampleRate` (loudnorm works at 192 kHz internally). loudnorm applies one
 * linear gain when it fits, else its dynamic mode.
 */
export function loudnormSecondPass(measured: LoudnessStats, target: LoudnessTarget, sampleRate: number): string {
  const range = Math.min(50, Math.max(target.range ?? DEFAULT_RANGE, measured.range + 1));
  const fixed = (n: number) => n.toFixed(2);
  // loudnorm refuses linear mode for a measured range or loudness of exactly 0 (it reads them as "not given").
  const measuredRange = Math.max(measured.range, 0.1);
  const measuredI = measured.integrated === 0 ? -0.01 : measured.integrated;
  return [
    `loudnorm=I=${fixed(target.integrated)}:TP=${fixed(target.truePeak)}:LRA=${fixed(range)}`,
    `measured_I=${fixed(measuredI)}:measured_TP=${fixed(measured.truePeak)}`,
    `measured_LRA=${fixed(measuredRange)}:measured_thresh=${fixed(measured.threshold)}`,
    'offset=0:linear=true:print_format=json',
  ].join(':') + `,aresample=${sampleRate}`;
}

export interface NormalizeOptions extends Pick<RunOptions, 'signal' | 'onProgress'> {
  /** Output sample rate (default 48000). */
  sampleRate?: number;
  /** Encoder and muxer arguments placed before the output path, e.g. ['-c:a', 'pcm_s16le']. */
  outputArgs?: string[];
  /** Already measured (skip pass 1). */
  measured?: LoudnessStats;
}

export interface NormalizeResult {
  measured: LoudnessStats;
  /** What loudnorm did in pass 2: 'dynamic' means it could not stay linear (peaks too high). */
  mode: 'linear' | 'dynamic';
}

/** Two-pass loudness normalisation of `input` into `outputPath` (written as given: callers commit temp files themselves). */
export async function normalizeLoudness(
  input: AudioInput,
  outputPath: string,
  target: LoudnessTarget,
  options: NormalizeOptions = {},
): Promise<NormalizeResult> {
  const measured = options.measured ?? (await measureLoudness(input, options));
  if (!Number.isFinite(measured.integrated)) throw new StudioError('media.silentAudio');
  const { args, stdin } = inputArgs(input);
  const sampleRate = options.sampleRate ?? 48000;
  const linear = fitsLinear(measured, target, 0);
  const filter = linear
    ? `volume=${(target.integrated - measured.integrated).toFixed(3)}dB,aresample=${sampleRate}`
    : loudnormSecondPass(measured, target, sampleRate);
  await runFfmpeg(['-loglevel', 'info', '-y', ...args, '-map', '0:a:0', '-af', filter, ...(options.outputArgs ?? []), outputPath], {
    ...options,
    ...(stdin ? { stdin } : {}),
  });
  return { measured, mode: linear ? 'linear' : 'dynamic' };
}

interface LoudnormReport {
  input_i: number;
  input_tp: number;
  input_lra: number;
  input_thresh: number;
  normalization_type: string;
}

/** loudnorm's print_format=json block, the last JSON object in ffmpeg's stderr. */
export function parseLoudnormReport(stderr: string): LoudnormReport {
  const start = stderr.lastIndexOf('{');
  const end = stderr.lastIndexOf('}');
  if (start < 0 || end < start) throw new StudioError('media.loudnessFailed', {}, { cause: new Error(stderr.slice(-2000)) });
  let raw: Record<string, string>;
  try {
    raw = JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  } catch (err) {
    throw new StudioError('media.loudnessFailed', {}, { cause: err });
  }
  // Silence measures as "-inf"; keep it as -Infinity rather than NaN.
  const num = (key: string) => {
    const v = raw[key] ?? '';
    return /^-inf/.test(v) ? -Infinity : /^inf/.test(v) ? Infinity : Number(v);
  };
  return {
    input_i: num('input_i'),
    input_tp: num('input_tp'),
    input_lra: num('input_lra'),
    input_thresh: num('input_thresh'),
    normalization_type: raw['normalization_type'] ?? '',
  };
}

/**
 * The measure ↔ limit loop shared by the speech master and the video
 * soundtrack: measures `x`, and while one linear gain to `target` would push
 * its true peak over the ceiling (more than `slackDb`), limits its peaks in
 * place at `ceilingFor(measured, attempt)` and measures again, at most
 * `attempts` times. Returns the last measurement; the caller decides whether
 * it fits well enough.
 */
export async function limitUntilLinearFits(
  x: Float32Array,
  sampleRate: number,
  target: LoudnessTarget,
  measure: (x: Float32Array) => Promise<LoudnessStats>,
  loop: { attempts: number; slackDb: number; ceilingFor: (measured: LoudnessStats, attempt: number) => number; limiter?: Omit<LimiterSettings, 'ceilingDb'> },
): Promise<LoudnessStats> {
  let measured = await measure(x);
  for (let attempt = 0; attempt < loop.attempts && Number.isFinite(measured.integrated) && !fitsLinear(measured, target, loop.slackDb); attempt++) {
    limit(x, sampleRate, { ceilingDb: loop.ceilingFor(measured, attempt), ...loop.limiter });
    measured = await measure(x);
  }
  return measured;
}
