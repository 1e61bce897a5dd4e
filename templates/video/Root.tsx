/**
 * The Remotion root: the video, and its poster as a still. Size, rate and
 * length come from the plan passed as input props.
 */
import { Composition, Still } from 'remotion';
import { demoPlan } from './demoPlan.js';
import { SituationPoster } from './Poster.js';
import { SituationVideo, type SituationVideoProps } from './SituationVideo.js';
import { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID } from './compositionIds.js';
import { CaptionBand } from './cards/CaptionBand.js';
import { captionBand } from './layout.js';

export { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID };

const metadata = ({ props }: { props: SituationVideoProps }) => ({
  durationInFrames: props.plan.durationInFrames,
  fps: props.plan.fps,
  width: props.plan.width,
  height: props.plan.height,
});

export function RemotionRoot() {
  return (
    <>
      <Composition
        id={COMPOSITION_ID}
        component={SituationVideo}
        defaultProps={{ plan: demoPlan() } satisfies SituationVideoProps}
        calculateMetadata={metadata}
      />
      <Still
        id={POSTER_ID}
        component={SituationPoster}
        defaultProps={{ plan: demoPlan() } satisfies SituationVideoProps}
        calculateMetadata={({ props }: { props: SituationVideoProps }) => ({ width: props.plan.width, height: props.plan.height })}
      />
      <Composition
        id={CAPTION_BAND_ID}
        component={CaptionBand}
        defaultProps={{ plan: demoPlan() } satisfies SituationVideoProps}
        calculateMetadata={({ props }: { props: SituationVideoProps }) => ({
          durationInFrames: Math.max(1, props.plan.captions.length),
          fps: props.plan.fps,
          width: props.plan.width,
          height: captionBand(props.plan.aspect, props.plan.width, props.plan.height).height,
        })}
      />
    </>
  );
}
