/**
 * The one place that runs ffmpeg and ffprobe.
 *
 * Users' PCs have no ffmpeg of their own, so we use the pair that Remotion's
 * compositor package ships for this platform (the same binaries Remotion
 * renders with). That build has a reduced set of filters: aresample, atrim,
 * concat, loudnorm, volume, silencedetect … but no acompressor, alimiter,
 * afftdn, silenceremove, ebur128 or drawtext; engine/media/dynamics.ts and
 * engine/media/recording.ts do those jobs in-process instead.
 *
 * Failures become a StudioError; ffmpeg's own last lines go into the error's
 * cause (for the crash log), never into the message a user reads.
 */
import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { StudioError } from '../errors.js';
import { killTethered, spawnTethered } from '../runTemp.js';
import { writeCrashLog } from '../crashLog.js';
import { diskFullFromToolOutput } from '../fsErrors.js';

export interface MediaBinaries {
  ffmpeg: string;
  ffprobe: string;
  /** Folder holding the binaries and their shared libraries; ffmpeg runs with it as cwd, as Remotion does. */
  dir: string;
}

const require = createRequire(import.meta.url);

/** npm package of Remotion's compositor for this platform, chosen as @remotion/renderer chooses it. */
export function compositorPackageName(platform = process.platform, arch = process.arch): string {
  if (platform === 'win32' && arch === 'x64') return '@remotion/compositor-win32-x64-msvc';
  if (platform === 'darwin' && (arch === 'x64' || arch === 'arm64')) return `@remotion/compositor-darwin-${arch}`;
  if (platform === 'linux' && (arch === 'x64' || arch === 'arm64')) {
    return `@remotion/compositor-linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
  }
  throw new StudioError('media.unsupportedPlatform', { platform, arch });
}

function isMusl(): boolean {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return !report?.header?.glibcVersionRuntime;
}

let cached: MediaBinaries | null = null;

/**
 * ffmpeg and ffprobe to run. LUAT_STUDIO_FFMPEG_DIR overrides the folder (a
 * packaged app unpacks the compositor outside its archive); otherwise the
 * compositor package installed next to @remotion/renderer.
 */
export function mediaBinaries(): MediaBinaries {
  if (cached) return cached;
  let dir = process.env['LUAT_STUDIO_FFMPEG_DIR'];
  if (!dir) {
    const name = compositorPackageName();
    try {
      dir = (require(name) as { dir: string }).dir;
    } catch (err) {
      throw new StudioError('media.ffmpegMissing', { path: name }, { cause: err });
    }
  }
  const exe = process.platform === 'win32' ? '.exe' : '';
  const found: MediaBinaries = {
    ffmpeg: path.join(dir, `ffmpeg${exe}`),
    ffprobe: path.join(dir, `ffprobe${exe}`),
    dir,
  };
  for (const bin of [found.ffmpeg, found.ffprobe]) {
    if (!existsSync(bin)) throw new StudioError('media.ffmpegMissing', { path: bin });
    ensureExecutable(bin);
  }
  cached = found;
  return found;
}

/** npm sometimes unpacks binaries without the execute bit (Remotion checks this too). */
function ensureExecutable(file: string): void {
  if (process.platform === 'win32') return;
  try {
    accessSync(file, constants.X_OK);
  } catch {
    chmodSync(file, 0o755);
  }
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Seconds of output written so far, from ffmpeg's `-progress` report. */
  onProgress?: (outSeconds: number) => void;
  /** Bytes fed to ffmpeg's stdin, for an input of `pipe:0`: raw PCM from memory, or a stream written while ffmpeg runs. */
  stdin?: Uint8Array | Readable;
  /** Keep stdout (for an output of `pipe:1`); otherwise stdout carries the progress report. */
  captureStdout?: boolean;
}

export interface RunResult {
  /** The tail of stderr (filters such as loudnorm print their results there). */
  stderr: string;
  stdout: Buffer;
}

/** How much of stderr to keep: enough for loudnorm's JSON and the lines before an error. */
const STDERR_KEEP = 64 * 1024;

/**
 * A path as an ffconcat script quotes it: in single quotes, a quote inside written as '\'', and
 * Windows backslashes as slashes (ffmpeg takes either).
 */
export function ffconcatPath(file: string): string {
  return `'${file.split(path.sep).join('/').replace(/'/g, "'\\''")}'`;
}

/**
 * Output options for an MP4 that carries a timed-text (mov_text) track. The MP4 muxer writes an empty
 * subtitle sample at 0 when a picture or sound packet past 0 reaches it before the track's first sample,
 * and by default it does not wait for a sparse track: which came first depended on how ffmpeg's input
 * threads were scheduled (about 1 mux in 40 on a busy machine), so the same inputs gave two different
 * tracks. Waiting for every stream before writing makes the order, and the file, the same every time.
 */
export const MUX_WAITS_FOR_EVERY_STREAM = ['-max_interleave_delta', '0'] as const;

/**
 * Runs ffmpeg with `args` (without the program name). Resolves when ffmpeg
 * exits 0; rejects with StudioError('media.ffmpegFailed') otherwise, or with
 * the signal's reason when cancelled (ffmpeg is killed at once).
 */
export function runFfmpeg(args: string[], options: RunOptions = {}): Promise<RunResult> {
  const { ffmpeg } = mediaBinaries();
  const progress = options.onProgress && !options.captureStdout ? ['-progress', 'pipe:1', '-nostats'] : ['-nostats'];
  return runTool('ffmpeg', ffmpeg, ['-hide_banner', ...progress, ...args], options);
}

export interface ProbeStream {
  index: number;
  codec_type: 'audio' | 'video' | 'data' | 'subtitle' | string;
  codec_name?: string;
  sample_rate?: string;
  channels?: number;
  width?: number;
  height?: number;
  duration?: string;
  /** Video: the frame rate as a fraction ('25/1'), and its average over the stream. */
  r_frame_rate?: string;
  avg_frame_rate?: string;
  /** Frames (or audio packets) in the stream, as the container counts them. */
  nb_frames?: string;
  disposition?: Record<string, number>;
  tags?: Record<string, string>;
}

export interface ProbeChapter {
  id: number;
  start_time: string;
  end_time: string;
  tags?: Record<string, string>;
}

export interface ProbeResult {
  format: { format_name: string; duration?: string; bit_rate?: string; tags?: Record<string, string> };
  streams: ProbeStream[];
  chapters: ProbeChapter[];
}

/** ffprobe's view of a media file (format, streams, chapters), parsed from its JSON output. */
export async function ffprobe(file: string, options: { signal?: AbortSignal } = {}): Promise<ProbeResult> {
  const { ffprobe: bin } = mediaBinaries();
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', file];
  const { stdout } = await runTool('ffprobe', bin, args, { ...options, captureStdout: true });
  try {
    const parsed = JSON.parse(stdout.toString('utf8')) as Partial<ProbeResult>;
    if (!parsed.format) throw new Error('no format in ffprobe output');
    return { format: parsed.format, streams: parsed.streams ?? [], chapters: parsed.chapters ?? [] };
  } catch (err) {
    throw new StudioError('media.probeFailed', { file: path.basename(file) }, { cause: err });
  }
}

function runTool(tool: 'ffmpeg' | 'ffprobe', bin: string, args: string[], options: RunOptions): Promise<RunResult> {
  const { signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const dir = path.dirname(bin);
    const child = spawnTethered(bin, args, {
      cwd: dir,
      // macOS ignores the binaries' rpath in some setups; Remotion sets this too.
      env: process.platform === 'darwin' ? { ...process.env, DYLD_LIBRARY_PATH: dir } : process.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stderr = '';
    const stdoutChunks: Buffer[] = [];
    let progressLine = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr += chunk;
      if (stderr.length > STDERR_KEEP * 2) stderr = stderr.slice(-STDERR_KEEP);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (options.captureStdout) {
        stdoutChunks.push(chunk);
        return;
      }
      if (!options.onProgress) return;
      progressLine += chunk.toString('utf8');
      const lines = progressLine.split('\n');
      progressLine = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^out_time_us=(\d+)/.exec(line);
        if (m) options.onProgress(Number(m[1]) / 1e6);
      }
    });
    if (options.stdin && child.stdin) {
      // ffmpeg may stop reading early (an error, or a cancel): that is not our failure.
      child.stdin.on('error', () => {});
      if (options.stdin instanceof Readable) options.stdin.pipe(child.stdin);
      else child.stdin.end(options.stdin);
    }
    const onAbort = () => killTethered(child);
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(new StudioError('media.ffmpegMissing', { path: bin }, { cause: err }));
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      // The tethering shell (../runTemp.ts) reports a missing program as 127.
      if (code === 127 && !existsSync(bin)) {
        reject(new StudioError('media.ffmpegMissing', { path: bin }));
        return;
      }
      const tail = stderr.slice(-STDERR_KEEP);
      if (code === 0) {
        resolve({ stderr: tail, stdout: Buffer.concat(stdoutChunks) });
        return;
      }
      const diskFull = diskFullFromToolOutput(tail, args.at(-1) ?? dir);
      if (diskFull) {
        reject(diskFull);
        return;
      }
      const lastLines = tail.trimEnd().split('\n').slice(-15).join('\n');
      const cause = new Error(`${tool} exited with ${code}\nargs: ${args.join(' ')}\n${lastLines}`);
      // The message names the log, so the log must exist: written here, where the detail is.
      const log = writeCrashLog(cause, tool);
      reject(new StudioError(log ? 'media.ffmpegFailed' : 'media.ffmpegFailedNoLog', { tool, log: log ?? '-' }, { cause }));
    });
  });
}

/** Encoders this ffmpeg has (its -encoders list), asked once per process. */
let encoderList: Promise<Set<string>> | null = null;
export function availableEncoders(): Promise<Set<string>> {
  encoderList ??= runFfmpeg(['-encoders'], { captureStdout: true }).then(({ stdout }) => {
    const names = new Set<string>();
    for (const line of stdout.toString('utf8').split('\n')) {
      const m = /^\s[VAS][F.][S.][X.][B.][D.]\s+(\S+)/.exec(line);
      if (m?.[1]) names.add(m[1]);
    }
    return names;
  });
  return encoderList;
}

/** AAC encoder arguments: Fraunhofer's libfdk_aac when the build has it (several times faster than ffmpeg's own). */
export async function aacEncoderArgs(bitrate: string): Promise<string[]> {
  const encoders = await availableEncoders();
  return encoders.has('libfdk_aac') ? ['-c:a', 'libfdk_aac', '-b:a', bitrate] : ['-c:a', 'aac', '-aac_coder', 'fast', '-b:a', bitrate];
}
