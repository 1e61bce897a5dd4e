/**
 * The captions alone, on a transparent band (layout.ts captionBand): frame i
 * of this composition is plan.captions[i], drawn exactly where the video
 * shows it. The engine lays these over the captured pictures, so pictures
 * are shared between languages and captions cost one small capture each.
 */
import { useCurrentFrame } from 'remotion';
import { FONT_FAMILY, useFonts } from '../fonts.js';
import { captionBand } from '../layout.js';
import type { VideoPlan } from '../plan.js';
import { Caption } from './Captions.js';

export function CaptionBand({ plan }: { plan: VideoPlan } & Record<string, unknown>) {
  useFonts();
  const frame = useCurrentFrame();
  const cue = plan.captions[frame];
  const band = captionBand(plan.aspect, plan.width, plan.height);
  return (
    <div style={{ position: 'absolute', left: 0, top: -band.y, width: plan.width, height: plan.height, fontFamily: FONT_FAMILY, overflow: 'hidden' }}>
      {cue ? <Caption plan={plan} cue={cue} /> : null}
    </div>
  );
}
