/**
 * What is on screen at a frame, as a small value of integers.
 *
 * The composition draws only from this value (never from the raw frame), and
 * every field changes only on multiples of plan.step. So two frames with the
 * same stateKey() are the same picture, and the renderer captures each
 * distinct state once (see engine/formats/video/frames.ts). Pure TypeScript.
 */
import { FOCUS_ZOOM, stageLayout } from './layout.js';
import type { CaptionCue, SceneSegment, Segment, VideoPlan } from './plan.js';
import { expressionIndex } from './puppets/expression.js';

export interface ActorState {
  /** Breath 0…2. */
  b: number;
  /** Eyes: 0 open, 1 half, 2 closed. */
  e: number;
  /** Mouth: 0 closed, 1 small, 2 open, 3 wide. */
  m: number;
  /** Arm: 0 rest, 1 lifting, 2 talking, 3 open palm. */
  g: number;
  /** Face: index in EXPRESSION_ORDER (0 neutral, 1 worried, 2 happy, 3 stern). */
  x: number;
}

export interface SegmentView {
  seg: number;
  /** Steps since the segment began, clamped where its own animation ends. */
  intro: number;
  /** Scene card: -1 hidden, 0…3 coming in (3 full), 4…6 going out. */
  card: number;
  /** Camera centre x, y in thousandths of the frame; zoom in hundredths. */
  cam: [number, number, number];
  actors: ActorState[];
  /** Index of the speaking cast member, or -1. */
  speaker: number;
}

export interface FrameState {
  /** One view, or two during a crossfade (the second fading in). */
  views: SegmentView[];
  /** Crossfade level 1…fadeSteps of the second view; 0 without one. */
  fade: number;
  /** Index of the visible caption in plan.captions, or -1. */
  cue: number;
}

export const TITLE_STEPS = 6;
export const CARD_IN_STEPS = 3;
export const CARD_OUT_STEPS = 3;
export const CAMERA_STEPS = 4;
/** End card: the heading comes in, then one key message every few steps. */
export const END_FIRST_MESSAGE_STEP = 3;
export const END_STEPS_PER_MESSAGE = 3;

/**
 * Idle motion (breath, blinks) changes only at the start of a slot of a few
 * steps, the same slots for every actor: a stage of idle people then changes
 * once a slot, not whenever any one of them breathes.
 */
export const IDLE_SLOT_STEPS = 6;
const BREATH = [0, 0, 1, 2, 2, 1];
const WIDE: [number, number, number] = [500, 500, 100];

export function fadeSteps(plan: VideoPlan): number {
  return Math.max(0, Math.round(plan.transitionFrames / plan.step));
}

export function frameState(plan: VideoPlan, frame: number): FrameState {
  const f = Math.max(0, Math.min(plan.durationInFrames - 1, frame));
  const index = segmentIndexAt(plan.segments, f);
  const seg = plan.segments[index]!;
  const cue = cueAt(plan, f);
  const fs = fadeSteps(plan);
  const sinceStart = Math.floor((f - seg.from) / plan.step);
  if (index > 0 && fs > 0 && sinceStart < fs) {
    const prev = plan.segments[index - 1]!;
    return {
      views: [segmentView(plan, prev, index - 1, prev.to - 1), segmentView(plan, seg, index, f)],
      fade: sinceStart + 1,
      cue,
    };
  }
  return { views: [segmentView(plan, seg, index, f)], fade: 0, cue };
}

/** Equal keys mean equal pictures. */
export function stateKey(state: FrameState): string {
  return JSON.stringify(state);
}

export function segmentIndexAt(segments: Segment[], frame: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.from <= frame) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function cueAt(plan: VideoPlan, frame: number): number {
  const list: CaptionCue[] = plan.captions;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.from <= frame && frame < c.to && (c.narrator || plan.burnSubtitles)) return i;
  }
  return -1;
}

function segmentView(plan: VideoPlan, seg: Segment, index: number, frame: number): SegmentView {
  const step = Math.floor(frame / plan.step);
  const since = Math.floor((frame - seg.from) / plan.step);
  if (seg.kind === 'title') {
    return { seg: index, intro: Math.min(since, TITLE_STEPS), card: -1, cam: WIDE, actors: [], speaker: -1 };
  }
  if (seg.kind === 'end') {
    const last = END_FIRST_MESSAGE_STEP + END_STEPS_PER_MESSAGE * seg.messages.length;
    return { seg: index, intro: Math.min(since, last), card: -1, cam: WIDE, actors: [], speaker: -1 };
  }
  const line = seg.lines.find((l) => l.from <= frame && frame < l.to) ?? null;
  const speaker = line?.characterId ? seg.cast.findIndex((c) => c.characterId === line.characterId) : -1;
  const actors: ActorState[] = seg.cast.map((member, i) => {
    const talking = i === speaker && line !== null;
    const k = talking ? Math.floor((frame - line.from) / plan.step) : 0;
    const steps = talking ? Math.ceil((line.to - line.from) / plan.step) : 0;
    const slot = Math.floor(step / IDLE_SLOT_STEPS);
    return {
      b: BREATH[(slot + member.seed) % BREATH.length]!,
      e: blink(slot, step % IDLE_SLOT_STEPS, member.seed),
      m: talking ? (line.mouth[k] ?? 0) : 0,
      g: talking ? gesture(k, steps) : 0,
      x: faceAt(seg, member.characterId, frame),
    };
  });
  return { seg: index, intro: 0, card: cardState(plan, seg, frame), cam: camera(plan, seg, frame), actors, speaker };
}

/** An actor keeps the face of their latest line in the scene (neutral before their first). */
function faceAt(seg: SceneSegment, characterId: string, frame: number): number {
  let face = 0;
  for (const line of seg.lines) {
    if (line.from > frame) break;
    if (line.characterId === characterId) face = expressionIndex(line.expression ?? 'neutral');
  }
  return face;
}

/** Eyes close on the first step of every few slots (3–4 s apart, per actor) and half-open on the second. */
function blink(slot: number, stepInSlot: number, seed: number): number {
  const period = 4 + (seed % 3);
  if ((slot + seed * 3) % period !== 0) return 0;
  return stepInSlot === 0 ? 2 : stepInSlot === 1 ? 1 : 0;
}

/** Lift the arm, talk with it (switching to an open palm now and then), put it down. */
function gesture(k: number, steps: number): number {
  if (k === 0 || k >= steps - 1) return 1;
  return Math.floor((k - 1) / 9) % 2 === 0 ? 2 : 3;
}

function cardState(plan: VideoPlan, seg: SceneSegment, frame: number): number {
  if (frame >= seg.cardTo) return -1;
  const since = Math.floor((frame - seg.from) / plan.step);
  const left = Math.ceil((seg.cardTo - frame) / plan.step);
  if (left <= CARD_OUT_STEPS) return CARD_IN_STEPS + 1 + (CARD_OUT_STEPS - left);
  return Math.min(since, CARD_IN_STEPS);
}

/** Where the camera looks for a line: the speaker, or the whole stage for the narrator. */
function cameraTarget(plan: VideoPlan, seg: SceneSegment, characterId: string | null): [number, number, number] {
  const i = characterId === null ? -1 : seg.cast.findIndex((c) => c.characterId === characterId);
  if (i < 0 || seg.cast.length === 0) return WIDE;
  const zoom = FOCUS_ZOOM[plan.aspect];
  const layout = stageLayout(plan.aspect, plan.width, plan.height, seg.cast.length);
  const half = 0.5 / zoom;
  const cx = clamp(seg.cast[i]!.x, half, 1 - half);
  const cy = clamp((layout.groundY - 0.62 * layout.adultHeight) / plan.height, half, 1 - half);
  return [Math.round(cx * 1000), Math.round(cy * 1000), Math.round(zoom * 100)];
}

function camera(plan: VideoPlan, seg: SceneSegment, frame: number): [number, number, number] {
  let from: [number, number, number] = WIDE;
  let to: [number, number, number] = WIDE;
  let start = seg.from;
  for (const line of seg.lines) {
    if (line.from > frame) break;
    from = to;
    to = cameraTarget(plan, seg, line.characterId);
    start = line.from;
  }
  const k = Math.floor((frame - start) / plan.step);
  if (k >= CAMERA_STEPS || sameCam(from, to)) return to;
  const t = ease((k + 1) / CAMERA_STEPS);
  return [0, 1, 2].map((j) => Math.round(from[j]! + (to[j]! - from[j]!) * t)) as [number, number, number];
}

function sameCam(a: number[], b: number[]): boolean {
  return a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}

function ease(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
