/**
 * A long video rendered as frame ranges on several workers, joined into one
 * file. Every range was encoded by the same code with the same x264 settings,
 * in chunks that each start with a key frame, so the ranges join without
 * re-encoding (as the chunks of one PC's video do): the picture is exactly
 * the one-PC picture. The soundtrack and the subtitle tracks are not joined:
 * every range carries them whole, and they are taken once, from the first.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { ffconcatPath, ffprobe, MUX_WAITS_FOR_EVERY_STREAM, runFfmpeg } from '../media/ffmpeg.js';

export interface StitchRequest {
  /** The ranges' MP4 files, in frame order. */
  parts: string[];
  /** Where the whole video goes (may be the first part's own path: written under a temporary name first). */
  outPath: string;
  /** Frames the whole video has (its duration × fps, as the workers' plan said). */
  expectedFrames: number;
  /** Named in the error when the parts do not add up. */
  label: string;
  signal?: AbortSignal;
}

export async function stitchVideoRanges(request: StitchRequest): Promise<void> {
  const dir = path.dirname(request.outPath);
  const list = path.join(dir, `.stitch-${process.pid}.ffconcat`);
  const temp = path.join(dir, `.stitch-${process.pid}.mp4`);
  // The concat demuxer lines files up by their start, the earliest packet of any stream: a range's AAC
  // priming starts before 0, so joining whole ranges put the picture 43 ms (2048 samples at 48 kHz) behind
  // the sound. Join the ranges' pictures alone, as the chunks of one PC's video are joined.
  const pictures = request.parts.map((_, i) => path.join(dir, `.stitch-${process.pid}-${i}.mp4`));
  try {
    for (const [i, part] of request.parts.entries()) {
      await runFfmpeg(['-v', 'error', '-y', '-i', part, '-map', '0:v:0', '-c', 'copy', '-f', 'mp4', pictures[i]!], request.signal ? { signal: request.signal } : {});
    }
    const lines = pictures.map((p) => `file ${ffconcatPath(path.resolve(p))}`);
    await writeFile(list, `ffconcat version 1.0\n${lines.join('\n')}\n`, 'utf8');
    await runFfmpeg([
      '-v', 'error', '-y',
      '-f', 'concat', '-safe', '0', '-i', list,
      '-i', request.parts[0]!,
      // The picture from every range; sound and subtitles (with their language, title and default flag) once, from the first.
      '-map', '0:v:0', '-map', '1:a?', '-map', '1:s?',
      '-c', 'copy', '-map_metadata', '1',
      // ffmpeg's MP4 muxer ends each timed-text cue with an empty sample of no duration. Copied again, each of
      // those became a 1 ms sample and pushed every later cue 1 ms late (27 ms by 45 s): drop them, the
      // muxer writes them anew, and the track is the range's sample for sample.
      '-bsf:s', 'noise=drop=not(duration)',
      ...MUX_WAITS_FOR_EVERY_STREAM,
      '-movflags', '+faststart', '-f', 'mp4', temp,
    ], request.signal ? { signal: request.signal } : {});
    const video = (await ffprobe(temp)).streams.find((s) => s.codec_type === 'video') as { nb_frames?: string } | undefined;
    const frames = Number(video?.nb_frames ?? NaN);
    if (frames !== request.expectedFrames) {
      throw new StudioError('farm.rangesMismatch', { path: request.label, frames: Number.isFinite(frames) ? frames : '?', expected: request.expectedFrames });
    }
    await rename(temp, request.outPath);
  } finally {
    await Promise.all([list, temp, ...pictures].map((f) => rm(f, { force: true })));
  }
}
