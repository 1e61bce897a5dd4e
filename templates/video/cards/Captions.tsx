/**
 * Subtitles and narrator captions, at the bottom of the safe area. Lines come
 * already broken (at most two, at word boundaries) from the plan, so the
 * burned-in text and the SRT/WebVTT files read the same.
 */
import { captionMetrics } from '../layout.js';
import type { CaptionCue, VideoPlan } from '../plan.js';
import { CAPTION_WEIGHT } from '../fonts.js';

export function Caption({ plan, cue }: { plan: VideoPlan; cue: CaptionCue }) {
  const m = captionMetrics(plan.aspect, plan.width, plan.height);
  const narrator = cue.narrator;
  return (
    <div style={{ position: 'absolute', left: 0, right: 0, top: 0, height: m.bottom, display: 'flex', alignItems: 'flex-end', justifyContent: 'center' }}>
      <div
        style={{
          background: narrator ? 'rgba(255, 246, 220, 0.94)' : 'rgba(16, 18, 26, 0.78)',
          color: narrator ? '#3a2a10' : '#ffffff',
          borderLeft: narrator ? `${0.18 * m.fontSize}px solid #c8334a` : 'none',
          borderRadius: 0.3 * m.fontSize,
          padding: `${m.paddingY}px ${m.paddingX}px`,
          fontSize: m.fontSize,
          lineHeight: `${m.lineHeight}px`,
          fontWeight: CAPTION_WEIGHT,
          textAlign: 'center',
        }}
      >
        {cue.lines.map((line, i) => <div key={i} style={{ whiteSpace: 'nowrap' }}>{line}</div>)}
      </div>
    </div>
  );
}
