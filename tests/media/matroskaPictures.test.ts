/**
 * The Matroska stream the video encoder is fed (engine/media/matroskaPictures.ts):
 * the bundled ffprobe must read each picture whole, at its own time, as raw
 * yuv420p of the size declared, limited-range BT.601, each in its own colour.
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

/** A picture of one colour (Y, U, V), I420. */
function solid([y, u, v]: readonly [number, number, number]): Uint8Array {
  const luma = SIZE.width * SIZE.height;
  const pixels = new Uint8Array(luma * 1.5);
  pixels.fill(y, 0, luma);
  pixels.fill(u, luma, luma * 1.25);
  pixels.fill(v, luma * 1.25);
  return pixels;
}

describe('pictures as a Matroska stream', () => {
  it('reads back as raw yuv420p pictures of the declared size and colour tags, each whole, at its own time and in its own colour', () => {
    // Limited-range BT.601 red, green and a blue (ITU-R BT.601), and the RGB a player shows for each.
    const colours = [[81, 90, 240], [145, 54, 34], [74, 194, 105]] as const;
    const shown = [[255, 0, 0], [0, 255, 0], [30, 60, 200]];
    const times = [0, 120, 40_000]; // ms; the last is past a 16-bit block time, in a cluster of its own
    const stream = path.join(dir, 'pictures.mkv');
    writeFileSync(stream, Buffer.concat([matroskaStart(SIZE), ...colours.flatMap((rgb, i) => matroskaPicture(times[i]!, solid(rgb)))]));
    const { ffprobe } = mediaBinaries();
    const probe = JSON.parse(execFileSync(ffprobe, [
      '-v', 'error', '-print_format', 'json', '-show_streams', '-show_packets', stream,
    ], { encoding: 'utf8' })) as { streams: Array<{ codec_name: string; pix_fmt: string; width: number; height: number; color_range: string; color_space: string }>; packets: Array<{ pts_time: string; size: string }> };
    expect(probe.streams.map((s) => [s.codec_name, s.pix_fmt, s.width, s.height, s.color_range, s.color_space])).toEqual([['rawvideo', 'yuv420p', 64, 48, 'tv', 'smpte170m']]);
    expect(probe.packets.map((p) => Number(p.pts_time))).toEqual([0, 0.12, 40]);
    expect(probe.packets.map((p) => Number(p.size))).toEqual(colours.map(() => SIZE.width * SIZE.height * 1.5));
    // Each picture's centre pixel as RGB, as Debian's ffmpeg reads the stream by its tags (the bundled one has no rawvideo muxer).
    const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', stream, '-vf', 'crop=2:2:32:24,scale=1:1', '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1']);
    [...rgb].forEach((level, i) => expect(Math.abs(level - shown.flat()[i]!), `level ${i}`).toBeLessThanOrEqual(2));
  });
});
