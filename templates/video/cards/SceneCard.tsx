/** The "Cảnh N — title" banner that opens each scene, over its background. */
import { CARD_IN_STEPS } from '../frameState.js';
import { safeBox, sceneCardMetrics } from '../layout.js';
import type { SceneSegment, VideoPlan } from '../plan.js';
import { fillLabel } from '../../../engine/model/labels.js';

export function SceneCard({ plan, seg, state }: { plan: VideoPlan; seg: SceneSegment; state: number }) {
  if (state < 0) return null;
  const m = sceneCardMetrics(plan.aspect, plan.width, plan.height);
  const safe = safeBox(plan.aspect, plan.width, plan.height);
  const t = state <= CARD_IN_STEPS ? (state + 1) / (CARD_IN_STEPS + 1) : 1 - (state - CARD_IN_STEPS) / (CARD_IN_STEPS + 1);
  return (
    <div style={{
      position: 'absolute', left: safe.x, top: safe.y, maxWidth: safe.width,
      opacity: t, transform: `translateX(${(t - 1) * m.slide}px)`,
      background: '#fff8e6', borderLeft: `${m.border}px solid #c8334a`, borderRadius: m.radius,
      padding: `${m.padY}px ${m.padX}px`, boxShadow: `0 ${m.shadowY}px ${m.shadowBlur}px rgba(0,0,0,0.18)`,
    }}>
      <div style={{ fontSize: m.labelSize, fontWeight: 700, color: '#c8334a', letterSpacing: m.labelSpacing, textTransform: 'uppercase' }}>
        {fillLabel(plan.labels.scene, { n: seg.number })}
      </div>
      <div style={{ fontSize: m.titleSize, lineHeight: m.titleLineHeight, fontWeight: 700, color: '#24283f' }}>{seg.title}</div>
    </div>
  );
}
