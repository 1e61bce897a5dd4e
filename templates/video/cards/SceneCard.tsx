/** The "Cảnh N — title" banner that opens each scene, over its background. */
import { CARD_IN_STEPS } from '../frameState.js';
import { safeBox, unit } from '../layout.js';
import type { SceneSegment, VideoPlan } from '../plan.js';
import { fillLabel } from '../../../engine/model/labels.js';

export function SceneCard({ plan, seg, state }: { plan: VideoPlan; seg: SceneSegment; state: number }) {
  if (state < 0) return null;
  const u = unit(plan.width, plan.height);
  const safe = safeBox(plan.aspect, plan.width, plan.height);
  const t = state <= CARD_IN_STEPS ? (state + 1) / (CARD_IN_STEPS + 1) : 1 - (state - CARD_IN_STEPS) / (CARD_IN_STEPS + 1);
  return (
    <div style={{
      position: 'absolute', left: safe.x, top: safe.y, maxWidth: safe.width,
      opacity: t, transform: `translateX(${(t - 1) * 60 * u}px)`,
      background: '#fff8e6', borderLeft: `${12 * u}px solid #c8334a`, borderRadius: 14 * u,
      padding: `${18 * u}px ${30 * u}px`, boxShadow: `0 ${6 * u}px ${18 * u}px rgba(0,0,0,0.18)`,
    }}>
      <div style={{ fontSize: 30 * u, fontWeight: 700, color: '#c8334a', letterSpacing: 3 * u, textTransform: 'uppercase' }}>
        {fillLabel(plan.labels.scene, { n: seg.number })}
      </div>
      <div style={{ fontSize: (plan.aspect === '16:9' ? 54 : 50) * u, lineHeight: 1.2, fontWeight: 700, color: '#24283f' }}>{seg.title}</div>
    </div>
  );
}
