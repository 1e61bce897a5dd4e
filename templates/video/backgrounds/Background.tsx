/**
 * The scene's background, filling the frame with "slice" scaling, and the
 * time-of-day wash. Indoor scenes get a lighter wash: their light is lamps.
 */
import type { BackgroundId, TimeOfDay } from '../plan.js';
import { ClassroomBg, CommuneOfficeBg, HearthBg } from './indoor.js';
import { HealthStationBg, MarketBg, StiltHouseBg, TerracedFieldsBg, VillageRoadBg } from './outdoor.js';
import { CANVAS_H, CANVAS_W, TINT } from './sky.js';

const INDOOR = new Set<BackgroundId>(['hearth', 'commune-office', 'classroom']);

function NeutralBg() {
  return (
    <g>
      <defs>
        <radialGradient id="neutral-bg" cx="0.5" cy="0.45" r="0.7">
          <stop offset="0" stopColor="#fbf6ea" />
          <stop offset="1" stopColor="#d9cdb4" />
        </radialGradient>
      </defs>
      <rect width={CANVAS_W} height={CANVAS_H} fill="url(#neutral-bg)" />
      <rect x={0} y={1150} width={CANVAS_W} height={450} fill="#cbbd9f" />
      <g fill="#e9dfc9">{[300, 900, 1500, 2100].map((x) => <circle key={x} cx={x} cy={360} r={120} />)}</g>
    </g>
  );
}

function Scenery({ id, time }: { id: BackgroundId; time: TimeOfDay }) {
  switch (id) {
    case 'stilt-house': return <StiltHouseBg time={time} />;
    case 'hearth': return <HearthBg time={time} />;
    case 'commune-office': return <CommuneOfficeBg time={time} />;
    case 'classroom': return <ClassroomBg time={time} />;
    case 'terraced-fields': return <TerracedFieldsBg time={time} />;
    case 'village-road': return <VillageRoadBg time={time} />;
    case 'market': return <MarketBg time={time} />;
    case 'health-station': return <HealthStationBg time={time} />;
    default: return <NeutralBg />;
  }
}

export function Background({ id, time }: { id: BackgroundId; time: TimeOfDay }) {
  const tint = TINT[time];
  const opacity = INDOOR.has(id) ? tint.opacity * 0.5 : tint.opacity;
  return (
    <svg width="100%" height="100%" viewBox={`0 0 ${CANVAS_W} ${CANVAS_H}`} preserveAspectRatio="xMidYMax slice"
      style={{ position: 'absolute', inset: 0 }}>
      <Scenery id={id} time={time} />
      {opacity > 0 && id !== 'neutral' ? <rect width={CANVAS_W} height={CANVAS_H} fill={tint.colour} opacity={opacity} /> : null}
    </svg>
  );
}
