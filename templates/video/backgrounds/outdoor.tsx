/**
 * Outdoor settings: the yard of a stilt house, terraced fields, the village
 * road, the market and the commune health station.
 */
import type { TimeOfDay } from '../plan.js';
import { Banana, GROUND_Y, Ground, Hills, Sky, Tree } from './sky.js';

const WOOD = '#8a5a36';
const WOOD_DARK = '#6a4227';
const THATCH = '#a58a5c';

export function StiltHouseBg({ time }: { time: TimeOfDay }) {
  return (
    <g>
      <Sky time={time} id="stilt" />
      <Hills />
      <Ground colour="#c9a46c" edge="#86a95c" />
      <Banana x={560} y={GROUND_Y + 10} s={1.1} />
      <Tree x={2050} y={GROUND_Y + 10} s={1.1} />
      <g>
        {[880, 1040, 1200, 1360, 1520].map((x) => <rect key={x} x={x - 14} y={860} width={28} height={GROUND_Y - 860 + 10} fill={WOOD_DARK} />)}
        <rect x={900} y={1060} width={240} height={60} fill="#9c7548" />
        <g stroke="#7a5a36" strokeWidth={6}>{[1075, 1092, 1110].map((y) => <line key={y} x1={900} y1={y} x2={1140} y2={y} />)}</g>
        <rect x={840} y={846} width={720} height={34} fill={WOOD} />
        <rect x={870} y={620} width={660} height={228} fill="#b07a4a" />
        <g stroke="#8f6037" strokeWidth={5}>{[940, 1010, 1080, 1150, 1220, 1290, 1360, 1430].map((x) => <line key={x} x1={x} y1={622} x2={x} y2={846} />)}</g>
        <rect x={1240} y={680} width={120} height={110} fill="#3b2a1e" />
        <rect x={1000} y={680} width={150} height={166} fill="#4a3323" />
        <path d="M 760 640 L 1000 400 L 1400 400 L 1640 640 Z" fill={THATCH} stroke="#7d6742" strokeWidth={8} />
        <g stroke="#8c7449" strokeWidth={5}>{[460, 520, 580].map((y) => <line key={y} x1={1000 - (y - 400)} y1={y} x2={1400 + (y - 400)} y2={y} />)}</g>
        <path d="M 960 400 L 1000 360 L 1400 360 L 1440 400 Z" fill="#8c7449" />
        <g stroke={WOOD_DARK} strokeWidth={12} strokeLinecap="round">
          <line x1={760} y1={GROUND_Y} x2={860} y2={870} />
          <line x1={810} y1={GROUND_Y} x2={910} y2={870} />
        </g>
        <g stroke={WOOD_DARK} strokeWidth={7}>{[0.2, 0.4, 0.6, 0.8].map((t) => <line key={t} x1={760 + 100 * t} y1={GROUND_Y - 280 * t} x2={810 + 100 * t} y2={GROUND_Y - 280 * t} />)}</g>
      </g>
      <g fill="#7faa55">{[300, 700, 1700, 1900, 2200].map((x) => <path key={x} d={`M ${x} ${GROUND_Y + 40} l 16 -40 l 10 36 l 14 -30 l 6 34 Z`} />)}</g>
    </g>
  );
}

export function TerracedFieldsBg({ time }: { time: TimeOfDay }) {
  const bands = ['#a9c95a', '#9cc04f', '#8fb746', '#82ad3e', '#76a337', '#6a9930'];
  return (
    <g>
      <Sky time={time} id="terraces" />
      <Hills far="#9cb8a8" near="#7ea37a" horizon={760} />
      {bands.map((c, i) => {
        const y = 640 + i * 110;
        return (
          <g key={c}>
            <path d={`M 0 ${y + 60} Q 600 ${y - 40} 1200 ${y + 30} Q 1800 ${y + 100} 2400 ${y} L 2400 1600 L 0 1600 Z`} fill={c} />
            <path d={`M 0 ${y + 60} Q 600 ${y - 40} 1200 ${y + 30} Q 1800 ${y + 100} 2400 ${y}`} fill="none" stroke="#e6d9a0" strokeWidth={7} />
          </g>
        );
      })}
      <Ground colour="#b79a63" y={GROUND_Y + 60} edge="#8a9f4d" />
      <g transform="translate(1560 760)">
        <rect x={-10} y={-10} width={20} height={90} fill={WOOD_DARK} />
        <rect x={110} y={-10} width={20} height={90} fill={WOOD_DARK} />
        <path d="M -60 0 L 60 -90 L 180 0 Z" fill={THATCH} stroke="#7d6742" strokeWidth={6} />
      </g>
      <Tree x={420} y={GROUND_Y + 70} s={0.9} />
    </g>
  );
}

export function VillageRoadBg({ time }: { time: TimeOfDay }) {
  return (
    <g>
      <Sky time={time} id="road" />
      <Hills />
      <Ground colour="#8fb35e" />
      <path d={`M 1080 ${GROUND_Y} L 1320 ${GROUND_Y} L 1900 1600 L 500 1600 Z`} fill="#cfae7a" />
      <path d={`M 1080 ${GROUND_Y} L 500 1600`} stroke="#b8925e" strokeWidth={8} />
      <path d={`M 1320 ${GROUND_Y} L 1900 1600`} stroke="#b8925e" strokeWidth={8} />
      <g transform="translate(700 1150)">
        <rect x={-160} y={-200} width={320} height={200} fill="#d9c9a8" />
        <path d="M -200 -200 L 0 -330 L 200 -200 Z" fill="#b5563f" />
        <rect x={-40} y={-130} width={80} height={130} fill="#6b4a32" />
      </g>
      <g transform="translate(1760 1150)">
        <rect x={-140} y={-180} width={280} height={180} fill="#e3d6b8" />
        <path d="M -180 -180 L 0 -300 L 180 -180 Z" fill="#a04a38" />
        <rect x={50} y={-120} width={60} height={60} fill="#7aa6c9" />
      </g>
      <Tree x={300} y={GROUND_Y + 20} s={1.2} />
      <Tree x={2150} y={GROUND_Y + 20} s={1.1} leaf="#5a9650" />
      <Banana x={1500} y={GROUND_Y + 10} s={0.8} />
    </g>
  );
}

export function MarketBg({ time }: { time: TimeOfDay }) {
  const stalls: [number, string, string[]][] = [
    [560, '#d94f4f', ['#f2b632', '#e0702e', '#7bb34a']],
    [1200, '#3f7fc4', ['#d8304f', '#e25fa0', '#2f9e6e']],
    [1840, '#2f9e6e', ['#f2b632', '#c8a060', '#e0702e']],
  ];
  return (
    <g>
      <Sky time={time} id="market" />
      <Hills far="#a3b9ad" near="#86a586" />
      <Ground colour="#cdb48a" />
      <g stroke="#7a5a36" strokeWidth={4}>
        <path d="M 0 420 Q 600 520 1200 440 Q 1800 520 2400 420" fill="none" />
      </g>
      <g>{Array.from({ length: 16 }, (_, i) => (
        <path key={i} d={`M ${i * 150 + 40} ${460 + 40 * Math.sin(i)} l 40 0 l -20 50 Z`} fill={['#d8304f', '#f2b632', '#2f9e6e', '#3f7fc4'][i % 4]} />
      ))}</g>
      {stalls.map(([x, roof, goods]) => (
        <g key={x} transform={`translate(${x} ${GROUND_Y})`}>
          <rect x={-250} y={-360} width={14} height={360} fill={WOOD_DARK} />
          <rect x={236} y={-360} width={14} height={360} fill={WOOD_DARK} />
          <path d="M -290 -360 L 290 -360 L 250 -460 L -250 -460 Z" fill={roof} />
          <g fill="#ffffff" opacity={0.35}>{[-200, -80, 40, 160].map((dx) => <rect key={dx} x={dx} y={-460} width={50} height={100} />)}</g>
          <rect x={-240} y={-170} width={480} height={170} fill="#a07448" />
          {goods.map((g, i) => (
            <g key={g + i}>
              <ellipse cx={-150 + i * 150} cy={-180} rx={70} ry={26} fill="#8a5a36" />
              {[-30, 0, 30].map((dx) => <circle key={dx} cx={-150 + i * 150 + dx} cy={-200 - (dx === 0 ? 14 : 0)} r={22} fill={g} />)}
            </g>
          ))}
        </g>
      ))}
    </g>
  );
}

export function HealthStationBg({ time }: { time: TimeOfDay }) {
  return (
    <g>
      <Sky time={time} id="health" />
      <Hills far="#9fbcae" near="#7fa77e" />
      <Ground colour="#b9c2a6" edge="#8fb35e" />
      <g transform={`translate(1200 ${GROUND_Y})`}>
        <rect x={-520} y={-460} width={1040} height={460} fill="#f3f1e8" />
        <rect x={-560} y={-500} width={1120} height={50} fill="#2f8f6a" />
        <rect x={-520} y={-60} width={1040} height={60} fill="#d9d4c4" />
        <rect x={-180} y={-410} width={360} height={80} rx={10} fill="#2f8f6a" />
        <g fill="#ffffff">
          <rect x={-26} y={-400} width={52} height={60} />
          <rect x={-50} y={-382} width={100} height={24} />
        </g>
        <g fill="#d62a2a">
          <rect x={-14} y={-398} width={28} height={56} />
          <rect x={-42} y={-378} width={84} height={16} />
        </g>
        <rect x={-80} y={-300} width={160} height={240} fill="#7aa6c9" stroke="#5d7f99" strokeWidth={8} />
        <line x1={0} y1={-300} x2={0} y2={-60} stroke="#5d7f99" strokeWidth={6} />
        {[-400, -250, 250, 400].map((x) => <rect key={x} x={x - 50} y={-300} width={100} height={110} fill="#9cc2dd" stroke="#5d7f99" strokeWidth={6} />)}
      </g>
      <g transform={`translate(1720 ${GROUND_Y + 40})`}>
        <rect x={-110} y={-70} width={220} height={18} fill="#8a5a36" />
        <rect x={-100} y={-52} width={12} height={52} fill="#6a4227" />
        <rect x={88} y={-52} width={12} height={52} fill="#6a4227" />
      </g>
      <Tree x={420} y={GROUND_Y + 10} s={1.1} />
      <Tree x={2100} y={GROUND_Y + 10} s={1} leaf="#5a9650" />
    </g>
  );
}
