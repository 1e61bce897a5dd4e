/**
 * Most pictures of a scene differ from one another only in the actors'
 * faces and arms: a mouth that opens, a blink, a breath, a gesture (271 of
 * the sample's 362 pictures differ from the one before in nothing else). Such
 * a picture is made from a whole picture of the same stage (its "root": same
 * scene, camera, card and speaker) with only the box of the actors that
 * differ captured anew, in a page the size of that box, and laid over the
 * root. Chromium's cost grows with the pixels it draws and reads back: a
 * 400×400 part costs about a fifth of a 1080×1920 picture (measured
 * 2026-12-05, 62–101 ms against 340–409 on a slow VM).
 *
 * Roots are kept in the picture cache beside the pictures (kind 'stage'), so
 * a second language, whose mouths and arms move at other times over the same
 * stages, captures mostly small parts too.
 */
import { actorBox, changedPart, sceneCardBox, unionBox, type Bounds } from '../../../templates/video/actorBox.js';
import { frameState, type ActorState, type FrameState } from '../../../templates/video/frameState.js';
import type { Box } from '../../../templates/video/layout.js';
import type { SceneSegment, VideoPlan } from '../../../templates/video/plan.js';
import { readFileSync } from 'node:fs';
import type { PictureCache } from './pictureCache.js';
import { contentKey, pictureKey, stableJson } from './pictureKey.js';

/**
 * A part bigger than this share of the frame is captured whole instead: it
 * would cost nearly as much, and a whole picture is a better root for the
 * pictures after it.
 */
export const MAX_PATCH_SHARE = 0.4;
/** Parts start and end on the JPEG's 16-pixel blocks, so the root's blocks around them are written as they were. */
const BLOCK = 16;

/** What a stage's root is: a whole picture, its actors' poses and the words its scene card prints (cardWords). */
interface Root {
  picture: string;
  actors: ActorState[];
  card: string;
}

export interface Patch {
  /** The whole picture this one is laid over. */
  root: string;
  /** The part of the frame, in whole pixels. */
  clip: Box;
}

export interface PatchPlan {
  /** By a missing picture's frame: the part to capture and the root it is laid over. Frames not here are captured whole. */
  patches: Map<number, Patch>;
  /** Roots this render captures: kept in the cache once captured (keepRoot). */
  roots: Map<number, { stage: string; root: Root }>;
}

/**
 * A picture's stage: its key with every actor's pose and its scene card's
 * words left out (the card's state stays: where it is, how faded), so another
 * language's pictures of a scene have the first one's stage; null for a
 * picture that is not one scene alone (titles, end cards, crossfades).
 */
export function stageKeyOf(plan: VideoPlan, state: FrameState): string | null {
  if (state.views.length !== 1) return null;
  const view = state.views[0]!;
  if (plan.segments[view.seg]?.kind !== 'scene' || view.actors.length === 0) return null;
  const still = { ...state, views: [{ ...view, actors: view.actors.map(() => ({ b: 0, e: 0, m: 0, g: 0, x: 0 })) }] };
  const wordless: VideoPlan = {
    ...plan,
    labels: { ...plan.labels, scene: '' },
    segments: plan.segments.map((s, i) => (i === view.seg && s.kind === 'scene' ? { ...s, number: 0, title: '' } : s)),
  };
  return contentKey(`stage|${pictureKey(wordless, still)}`);
}

/** The words a scene's card prints while it shows ('' while hidden). */
function cardWords(plan: VideoPlan, seg: SceneSegment, card: number): string {
  return card < 0 ? '' : stableJson([plan.labels.scene, seg.number, seg.title]);
}

/**
 * Which missing pictures are laid over a root, in the order given (frames
 * ascending; `offset` is added to reach the plan's frame). A root is a
 * picture captured whole: one kept from an earlier render, or one captured
 * earlier in this one, whose file is then on disk before any part laid over
 * it is captured (captures are in frame order).
 */
export async function planPatches(plan: VideoPlan, missing: Array<{ key: string; frame: number }>, cache: PictureCache, offset = 0): Promise<PatchPlan> {
  const roots = new Map<string, Root | null>();
  const result: PatchPlan = { patches: new Map(), roots: new Map() };
  const frameArea = plan.width * plan.height;
  for (const picture of missing) {
    const state = frameState(plan, picture.frame + offset);
    const stage = stageKeyOf(plan, state);
    if (!stage) continue;
    if (!roots.has(stage)) roots.set(stage, await keptRoot(cache, stage));
    const view = state.views[0]!;
    const seg = plan.segments[view.seg] as SceneSegment;
    const card = cardWords(plan, seg, view.card);
    const root = roots.get(stage);
    const clip = root ? partToCapture(plan, seg, state, root, card) : null;
    if (root && clip && clip.width * clip.height <= MAX_PATCH_SHARE * frameArea) {
      result.patches.set(picture.frame, { root: root.picture, clip });
      continue;
    }
    const own: Root = { picture: picture.key, actors: view.actors, card };
    roots.set(stage, own);
    result.roots.set(picture.frame, { stage, root: own });
  }
  return result;
}

/** Keeps a root captured by this render, for later renders (best-effort: a full disk does not fail the render). */
export async function keepRoot(cache: PictureCache, stage: string, root: Root): Promise<void> {
  await cache.put(stage, Buffer.from(stableJson(root)), 'stage').catch(() => undefined);
}

async function keptRoot(cache: PictureCache, stage: string): Promise<Root | null> {
  if (!cache.has(stage, 'stage')) return null;
  try {
    const root = JSON.parse((await cache.read(stage, 'stage')).toString('utf8')) as Root;
    return cache.has(root.picture) ? root : null;
  } catch {
    // A root another build is writing, or one cut short: capture a new one.
    return null;
  }
}

/** The block-aligned box of the actors whose pose differs from the root's, and of the card if its words differ; null when nothing does. */
function partToCapture(plan: VideoPlan, seg: SceneSegment, state: FrameState, root: Root, card: string): Box | null {
  const view = state.views[0]!;
  let bounds: Bounds | null = card === root.card ? null : sceneCardBox(plan, seg);
  for (const [i, actor] of view.actors.entries()) {
    const was = root.actors[i];
    const part = was ? changedPart(actor, was) : null;
    if (!was || !part) continue;
    bounds = unionBox(bounds, actorBox(plan, seg, view, i, part, actor.b));
    bounds = unionBox(bounds, actorBox(plan, seg, view, i, part, was.b));
  }
  if (!bounds) return null;
  const { x0, y0, x1, y1 } = bounds;
  const x = Math.max(0, Math.floor(x0 / BLOCK) * BLOCK);
  const y = Math.max(0, Math.floor(y0 / BLOCK) * BLOCK);
  const right = Math.min(plan.width, Math.ceil(x1 / BLOCK) * BLOCK);
  const bottom = Math.min(plan.height, Math.ceil(y1 / BLOCK) * BLOCK);
  if (right <= x || bottom <= y) return null;
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * A picture kept as its part: a line of JSON (the root's key, where the part
 * goes), then the part's JPEG. One file, so it appears whole (PictureCache.put)
 * and a reader never finds the part without its place.
 */
export function partFile(patch: Patch, jpeg: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${stableJson(patch)}\n`), jpeg]);
}

export interface KeptPart extends Patch {
  jpeg: Buffer;
}

export function readPartFile(bytes: Buffer): KeptPart {
  const end = bytes.indexOf(0x0a);
  const patch = JSON.parse(bytes.subarray(0, end).toString('utf8')) as Patch;
  return { ...patch, jpeg: bytes.subarray(end + 1) };
}

/**
 * Whether `picture` can be made from what the cache keeps: whole, or as a
 * part whose root is kept too (a root pruned since leaves its parts useless).
 */
export function pictureKept(cache: PictureCache, picture: string): boolean {
  if (cache.has(picture)) return true;
  if (!cache.has(picture, 'part')) return false;
  try {
    return cache.has(readPartFile(readFileSync(cache.pathOf(picture, 'part'))).root);
  } catch {
    return false;
  }
}
