/**
 * The chunk encoder (engine/formats/video/encodeFrames.ts) on pictures of one
 * colour each: every output frame must show the shot the schedule gives it,
 * across chunk boundaries, in the full video and in its share version. The
 * encoder before held pictures (ffmpeg resampling to 25 fps) showed each
 * chunk's shots one frame early: its first picture lost a frame.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChunkEncoder, chunksOf, EncoderRun, muxVideo, shotRuns } from '../../engine/formats/video/encodeFrames.js';
import { StudioError } from '../../engine/errors.js';
import { ffprobe } from '../../engine/media/ffmpeg.js';
import { movTextMp4 } from '../../engine/formats/video/movText.js';
import { PictureCache } from '../../engine/formats/video/pictureCache.js';
import { rgbaToI420 } from '../../engine/formats/video/i420.js';
import { subtitleSamples } from './fixtures.js';

const COLOURS = { red: [255, 0, 0], lime: [0, 255, 0], blue: [0, 0, 255], white: [255, 255, 255], black: [0, 0, 0] } as const;
type Colour = keyof typeof COLOURS;
const NAMES = Object.keys(COLOURS) as Colour[];

let dir: string;
const SIZE = { width: 320, height: 568 };

/** Shot i is a picture of colour NAMES[i], I420 as the overlay gives it; `asked` counts the pictures asked for. */
function colourShots(): { shotKeys: string[]; pixelsOf: (shot: number) => Promise<Uint8Array>; asked: number[] } {
  const asked: number[] = [];
  const pixelsOf = async (shot: number) => {
    asked.push(shot);
    const rgba = new Uint8Array(SIZE.width * SIZE.height * 4);
    for (let i = 0; i < rgba.length; i += 4) rgba.set([...COLOURS[NAMES[shot]!], 255], i);
    return rgbaToI420(rgba, SIZE.width, SIZE.height).data;
  };
  return { shotKeys: NAMES.map((name) => `${name}-key`), pixelsOf, asked };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-chunks-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The RGB each decoded frame of a video shows at the picture's centre, as a player reads it (its tags). */
function centresOf(video: string): number[][] {
  const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', video, '-vf', 'crop=8:8,scale=1:1,format=rgb24', '-f', 'rawvideo', '-'], { maxBuffer: 1 << 24 });
  const out: number[][] = [];
  for (let i = 0; i + 2 < rgb.length; i += 3) out.push([rgb[i]!, rgb[i + 1]!, rgb[i + 2]!]);
  return out;
}

/** The colour each decoded frame of a video shows, in order (nearest of COLOURS at the picture's centre). */
function coloursOf(video: string): Colour[] {
  return centresOf(video).map((px) => NAMES.reduce((best, name) => (distance(COLOURS[name], px) < distance(COLOURS[best], px) ? name : best)));
}
const distance = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0);

describe('encoding the shots in chunks', () => {
  // 260 frames: two 8 s chunks (200 + 60), shots of 3, 1, 2, 180 (across the boundary), 4, 1 … frames.
  const lengths: Array<[number, number]> = [[0, 3], [1, 1], [2, 2], [3, 180], [4, 4], [0, 1], [1, 30], [2, 39]];
  const shotOf = Int32Array.from(lengths.flatMap(([shot, n]) => Array<number>(n).fill(shot)));
  const expected = [...shotOf].map((shot) => NAMES[shot]!);

  it('cuts the schedule into runs of equal shots, chunk by chunk', () => {
    const [first, second] = chunksOf(shotOf.length, 25);
    expect(shotRuns(shotOf, first!).map((r) => r.frames)).toEqual([3, 1, 2, 180, 4, 1, 9]);
    expect(shotRuns(shotOf, second!).map((r) => r.frames)).toEqual([21, 39]);
  });

  it('shows every frame its own shot, in the full video and the share version, at a constant 25 fps', async () => {
    const encoder = new ChunkEncoder({ fps: 25, size: SIZE, shotOf, ...colourShots(), workDir: dir, signal: new AbortController().signal, share: { width: 160, height: 284 } });
    encoder.framesReady(shotOf.length);
    const chunks = await encoder.finish();
    expect(chunks.full).toHaveLength(2);
    // The chunks' held streams joined into the finished MP4, with a soundtrack, as renderVideo does.
    const audioPath = path.join(dir, 'silence.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', String(shotOf.length / 25), '-c:a', 'aac', audioPath]);
    const mux = { fps: 25, workDir: dir, audioPath, audio: { language: 'vie', title: 'Tiếng Việt' }, subtitles: [], defaultSubtitle: -1, signal: new AbortController().signal };
    const full = path.join(dir, 'full.mp4');
    const share = path.join(dir, 'share.mp4');
    await muxVideo({ ...mux, chunkFiles: chunks.full, outPath: full });
    await muxVideo({ ...mux, chunkFiles: chunks.share!, outPath: share });
    expect(coloursOf(full)).toEqual(expected);
    expect(coloursOf(share)).toEqual(expected);
    // And as the shots' own colours, not merely the nearest: a range or matrix mixed up between the pictures'
    // conversion (./i420.ts) and the tags (BT.601, limited range) moves white, black or pure red by 15 levels or more.
    const worst = centresOf(full).reduce((most, px, f) => Math.max(most, ...px.map((v, c) => Math.abs(v - COLOURS[expected[f]!][c]!))), 0);
    expect(worst).toBeLessThanOrEqual(4);
    for (const file of [full, share]) {
      const video = (await ffprobe(file)).streams.find((s) => s.codec_type === 'video') as { r_frame_rate?: string; avg_frame_rate?: string; nb_frames?: string };
      expect([video.r_frame_rate, video.avg_frame_rate, video.nb_frames]).toEqual(['25/1', '25/1', String(shotOf.length)]);
    }
    // Nothing of the join is left beside the chunks.
    expect(readdirSync(dir).filter((f) => f.endsWith('.mp4.h264'))).toEqual([]);
  }, 120_000);

  it('fails, and says so at once, when a shot cannot be encoded, instead of hanging or making a short video', async () => {
    const work = path.join(dir, 'broken-run');
    mkdirSync(work, { recursive: true });
    const failures: unknown[] = [];
    const shots = colourShots();
    // A shot of the wrong size (ffmpeg would drop it and make a shorter video).
    const pixelsOf = (shot: number) => (shot === 2 ? Promise.resolve(new Uint8Array(100)) : shots.pixelsOf(shot));
    const encoder = new ChunkEncoder({
      fps: 25, size: SIZE, shotOf, shotKeys: shots.shotKeys, pixelsOf, workDir: work,
      signal: new AbortController().signal, onFailure: (err) => failures.push(err),
    });
    encoder.framesReady(shotOf.length);
    const error = await encoder.finish().catch((err: unknown) => err);
    // The user is told ffmpeg failed and where its log is (engine/media/ffmpeg.ts), and the capture was stopped.
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('media.ffmpegFailed');
    expect(failures).toEqual([error]);
    expect(encoder.encodedChunks).toBe(0);
  }, 120_000);

  it('fails with the reason a shot could not be made (a kept part unreadable), and stops asking for more', async () => {
    const work = path.join(dir, 'unmade-run');
    mkdirSync(work, { recursive: true });
    const failures: unknown[] = [];
    const shots = colourShots();
    const unreadable = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const pixelsOf = (shot: number) => (shot === 3 ? Promise.reject(unreadable) : shots.pixelsOf(shot));
    const encoder = new ChunkEncoder({
      fps: 25, size: SIZE, shotOf, shotKeys: shots.shotKeys, pixelsOf, workDir: work,
      signal: new AbortController().signal, onFailure: (err) => failures.push(err),
    });
    encoder.framesReady(shotOf.length);
    await expect(encoder.finish()).rejects.toBe(unreadable);
    expect(failures).toEqual([unreadable]);
    // The first chunk's shots up to two after the last one written (made ahead: 3 failed, 4 was asked with it;
    // 3 is not counted, it never reached the shots); nothing after, the second chunk's never.
    expect(shots.asked).toEqual([0, 1, 2, 4]);
    expect(encoder.encodedChunks).toBe(0);
  }, 120_000);

  it('leaves no waiting listener behind once ffmpeg has stopped, whatever is still written to it', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      // An ffmpeg that stops at once (an output it cannot write), as one killed by a failed capture does.
      const run = new EncoderRun(SIZE, 25, ['-v', 'error', '-f', 'matroska', '-i', 'pipe:0', '-f', 'h264', path.join(dir, 'no-such-folder', 'x.h264')],
        '', '', new AbortController().signal, () => {});
      const stopped = run.done.then(() => 'ran', () => 'stopped');
      // Each picture larger than the pipe takes, so every write waits.
      const picture = Buffer.alloc(256 * 1024, 1);
      for (let frame = 0; frame < 30; frame++) await run.write(frame, picture);
      expect(await stopped).toBe('stopped');
      expect(run.waiting()).toBe(0);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  }, 60_000);

  it('keeps its chunks: the same shots again encode nothing, a changed shot re-encodes its own chunk only, and a cache that cannot keep fails nothing', async () => {
    const kept = new PictureCache(mkdtempSync(path.join(dir, 'kept-')));
    const encode = async (cache: PictureCache, shots: Int32Array, work: string) => {
      mkdirSync(work, { recursive: true });
      const colours = colourShots();
      const encoder = new ChunkEncoder({ fps: 25, size: SIZE, shotOf: shots, ...colours, workDir: work, signal: new AbortController().signal, share: { width: 160, height: 284 }, kept: cache });
      const toEncode = encoder.shotsToEncode();
      encoder.framesReady(shots.length);
      const chunks = await encoder.finish();
      return { chunks, encoded: encoder.encodedChunks, toEncode, asked: colours.asked };
    };
    const first = await encode(kept, shotOf, path.join(dir, 'k1'));
    expect(first.encoded).toBe(2);
    expect(first.toEncode).toEqual(new Set([0, 1, 2, 3, 4]));
    const again = await encode(kept, shotOf, path.join(dir, 'k2'));
    expect(again.encoded).toBe(0);
    // Nothing to encode, nothing to make: a render captures no picture for kept chunks.
    expect([again.toEncode.size, again.asked.length]).toEqual([0, 0]);
    for (const i of [0, 1]) {
      expect(readFileSync(again.chunks.full[i]!).equals(readFileSync(first.chunks.full[i]!))).toBe(true);
      expect(readFileSync(again.chunks.share![i]!).equals(readFileSync(first.chunks.share![i]!))).toBe(true);
    }
    // The last frame shows another shot: only the second chunk is encoded again.
    const changed = Int32Array.from(shotOf);
    changed[changed.length - 1] = 4;
    const edited = await encode(kept, changed, path.join(dir, 'k3'));
    expect(edited.encoded).toBe(1);
    // The second chunk's shots only (lime, blue and now black: shots 1, 2, 4).
    expect(edited.toEncode).toEqual(new Set([1, 2, 4]));
    expect(readFileSync(edited.chunks.full[0]!).equals(readFileSync(again.chunks.full[0]!))).toBe(true);
    // A cache that cannot write (a full disk): the chunks are still made, just not kept.
    const full = new (class extends PictureCache {
      override async put(): Promise<void> {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }
    })(mkdtempSync(path.join(dir, 'full-')));
    const unkept = await encode(full, shotOf, path.join(dir, 'k4'));
    expect(unkept.encoded).toBe(2);
    expect(unkept.chunks.full.every((f) => existsSync(f))).toBe(true);
    expect(readdirSync(full.dir)).toEqual([]);
  }, 120_000);

  it('says a kept chunk was removed under it (a disk cleaner) instead of failing at the mux; the next encode makes it again', async () => {
    const kept = new PictureCache(mkdtempSync(path.join(dir, 'cleaned-')));
    const encoder = (work: string) => {
      mkdirSync(work, { recursive: true });
      return new ChunkEncoder({ fps: 25, size: SIZE, shotOf, ...colourShots(), workDir: work, signal: new AbortController().signal, kept });
    };
    const first = encoder(path.join(dir, 'c1'));
    first.framesReady(shotOf.length);
    await first.finish();
    // Planned with both chunks kept; then the kept files go.
    const second = encoder(path.join(dir, 'c2'));
    expect(second.shotsToEncode().size).toBe(0);
    for (const file of readdirSync(kept.dir)) rmSync(path.join(kept.dir, file));
    second.framesReady(shotOf.length);
    const error = await second.finish().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('video.keptFileGone');
    // The next encode finds nothing kept and makes both chunks.
    const third = encoder(path.join(dir, 'c3'));
    expect(third.shotsToEncode().size).toBe(NAMES.length);
    third.framesReady(shotOf.length);
    expect((await third.finish()).full).toHaveLength(2);
    expect(third.encodedChunks).toBe(2);
  }, 120_000);

  it('copies the kept chunks it uses into its own folder, so the mux does not depend on the cache', async () => {
    const kept = new PictureCache(mkdtempSync(path.join(dir, 'copied-')));
    for (const name of ['d1', 'd2']) {
      const work = path.join(dir, name);
      mkdirSync(work, { recursive: true });
      const encoder = new ChunkEncoder({ fps: 25, size: SIZE, shotOf, ...colourShots(), workDir: work, signal: new AbortController().signal, kept });
      encoder.framesReady(shotOf.length);
      const chunks = await encoder.finish();
      expect(chunks.full.every((file) => path.dirname(file) === work)).toBe(true);
    }
  }, 120_000);
});

describe('muxing the chunks with a subtitle track', () => {
  /** The timed-text MP4 written into `fifo` in two parts: everything before its samples, then, `delayMs` later, the samples. */
  async function writeLate(fifo: string, track: Buffer, delayMs: number): Promise<void> {
    // Boxes up to and including the mdat header: ftyp, moov (moov comes first in movTextMp4), mdat's 8 bytes.
    let at = 0;
    while (track.toString('latin1', at + 4, at + 8) !== 'mdat') at += track.readUInt32BE(at);
    const out = await open(fifo, 'w');
    try {
      await out.write(track.subarray(0, at + 8));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      await out.write(track.subarray(at + 8));
    } finally {
      await out.close();
    }
  }

  it('writes the track sample for sample as given, even when its samples reach ffmpeg after the picture and sound', async () => {
    // 15 s: the MP4 muxer stops waiting for a stream with nothing yet once it holds 10 s of the others.
    const shots = Int32Array.from({ length: 375 }, (_, f) => Math.floor(f / 75) % NAMES.length);
    const work = path.join(dir, 'subtitled');
    mkdirSync(work, { recursive: true });
    const encoder = new ChunkEncoder({ fps: 25, size: SIZE, shotOf: shots, ...colourShots(), workDir: work, signal: new AbortController().signal });
    encoder.framesReady(shots.length);
    const chunks = await encoder.finish();
    const audioPath = path.join(work, 'silence.m4a');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '15', '-c:a', 'aac', audioPath]);
    // Many short cues of uneven lengths, so that the track's header is longer than the 2 KiB ffmpeg first reads to
    // tell a file's format: ffmpeg then opens the pipe on the header alone, and its samples truly come late.
    const cues = Array.from({ length: 120 }, (_, i) => ({ startMs: 500 + i * 100, endMs: 560 + i * 100 + (i % 7), text: `Câu ${i + 1}` }));
    const track = movTextMp4(cues, 'vie', 15_000);
    expect(track.indexOf('mdat')).toBeGreaterThan(2048);
    const mux = (subtitlePath: string, outPath: string) => muxVideo({
      fps: 25, workDir: work, audioPath, audio: { language: 'vie', title: 'Tiếng Việt' }, chunkFiles: chunks.full,
      subtitles: [{ path: subtitlePath, language: 'vie', title: 'Tiếng Việt' }], defaultSubtitle: 0, outPath, signal: new AbortController().signal,
    });
    const onTime = path.join(work, 'subtitles.mp4');
    writeFileSync(onTime, track);
    await mux(onTime, path.join(work, 'on-time.mp4'));
    // The same track through a pipe whose samples come 1.5 s late: ffmpeg has long read the picture and sound by then.
    // Without waiting for every stream, the muxer put an empty sample of its own before the first one (as seen
    // now and then on a busy machine, when ffmpeg's input threads ran in that order).
    const fifo = path.join(work, 'late.fifo');
    execFileSync('mkfifo', [fifo]);
    await Promise.all([writeLate(fifo, track, 1500), mux(fifo, path.join(work, 'late.mp4'))]);
    const expected = subtitleSamples(path.join(work, 'on-time.mp4'));
    // The track's own first sample: the empty 0.5 s before the first cue.
    expect(expected[0]).toBe('2,0,500');
    expect(subtitleSamples(path.join(work, 'late.mp4'))).toEqual(expected);
  }, 120_000);
});
