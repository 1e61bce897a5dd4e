/**
 * Pictures made from a part laid over a whole picture of their stage
 * (engine/formats/video/patches.ts) must be the pictures a whole capture
 * gives: every changed pixel inside the part. Checked against whole captures
 * of the same frames, block by block, for the demo's scene (a stooping elder
 * facing right, an official facing left, the camera moving to the speaker)
 * and for a scene of three with children (bigger heads).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptionOverlay } from '../../engine/formats/video/captionOverlay.js';
import { captureFrames, closeVideoBrowser, launchVideoBrowser, type VideoBrowser } from '../../engine/formats/video/capture.js';
import { scheduleShots } from '../../engine/formats/video/frameSchedule.js';
import { keepRoot, MAX_PATCH_SHARE, planPatches } from '../../engine/formats/video/patches.js';
import { createPictureCache, disposePictureCache, type PictureCache } from '../../engine/formats/video/pictureCache.js';
import { cachedOrNewBundle, type RemotionBundle } from '../../engine/formats/video/remotion.js';
import { findVideoChromium } from '../../engine/render/chromium.js';
import { COMPOSITION_ID } from '../../templates/video/compositionIds.js';
import { demoPlan } from '../../templates/video/demoPlan.js';
import type { Box } from '../../templates/video/layout.js';
import { frameState } from '../../templates/video/frameState.js';
import type { SceneSegment, VideoPlan } from '../../templates/video/plan.js';
import { SAME_PICTURE_DB } from './fixtures.js';
import { rgbaToI420 } from '../../engine/formats/video/i420.js';

let bundle: RemotionBundle;
let browser: VideoBrowser;
let dir: string;

beforeAll(async () => {
  bundle = await cachedOrNewBundle();
  browser = await launchVideoBrowser(findVideoChromium());
  dir = await mkdtemp(path.join(os.tmpdir(), 'video-patches-test-'));
}, 180_000);

afterAll(async () => {
  await closeVideoBrowser(browser);
  await rm(dir, { recursive: true, force: true });
});

/** The demo with its scene played by three: a mother and two children. */
function familyPlan(): VideoPlan {
  const plan = demoPlan('16:9');
  const segments = plan.segments.map((s) => s.kind !== 'scene' ? s : {
    ...s,
    cast: [
      { ...s.cast[0]!, puppet: { archetype: 'woman', dress: 'upland', gender: 'female' }, x: 0.3 },
      { ...s.cast[1]!, puppet: { archetype: 'boy', dress: 'lowland', gender: 'male' }, x: 0.55 },
      { ...s.cast[1]!, characterId: 'girl', puppet: { archetype: 'girl', dress: 'upland', gender: 'female' }, x: 0.75, seed: 3 },
    ],
    lines: s.lines,
  } as SceneSegment);
  return { ...plan, segments };
}

/** RGBA pixels of a JPEG. */
async function pixels(jpeg: Buffer, width: number, height: number): Promise<Uint8ClampedArray> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  canvas.getContext('2d').drawImage(await loadImage(jpeg), 0, 0);
  return canvas.getContext('2d').getImageData(0, 0, width, height).data;
}

/**
 * Pixels outside `clip` that differ by more than 32 (of 255) in a channel. A
 * pixel the part misses (a hat's top, an eyelid, a mouth) differs by 60–200;
 * Chromium draws an unchanged stroke again with anti-aliasing off by a few
 * levels at most (measured: every such difference under 32), and pixels equal
 * in a JPEG block are written equal.
 */
function changedOutside(a: Uint8ClampedArray, b: Uint8ClampedArray, width: number, height: number, clip: Box): number {
  let changed = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= clip.x && x < clip.x + clip.width && y >= clip.y && y < clip.y + clip.height) continue;
      const i = (y * width + x) * 4;
      if (Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!)) > 32) changed++;
    }
  }
  return changed;
}

/** PSNR of two I420 pictures over all their samples, in dB. */
function psnr(a: Uint8Array, b: Uint8Array): number {
  let squares = 0;
  for (let i = 0; i < a.length; i++) squares += (a[i]! - b[i]!) ** 2;
  return squares === 0 ? Infinity : 10 * Math.log10((255 * 255 * a.length) / squares);
}

async function capture(plan: VideoPlan, frames: number[], clipOf?: (frame: number) => Box | undefined): Promise<Map<number, Buffer>> {
  const images = new Map<number, Buffer>();
  await captureFrames({
    bundleDir: bundle.dir, browser, plan, frames, compositionId: COMPOSITION_ID, jpegQuality: 80,
    ...(clipOf ? { clipOf } : {}),
    onFrame: async (frame, jpeg) => void images.set(frame, jpeg),
  });
  return images;
}

describe('pictures laid over the whole picture of their stage', () => {
  const plans: Array<[string, VideoPlan]> = [['the demo at 9:16', { ...demoPlan('9:16'), captions: [] }], ['a family of three at 16:9', { ...familyPlan(), captions: [] }]];
  for (const [name, plan] of plans) {
    it(`are the pictures whole captures give: ${name}`, async () => {
      const cache: PictureCache = await createPictureCache(dir);
      try {
        const missing = scheduleShots(plan).pictures;
        const parts = await planPatches(plan, missing, cache);
        // Most of a scene's pictures differ from their stage's root only in faces and arms.
        expect(parts.patches.size).toBeGreaterThan(missing.length / 4);
        const frameOf = new Map(missing.map((p) => [p.key, p.frame] as const));
        for (const [frame, patch] of parts.patches) {
          // A root is captured whole, before the pictures laid over it.
          expect(parts.patches.has(frameOf.get(patch.root)!)).toBe(false);
          expect(frameOf.get(patch.root)!).toBeLessThan(frame);
          const { x, y, width, height } = patch.clip;
          expect([x % 16, y % 16, x + width <= plan.width, y + height <= plan.height]).toEqual([0, 0, true, true]);
          expect(width * height).toBeLessThanOrEqual(MAX_PATCH_SHARE * plan.width * plan.height);
        }
        // Whole captures of the parts' pictures and of their roots only (titles and cards are never parts).
        const frames = [...new Set([...parts.patches].flatMap(([frame, patch]) => [frame, frameOf.get(patch.root)!]))].sort((a, b) => a - b);
        const whole = await capture(plan, frames);
        const partImages = await capture(plan, [...parts.patches.keys()], (frame) => parts.patches.get(frame)?.clip);
        const overlay = new CaptionOverlay({ width: plan.width, height: plan.height, bandY: 0 });
        let changed = 0;
        let worstPsnr = Infinity;
        for (const [frame, patch] of parts.patches) {
          const root = whole.get(frameOf.get(patch.root)!)!;
          const own = await pixels(whole.get(frame)!, plan.width, plan.height);
          // Every pixel the pose changes is inside the part: outside it, the whole picture is its root.
          changed += changedOutside(own, await pixels(root, plan.width, plan.height), plan.width, plan.height, patch.clip);
          const laid = await overlay.pixels({ key: `root-${frame}`, jpeg: async () => root }, { part: { key: `part-${frame}`, jpeg: partImages.get(frame)!, at: patch.clip } });
          worstPsnr = Math.min(worstPsnr, psnr(laid, rgbaToI420(new Uint8Array(own.buffer), plan.width, plan.height).data));
        }
        expect(changed).toBe(0);
        // The part laid over the root is the picture (JPEG noise apart).
        expect(worstPsnr).toBeGreaterThan(SAME_PICTURE_DB);
      } finally {
        await disposePictureCache(cache);
      }
    }, 300_000);
  }

  it('of another language: its scene card, in its own words, is a part over the first language\'s stage', async () => {
    const first: VideoPlan = { ...demoPlan('9:16'), captions: [] };
    const other: VideoPlan = {
      ...first,
      language: 'hnj',
      labels: { ...first.labels, scene: 'Ntu {n}' },
      segments: first.segments.map((s) => (s.kind === 'scene' ? { ...s, title: 'Tus neeg ua haujlwm txoj cai tuaj xyuas tsev neeg' } : s)),
    };
    const cache = await createPictureCache(dir);
    try {
      // The first language's roots, captured whole and kept, as its render keeps them.
      const firstParts = await planPatches(first, scheduleShots(first).pictures, cache);
      const rootFrames = [...firstParts.roots.keys()];
      const firstWhole = await capture(first, rootFrames);
      for (const [frame, { stage, root }] of firstParts.roots) {
        await cache.put(root.picture, firstWhole.get(frame)!);
        await keepRoot(cache, stage, root);
      }
      const rootFrameOf = new Map([...firstParts.roots].map(([frame, { root }]) => [root.picture, frame] as const));
      const parts = await planPatches(other, scheduleShots(other).pictures, cache);
      const carded = [...parts.patches].filter(([frame, patch]) => rootFrameOf.has(patch.root) && frameState(other, frame).views[0]!.card >= 0);
      expect(carded.length).toBeGreaterThan(3);
      const otherWhole = await capture(other, carded.map(([frame]) => frame));
      let changed = 0;
      for (const [frame, patch] of carded) {
        const own = await pixels(otherWhole.get(frame)!, other.width, other.height);
        const root = await pixels(firstWhole.get(rootFrameOf.get(patch.root)!)!, first.width, first.height);
        changed += changedOutside(own, root, other.width, other.height, patch.clip);
      }
      // Everything the other words change (the card's label and title) and every pose is inside the part.
      expect(changed).toBe(0);
    } finally {
      await disposePictureCache(cache);
    }
  }, 300_000);
});
