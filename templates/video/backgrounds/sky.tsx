/**
 * Pieces every background shares: sky and light for the time of day, far
 * hills, trees. Backgrounds are drawn on a 2400×1600 canvas with the ground
 * from y≈1150 down, and shown with "slice" scaling: 16:9 sees the full width,
 * 9:16 the middle 900 units, so what matters sits in x 750…1650.
 */
import type { TimeOfDay } from '../plan.js';

export const CANVAS_W = 2400;
export const CANVAS_H = 1600;
export const GROUND_Y = 1150;

const SKY: Record<TimeOfDay, [string, string]> = {
  morning: ['#8ec9f0', '#fbe3c0'],
  noon: ['#5fb0ec', '#d4ecfb'],
  afternoon: ['#78acdc', '#ffd08a'],
  evening: ['#3b3f78', '#f08a5d'],
  night: ['#0d1533', '#2c3c70'],
};

/** A wash over the whole picture so the light matches the time of day. */
export const TINT: Record<TimeOfDay, { colour: string; opacity: number }> = {
  morning: { colour: '#ffe2b0', opacity: 0.1 },
  noon: { colour: '#ffffff', opacity: 0 },
  afternoon: { colour: '#ffa64d', opacity: 0.14 },
  evening: { colour: '#5b3a86', opacity: 0.26 },
  night: { colour: '#0b1640', opacity: 0.48 },
};

export function Sky({ time, id }: { time: TimeOfDay; id: string }) {
  const [top, bottom] = SKY[time];
  return (
    <g>
      <defs>
        <linearGradient id={`sky-${id}`} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor={top} />
          <stop offset="1" stopColor={bottom} />
        </linearGradient>
      </defs>
      <rect width={CANVAS_W} height={GROUND_Y + 50} fill={`url(#sky-${id})`} />
      {time === 'night' ? (
        <g fill="#fdf6d8">
          <circle cx={1880} cy={260} r={46} />
          {[[300, 200], [620, 120], [980, 260], [1320, 160], [1560, 330], [2150, 180], [840, 420], [1740, 520]].map(([x, y]) => (
            <circle key={`${x}-${y}`} cx={x} cy={y} r={4} />
          ))}
        </g>
      ) : (
        <g>
          <circle cx={time === 'afternoon' || time === 'evening' ? 1900 : 520} cy={time === 'evening' ? 900 : 280} r={70}
            fill={time === 'evening' ? '#ffb36b' : '#fff3c4'} />
          <Cloud x={760} y={330} s={1} />
          <Cloud x={1620} y={220} s={0.8} />
        </g>
      )}
    </g>
  );
}

export function Cloud({ x, y, s }: { x: number; y: number; s: number }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${s})`} fill="#ffffff" opacity={0.85}>
      <ellipse cx={0} cy={0} rx={110} ry={42} />
      <ellipse cx={-70} cy={12} rx={70} ry={32} />
      <ellipse cx={80} cy={10} rx={80} ry={34} />
      <ellipse cx={10} cy={-30} rx={60} ry={40} />
    </g>
  );
}

/** Two layers of rounded mountains behind the horizon. */
export function Hills({ far = '#8fb3a3', near = '#6f9a72', horizon = GROUND_Y }: { far?: string; near?: string; horizon?: number }) {
  const h = horizon;
  return (
    <g>
      <path d={`M 0 ${h - 330} Q 300 ${h - 560} 640 ${h - 380} Q 900 ${h - 620} 1260 ${h - 400} Q 1600 ${h - 640} 1960 ${h - 420} Q 2200 ${h - 560} 2400 ${h - 400} L 2400 ${h} L 0 ${h} Z`} fill={far} />
      <path d={`M 0 ${h - 180} Q 400 ${h - 380} 820 ${h - 200} Q 1200 ${h - 330} 1600 ${h - 190} Q 2000 ${h - 360} 2400 ${h - 210} L 2400 ${h} L 0 ${h} Z`} fill={near} />
    </g>
  );
}

export function Ground({ colour, y = GROUND_Y, edge }: { colour: string; y?: number; edge?: string }) {
  return (
    <g>
      <rect x={0} y={y} width={CANVAS_W} height={CANVAS_H - y} fill={colour} />
      {edge ? <rect x={0} y={y} width={CANVAS_W} height={14} fill={edge} /> : null}
    </g>
  );
}

export function Tree({ x, y, s = 1, leaf = '#4f8a4a' }: { x: number; y: number; s?: number; leaf?: string }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${s})`}>
      <rect x={-14} y={-220} width={28} height={220} fill="#6b4a32" />
      <circle cx={0} cy={-260} r={110} fill={leaf} />
      <circle cx={-80} cy={-200} r={70} fill={leaf} />
      <circle cx={80} cy={-210} r={76} fill={leaf} />
    </g>
  );
}

/** A banana plant: the first thing one sees beside an upland house. */
export function Banana({ x, y, s = 1 }: { x: number; y: number; s?: number }) {
  return (
    <g transform={`translate(${x} ${y}) scale(${s})`}>
      <rect x={-12} y={-260} width={24} height={260} fill="#7e9a4a" />
      <g fill="#5f9e48" stroke="#3f7a35" strokeWidth={4}>
        <path d="M 0 -250 Q -160 -330 -250 -230 Q -120 -250 0 -230 Z" />
        <path d="M 0 -250 Q 150 -360 260 -260 Q 120 -260 0 -232 Z" />
        <path d="M 0 -250 Q -40 -420 40 -470 Q 30 -350 10 -246 Z" />
        <path d="M 0 -240 Q -150 -200 -210 -110 Q -90 -170 0 -220 Z" />
      </g>
    </g>
  );
}
