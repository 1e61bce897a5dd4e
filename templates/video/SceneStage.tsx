/**
 * One scene at one state: background and puppets inside the camera, the
 * speaker lit by a soft spot on the ground, the scene card on top.
 */
import { Background } from './backgrounds/Background.js';
import { SceneCard } from './cards/SceneCard.js';
import type { SegmentView } from './frameState.js';
import { stageLayout } from './layout.js';
import type { SceneSegment, VideoPlan } from './plan.js';
import { PUPPET_UNITS, PuppetGroup } from './puppets/Puppet.js';

export function SceneStage({ plan, seg, view }: { plan: VideoPlan; seg: SceneSegment; view: SegmentView }) {
  const { width: W, height: H } = plan;
  const [cx, cy, z] = view.cam;
  const zoom = z / 100;
  const layout = stageLayout(plan.aspect, W, H, seg.cast.length);
  const scale = layout.adultHeight / PUPPET_UNITS;
  const camera = `translate(${W / 2}px, ${H / 2}px) scale(${zoom}) translate(${(-cx / 1000) * W}px, ${(-cy / 1000) * H}px)`;
  const speaker = view.speaker >= 0 ? seg.cast[view.speaker] : undefined;
  return (
    <div style={{ position: 'absolute', inset: 0, overflow: 'hidden' }}>
      <div style={{ position: 'absolute', inset: 0, transformOrigin: '0 0', transform: camera }}>
        <Background id={seg.background} time={seg.timeOfDay} />
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} style={{ position: 'absolute', inset: 0 }}>
          {speaker ? (
            <ellipse cx={speaker.x * W} cy={layout.groundY} rx={0.3 * layout.adultHeight} ry={0.05 * layout.adultHeight} fill="#fff7d6" opacity={0.45} />
          ) : null}
          {seg.cast.map((member, i) => (
            <g key={member.characterId} transform={`translate(${member.x * W} ${layout.groundY}) scale(${scale})`}>
              <PuppetGroup spec={member.puppet} state={view.actors[i] ?? { b: 0, e: 0, m: 0, g: 0, x: 0 }} facing={member.facing} />
            </g>
          ))}
        </svg>
      </div>
      <SceneCard plan={plan} seg={seg} state={view.card} />
    </div>
  );
}
