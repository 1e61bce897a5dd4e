/**
 * Assembles the captured pictures into the finished MP4.
 *
 * The video is encoded in chunks of a few seconds while Chromium is still
 * capturing later ones, so x264 runs beside the capture instead of after it.
 * One ffmpeg run is fed each distinct shot once, at its own time, as raw
 * pixels made when its chunk is encoded (ChunkEncoder below: the caption
 * and any part laid over the picture, captionOverlay.ts); x264 encodes only those
 * (ENCODER_PRESETS below), with a key frame where each chunk starts, and the
 * output is cut back into chunks, in which skip pictures then hold each
 * picture for its frames (engine/media/h264Hold.ts): each chunk is a
 * constant 25 fps, as platforms expect, for the price of its distinct
 * pictures, and is kept apart, so a re-render encodes only the chunks that
 * changed.
 * Finally the chunks' held streams are joined as they are (one H.264 stream;
 * each chunk starts with its own parameter sets and IDR picture) and put in
 * the MP4 at the constant rate, with the soundtrack and the subtitle tracks
 * copied in, moov first (+faststart).
 *
 * The share version (./shareVersion.ts), when asked for, is encoded by the same
 * ffmpeg run from the same pictures: each distinct picture is converted and
 * scaled to 720p once, and a second x264 writes a second stream. That costs
 * a fraction of transcoding the finished video (which decodes and scales every
 * one of its frames), and the share version loses no quality to a second
 * compression.
 */
import { once } from 'node:events';
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { MUX_WAITS_FOR_EVERY_STREAM, runFfmpeg } from '../../media/ffmpeg.js';
import { holdChunks } from '../../media/h264Hold.js';
import { matroskaPicture, matroskaStart } from '../../media/matroskaPictures.js';
import type { CachedKind, PictureCache } from './pictureCache.js';
import { contentKey } from './pictureKey.js';
import { SHARE_SCALE_FLAGS, SHARE_VIDEO_ENCODER } from './shareVersion.js';
import { FLAT_ANALYSIS } from './x264.js';

export interface Chunk {
  /** Output frames [start, end). */
  start: number;
  end: number;
}

export const CHUNK_SECONDS = 8;

/** Shots asked of the overlay before the one being written is done (see feed). */
const SHOTS_MADE_AHEAD = 2;

/** Output frames in a chunk (the last may have fewer). */
export function chunkFramesAt(fps: number, seconds = CHUNK_SECONDS): number {
  return Math.max(1, Math.round(seconds * fps));
}

export function chunksOf(total: number, fps: number, seconds = CHUNK_SECONDS): Chunk[] {
  const size = chunkFramesAt(fps, seconds);
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
  standard: ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'animation', '-crf', '23', ...FLAT_ANALYSIS, '-profile:v', 'high'],
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
  /** One input thread: raw pictures need no decoding, and more threads only hold more frames in memory (measured when they were JPEGs). */
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
  /** The pictures' size (every shot has it). */
  size: { width: number; height: number };
  /** The shot of every output frame. */
  shotOf: Int32Array;
  /**
   * What each shot shows, as a key named by its content (pictureKey, composedShotKey): a kept chunk is
   * found by its shots' keys and how long each is held.
   */
  shotKeys: readonly string[];
  /** A shot's pixels at `size`, I420 (./i420.ts), asked for when its chunk is encoded (not for a kept chunk). */
  pixelsOf: (shot: number) => Promise<Uint8Array>;
  /** Folder for the chunk files and the encoder's output. */
  workDir: string;
  preset?: EncoderPreset;
  signal: AbortSignal;
  /** Output frames encoded so far. */
  onEncoded?: (frames: number) => void;
  /** The encode failed: the caller stops capturing (the error is thrown again by finish()). */
  onFailure?: (err: unknown) => void;
  /** Also encode the share version at this size (./shareVersion.ts). */
  share?: { width: number; height: number } | null;
  /**
   * Where encoded chunks are kept (the build's picture cache), keyed by what
   * they are made of: a re-render re-encodes only the chunks whose shots or
   * timing changed.
   */
  kept?: PictureCache | null;
}

/** The chunk files of the video (held H.264 streams, Annex B), in order, and of its share version when one was asked for. */
export interface EncodedChunks {
  full: string[];
  share: string[] | null;
}

/** A chunk given to the encoder run: where it goes, how many pictures it has and how long each is held. */
interface FedChunk {
  index: number;
  holds: number[];
  key: string | null;
}

/** A chunk of the video: its runs of equal shots, its key, and whether it was kept from an earlier render. */
interface PlannedChunk extends Chunk {
  runs: Array<{ shot: number; frames: number }>;
  key: string | null;
  kept: boolean;
}

/**
 * Encodes the video in chunks as soon as their pictures are ready, in order.
 * Tell it how many output frames have their pictures on disk; `finish` waits
 * for the last chunk and returns the chunk files in order.
 *
 * The chunks not kept from an earlier render go to one ffmpeg run for the
 * whole video, fed as they become ready (a Matroska stream on its stdin,
 * engine/media/matroskaPictures.ts), each starting with a key frame; its
 * output is cut back into chunks at the end. One run instead of one per
 * chunk (measured 2026-12-06 on the sample's 332 captioned 1080×1920 shots
 * with their share version): 14.1 → 8.6 CPU s. Each new ffmpeg process
 * paid its start, x264's set-up and ~22,000 page faults of fresh memory,
 * which these virtual machines make dear.
 */
export class ChunkEncoder {
  private readonly chunks: PlannedChunk[];
  private readonly chunkFrames: number;
  private readonly files: string[] = [];
  private readonly shareFiles: string[] = [];
  private queued = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private run: EncoderRun | null = null;
  private readonly fed: FedChunk[] = [];
  private reported = 0;
  /** Chunks this encoder encoded (the others were kept from an earlier render). */
  encodedChunks = 0;

  constructor(private readonly args: ChunkEncoderArgs) {
    this.chunkFrames = chunkFramesAt(args.fps);
    const keyedArgs = this.ffmpegArgs('FULL', 'SHARE');
    const { kept } = args;
    // Which chunks are kept is decided once, here: the shots of the others are the ones the render must make.
    this.chunks = chunksOf(args.shotOf.length, args.fps).map((chunk) => {
      const runs = shotRuns(args.shotOf, chunk);
      const key = kept ? chunkKey(args, runs, keyedArgs) : null;
      const isKept = !!kept && !!key && kept.has(key, 'chunk') && (!args.share || kept.has(key, 'share-chunk'));
      return { ...chunk, runs, key, kept: isKept };
    });
  }

  /** The shots of the chunks to encode (those not kept): the only ones whose pixels will be asked for. */
  shotsToEncode(): Set<number> {
    return new Set(this.chunks.filter((c) => !c.kept).flatMap((c) => c.runs.map((r) => r.shot)));
  }

  /** Output frames [0, frames) have their pictures on disk. */
  framesReady(frames: number): void {
    while (this.queued < this.chunks.length && this.chunks[this.queued]!.end <= frames) this.enqueue(this.queued++);
  }

  async finish(): Promise<EncodedChunks> {
    while (this.queued < this.chunks.length) this.enqueue(this.queued++);
    await this.chain;
    if (this.run) {
      try {
        await this.run.end();
      } catch (err) {
        this.failure ??= err;
      }
    }
    if (this.failure) throw this.failure;
    if (this.run) await this.keepEncoded(this.run);
    this.report(this.args.shotOf.length);
    return { full: this.files, share: this.args.share ? this.shareFiles : null };
  }

  private report(frames: number): void {
    if (frames <= this.reported) return;
    this.reported = frames;
    this.args.onEncoded?.(frames);
  }

  private fail(err: unknown): void {
    if (this.failure) return;
    this.failure = err;
    this.args.onFailure?.(err);
  }

  private enqueue(index: number): void {
    this.chain = this.chain.then(async () => {
      if (this.failure || this.args.signal.aborted) return;
      try {
        await this.feed(index);
      } catch (err) {
        this.fail(err);
      }
    });
  }

  /** Gives chunk `index` to the encoder run, or takes it from the kept chunks. */
  private async feed(index: number): Promise<void> {
    const { runs, key, kept, start, end } = this.chunks[index]!;
    if (kept && this.args.kept && key) {
      this.files[index] = await this.copyKept(this.args.kept, key, 'chunk', index);
      if (this.args.share) this.shareFiles[index] = await this.copyKept(this.args.kept, key, 'share-chunk', index);
      // Frames before it are counted by the run's progress, which follows the video's time.
      if (!this.run) this.report(end);
      return;
    }
    const run = (this.run ??= this.startRun());
    // The next shots are made (on the overlay's thread) while this one is written. Two ahead: with the overlay on
    // the main thread three ahead cost more (Node 16.8 and 19.8 → 24.0 and 24.3 CPU s); on its own thread two
    // ahead made the extra language faster in 5 of 5 paired runs (18.7 → 17.4 s on average), the cold render the same.
    const pixelsOf = (i: number) => {
      const made = this.args.pixelsOf(runs[i]!.shot);
      // A failure is thrown where it is awaited; one made ahead and never awaited (the run failed) is dropped.
      made.catch(() => undefined);
      return made;
    };
    const queue: Promise<Uint8Array>[] = [];
    for (let j = 0; j < Math.min(SHOTS_MADE_AHEAD, runs.length); j++) queue.push(pixelsOf(j));
    let frame = start;
    for (const [i, r] of runs.entries()) {
      const pixels = await queue.shift()!;
      if (i + SHOTS_MADE_AHEAD < runs.length) queue.push(pixelsOf(i + SHOTS_MADE_AHEAD));
      await run.write(frame, pixels);
      frame += r.frames;
    }
    this.fed.push({ index, holds: runs.map((r) => r.frames), key });
  }

  /**
   * A kept chunk, copied into the work folder now: the mux reads it at the end, and a disk cleaner may remove
   * kept files meanwhile (a few hundred KB a chunk).
   */
  private async copyKept(cache: PictureCache, key: string, kind: CachedKind, index: number): Promise<string> {
    const to = path.join(this.args.workDir, `kept-${kind}-${String(index).padStart(4, '0')}.h264`);
    await writeFile(to, await cache.read(key, kind));
    return to;
  }

  private startRun(): EncoderRun {
    const { workDir, fps, signal } = this.args;
    const full = path.join(workDir, 'encoded-full.h264');
    const share = path.join(workDir, 'encoded-share.h264');
    const run = new EncoderRun(this.args.size, fps, this.ffmpegArgs(full, share), full, share, signal, (seconds) => this.report(Math.min(this.args.shotOf.length, Math.round(seconds * fps))));
    // A failure stops the capture at once, not when the last chunk is given.
    run.done.catch((err) => this.fail(err));
    return run;
  }

  /** Cuts the run's output into its chunks, holds each picture for its frames, and keeps them. */
  private async keepEncoded(run: EncoderRun): Promise<void> {
    const { kept } = this.args;
    const holds = this.fed.map((c) => c.holds);
    const outputs: Array<{ from: string; files: string[]; kind: 'chunk' | 'share-chunk' }> = [{ from: run.full, files: this.files, kind: 'chunk' }];
    if (this.args.share) outputs.push({ from: run.share, files: this.shareFiles, kind: 'share-chunk' });
    for (const output of outputs) {
      const pieces = holdChunks(await readFile(output.from), holds);
      await rm(output.from, { force: true });
      for (const [i, chunk] of this.fed.entries()) {
        const held = pieces[i]!;
        const file = path.join(this.args.workDir, `${output.kind}-${String(chunk.index).padStart(4, '0')}.h264`);
        await writeFile(file, held);
        output.files[chunk.index] = file;
        if (kept && chunk.key) {
          // Keeping a copy only spares a later render work: a full cache disk must not fail this one, which has its chunk.
          try {
            await kept.put(chunk.key, held, output.kind);
          } catch {
            // Not kept; the next render encodes it again.
          }
        }
      }
    }
    this.encodedChunks = this.fed.length;
  }

  /**
   * The encoder run's arguments, writing the full video to `full` (and the share version to `shareOut`): each
   * distinct picture once at its own time, a key frame where each chunk starts.
   */
  private ffmpegArgs(full: string, shareOut: string): string[] {
    const { fps, share } = this.args;
    // A key frame at the first picture of each chunk: the first, and any in a later chunk than the last one forced.
    const chunkOf = (t: string) => `floor((${t}*${fps}+0.5)/${this.chunkFrames})`;
    const keyFrames = `expr:if(isnan(prev_forced_t),1,gt(${chunkOf('t')},${chunkOf('prev_forced_t')}))`;
    // Per output: one picture per shot at its own time, as a raw H.264 stream to be held, tagged BT.601.
    const output = (label: string, encoder: readonly string[], threads: { threads: readonly string[]; x264: readonly string[] }, file: string) => [
      '-map', label,
      '-pix_fmt', 'yuv420p', '-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv',
      '-fps_mode', 'vfr', '-enc_time_base', `1/${fps}`, '-force_key_frames', keyFrames,
      ...encoder, ...threads.threads, '-x264-params', [...threads.x264, ...HOLDABLE_X264].join(':'), '-g', String(fps * GOP_SECONDS),
      '-an', '-f', 'h264', file,
    ];
    // Shots come as limited-range BT.601 yuv420p, as the outputs are tagged (./i420.ts): nothing to convert.
    const graph = share
      ? `[0:v]split=2[full][s];[s]scale=${share.width}:${share.height}:flags=${SHARE_SCALE_FLAGS}[share]`
      : `[0:v]null[full]`;
    return [
      // -xerror: a picture that does not decode fails the run (ffmpeg would skip it and make a shorter video).
      '-v', 'error', '-y', '-xerror', ...ENCODER_THREADS.decode, '-f', 'matroska', '-i', 'pipe:0',
      '-filter_complex', graph,
      ...output('[full]', ENCODER_PRESETS[this.args.preset ?? 'standard'], ENCODER_THREADS.full, full),
      ...(share ? output('[share]', SHARE_VIDEO_ENCODER, ENCODER_THREADS.share, shareOut) : []),
    ];
  }
}

/** One ffmpeg encoding the pictures written to it, while they are written. Exported for its tests. */
export class EncoderRun {
  private readonly input = new PassThrough();
  /** Settles when ffmpeg has exited. */
  readonly done: Promise<void>;

  constructor(size: { width: number; height: number }, private readonly fps: number, args: string[],
    readonly full: string, readonly share: string, signal: AbortSignal, onProgress: (seconds: number) => void) {
    // Its failure is handled by the ChunkEncoder at once (startRun).
    this.done = runFfmpeg(args, { signal, stdin: this.input, onProgress }).then(() => undefined);
    this.input.write(matroskaStart(size));
  }

  /** The picture (I420) shown from output frame `frame` on. */
  async write(frame: number, pixels: Uint8Array): Promise<void> {
    const [head, body] = matroskaPicture((frame * 1000) / this.fps, pixels);
    this.input.write(head);
    if (this.input.write(body)) return;
    // Waits for ffmpeg to take it, or for ffmpeg to stop (its failure is reported by `done`). The wait for a
    // drain is then dropped: once ffmpeg has stopped none comes, and each write left two listeners behind.
    const dropWait = new AbortController();
    try {
      await Promise.race([once(this.input, 'drain', { signal: dropWait.signal }), this.done.catch(() => undefined)]);
    } finally {
      dropWait.abort();
    }
  }

  /** Listeners waiting on ffmpeg's input (for tests: none once no write waits). */
  waiting(): number {
    return this.input.listenerCount('drain') + this.input.listenerCount('error');
  }

  /** No more pictures: waits for the encode to finish. */
  async end(): Promise<void> {
    this.input.end();
    await this.done;
  }
}

/** Raise when a chunk is made differently for the same ffmpeg run (the holding, say): kept chunks must not mix. */
const CHUNK_KEY_VERSION = 3;

/**
 * What a chunk is made of, as a hash: its shots' keys (named by their
 * content), how long each is held, and the ffmpeg run (encoder, threads,
 * sizes; the paths in it are placeholders). The kept cache is per bundle, and
 * so per Remotion version and its ffmpeg.
 */
function chunkKey(args: ChunkEncoderArgs, runs: ReadonlyArray<{ shot: number; frames: number }>, ffmpegArgs: readonly string[]): string {
  const shots = runs.map((r) => [args.shotKeys[r.shot]!, r.frames]);
  return contentKey(JSON.stringify({ version: CHUNK_KEY_VERSION, fps: args.fps, shots, ffmpegArgs }));
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
      '-c', 'copy',
      '-metadata:s:a:0', `language=${args.audio.language}`, '-metadata:s:a:0', `title=${args.audio.title}`, '-metadata:s:a:0', `handler_name=${args.audio.title}`,
      ...args.subtitles.flatMap((s, i) => [
        `-metadata:s:s:${i}`, `language=${s.language}`, `-metadata:s:s:${i}`, `title=${s.title}`,
        `-disposition:s:${i}`, i === args.defaultSubtitle ? 'default' : '0',
      ]),
      ...MUX_WAITS_FOR_EVERY_STREAM,
      '-movflags', '+faststart', '-f', 'mp4', args.outPath,
    ], { signal: args.signal });
  } finally {
    await rm(joined, { force: true });
  }
}
