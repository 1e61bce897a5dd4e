/**
 * What a frame's picture shows, as a hash: equal keys are equal pictures,
 * whatever the language, the frame number or the caption on top.
 *
 * The key is the frame's whole state (templates/video/frameState.ts: poses,
 * mouths, camera, card, crossfade … and any field added to it later) with the
 * caption left out (captions are drawn over the picture after capture, see
 * captionOverlay.ts), each view's segment index replaced by what that
 * segment draws: its content without its timing (from, to, cardTo, lines are
 * already reflected in the state), and the labels the card on screen prints.
 * So a second language reuses every picture whose stage looks the same, and a
 * picture is never shared between frame sizes.
 */
import { fadeSteps, type FrameState, type SegmentView } from '../../../templates/video/frameState.js';
import type { CaptionCue, Segment, VideoPlan } from '../../../templates/video/plan.js';
import { textHash } from '../../model/ids.js';

/** Raise when the composition draws the same state differently (a cache kept across builds must not mix them). */
export const PICTURE_KEY_VERSION = 1;

export function pictureKey(plan: VideoPlan, state: FrameState): string {
  const { cue: _caption, views, ...rest } = state;
  const look = {
    version: PICTURE_KEY_VERSION,
    size: [plan.aspect, plan.width, plan.height],
    fadeLevels: fadeSteps(plan) + 1,
    ...rest,
    views: views.map((v) => ({ ...v, seg: segmentLook(plan, plan.segments[v.seg]!, v) })),
  };
  return contentKey(stableJson(look));
}

/**
 * What a caption band shows (templates/video/cards/CaptionBand.tsx draws the
 * cue's lines, narrator or not, in the band of this frame size), as a hash:
 * a re-render, or another video with the same caption, reuses the band.
 */
export function captionBandKey(plan: VideoPlan, cue: CaptionCue): string {
  const look = { version: PICTURE_KEY_VERSION, band: true, size: [plan.aspect, plan.width, plan.height], lines: cue.lines, narrator: cue.narrator };
  return contentKey(stableJson(look));
}

/**
 * A shot: a picture with a caption band laid over it (`band` '' for none), as
 * made by captionOverlay.ts, as a hash of both keys and of how the overlay
 * lays them (`writer`: its version and canvas library), so a chunk kept with
 * an older overlay's shots is never reused.
 */
export function composedShotKey(picture: string, band: string, writer: string): string {
  return contentKey(`${picture}|${band}|${writer}`);
}

/** The cache's keys (pictures, bands, shots, chunks): 32 hex digits of a SHA-256, file names equal only for equal content. */
export function contentKey(text: string): string {
  return textHash(text, 32);
}

function segmentLook(plan: VideoPlan, seg: Segment, view: SegmentView): unknown {
  if (seg.kind === 'scene') {
    // The stage prints no words and draws no names: the scene's number and
    // title, in the video's language, are printed by its card alone ("Cảnh
    // {n}" and the title, while it shows). Left in the stage's look they made
    // every picture of a scene differ between languages (no sharing at all).
    const { from: _f, to: _t, cardTo: _c, lines: _l, number, title, cast, ...stage } = seg;
    return {
      ...stage,
      cast: cast.map(({ name: _name, ...member }) => member),
      card: view.card >= 0 ? { number, title, scene: plan.labels.scene } : null,
    };
  }
  const { from: _f, to: _t, ...card } = seg;
  return { ...card, labels: plan.labels };
}

/** JSON with object keys sorted, so equal values give equal text whatever order their fields were set in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
