/**
 * Assembles the captured pictures into the finished MP4.
 *
 * The video is encoded in chunks of a few seconds while Chromium is still
 * capturing later ones, so x264 runs beside the capture instead of after it.
 * For each chunk an ffconcat list gives each distinct picture once, at its
 * own time; x264 encodes only those (ENCODER_PRESETS below), and skip
 * pictures then hold each for its frames (engine/media/h264Hold.ts), so the
 * chunk is a constant 25 fps, as platforms expect, for the price of its
 * distinct pictures: a picture is decoded, colour-converted and encoded once
 * however long it stays.
 * Finally the chunks' held streams are joined as they are (one H.264 stream;
 * each chunk starts with its own parameter sets and IDR picture) and put in
 * the MP4 at the constant rate, with the soundtrack and the subtitle tracks
 * copied in, moov first (+faststart).
 *
 * The share version (./shareVersion.ts), when asked for, is encoded by the same
 * ffmpeg runs from the same pictures: each distinct picture is decoded and
 * scaled to 720p once, and a second x264 writes a second chunk file. That costs
 * a fraction of transcoding the finished video (which decodes and scales every
 * one of its frames), and the share version loses no quality to a second
 * compression.
 */
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { ffconcatPath, runFfmpeg } from '../../media/ffmpeg.js';
import { holdPictures } from '../../media/h264Hold.js';
import type { PictureCache } from './pictureCache.js';
import { contentKey } from './pictureKey.js';
import { SHARE_VIDEO_ENCODER } from './shareVersion.js';

export interface Chunk {
  /** Output frames [start, end). */
  start: number;
  end: number;
}

export const CHUNK_SECONDS = 8;

export function chunksOf(total: number, fps: number, seconds = CHUNK_SECONDS): Chunk[] {
  const size = Math.max(1, Math.round(seconds * fps));
  const out: Chunk[] = [];
  for (let start = 0; start < total; start += size) out.push({ start, end: Math.min(total, start + size) });
  return out;
}

/** Runs of equal shots in [start, end): each shot and how many output frames it is held for. */
export function shotRuns(shotOf: Int32Array, chunk: Chunk): Array<{ shot: number; frames: number }> {
  const runs: Array<{ shot: number; frames: number }> = [];
  let runStart = chunk.start;
  for (let f = chunk.start + 1; f <= chunk.end; f++) {
    if (f < chunk.end && shotOf[f] === shotOf[runStart]) continue;
    runs.push({ shot: shotOf[runStart]!, frames: f - runStart });
    runStart = f;
  }
  return runs;
}

/** `runs` (shotRuns) as an ffconcat script: `files[shot]` is the picture of a shot (an absolute path). */
export function concatScript(files: readonly string[], runs: ReadonlyArray<{ shot: number; frames: number }>, fps: number): string {
  const lines = ['ffconcat version 1.0'];
  for (const run of runs) lines.push(`file ${ffconcatPath(files[run.shot]!)}`, `duration ${(run.frames / fps).toFixed(6)}`);
  // The demuxer ignores the last entry's duration; a repeat of it marks where the chunk ends.
  lines.push(`file ${ffconcatPath(files[runs[runs.length - 1]!.shot]!)}`);
  return `${lines.join('\n')}\n`;
}

export type EncoderPreset = 'standard' | 'reference';

/**
 * x264 settings. `standard` is chosen for flat animation: tune animation
 * deblocks and quantises for flat areas and hard edges, and a chunk has one
 * key frame (size and SSIM against `reference` are measured by
 * `npm run bench -- video`). B-frames are off and one reference is used
 * (HOLDABLE_X264), as holding pictures needs.
 * `reference` is near-lossless, for that measurement only.
 */
export const ENCODER_PRESETS: Record<EncoderPreset, string[]> = {
  standard: ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'animation', '-crf', '23', '-profile:v', 'high'],
  reference: ['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '6', '-profile:v', 'high'],
};

/**
 * Threads of the chunk encodes. They run beside Chromium's capture, which
 * keeps a core busy, so ffmpeg's defaults (a decoder thread per core, x264
 * frame threads plus a lookahead thread per encoder) bought little speed and
 * cost memory: on the sample's 9:16 chunks (2026-12-03) these settings took
 * the encode from 449 to 336 MB RSS and 10.0 to 9.2 CPU s, 3 % more wall time
 * alone; sizes within 3 %.
 */
export const ENCODER_THREADS = {
  /** A held picture's JPEG is decoded once; frame-threaded decoding only holds more frames in memory. */
  decode: ['-threads', '1'],
  /** Two on the 2- and 4-core office PCs; a bigger farm PC keeps two cores for Chromium and the captions. */
  full: { threads: ['-threads', String(Math.max(2, availableParallelism() - 2))], x264: ['sync-lookahead=0'] },
  share: { threads: ['-threads', '1'], x264: [] as string[] },
} as const;

/**
 * Each distinct picture is encoded once, at its own time, and then held by
 * skip pictures (engine/media/h264Hold.ts): x264 costs ~10 ms a frame at
 * 1080×1920 even for a frame that repeats the one before, and three quarters
 * of a situation video's frames do. Holding needs every picture to be a
 * reference predicting from the one before only.
 */
const HOLDABLE_X264 = ['bframes=0', 'ref=1'];

/** Keyframe interval, in seconds at most (x264 counts the distinct pictures; each chunk starts with one anyway). */
export const GOP_SECONDS = 10;

export interface ChunkEncoderArgs {
  fps: number;
  /** The shot of every output frame. */
  shotOf: Int32Array;
  /** The picture file of each shot, filled in as shots are made ready. */
  files: readonly string[];
  /** Folder for the chunk files and their ffconcat lists. */
  workDir: string;
  preset?: EncoderPreset;
  signal: AbortSignal;
  /** Output frames encoded so far. */
  onEncoded?: (frames: number) => void;
  /** A chunk failed: the caller stops capturing (the error is thrown again by finish()). */
  onFailure?: (err: unknown) => void;
  /** Also encode the share version at this size (./shareVersion.ts). */
  share?: { width: number; height: number } | null;
  /**
   * Where encoded chunks are kept (the build's picture cache), keyed by what
   * they are made of: a re-render re-encodes only the chunks whose shots or
   * timing changed. Files in `files` must be named by their content (pictureKey,
   * composedShotKey), as the cache's are.
   */
  kept?: PictureCache | null;
}

/** The chunk files of the video (held H.264 streams, Annex B), in order, and of its share version when one was asked for. */
export interface EncodedChunks {
  full: string[];
  share: string[] | null;
}

/**
 * Encodes chunks as soon as their pictures are ready, one ffmpeg at a time,
 * in order. Tell it how many output frames have their pictures on disk;
 * `finish` waits for the last chunk and returns the chunk files in order.
 */
export class ChunkEncoder {
  private readonly chunks: Chunk[];
  private readonly files: string[] = [];
  private readonly shareFiles: string[] = [];
  private queued = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private encodedBefore = 0;
  /** Chunks this encoder encoded (the others were kept from an earlier render). */
  encodedChunks = 0;

  constructor(private readonly args: ChunkEncoderArgs) {
    this.chunks = chunksOf(args.shotOf.length, args.fps);
  }

  /** Output frames [0, frames) have their pictures on disk. */
  framesReady(frames: number): void {
    while (this.queued < this.chunks.length && this.chunks[this.queued]!.end <= frames) this.enqueue(this.queued++);
  }

  async finish(): Promise<EncodedChunks> {
    while (this.queued < this.chunks.length) this.enqueue(this.queued++);
    await this.chain;
    if (this.failure) throw this.failure;
    return { full: this.files, share: this.args.share ? this.shareFiles : null };
  }

  private enqueue(index: number): void {
    this.chain = this.chain.then(async () => {
      if (this.failure || this.args.signal.aborted) return;
      try {
        await this.encode(index);
      } catch (err) {
        this.failure = err;
        this.args.onFailure?.(err);
      }
    });
  }

  private async encode(index: number): Promise<void> {
    const chunk = this.chunks[index]!;
    const { workDir, fps, share } = this.args;
    const list = path.join(workDir, `chunk-${index}.ffconcat`);
    const name = (kind: string, ext = 'mp4') => path.join(workDir, `${kind}-${String(index).padStart(4, '0')}.${ext}`);
    const runs = shotRuns(this.args.shotOf, chunk);
    const holds = runs.map((r) => r.frames);
    const frames = chunk.end - chunk.start;
    const done = () => {
      this.encodedBefore += frames;
      this.args.onEncoded?.(this.encodedBefore);
    };
    const { kept } = this.args;
    const key = kept ? chunkKey(this.args, runs, this.ffmpegArgs(runs.length, 'LIST', 'FULL', 'SHARE')) : null;
    if (kept && key && kept.has(key, 'chunk') && (!share || kept.has(key, 'share-chunk'))) {
      this.files[index] = kept.pathOf(key, 'chunk');
      if (share) this.shareFiles[index] = kept.pathOf(key, 'share-chunk');
      done();
      return;
    }
    await writeFile(list, concatScript(this.args.files, runs, fps), 'utf8');
    await runFfmpeg(this.ffmpegArgs(runs.length, list, name('chunk', 'h264'), name('share', 'h264')), {
      signal: this.args.signal,
      onProgress: (seconds) => this.args.onEncoded?.(this.encodedBefore + Math.min(frames, Math.round(seconds * fps))),
    });
    await hold(name('chunk', 'h264'), holds);
    this.files[index] = name('chunk', 'h264');
    if (share) {
      await hold(name('share', 'h264'), holds);
      this.shareFiles[index] = name('share', 'h264');
    }
    if (kept && key) {
      // Keeping a copy only spares a later render work: a full cache disk must not fail this one, which has its chunk.
      try {
        await kept.put(key, await readFile(name('chunk', 'h264')), 'chunk');
        if (share) await kept.put(key, await readFile(name('share', 'h264')), 'share-chunk');
      } catch {
        // Not kept; the next render encodes it again.
      }
    }
    this.encodedChunks++;
    done();
  }

  /** The ffmpeg run encoding a chunk of `pictures` distinct pictures listed in `list` to `full` (and `shareOut`). */
  private ffmpegArgs(pictures: number, list: string, full: string, shareOut: string): string[] {
    const { fps, share } = this.args;
    // Per output: one picture per shot at its own time, as a raw H.264 stream to be held, tagged BT.601.
    const output = (label: string, encoder: readonly string[], threads: { threads: readonly string[]; x264: readonly string[] }, file: string) => [
      '-map', label,
      '-pix_fmt', 'yuv420p', '-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv',
      '-fps_mode', 'vfr', '-enc_time_base', `1/${fps}`, '-frames:v', String(pictures),
      ...encoder, ...threads.threads, '-x264-params', [...threads.x264, ...HOLDABLE_X264].join(':'), '-g', String(fps * GOP_SECONDS),
      '-an', '-f', 'h264', file,
    ];
    // Chromium's JPEGs are full range BT.601; players expect limited-range yuv420p, tagged.
    const toTv = 'scale=in_range=pc:out_range=tv';
    const graph = share
      ? `[0:v]${toTv},split=2[full][s];[s]scale=${share.width}:${share.height}:flags=lanczos[share]`
      : `[0:v]${toTv}[full]`;
    return [
      '-v', 'error', '-y', ...ENCODER_THREADS.decode, '-f', 'concat', '-safe', '0', '-i', list,
      '-filter_complex', graph,
      ...output('[full]', ENCODER_PRESETS[this.args.preset ?? 'standard'], ENCODER_THREADS.full, full),
      ...(share ? output('[share]', SHARE_VIDEO_ENCODER, ENCODER_THREADS.share, shareOut) : []),
    ];
  }
}

/** Raise when a chunk is made differently for the same ffmpeg run (the holding, say): kept chunks must not mix. */
const CHUNK_KEY_VERSION = 1;

/**
 * What a chunk is made of, as a hash: its shots' files by name (named by
 * their content), how long each is held, and the ffmpeg run (encoder,
 * threads, sizes; the paths in it are placeholders). The kept cache is per
 * bundle, and so per Remotion version and its ffmpeg.
 */
function chunkKey(args: ChunkEncoderArgs, runs: ReadonlyArray<{ shot: number; frames: number }>, ffmpegArgs: readonly string[]): string {
  const shots = runs.map((r) => [path.basename(args.files[r.shot]!), r.frames]);
  return contentKey(JSON.stringify({ version: CHUNK_KEY_VERSION, fps: args.fps, shots, ffmpegArgs }));
}

/** Rewrites a chunk's stream with each picture held for its frames (engine/media/h264Hold.ts). */
async function hold(raw: string, holds: number[]): Promise<void> {
  const held = `${raw}.held`;
  await writeFile(held, holdPictures(await readFile(raw), holds));
  await rename(held, raw);
}

export interface MuxArgs {
  /** The held chunk streams (ChunkEncoder), in order. */
  chunkFiles: string[];
  /** Their constant frame rate. */
  fps: number;
  workDir: string;
  audioPath: string;
  /** The language the voices speak (ISO 639-2/T) and the track's title. */
  audio: { language: string; title: string };
  subtitles: Array<{ path: string; language: string; title: string }>;
  /** Index into `subtitles` of the track shown by default, or -1. */
  defaultSubtitle: number;
  outPath: string;
  /** How the soundtrack is stored; default copied as it is (the share version re-encodes it smaller). */
  audioCodec?: string[];
  signal: AbortSignal;
}

/** Joins the chunks without re-encoding and adds the soundtrack and subtitle tracks. */
export async function muxVideo(args: MuxArgs): Promise<void> {
  // Annex B streams join by appending them (one ffmpeg for the video, not one per chunk).
  const joined = path.join(args.workDir, `${path.basename(args.outPath)}.h264`);
  try {
    const out = await open(joined, 'w');
    try {
      // A chunk is a few hundred KB.
      for (const file of args.chunkFiles) await out.write(await readFile(file));
    } finally {
      await out.close();
    }
    await runFfmpeg([
      '-v', 'error', '-y',
      '-f', 'h264', '-framerate', String(args.fps), '-i', joined,
      '-i', args.audioPath,
      ...args.subtitles.flatMap((s) => ['-i', s.path]),
      '-map', '0:v:0', '-map', '1:a:0',
      ...args.subtitles.flatMap((_, i) => ['-map', `${i + 2}:s:0`]),
      '-c', 'copy', ...(args.audioCodec ?? []),
      '-metadata:s:a:0', `language=${args.audio.language}`, '-metadata:s:a:0', `title=${args.audio.title}`, '-metadata:s:a:0', `handler_name=${args.audio.title}`,
      ...args.subtitles.flatMap((s, i) => [
        `-metadata:s:s:${i}`, `language=${s.language}`, `-metadata:s:s:${i}`, `title=${s.title}`,
        `-disposition:s:${i}`, i === args.defaultSubtitle ? 'default' : '0',
      ]),
      '-movflags', '+faststart', '-f', 'mp4', args.outPath,
    ], { signal: args.signal });
  } finally {
    await rm(joined, { force: true });
  }
}
