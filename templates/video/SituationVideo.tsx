/**
 * The situation video: one component for the renderer and for
 * @remotion/player in the UI. It reads the frame, turns it into a FrameState
 * and draws only from that state, so equal states are equal pictures.
 */
import { AbsoluteFill, useCurrentFrame } from 'remotion';
import { Caption } from './cards/Captions.js';
import { EndCard } from './cards/EndCard.js';
import { TitleCard } from './cards/TitleCard.js';
import { FONT_FAMILY, useFonts } from './fonts.js';
import { fadeSteps, frameState, type FrameState, type SegmentView } from './frameState.js';
import type { VideoPlan } from './plan.js';
import { SceneStage } from './SceneStage.js';

export interface SituationVideoProps extends Record<string, unknown> {
  plan: VideoPlan;
}

export function SituationVideo({ plan }: SituationVideoProps) {
  useFonts();
  const frame = useCurrentFrame();
  return <FrameView plan={plan} state={frameState(plan, frame)} />;
}

export function FrameView({ plan, state }: { plan: VideoPlan; state: FrameState }) {
  const levels = fadeSteps(plan) + 1;
  const cue = state.cue >= 0 ? plan.captions[state.cue] : undefined;
  return (
    <AbsoluteFill style={{ backgroundColor: '#000000', fontFamily: FONT_FAMILY, overflow: 'hidden' }}>
      {state.views.map((view, i) => (
        <AbsoluteFill key={view.seg} style={{ opacity: i === 1 ? state.fade / levels : 1 }}>
          <SegmentLayer plan={plan} view={view} />
        </AbsoluteFill>
      ))}
      {cue ? <Caption plan={plan} cue={cue} /> : null}
    </AbsoluteFill>
  );
}

function SegmentLayer({ plan, view }: { plan: VideoPlan; view: SegmentView }) {
  const seg = plan.segments[view.seg];
  if (!seg) return null;
  if (seg.kind === 'title') return <TitleCard plan={plan} seg={seg} step={view.intro} />;
  if (seg.kind === 'end') return <EndCard plan={plan} seg={seg} step={view.intro} />;
  return <SceneStage plan={plan} seg={seg} view={view} />;
}
