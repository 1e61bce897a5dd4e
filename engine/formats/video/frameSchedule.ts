/**
 * Which frames to capture. Every frame's state comes from the plan alone
 * (templates/video/frameState.ts); frames with equal states are equal
 * pictures, so each distinct state is captured once, at its first frame, and
 * every later frame with that state reuses the picture.
 */
import { frameState, stateKey } from '../../../templates/video/frameState.js';
import type { VideoPlan } from '../../../templates/video/plan.js';

export interface FrameSchedule {
  /** Frames to capture, ascending: the first frame of each distinct state. */
  capture: number[];
  /** For every output frame, the captured frame whose picture it shows. */
  source: Int32Array;
  /** For every captured frame, the last output frame that shows it (so its picture can be dropped after). */
  lastUse: Map<number, number>;
}

export function scheduleFrames(plan: VideoPlan): FrameSchedule {
  const firstOfKey = new Map<string, number>();
  const source = new Int32Array(plan.durationInFrames);
  const capture: number[] = [];
  const lastUse = new Map<number, number>();
  let previousKey = '';
  let previousSource = -1;
  for (let f = 0; f < plan.durationInFrames; f++) {
    // States only change on step boundaries; inside a step the key is the same.
    if (f % plan.step !== 0 && previousSource >= 0) {
      source[f] = previousSource;
      lastUse.set(previousSource, f);
      continue;
    }
    const key = stateKey(frameState(plan, f));
    let src = key === previousKey ? previousSource : firstOfKey.get(key);
    if (src === undefined) {
      src = f;
      firstOfKey.set(key, f);
      capture.push(f);
    }
    source[f] = src;
    lastUse.set(src, f);
    previousKey = key;
    previousSource = src;
  }
  return { capture, source, lastUse };
}
