/**
 * What to capture and what to show. Every frame's state comes from the plan
 * alone (templates/video/frameState.ts) and changes only on step boundaries.
 * A frame is a shot: a picture (pictureKey: what the stage shows, captions
 * left out) with, or without, one caption drawn over it. Each distinct picture
 * is captured once, at its first frame (and not at all when an earlier video
 * of the build already captured it); each distinct shot is composed once and
 * held for as many frames as it lasts.
 */
import { frameState } from '../../../templates/video/frameState.js';
import type { VideoPlan } from '../../../templates/video/plan.js';
import { pictureKey } from './pictureKey.js';

export interface Shot {
  /** pictureKey() of the picture under the caption. */
  picture: string;
  /** Index in plan.captions of the caption drawn over it, or -1. */
  cue: number;
  /** The first output frame that shows it. */
  first: number;
}

export interface ShotSchedule {
  /** Distinct shots, in the order they first appear. */
  shots: Shot[];
  /** For every output frame, the index of its shot in `shots`. */
  shotOf: Int32Array;
  /** Each distinct picture with the first frame that shows it, frames ascending. */
  pictures: Array<{ key: string; frame: number }>;
  /** Captions shown at all (indexes into plan.captions), ascending. */
  cues: number[];
}

export function scheduleShots(plan: VideoPlan): ShotSchedule {
  const shots: Shot[] = [];
  const shotIndex = new Map<string, number>();
  const pictures: Array<{ key: string; frame: number }> = [];
  const seenPictures = new Set<string>();
  const cues = new Set<number>();
  const shotOf = new Int32Array(plan.durationInFrames);
  let current = -1;
  for (let f = 0; f < plan.durationInFrames; f++) {
    // States only change on step boundaries; inside a step the shot is the same.
    if (f % plan.step !== 0 && current >= 0) {
      shotOf[f] = current;
      continue;
    }
    const state = frameState(plan, f);
    const picture = pictureKey(plan, state);
    const id = `${picture}|${state.cue}`;
    let index = shotIndex.get(id);
    if (index === undefined) {
      index = shots.length;
      shotIndex.set(id, index);
      shots.push({ picture, cue: state.cue, first: f });
      if (state.cue >= 0) cues.add(state.cue);
    }
    if (!seenPictures.has(picture)) {
      seenPictures.add(picture);
      pictures.push({ key: picture, frame: f });
    }
    shotOf[f] = index;
    current = index;
  }
  return { shots, shotOf, pictures, cues: [...cues].sort((a, b) => a - b) };
}
