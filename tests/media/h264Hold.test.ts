/**
 * Holding pictures with skip pictures (engine/media/h264Hold.ts), on streams
 * the studio's own ffmpeg and x264 make: each picture must be shown exactly
 * the frames asked, decode bit for bit as the encoded picture, and the stream
 * must read as a constant 25 fps. Decoded by Debian's ffmpeg (framemd5) and
 * checked by the studio's own ffmpeg (which muxes it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { H264HoldError, holdChunks, holdPictures } from '../../engine/media/h264Hold.js';
import { ffprobe, runFfmpeg } from '../../engine/media/ffmpeg.js';
import { launchChromium } from '../../engine/render/chromium.js';
import { frameHashes } from '../video/fixtures.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-hold-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `count` different pictures (moving test pattern) of `size`, one per frame, encoded as the chunks are (x264 raw stream). */
async function encodePictures(name: string, size: string, count: number, x264: string[] = ['bframes=0', 'ref=1']): Promise<string> {
  const out = path.join(dir, `${name}.h264`);
  // The pictures from Debian's ffmpeg (the studio's build has no test sources), encoded by the studio's x264.
  const source = path.join(dir, `${name}-%03d.png`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25`, '-frames:v', String(count), source]);
  await runFfmpeg([
    '-v', 'error', '-y', '-framerate', '25', '-i', source,
    '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'animation', '-crf', '23', '-profile:v', 'high',
    '-x264-params', x264.join(':'), '-f', 'h264', out,
  ]);
  return out;
}

describe('holding pictures in an H.264 stream', () => {
  for (const [size, label] of [['1080x1920', 'a 9:16 video'], ['720x1280', 'its share version'], ['270x480', 'a tenth-size draft (odd macroblock count)']] as const) {
    it(`shows each picture for exactly its frames, bit for bit: ${label}`, async () => {
      const holds = [3, 1, 50, 2, 7, 1, 1, 12];
      const raw = await encodePictures(`p-${size}`, size, holds.length);
      const pictures = frameHashes(raw, 'h264');
      expect(new Set(pictures).size).toBe(holds.length);
      const held = path.join(dir, `held-${size}.h264`);
      writeFileSync(held, holdPictures(readFileSync(raw), holds));
      // Debian's decoder: every frame the picture it holds, with no decoding error on the way.
      expect(frameHashes(held, 'h264')).toEqual(holds.flatMap((n, k) => Array<string>(n).fill(pictures[k]!)));
      // The studio's ffmpeg puts it in an MP4 as it is: a constant 25 fps, every frame there.
      const mp4 = path.join(dir, `held-${size}.mp4`);
      await runFfmpeg(['-v', 'error', '-y', '-f', 'h264', '-framerate', '25', '-i', held, '-c', 'copy', '-f', 'mp4', mp4]);
      const video = (await ffprobe(mp4)).streams[0] as { nb_frames?: string; avg_frame_rate?: string; r_frame_rate?: string; duration?: string };
      const frames = holds.reduce((a, b) => a + b, 0);
      expect({ frames: Number(video.nb_frames), avg: video.avg_frame_rate, r: video.r_frame_rate, duration: Number(video.duration) })
        .toEqual({ frames, avg: '25/1', r: '25/1', duration: frames / 25 });
      // A held frame costs next to nothing: all 69 frames weigh little more than the 8 pictures.
      expect(readFileSync(held).length).toBeLessThan(readFileSync(raw).length + frames * 200);
    }, 60_000);
  }

  it('keeps counting frame_num across key frames and past its wrap', async () => {
    // keyint 3: an IDR every third picture resets frame_num; 300 held frames wrap x264's 4-bit frame_num many times.
    const holds = [100, 1, 2, 100, 3, 100, 1];
    const raw = await encodePictures('keys', '160x90', holds.length, ['bframes=0', 'ref=1', 'keyint=3', 'min-keyint=1', 'scenecut=0']);
    const pictures = frameHashes(raw, 'h264');
    const held = path.join(dir, 'held-keys.h264');
    writeFileSync(held, holdPictures(readFileSync(raw), holds));
    expect(frameHashes(held, 'h264')).toEqual(holds.flatMap((n, k) => Array<string>(n).fill(pictures[k]!)));
  }, 60_000);

  it('plays in Chromium as a user sees it: each colour for exactly its frames', async () => {
    const colours = ['red', 'lime', 'blue', 'white'];
    const holds = [3, 2, 5, 3];
    const pictures = path.join(dir, 'colour-%d.png');
    colours.forEach((c, i) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=${c}:s=64x64`, '-frames:v', '1', pictures.replace('%d', String(i))]));
    const raw = path.join(dir, 'colours.h264');
    await runFfmpeg(['-v', 'error', '-y', '-framerate', '25', '-start_number', '0', '-i', pictures, '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'veryfast', '-x264-params', 'bframes=0:ref=1', '-f', 'h264', raw]);
    const mp4 = path.join(dir, 'colours.mp4');
    writeFileSync(`${raw}.held`, holdPictures(readFileSync(raw), holds));
    await runFfmpeg(['-v', 'error', '-y', '-f', 'h264', '-framerate', '25', '-i', `${raw}.held`, '-c', 'copy', '-f', 'mp4', mp4]);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(`<video id="v" muted src="data:video/mp4;base64,${readFileSync(mp4).toString('base64')}"></video><canvas id="c" width="8" height="8"></canvas>`);
      const seen = await page.evaluate(async (frames) => {
        const video = document.getElementById('v') as HTMLVideoElement;
        if (video.readyState < 1) await new Promise((r) => video.addEventListener('loadedmetadata', r, { once: true }));
        const g = (document.getElementById('c') as HTMLCanvasElement).getContext('2d')!;
        const out: string[] = [];
        for (let n = 0; n < frames; n++) {
          // 'seeked' can come before the new frame is the one drawn (seen on a loaded machine): wait until
          // Chromium presents a frame of that time, or give up waiting after 5 s and draw what is there.
          const presented = new Promise<void>((r) => {
            const check = (_: number, frame: { mediaTime: number }) => (Math.abs(frame.mediaTime - n / 25) < 0.01 ? r() : video.requestVideoFrameCallback(check));
            video.requestVideoFrameCallback(check);
            setTimeout(r, 5000);
          });
          video.currentTime = (n + 0.5) / 25;
          await presented;
          g.drawImage(video, 0, 0, 8, 8);
          out.push([...g.getImageData(4, 4, 1, 1).data.slice(0, 3)].map((v) => (v > 128 ? 1 : 0)).join(''));
        }
        return out;
      }, holds.reduce((a, b) => a + b, 0));
      const rgb: Record<string, string> = { red: '100', lime: '010', blue: '001', white: '111' };
      expect(seen).toEqual(holds.flatMap((n, k) => Array<string>(n).fill(rgb[colours[k]!]!)));
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('refuses a stream it cannot hold, and a count of pictures that does not match, with a reason', async () => {
    const withBFrames = await encodePictures('bframes', '160x90', 6, ['bframes=2']);
    expect(() => holdPictures(readFileSync(withBFrames), [1, 1, 1, 1, 1, 1])).toThrow(H264HoldError);
    expect(() => holdPictures(readFileSync(withBFrames), [1, 1, 1, 1, 1, 1])).toThrow(/bframes=0/);
    const plain = await encodePictures('plain', '160x90', 4);
    expect(() => holdPictures(readFileSync(plain), [2, 2, 2])).toThrow(/4 pictures in the stream, 3 expected/);
  }, 60_000);
});

describe('cutting an encoder run back into chunks, each held', () => {
  it('cuts at the key frames asked for, each piece decoding alone to its own pictures held, and refuses a cut elsewhere', async () => {
    // Six pictures, a key frame at the first and the fourth (keyint 3, no scene cuts): two chunks of three.
    const run = await encodePictures('run', '160x90', 6, ['bframes=0', 'ref=1', 'keyint=3', 'min-keyint=3', 'scenecut=0']);
    const whole = frameHashes(run, 'h264');
    const holds = [[2, 1, 3], [1, 4, 1]];
    const pieces = holdChunks(readFileSync(run), holds);
    const decoded = pieces.map((piece, i) => {
      const file = path.join(dir, `piece-${i}.h264`);
      writeFileSync(file, piece);
      return frameHashes(file, 'h264');
    });
    const shown = (pictures: string[], chunk: number[]) => chunk.flatMap((n, k) => Array<string>(n).fill(pictures[k]!));
    expect(decoded).toEqual([shown(whole.slice(0, 3), holds[0]!), shown(whole.slice(3), holds[1]!)]);
    expect(() => holdChunks(readFileSync(run), [[1, 1], [1, 1, 1, 1]])).toThrow(/picture 2 does not start a stream/);
    expect(() => holdChunks(readFileSync(run), [[1, 1, 1], [1, 1]])).toThrow(/6 pictures in the stream, 5 expected/);
  }, 60_000);
});
