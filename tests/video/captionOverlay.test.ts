/**
 * Captions laid over captured pictures (engine/formats/video/captionOverlay.ts),
 * on the main thread and on a thread of its own as the render runs it
 * (overlayThread.ts): shots composed several at once, as the render does,
 * must be the very pixels composed one at a time; a part lands where it
 * belongs; a caption that was never rendered is an error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { CaptionOverlay, overlayWriter, type OverlaySize, type Picture } from '../../engine/formats/video/captionOverlay.js';
import { rgbaToI420 } from '../../engine/formats/video/i420.js';
import { OverlayThread } from '../../engine/formats/video/overlayThread.js';
import type { Worker } from 'node:worker_threads';
import { StudioError } from '../../engine/errors.js';

const SIZE = { width: 216, height: 384, bandY: 300 };
let dir: string;
let pictures: Picture[];
/** How many times each picture's JPEG was read. */
const reads = new Map<string, number>();
let bands: Buffer[];
/** A picture with detail (ffmpeg's test pattern), where decoders' rounding shows; and the same at half the size. */
let pattern: Picture;
let smallPattern: Picture;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-overlay-'));
  pictures = ['red', 'green', 'blue', 'yellow', 'purple'].map((colour) => {
    const file = path.join(dir, `${colour}.jpeg`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=${colour}:s=${SIZE.width}x${SIZE.height}`, '-frames:v', '1', file]);
    return {
      key: colour,
      jpeg: async () => {
        reads.set(colour, (reads.get(colour) ?? 0) + 1);
        return readFileSync(file);
      },
    };
  });
  const patternFile = path.join(dir, 'pattern.jpeg');
  const smallFile = path.join(dir, 'pattern-small.jpeg');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=${SIZE.width}x${SIZE.height}`, '-frames:v', '1', '-q:v', '5', patternFile]);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', patternFile, '-vf', `scale=${SIZE.width / 2}:${SIZE.height / 2}`, '-q:v', '2', smallFile]);
  pattern = { key: 'pattern', jpeg: async () => readFileSync(patternFile) };
  smallPattern = { key: 'pattern-small', jpeg: async () => readFileSync(smallFile) };
  // Half-transparent bands with a text-like pattern, as Chromium captures them.
  bands = [0, 1, 2].map((i) => {
    const file = path.join(dir, `band-${i}.png`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=s=${SIZE.width}x60:r=1`, '-vf', `format=rgba,colorchannelmixer=aa=0.${5 + i}`, '-frames:v', '1', file]);
    return readFileSync(file);
  });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Overlay = Pick<CaptionOverlay, 'addBand' | 'pixels'>;
/** Threads started by a test, ended after it. */
const threads: OverlayThread[] = [];

afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.close()));
});

const MAKERS: Array<[string, (size: OverlaySize) => Overlay]> = [
  ['on the main thread', (size) => new CaptionOverlay(size)],
  [
    'on a thread of its own',
    (size) => {
      const thread = new OverlayThread(size);
      threads.push(thread);
      return thread;
    },
  ],
];

/** The RGB of pixel (x, y) of an I420 picture of SIZE, as a player shows it (limited-range BT.601). */
function rgbAt(pixels: Uint8Array, x: number, y: number): number[] {
  const luma = SIZE.width * SIZE.height;
  const c = (y >> 1) * (SIZE.width / 2) + (x >> 1);
  const [l, u, v] = [1.164 * (pixels[y * SIZE.width + x]! - 16), pixels[luma + c]! - 128, pixels[luma * 1.25 + c]! - 128];
  return [l + 1.596 * v, l - 0.392 * u - 0.813 * v, l + 2.017 * u].map((n) => Math.round(Math.min(255, Math.max(0, n))));
}

/** The samples of an I420 picture of SIZE in rows [from, to) of the picture (Y, then U and V of those rows). */
function rows(pixels: Buffer, from: number, to: number): Buffer {
  const [w, luma] = [SIZE.width, SIZE.width * SIZE.height];
  const chroma = (plane: number) => pixels.subarray(plane + (from / 2) * (w / 2), plane + (to / 2) * (w / 2));
  return Buffer.concat([pixels.subarray(from * w, to * w), chroma(luma), chroma(luma * 1.25)]);
}

describe.each(MAKERS)('laying captions over pictures %s', (_, make) => {
  function overlay(): Overlay {
    const o = make(SIZE);
    bands.forEach((png, cue) => o.addBand(cue, png));
    return o;
  }

  // Shots as a render makes them: captions changing under pictures and back again.
  const shots = [[0, 0], [1, 0], [2, 1], [3, 1], [4, 2], [0, 2], [1, 0], [2, 1]] as const;

  it('gives the same shots composed several at once as one at a time', async () => {
    const one = overlay();
    const alone: Buffer[] = [];
    for (const [picture, cue] of shots) alone.push(await one.pixels(pictures[picture]!, { cue }));
    const many = overlay();
    const together = await Promise.all(shots.map(([picture, cue]) => many.pixels(pictures[picture]!, { cue })));
    for (const i of shots.keys()) {
      expect(together[i]!.length).toBe(SIZE.width * SIZE.height * 1.5);
      expect(together[i]!.equals(alone[i]!), `shot ${i}`).toBe(true);
    }
    // Each shot shows its own picture (the overlay reuses its decoded images and canvases), above the band.
    const expected: Record<number, [number, number, number]> = { 0: [255, 0, 0], 1: [0, 128, 0], 2: [0, 0, 255], 3: [255, 255, 0], 4: [128, 0, 128] };
    for (const [i, [picture]] of shots.entries()) {
      const rgb = rgbAt(alone[i]!, 100, 100);
      for (const c of [0, 1, 2]) expect(Math.abs(rgb[c]! - expected[picture]![c]!), `shot ${i}`).toBeLessThan(12);
    }
    // And the caption is really there, in the band only: the same picture under two captions differs below bandY, not above.
    const [under0, under2] = [alone[0]!, alone[5]!];
    expect(rows(under0, 0, SIZE.bandY).equals(rows(under2, 0, SIZE.bandY))).toBe(true);
    expect(rows(under0, SIZE.bandY, SIZE.height).equals(rows(under2, SIZE.bandY, SIZE.height))).toBe(false);
  });

  it('lays a part over its root where it belongs, and a shot without a caption is its picture', async () => {
    const o = overlay();
    const blue = await pictures[2]!.jpeg();
    const part = { key: 'blue-part', jpeg: await crop(blue, 32, 48), at: { x: 64, y: 80 } };
    const laid = await o.pixels(pictures[0]!, { part });
    // Blue inside the part, red around it; no band.
    for (const [x, y] of [[64, 80], [95, 127]] as const) expect(rgbAt(laid, x, y)[2]).toBeGreaterThan(200);
    for (const [x, y] of [[63, 80], [96, 127], [64, 128], [10, 350]] as const) expect(rgbAt(laid, x, y)[0]).toBeGreaterThan(200);
    // The same part under a caption: the band covers the bottom only.
    const captioned = await o.pixels(pictures[0]!, { part, cue: 1 });
    expect(rows(captioned, 0, SIZE.bandY).equals(rows(laid, 0, SIZE.bandY))).toBe(true);
    expect(rows(captioned, SIZE.bandY, SIZE.height).equals(rows(laid, SIZE.bandY, SIZE.height))).toBe(false);
  });

  it('reads and decodes a picture once while the shots after it show it, and again once it was forgotten', async () => {
    const o = overlay();
    reads.clear();
    // Red under three captions, then four other pictures (more than are kept decoded), then red again.
    const first = [await o.pixels(pictures[0]!, { cue: 0 }), await o.pixels(pictures[0]!, { cue: 1 }), await o.pixels(pictures[0]!, { cue: 2 })];
    expect(reads.get('red')).toBe(1);
    for (const other of [1, 2, 3, 4]) await o.pixels(pictures[other]!, { cue: 0 });
    const again = await o.pixels(pictures[0]!, { cue: 1 });
    expect(reads.get('red')).toBe(2);
    expect(again.equals(first[1]!)).toBe(true);
    expect(first[0]!.equals(first[1]!)).toBe(false);
  });

  it('fails a shot whose picture does not decode, and tries that picture again for the next shot', async () => {
    const o = overlay();
    let broken = true;
    const flaky: Picture = { key: 'flaky', jpeg: async () => (broken ? Buffer.from('not a jpeg') : pictures[1]!.jpeg()) };
    await expect(o.pixels(flaky, { cue: 0 })).rejects.toThrow();
    broken = false;
    const mended = await o.pixels(flaky, { cue: 0 });
    expect(mended.equals(await o.pixels(pictures[1]!, { cue: 0 }))).toBe(true);
    // A picture whose file cannot be read fails its shot with that reason.
    const gone: Picture = { key: 'gone', jpeg: () => Promise.reject(new Error('removed under the render')) };
    await expect(o.pixels(gone)).rejects.toThrow(/removed under the render/);
  });

  it('decodes a picture as Skia draws it, within a level or two (libjpeg-turbo decodes, Skia is the reference)', async () => {
    const image = await loadImage(await pattern.jpeg());
    const canvas = createCanvas(SIZE.width, SIZE.height);
    canvas.getContext('2d').drawImage(image, 0, 0);
    const skia = rgbaToI420(canvas.data(), SIZE.width, SIZE.height).data;
    const ours = await overlay().pixels(pattern);
    expect(ours.length).toBe(skia.length);
    let worst = 0;
    let differing = 0;
    for (let i = 0; i < ours.length; i++) {
      const d = Math.abs(ours[i]! - skia[i]!);
      if (d > worst) worst = d;
      if (d > 0) differing++;
    }
    expect(worst).toBeLessThanOrEqual(3);
    // Not the same decoder by accident: on this pattern, the fast IDCT rounds some samples otherwise.
    expect(differing).toBeGreaterThan(0);
  });

  it('draws a picture captured at another size at the video size (Skia scales it)', async () => {
    const o = overlay();
    const shot = await o.pixels(smallPattern, { cue: 1 });
    expect(shot.length).toBe(SIZE.width * SIZE.height * 1.5);
    // The pattern scaled up matches the pattern at full size, roughly (scaling blurs its edges).
    const full = await o.pixels(pattern, { cue: 1 });
    let sum = 0;
    for (let i = 0; i < SIZE.width * SIZE.bandY; i++) sum += Math.abs(shot[i]! - full[i]!);
    expect(sum / (SIZE.width * SIZE.bandY)).toBeLessThan(12);
  });

  it('refuses a caption that was never rendered', async () => {
    await expect(overlay().pixels(pictures[0]!, { cue: 7 })).rejects.toThrow(/caption 7 was not rendered/);
  });
});

describe('the overlay on a thread of its own', () => {
  function thread(): OverlayThread {
    const t = new OverlayThread(SIZE);
    threads.push(t);
    bands.forEach((png, cue) => t.addBand(cue, png));
    return t;
  }

  it('makes the very shots the main thread makes', async () => {
    const here = new CaptionOverlay(SIZE);
    bands.forEach((png, cue) => here.addBand(cue, png));
    const there = thread();
    const part = { key: 'blue-part', jpeg: await crop(await pictures[2]!.jpeg(), 32, 48), at: { x: 64, y: 80 } };
    for (const options of [{}, { cue: 1 }, { part }, { part, cue: 2 }]) {
      expect((await there.pixels(pictures[0]!, options)).equals(await here.pixels(pictures[0]!, options))).toBe(true);
    }
    // With detail, where the thread decoding with Skia instead of libjpeg-turbo would show.
    expect((await there.pixels(pattern, { cue: 0 })).equals(await here.pixels(pattern, { cue: 0 }))).toBe(true);
  });

  it('names libjpeg-turbo among what makes its shots, so chunks encoded from Skia-decoded shots are not reused', () => {
    expect(overlayWriter()).toMatch(/\|jpeg-turbo-\d+\.\d+\.\d+$/);
  });

  it("fails every shot waiting for a picture with the picture cache's own error", async () => {
    const t = thread();
    const gone: Picture = { key: 'gone', jpeg: () => Promise.reject(new StudioError('video.keptFileGone')) };
    const shots = await Promise.allSettled([t.pixels(gone, { cue: 0 }), t.pixels(gone, { cue: 1 }), t.pixels(gone)]);
    for (const shot of shots) {
      expect(shot.status).toBe('rejected');
      const reason = (shot as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(StudioError);
      expect((reason as StudioError).code).toBe('video.keptFileGone');
    }
    // The thread goes on.
    expect((await t.pixels(pictures[1]!)).length).toBe(SIZE.width * SIZE.height * 1.5);
  });

  it('fails the shots still asked for when its thread stops on its own (a crash), and every shot after', async () => {
    const t = thread();
    const never: Picture = { key: 'never', jpeg: () => new Promise<Buffer>(() => undefined) };
    const asked = t.pixels(never, { cue: 0 });
    // The thread is up and working.
    expect((await t.pixels(pictures[1]!)).length).toBe(SIZE.width * SIZE.height * 1.5);
    // Stopped from outside as a crash would stop it: not through close(), so the render is not expecting it.
    await (t as unknown as { worker: Worker }).worker.terminate();
    await expect(asked).rejects.toThrow(/stopped/);
    await expect(t.pixels(pictures[1]!)).rejects.toThrow(/stopped/);
  });

  it('fails the shots still asked for when closed, and every shot after', async () => {
    const t = thread();
    const asked = expect(t.pixels(pictures[3]!, { cue: 0 })).rejects.toThrow(/closed/);
    await t.close();
    await asked;
    await expect(t.pixels(pictures[3]!)).rejects.toThrow(/closed/);
  });

  it('does not hold the process open once its shots are made', () => {
    // A render that failed before closing its overlay must not leave the command hanging.
    const script = [
      `import { OverlayThread } from ${JSON.stringify(path.resolve('engine/formats/video/overlayThread.ts'))};`,
      `import { readFileSync } from 'node:fs';`,
      `const t = new OverlayThread(${JSON.stringify(SIZE)});`,
      `const shot = await t.pixels({ key: 'red', jpeg: async () => readFileSync(${JSON.stringify(path.join(dir, 'red.jpeg'))}) });`,
      `console.log(shot.length);`,
    ].join('\n');
    const file = path.join(dir, 'leave-open.mts');
    writeFileSync(file, script);
    const out = execFileSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 30_000 });
    expect(out.trim()).toBe(String(SIZE.width * SIZE.height * 1.5));
  });
});

/** A `width`×`height` JPEG cut from the top left of `jpeg`. */
async function crop(jpeg: Buffer, width: number, height: number): Promise<Buffer> {
  const file = path.join(dir, `crop-${width}x${height}.jpeg`);
  writeFileSync(path.join(dir, 'whole.jpeg'), jpeg);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', path.join(dir, 'whole.jpeg'), '-vf', `crop=${width}:${height}:0:0`, file]);
  return readFileSync(file);
}
