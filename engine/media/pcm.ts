/**
 * Mono 16-bit PCM in memory: what speech engines produce and what the
 * audiobook assembles before mastering. WAV files are parsed with wavefile;
 * anything that is not plain mono 16-bit PCM goes through ffmpeg instead.
 */
import { readFile, writeFile } from 'node:fs/promises';
import wavefile from 'wavefile';
import { writeCrashLog } from '../crashLog.js';
import { StudioError } from '../errors.js';
import { runFfmpeg } from './ffmpeg.js';

export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

interface WavFmt {
  audioFormat: number;
  numChannels: number;
  sampleRate: number;
  bitsPerSample: number;
}

export function durationOf(pcm: Pcm): number {
  return pcm.samples.length / pcm.sampleRate;
}

/** Parses WAV bytes holding mono 16-bit PCM; null for any other layout (the caller decodes with ffmpeg). */
export function parseMonoWav(bytes: Uint8Array): Pcm | null {
  let wav: InstanceType<typeof wavefile.WaveFile>;
  try {
    wav = new wavefile.WaveFile(bytes);
  } catch {
    return null;
  }
  const fmt = wav.fmt as WavFmt;
  const data = (wav.data as { samples: Uint8Array }).samples;
  if (fmt.audioFormat !== 1 || fmt.numChannels !== 1 || fmt.bitsPerSample !== 16) return null;
  // Copy: the parsed view may start at an odd byte offset, which Int16Array cannot view.
  const samples = new Int16Array(data.byteLength >> 1);
  new Uint8Array(samples.buffer).set(data.subarray(0, samples.byteLength));
  return { sampleRate: fmt.sampleRate, samples };
}

/** Reads any audio file as mono 16-bit PCM, at its own rate when it is a mono 16-bit WAV, else at `fallbackRate`. */
export async function readPcm(file: string, options: { signal?: AbortSignal; fallbackRate?: number } = {}): Promise<Pcm> {
  const bytes = await readFile(file);
  const parsed = parseMonoWav(bytes);
  if (parsed) return parsed;
  return decodeToPcm(file, options.fallbackRate ?? 48000, options);
}

/** Decodes any audio ffmpeg reads (WAV, MP3, M4A, OGG, WebM …) to mono 16-bit PCM at `sampleRate`. */
export async function decodeToPcm(file: string, sampleRate: number, options: { signal?: AbortSignal } = {}): Promise<Pcm> {
  const args = ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(sampleRate), ...PIPE_OUT];
  let stdout: Buffer;
  try {
    ({ stdout } = await runFfmpeg(args, { ...options, captureStdout: true }));
  } catch (err) {
    if (err instanceof StudioError && err.code === 'media.ffmpegFailed') {
      throw new StudioError('media.unreadableAudio', { file: file.split(/[\\/]/).pop() ?? file }, { cause: err });
    }
    throw err;
  }
  return { sampleRate, samples: samplesFromPipedWav(stdout) };
}

/**
 * The ffmpeg we ship has no raw PCM muxer, so PCM comes back as a WAV on a
 * pipe, whose header cannot hold the final size (ffmpeg cannot seek back to
 * write it). We read it as what it is: our own pcm_s16le mono stream, whose
 * samples are everything after the `data` chunk header.
 */
const PIPE_OUT = ['-c:a', 'pcm_s16le', '-f', 'wav', 'pipe:1'];

function samplesFromPipedWav(bytes: Buffer): Int16Array {
  const at = bytes.indexOf('data', 12, 'ascii');
  if (at < 0) {
    const cause = new Error('no data chunk in piped WAV');
    throw new StudioError('media.ffmpegFailed', { tool: 'ffmpeg', log: writeCrashLog(cause, 'ffmpeg') ?? '-' }, { cause });
  }
  const body = bytes.subarray(at + 8);
  const samples = new Int16Array(body.byteLength >> 1);
  new Uint8Array(samples.buffer).set(body.subarray(0, samples.byteLength));
  return samples;
}

/** Canonical 44-byte header of a mono 16-bit PCM WAV. */
export function wavHeader(sampleRate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

export function encodeWav(pcm: Pcm): Buffer {
  const data = Buffer.from(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
  return Buffer.concat([wavHeader(pcm.sampleRate, data.byteLength), data]);
}

export async function writeWav(file: string, pcm: Pcm): Promise<void> {
  await writeFile(file, encodeWav(pcm));
}

export function toFloat(samples: Int16Array): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return out;
}

/**
 * Float samples (±1) as 16-bit, rounded half up and clipped. Every loudness
 * measurement goes through it (~175 M samples in the sample's demo), and
 * Math.round cost five times what floor(x + 0.5) does, which is the same for
 * any float32 sample.
 */
export function toInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0, n = samples.length; i < n; i++) {
    const v = samples[i]! * 32768 + 0.5;
    out[i] = Math.floor(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
  }
  return out;
}

/** Resamples mono PCM with ffmpeg's resampler (one process, memory to memory). */
export async function resamplePcm(pcm: Pcm, sampleRate: number, options: { signal?: AbortSignal } = {}): Promise<Pcm> {
  if (pcm.sampleRate === sampleRate) return pcm;
  const args = [
    '-v', 'error', '-f', 's16le', '-ar', String(pcm.sampleRate), '-ac', '1', '-i', 'pipe:0',
    '-af', `aresample=${sampleRate}`, ...PIPE_OUT,
  ];
  const stdin = new Uint8Array(pcm.samples.buffer, pcm.samples.byteOffset, pcm.samples.byteLength);
  const { stdout } = await runFfmpeg(args, { ...options, stdin, captureStdout: true });
  return { sampleRate, samples: samplesFromPipedWav(stdout) };
}

/** Silence around each clip joined by resampleEach: far longer than the resampler's filter (32 taps). */
const JOIN_GAP_SECONDS = 0.05;

/**
 * Several clips resampled to `sampleRate`, in one ffmpeg run per input rate:
 * starting ffmpeg from the studio's large process costs ~45 ms, more than
 * resampling a spoken line (the sample's 68 video lines took 0.8 s one run
 * each, 0.2 s in one). The clips are joined with silence around each, every clip starting
 * on a whole period of the two rates (so its first sample lands on an output
 * sample, as it would alone), and cut apart after.
 */
export async function resampleEach(clips: readonly Pcm[], sampleRate: number, options: { signal?: AbortSignal } = {}): Promise<Pcm[]> {
  const out: Pcm[] = clips.map((clip) => (clip.sampleRate === sampleRate ? clip : { sampleRate, samples: new Int16Array(0) }));
  const rates = [...new Set(clips.map((c) => c.sampleRate))].filter((rate) => rate !== sampleRate);
  for (const rate of rates) {
    const divisor = gcd(rate, sampleRate);
    // Every `period` input samples are exactly `outPeriod` output samples.
    const period = rate / divisor;
    const outPeriod = sampleRate / divisor;
    const gap = Math.ceil((JOIN_GAP_SECONDS * rate) / period) * period;
    const indices = clips.flatMap((c, i) => (c.sampleRate === rate ? [i] : []));
    const starts: number[] = [];
    let length = gap;
    for (const i of indices) {
      starts.push(length);
      length += Math.ceil(clips[i]!.samples.length / period) * period + gap;
    }
    const joined = new Int16Array(length);
    indices.forEach((i, k) => joined.set(clips[i]!.samples, starts[k]!));
    const resampled = (await resamplePcm({ sampleRate: rate, samples: joined }, sampleRate, options)).samples;
    indices.forEach((i, k) => {
      const from = (starts[k]! / period) * outPeriod;
      const to = Math.min(resampled.length, from + Math.round((clips[i]!.samples.length * outPeriod) / period));
      out[i] = { sampleRate, samples: resampled.slice(from, Math.max(from, to)) };
    });
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
