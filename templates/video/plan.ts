/**
 * The VideoPlan: everything a situation video shows, computed in Node from
 * the Material and the real audio durations, and handed to the Remotion
 * composition (and, later, to @remotion/player in the UI) as input props.
 *
 * All times are in frames. Every change on screen happens on a multiple of
 * `step` frames (the animation is drawn "on threes"), so the renderer can
 * capture one frame per distinct state instead of one per video frame.
 * Pure data and pure TypeScript: no React, no Node.
 */
import type { Expression } from './puppets/expression.js';

export type AspectName = '16:9' | '9:16' | '1:1';

export type Facing = 'left' | 'right';
/** Everyday lowland clothes, an upland ethnic dress, or a uniform (officials, police). */
export type DressVariant = 'lowland' | 'upland' | 'uniform';
export type Gender = 'male' | 'female';

export const BACKGROUND_IDS = [
  'stilt-house', 'hearth', 'commune-office', 'classroom',
  'terraced-fields', 'village-road', 'market', 'health-station', 'neutral',
] as const;
export type BackgroundId = (typeof BACKGROUND_IDS)[number];

export const TIMES_OF_DAY = ['morning', 'noon', 'afternoon', 'evening', 'night'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

export interface PuppetSpec {
  /** One of the twelve archetypes, or 'neutral' for an unknown one. */
  archetype: string;
  dress: DressVariant;
  gender: Gender;
}

export interface CastMember {
  characterId: string;
  name: string;
  puppet: PuppetSpec;
  /** Horizontal position of the feet, 0 (left edge) … 1 (right edge) of the frame. */
  x: number;
  facing: Facing;
  /** Deterministic per-actor offsets so blinks and breaths are not in lockstep. */
  seed: number;
}

export interface LinePlan {
  /** Frames, absolute in the video; both multiples of `step`. */
  from: number;
  to: number;
  /** The speaking cast member, or null for the narrator (voice over). */
  characterId: string | null;
  /** One mouth shape (0 closed … 3 wide) per step from `from`. */
  mouth: number[];
  /** The speaker's face for this line; it stays until their next line in the scene. */
  expression: Expression;
}

export interface CaptionCue {
  from: number;
  to: number;
  /** One or two lines, already broken at word boundaries for this aspect. */
  lines: string[];
  /** Narrator lines are voice-over captions: shown even when subtitles are off. */
  narrator: boolean;
}

export interface TitleSegment {
  kind: 'title';
  from: number;
  to: number;
  title: string;
  materialTitle: string;
  issuer: string;
}

export interface SceneSegment {
  kind: 'scene';
  from: number;
  to: number;
  number: number;
  title: string;
  background: BackgroundId;
  timeOfDay: TimeOfDay;
  cast: CastMember[];
  /** The scene card shows from `from` until this frame. */
  cardTo: number;
  lines: LinePlan[];
}

export interface EndSegment {
  kind: 'end';
  from: number;
  to: number;
  heading: string;
  messages: string[];
  hotline: string | null;
  portalUrl: string | null;
  issuer: string;
}

export type Segment = TitleSegment | SceneSegment | EndSegment;

/** Words the cards print, already in the video's language. */
export interface PlanLabels {
  /** "Cảnh {n}": the scene card's kicker, {n} the scene number (fillLabel). */
  scene: string;
  hotline: string;
  scanQr: string;
}

export interface VideoPlan {
  version: 1;
  aspect: AspectName;
  width: number;
  height: number;
  fps: number;
  /** Animation quantum in frames: nothing changes between multiples of it. */
  step: number;
  durationInFrames: number;
  language: string;
  labels: PlanLabels;
  segments: Segment[];
  /** Subtitle and narrator captions in time order. */
  captions: CaptionCue[];
  /** Dialogue subtitles burned into the picture. Narrator captions always are. */
  burnSubtitles: boolean;
  /** Length of the crossfade into each segment, a multiple of `step`. */
  transitionFrames: number;
}

export const ASPECT_SIZES: Record<AspectName, { width: number; height: number }> = {
  '16:9': { width: 1920, height: 1080 },
  '9:16': { width: 1080, height: 1920 },
  '1:1': { width: 1080, height: 1080 },
};
