/**
 * The Matroska stream the video encoder is fed (engine/media/matroskaPictures.ts):
 * the bundled ffprobe must read each picture whole, at its own time, as raw
 * RGBA of the size declared, each in its own colour.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaBinaries } from '../../engine/media/ffmpeg.js';
import { matroskaPicture, matroskaStart } from '../../engine/media/matroskaPictures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'luat-mkv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SIZE = { width: 64, height: 48 };

/** A picture of one colour, RGBA. */
function solid(rgb: readonly [number, number, number]): Uint8Array {
  const pixels = new Uint8Array(SIZE.width * SIZE.height * 4);
  for (let i = 0; i < pixels.length; i += 4) pixels.set([...rgb, 255], i);
  return pixels;
}

describe('pictures as a Matroska stream', () => {
  it('reads back as raw RGBA pictures of the declared size, each whole, at its own time and in its own colour', () => {
    const colours = [[255, 0, 0], [0, 255, 0], [30, 60, 200]] as const;
    const times = [0, 120, 40_000]; // ms; the last is past a 16-bit block time, in a cluster of its own
    const stream = path.join(dir, 'pictures.mkv');
    writeFileSync(stream, Buffer.concat([matroskaStart(SIZE), ...colours.flatMap((rgb, i) => matroskaPicture(times[i]!, solid(rgb)))]));
    const { ffprobe } = mediaBinaries();
    const probe = JSON.parse(execFileSync(ffprobe, [
      '-v', 'error', '-print_format', 'json', '-show_streams', '-show_packets', stream,
    ], { encoding: 'utf8' })) as { streams: Array<{ codec_name: string; pix_fmt: string; width: number; height: number }>; packets: Array<{ pts_time: string; size: string }> };
    expect(probe.streams.map((s) => [s.codec_name, s.pix_fmt, s.width, s.height])).toEqual([['rawvideo', 'rgba', 64, 48]]);
    expect(probe.packets.map((p) => Number(p.pts_time))).toEqual([0, 0.12, 40]);
    expect(probe.packets.map((p) => Number(p.size))).toEqual(colours.map(() => SIZE.width * SIZE.height * 4));
    // Each picture's centre pixel as RGB, as Debian's ffmpeg reads the stream (the bundled one has no rawvideo muxer).
    const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', stream, '-vf', 'crop=1:1:32:24', '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
    expect([...rgb]).toEqual(colours.flat());
  });
});
