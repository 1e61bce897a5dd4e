/**
 * The Matroska stream the video encoder is fed (engine/media/matroskaPictures.ts):
 * ffprobe, the bundled one, must read each picture whole, at its own time,
 * as MJPEG of the size declared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mediaBinaries } from '../../engine/media/ffmpeg.js';
import { matroskaPicture, matroskaStart } from '../../engine/media/matroskaPictures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'luat-mkv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pictures as a Matroska stream', () => {
  it('reads back as MJPEG pictures of the declared size, each whole and at its own time', () => {
    const jpegs = ['red', 'lime', 'blue'].map((colour) => {
      const file = path.join(dir, `${colour}.jpeg`);
      execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=${colour}:s=64x48`, '-frames:v', '1', '-pix_fmt', 'yuvj420p', file]);
      return readFileSync(file);
    });
    const times = [0, 120, 40_000]; // ms; the last is past a 16-bit block time, in a cluster of its own
    const stream = path.join(dir, 'pictures.mkv');
    writeFileSync(stream, Buffer.concat([matroskaStart({ width: 64, height: 48 }), ...jpegs.map((jpeg, i) => matroskaPicture(times[i]!, jpeg))]));
    const probe = JSON.parse(execFileSync(mediaBinaries().ffprobe, [
      '-v', 'error', '-print_format', 'json', '-show_streams', '-show_packets', stream,
    ], { encoding: 'utf8' })) as { streams: Array<{ codec_name: string; width: number; height: number }>; packets: Array<{ pts_time: string; size: string }> };
    expect(probe.streams.map((s) => [s.codec_name, s.width, s.height])).toEqual([['mjpeg', 64, 48]]);
    expect(probe.packets.map((p) => Number(p.pts_time))).toEqual([0, 0.12, 40]);
    expect(probe.packets.map((p) => Number(p.size))).toEqual(jpegs.map((j) => j.length));
  });
});
