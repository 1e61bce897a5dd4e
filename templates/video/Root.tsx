/**
 * The Remotion root: the video, and its poster as a still. Size, rate and
 * length come from the plan passed as input props.
 */
import { Composition, Still } from 'remotion';
import { demoPlan } from './demoPlan.js';
import { SituationPoster } from './Poster.js';
import { SituationVideo, type SituationVideoProps } from './SituationVideo.js';
import { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID, compositionMetadata } from './compositionIds.js';
import { CaptionBand } from './cards/CaptionBand.js';

export { CAPTION_BAND_ID, COMPOSITION_ID, POSTER_ID };

/** Size, rate and length as the engine computes them too (it passes them to Remotion itself). */
const metadataOf = (id: string) => ({ props }: { props: SituationVideoProps }) => compositionMetadata(id, props.plan);

export function RemotionRoot() {
  return (
    <>
      <Composition
        id={COMPOSITION_ID}
        component={SituationVideo}
        defaultProps={{ plan: demoPlan() } satisfies SituationVideoProps}
        calculateMetadata={metadataOf(COMPOSITION_ID)}
      />
      <Still
        id={POSTER_ID}
        component={SituationPoster}
        defaultProps={{ plan: demoPlan() } satisfies SituationVideoProps}
        calculateMetadata={({ props }: { props: SituationVideoProps }) => {
          const { width, height } = compositionMetadata(POSTER_ID, props.plan);
          return { width, height };
        }}
      />
      <Composition
        id={CAPTION_BAND_ID}
        component={CaptionBand}
        defaultProps={{ plan: demoPlan() } satisfies SituationVideoProps}
        calculateMetadata={metadataOf(CAPTION_BAND_ID)}
      />
    </>
  );
}
