/**
 * Where on the frame an actor's changing parts can be drawn, in frame pixels,
 * through the same transforms SceneStage and PuppetGroup apply (camera, place
 * on the ground, the look's height and facing, stoop, breath, head size).
 * The renderer captures only that part of a frame whose stage is already
 * captured (engine/formats/video/patches.ts). Boxes are generous: a box that
 * misses a pixel the pose changes leaves a wrong pixel in the video;
 * tests/video/patches.test.ts checks them against whole captures.
 */
import type { ActorState, SegmentView } from './frameState.js';
import { safeBox, sceneCardMetrics, stageLayout, unit } from './layout.js';
import type { SceneSegment, VideoPlan } from './plan.js';
import { lookFor } from './puppets/looks.js';
import { PUPPET_UNITS } from './puppets/Puppet.js';

/** A box by its corners (layout.ts Box is by its corner and size). */
export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** What differs between two poses of an actor: the face alone (eyes, mouth, expression), or the figure (breath, arm). */
export type ChangedPart = 'face' | 'figure';

/** The face in the head's own units (Head.tsx: face ellipse at (4, −346), rx 42, ry 47; brows, eyes and mouth inside it). */
const FACE: Bounds = { x0: -52, y0: -404, x1: 64, y1: -286 };
/** The whole head in its own units, hair, pigtails, hats and the cap's visor included (Head.tsx). */
const HEAD: Bounds = { x0: -70, y0: -436, x1: 76, y1: -262 };
/** The body above the legs that breath lifts and the arm moves, open palm included, in the body's units (Body.tsx). */
const BODY: Bounds = { x0: -130, y0: -300, x1: 160, y1: -20 };
/** The hip Puppet rotates a stooping look around. */
const HIP_Y = -170;
/** Anti-aliasing and strokes reach past a shape's outline; a few pixels more costs little. */
const MARGIN_PX = 6;

export function changedPart(a: ActorState, b: ActorState): ChangedPart | null {
  if (a.b !== b.b || a.g !== b.g) return 'figure';
  if (a.e !== b.e || a.m !== b.m || a.x !== b.x) return 'face';
  return null;
}

/** The box of `part` of cast member `actor` at breath `breath`, in frame pixels (not clamped to the frame). */
export function actorBox(plan: VideoPlan, seg: SceneSegment, view: SegmentView, actor: number, part: ChangedPart, breath: number): Bounds {
  const { width: W, height: H } = plan;
  const member = seg.cast[actor]!;
  const look = lookFor(member.puppet.archetype, member.puppet.dress, member.puppet.gender);
  const layout = stageLayout(plan.aspect, W, H, seg.cast.length);
  const stageScale = layout.adultHeight / PUPPET_UNITS;
  const [cx, cy, z] = view.cam;
  const zoom = z / 100;
  const mirror = member.facing === 'left' ? -1 : 1;
  const stoop = (look.stoop * Math.PI) / 180;
  const lift = -2.2 * breath;

  // The body's own units → frame pixels, as the SVG transforms compose (innermost first).
  const toFrame = (x: number, y: number): [number, number] => {
    // rotate(stoop 0 hip) translate(0 lift)
    const ty = y + lift - HIP_Y;
    const rx = x * Math.cos(stoop) - ty * Math.sin(stoop);
    const ry = x * Math.sin(stoop) + ty * Math.cos(stoop) + HIP_Y;
    // scale(±height height), then the actor's place on the ground, then the camera.
    const stageX = member.x * W + stageScale * look.height * mirror * rx;
    const stageY = layout.groundY + stageScale * look.height * ry;
    return [W / 2 + zoom * (stageX - (cx / 1000) * W), H / 2 + zoom * (stageY - (cy / 1000) * H)];
  };
  // translate(0 −1.2·breath) translate(2 −292) scale(head) translate(−2 292)
  const headToBody = (x: number, y: number): [number, number] => [(x - 2) * look.head + 2, (y + 292) * look.head - 292 - 1.2 * breath];

  const corners = (b: Bounds): Array<[number, number]> => [[b.x0, b.y0], [b.x1, b.y0], [b.x0, b.y1], [b.x1, b.y1]];
  const head = corners(part === 'face' ? FACE : HEAD).map(([x, y]) => toFrame(...headToBody(x, y)));
  const points = part === 'face' ? head : [...head, ...corners(BODY).map(([x, y]) => toFrame(x, y))];
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs) - MARGIN_PX, y0: Math.min(...ys) - MARGIN_PX, x1: Math.max(...xs) + MARGIN_PX, y1: Math.max(...ys) + MARGIN_PX };
}

/** The smallest box holding both. */
export function unionBox(a: Bounds | null, b: Bounds): Bounds {
  return a ? { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) } : b;
}

/**
 * Where a scene's card (cards/SceneCard.tsx: "Cảnh N" over the title, at the
 * safe area's corner, sliding 60 units in from the left, with its shadow) can
 * be drawn, whatever its words. Its height is bounded without measuring the
 * title: every letter counted as wide as the font is high (real letters are
 * about half that), plus a line for wrapping.
 */
export function sceneCardBox(plan: VideoPlan, seg: SceneSegment): Bounds {
  const m = sceneCardMetrics(plan.aspect, plan.width, plan.height);
  const u = unit(plan.width, plan.height);
  const safe = safeBox(plan.aspect, plan.width, plan.height);
  const inner = safe.width - 2 * m.padX - m.border;
  const lines = Math.ceil((Math.max(1, [...seg.title].length) * m.titleSize) / Math.max(1, inner)) + 1;
  // The label's line counted 1.5 times its size, the title's at its line height.
  const height = 2 * m.padY + m.labelSize * 1.5 + lines * m.titleSize * m.titleLineHeight;
  // A box shadow reaches its offset plus its blur; 6 units more to spare.
  const shadow = m.shadowY + m.shadowBlur + 6 * u;
  return {
    x0: safe.x - m.slide - shadow - MARGIN_PX,
    y0: safe.y - shadow - MARGIN_PX,
    x1: safe.x + safe.width + shadow + MARGIN_PX,
    y1: safe.y + height + shadow + MARGIN_PX,
  };
}
