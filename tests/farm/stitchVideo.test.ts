/**
 * Joining a long video's frame ranges (engine/farm/stitchVideo.ts) on small
 * files made here: each range carries the whole sound (AAC, whose priming
 * starts before 0) and subtitles, as a worker's range does. The joined picture
 * must start with the sound and be the ranges' frames in order, the full video
 * and its share version alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stitchVideoRanges } from '../../engine/farm/stitchVideo.js';
import { movTextMp4 } from '../../engine/formats/video/movText.js';
import { ffprobe, runFfmpeg } from '../../engine/media/ffmpeg.js';
import { frameHashes, subtitleSamples } from '../video/fixtures.js';

let dir: string;
const FRAMES = 100;

/**
 * Frames [from, to) of a 4 s test picture, with the whole 4 s of sound (AAC, 48 kHz, `channels`) and a
 * subtitle track muxed as the studio muxes its own (./movText.ts, copied in by the bundled ffmpeg).
 */
async function range(file: string, from: number, to: number, channels: number): Promise<void> {
  const av = `${file}.av.mp4`;
  const subs = `${file}.tx3g.mp4`;
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=160x90:rate=25:duration=4,trim=start_frame=${from}:end_frame=${to},setpts=PTS-STARTPTS`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4',
    '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-bf', '2', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '64k', '-ac', String(channels), av,
  ]);
  // Cues back to back, as the studio's captions are: each ends where the next starts.
  const cues = [{ startMs: 500, endMs: 1200, text: 'Xin chào' }, { startMs: 1200, endMs: 2000, text: 'Cháu chưa đủ tuổi' }, { startMs: 2000, endMs: 3000, text: 'Cảm ơn anh' }];
  writeFileSync(subs, movTextMp4(cues, 'vie', 4000));
  await runFfmpeg(['-v', 'error', '-y', '-i', av, '-i', subs, '-map', '0:v', '-map', '0:a', '-map', '1:s', '-c', 'copy', '-metadata:s:s:0', 'language=vie', '-movflags', '+faststart', '-f', 'mp4', file]);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-stitch-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('joining a video rendered in frame ranges', () => {
  for (const [name, channels] of [['full video (stereo sound)', 2], ['share version (mono sound)', 1]] as const) {
    it(`${name}: every frame in order, the picture starting with the sound, sound and subtitles once`, async () => {
      const parts = await Promise.all([[0, 40], [40, 80], [80, FRAMES]].map(async ([from, to], i) => {
        const file = path.join(dir, `${channels}-part-${i}.mp4`);
        await range(file, from!, to!, channels);
        return file;
      }));
      const joined = path.join(dir, `${channels}-joined.mp4`);
      await stitchVideoRanges({ parts, outPath: joined, expectedFrames: FRAMES, label: 'video.mp4' });
      const probe = await ffprobe(joined);
      const video = probe.streams.find((s) => s.codec_type === 'video') as { nb_frames?: string; start_time?: string };
      expect(Number(video.nb_frames)).toBe(FRAMES);
      // The old join lined the ranges up by their AAC priming: the picture started that much (here 21 ms) late.
      expect(Number(video.start_time)).toBe(0);
      expect(probe.streams.map((s) => s.codec_type)).toEqual(['video', 'audio', 'subtitle']);
      // Stream copy: the joined picture is the ranges' pictures, frame for frame.
      expect(frameHashes(joined)).toEqual(parts.flatMap((p) => frameHashes(p)));
      // The subtitles are the first range's, sample for sample. A plain stream copy turned each empty
      // end-of-cue sample into a 1 ms one and pushed every later cue 1 ms more (27 ms by 45 s).
      expect(subtitleSamples(joined)).toEqual(subtitleSamples(parts[0]!));
    });
  }

  it('refuses ranges that do not add up to the video, naming it', async () => {
    const part = path.join(dir, 'short.mp4');
    await range(part, 0, 40, 2);
    await expect(stitchVideoRanges({ parts: [part], outPath: path.join(dir, 'x.mp4'), expectedFrames: FRAMES, label: 'video.mp4' }))
      .rejects.toMatchObject({ code: 'farm.rangesMismatch', params: { path: 'video.mp4', frames: 40, expected: FRAMES } });
  });
});
