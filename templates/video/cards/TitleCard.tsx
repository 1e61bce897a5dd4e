/**
 * Opening card: who issues it, the story's title and the material it belongs
 * to. Elements come in one after another over TITLE_STEPS steps.
 */
import { safeBox, unit } from '../layout.js';
import type { TitleSegment, VideoPlan } from '../plan.js';
import { Brocade } from './Brocade.js';

export function appear(step: number, at: number, span = 2): { opacity: number; transform: string } {
  const t = Math.max(0, Math.min(1, (step - at + 1) / span));
  return { opacity: t, transform: `translateY(${(1 - t) * 24}px)` };
}

/** Shrinks long titles so they stay within the card. */
export function fitSize(text: string, base: number, comfortable: number): number {
  return text.length <= comfortable ? base : Math.max(base * 0.55, (base * comfortable) / text.length);
}

export function TitleCard({ plan, seg, step }: { plan: VideoPlan; seg: TitleSegment; step: number }) {
  const u = unit(plan.width, plan.height);
  const safe = safeBox(plan.aspect, plan.width, plan.height);
  const wide = plan.aspect === '16:9';
  const titleSize = fitSize(seg.title, (wide ? 112 : 104) * u, wide ? 22 : 14);
  return (
    <div style={{ position: 'absolute', inset: 0, background: 'radial-gradient(circle at 50% 40%, #fff8e6 0%, #f1e2bd 70%, #e5d0a0 100%)' }}>
      <div style={{ position: 'absolute', left: 0, right: 0, top: safe.y - 0.02 * plan.height }}><Brocade width={plan.width} height={40 * u} /></div>
      <div style={{ position: 'absolute', left: 0, right: 0, top: safe.y + safe.height - 20 * u }}><Brocade width={plan.width} height={40 * u} /></div>
      <div style={{
        position: 'absolute', left: safe.x, top: safe.y + 60 * u, width: safe.width, height: safe.height - 120 * u,
        display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', textAlign: 'center', gap: 36 * u,
      }}>
        <div style={{ ...appear(step, 0), fontSize: 34 * u, fontWeight: 600, color: '#7a3b2a', letterSpacing: 2 * u, textTransform: 'uppercase' }}>{seg.issuer}</div>
        <div style={{ ...appear(step, 2), fontSize: titleSize, lineHeight: 1.15, fontWeight: 700, color: '#24283f' }}>{seg.title}</div>
        <div style={{ ...appear(step, 4), width: 160 * u, height: 8 * u, background: '#c8334a', borderRadius: 4 * u }} />
        <div style={{ ...appear(step, 4), fontSize: 40 * u, fontWeight: 600, color: '#3b4a6b', maxWidth: safe.width * 0.9 }}>{seg.materialTitle}</div>
      </div>
    </div>
  );
}
