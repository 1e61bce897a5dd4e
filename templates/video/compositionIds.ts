/**
 * The compositions of Root.tsx: their ids, and their size, rate and length
 * for a plan. Pure, so the engine passes Remotion the same metadata itself
 * instead of asking a page to compute it (selectComposition loads the whole
 * bundle in a new tab: 2–3 s per call on these machines).
 */
import { captionBand } from './layout.js';
import type { VideoPlan } from './plan.js';

export const COMPOSITION_ID = 'Situation';
export const POSTER_ID = 'SituationPoster';
/** The captions alone, on a transparent band, laid over the captured pictures. */
export const CAPTION_BAND_ID = 'SituationCaptions';

export interface CompositionMetadata {
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
}

export function compositionMetadata(id: string, plan: VideoPlan): CompositionMetadata {
  if (id === POSTER_ID) return { width: plan.width, height: plan.height, fps: 1, durationInFrames: 1 };
  if (id === CAPTION_BAND_ID) {
    return {
      width: plan.width,
      height: captionBand(plan.aspect, plan.width, plan.height).height,
      fps: plan.fps,
      durationInFrames: Math.max(1, plan.captions.length),
    };
  }
  return { width: plan.width, height: plan.height, fps: plan.fps, durationInFrames: plan.durationInFrames };
}
