/**
 * Captions laid over captured pictures (engine/formats/video/captionOverlay.ts):
 * shots composed several at once, as the render does, must be the very files
 * composed one at a time, and a caption that was never rendered is an error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptionOverlay } from '../../engine/formats/video/captionOverlay.js';

const SIZE = { width: 216, height: 384, bandY: 300 };
let dir: string;
let pictures: string[];
let bands: Buffer[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-overlay-'));
  pictures = ['red', 'green', 'blue', 'yellow', 'purple'].map((colour) => {
    const file = path.join(dir, `${colour}.jpeg`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=${colour}:s=${SIZE.width}x${SIZE.height}`, '-frames:v', '1', file]);
    return file;
  });
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

function overlay(): CaptionOverlay {
  const o = new CaptionOverlay(SIZE);
  bands.forEach((png, cue) => o.addBand(cue, png));
  return o;
}

describe('laying captions over pictures', () => {
  // Shots as a render makes them: captions changing under pictures and back again.
  const shots = [[0, 0], [1, 0], [2, 1], [3, 1], [4, 2], [0, 2], [1, 0], [2, 1]] as const;

  it('gives the same shots composed several at once as one at a time', async () => {
    const one = overlay();
    for (const [i, [picture, cue]] of shots.entries()) writeFileSync(path.join(dir, `one-${i}.jpeg`), await one.compose(pictures[picture]!, cue));
    const many = overlay();
    const composed = await Promise.all(shots.map(([picture, cue]) => many.compose(pictures[picture]!, cue)));
    composed.forEach((jpeg, i) => writeFileSync(path.join(dir, `many-${i}.jpeg`), jpeg));
    for (const i of shots.keys()) {
      expect(readFileSync(path.join(dir, `many-${i}.jpeg`)).equals(readFileSync(path.join(dir, `one-${i}.jpeg`))), `shot ${i}`).toBe(true);
    }
    // Each shot shows its own picture (the overlay reuses its decoded images), above the band.
    const expected: Record<number, [number, number, number]> = { 0: [255, 0, 0], 1: [0, 128, 0], 2: [0, 0, 255], 3: [255, 255, 0], 4: [128, 0, 128] };
    for (const [i, [picture]] of shots.entries()) {
      const rgb = execFileSync('ffmpeg', ['-v', 'error', '-i', path.join(dir, `one-${i}.jpeg`), '-vf', 'crop=8:8:100:100,scale=1:1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
      for (const c of [0, 1, 2]) expect(Math.abs(rgb[c]! - expected[picture]![c]!), `shot ${i}`).toBeLessThan(12);
    }
    // And the caption is really there: a shot differs from the same picture under another caption.
    expect(readFileSync(path.join(dir, 'one-0.jpeg')).equals(readFileSync(path.join(dir, 'one-5.jpeg')))).toBe(false);
  });

  it('refuses a caption that was never rendered', async () => {
    await expect(overlay().compose(pictures[0]!, 7)).rejects.toThrow(/caption 7 was not rendered/);
  });
});
