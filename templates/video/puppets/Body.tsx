/**
 * A puppet's body below the neck, drawn facing right with the feet at (0, 0)
 * and an adult 400 units tall. Flat fills with one outline colour, no
 * filters, so a frame rasterises quickly.
 */
import type { ReactNode } from 'react';
import type { OutfitStyle } from './outfits.js';

export const OUTLINE = '#2b2118';
const SW = 3;

export interface ArmPose {
  elbow: [number, number];
  hand: [number, number];
  open: boolean;
}

const FRONT_SHOULDER: [number, number] = [38, -274];
const BACK_SHOULDER: [number, number] = [-40, -274];

/** Front-arm poses for gesture states 0 rest, 1 lifting, 2 talking, 3 open palm. */
export const FRONT_ARM: ArmPose[] = [
  { elbow: [46, -212], hand: [46, -154], open: false },
  { elbow: [54, -212], hand: [84, -190], open: false },
  { elbow: [56, -214], hand: [94, -240], open: false },
  { elbow: [68, -226], hand: [114, -262], open: true },
];
const BACK_ARM: ArmPose = { elbow: [-48, -214], hand: [-46, -156], open: false };

export function Legs({ o, skin }: { o: OutfitStyle; skin: string }) {
  const shoes = (
    <g>
      <ellipse cx={-14} cy={-8} rx={19} ry={9} fill={o.shoes} stroke={OUTLINE} strokeWidth={SW} />
      <ellipse cx={24} cy={-8} rx={19} ry={9} fill={o.shoes} stroke={OUTLINE} strokeWidth={SW} />
    </g>
  );
  const bareLegs = (from: number, colour: string) => (
    <g fill={colour} stroke={OUTLINE} strokeWidth={SW}>
      <rect x={-26} y={from} width={15} height={-from - 12} rx={6} />
      <rect x={11} y={from} width={15} height={-from - 12} rx={6} />
    </g>
  );
  switch (o.lower) {
    case 'trousers':
      return (
        <g>
          <g fill={o.bottom} stroke={OUTLINE} strokeWidth={SW}>
            <path d="M -36 -172 L -4 -172 L -6 -14 L -32 -14 Z" />
            <path d="M 2 -172 L 36 -172 L 34 -14 L 8 -14 Z" />
          </g>
          {shoes}
        </g>
      );
    case 'shorts':
      return (
        <g>
          {bareLegs(-118, o.legs ?? skin)}
          <g fill={o.bottom} stroke={OUTLINE} strokeWidth={SW}>
            <path d="M -36 -172 L 36 -172 L 38 -110 L 3 -110 L 0 -140 L -3 -110 L -38 -110 Z" />
          </g>
          {shoes}
        </g>
      );
    case 'skirt':
      return (
        <g>
          {bareLegs(-92, o.legs ?? skin)}
          <path d="M -36 -172 L 36 -172 L 52 -84 L -52 -84 Z" fill={o.bottom} stroke={OUTLINE} strokeWidth={SW} />
          {shoes}
        </g>
      );
    case 'pleated-skirt':
      return (
        <g>
          {bareLegs(-86, o.legs ?? skin)}
          <path d="M -36 -172 L 36 -172 L 56 -78 L -56 -78 Z" fill={o.bottom} stroke={OUTLINE} strokeWidth={SW} />
          <g stroke="#20284f" strokeWidth={2}>
            {[-34, -20, -6, 8, 22, 36].map((x) => <line key={x} x1={x * 0.7} y1={-168} x2={x * 1.1} y2={-80} />)}
          </g>
          <TrimBand y={-98} x1={-52} x2={52} colours={o.trim ?? []} height={14} />
          {o.apron ? (
            <g>
              <path d="M -6 -172 L 30 -172 L 32 -92 L -4 -92 Z" fill={o.apron} stroke={OUTLINE} strokeWidth={SW} />
              <TrimBand y={-110} x1={-4} x2={32} colours={o.trim ?? []} height={10} />
            </g>
          ) : null}
          {shoes}
        </g>
      );
    case 'ao-dai':
      return (
        <g>
          <path d="M -38 -172 L -8 -172 L -14 -44 L -46 -48 Z" fill={o.top} stroke={OUTLINE} strokeWidth={SW} />
          <g fill={o.bottom} stroke={OUTLINE} strokeWidth={SW}>
            <path d="M -30 -150 L -4 -150 L -6 -14 L -30 -14 Z" />
            <path d="M 2 -150 L 32 -150 L 32 -14 L 8 -14 Z" />
          </g>
          <path d="M -6 -172 L 38 -172 L 46 -40 L 2 -36 Z" fill={o.top} stroke={OUTLINE} strokeWidth={SW} />
          {shoes}
        </g>
      );
  }
}

/** Horizontal stripes of embroidery. */
export function TrimBand({ y, x1, x2, colours, height }: { y: number; x1: number; x2: number; colours: string[]; height: number }) {
  if (colours.length === 0) return null;
  const h = height / colours.length;
  return (
    <g>
      {colours.map((c, i) => <rect key={c + i} x={x1} y={y + i * h} width={x2 - x1} height={h} fill={c} />)}
    </g>
  );
}

export function Torso({ o }: { o: OutfitStyle }) {
  const parts: ReactNode[] = [];
  parts.push(<path key="t" d="M -44 -286 Q -52 -284 -52 -270 L -40 -166 L 40 -166 L 52 -270 Q 52 -284 44 -286 Z" fill={o.top} stroke={OUTLINE} strokeWidth={SW} />);
  if (o.trim) parts.push(<TrimBand key="hem" y={-186} x1={-41} x2={41} colours={o.trim} height={14} />);
  if (o.collar === 'cross') {
    parts.push(
      <g key="cross">
        {(o.trim ?? ['#c8334a']).slice(0, 3).map((c, i) => (
          <path key={c} d={`M ${-14 + i * 5} -288 L ${26 + i * 5} -236 L ${30 + i * 4} -186`} fill="none" stroke={c} strokeWidth={5} />
        ))}
      </g>,
    );
  }
  if (o.collar === 'shirt') {
    const light = o.buttons ?? '#ffffff';
    parts.push(
      <g key="collar" fill={light} stroke={OUTLINE} strokeWidth={2}>
        <path d="M -16 -290 L 2 -268 L 0 -290 Z" />
        <path d="M 20 -290 L 4 -268 L 6 -290 Z" />
      </g>,
    );
  }
  if (o.collar === 'round') parts.push(<path key="round" d="M -16 -288 Q 2 -270 22 -288" fill="none" stroke={OUTLINE} strokeWidth={2} />);
  if (o.collar === 'mandarin') parts.push(<rect key="mandarin" x={-13} y={-296} width={30} height={10} rx={3} fill={o.topShade} stroke={OUTLINE} strokeWidth={2} />);
  if (o.buttons && !o.tie) {
    parts.push(<g key="buttons" fill={o.buttons}>{[-258, -234, -210, -186].map((y) => <circle key={y} cx={3} cy={y} r={3} />)}</g>);
  }
  if (o.tie) parts.push(<path key="tie" d="M 0 -284 L 7 -284 L 9 -272 L 12 -214 L 4 -204 L -3 -214 L 0 -272 Z" fill={o.tie} stroke={OUTLINE} strokeWidth={1.5} />);
  if (o.redScarf) parts.push(<path key="scarf" d="M -16 -290 L 22 -290 L 10 -262 L 16 -236 L 4 -244 L -4 -236 L 0 -262 Z" fill="#d62a2a" stroke={OUTLINE} strokeWidth={1.5} />);
  if (o.collarTabs) {
    parts.push(
      <g key="tabs" fill={o.collarTabs}>
        <path d="M -14 -286 L -4 -272 L -20 -270 Z" />
        <path d="M 20 -286 L 10 -272 L 26 -270 Z" />
      </g>,
    );
    parts.push(<rect key="board" x={24} y={-288} width={24} height={8} rx={2} fill={o.topShade} stroke={OUTLINE} strokeWidth={1.5} />);
  }
  if (o.badge) {
    parts.push(
      <g key="badge">
        <path d="M -10 -286 L 22 -244 M 16 -286 L 22 -244" stroke="#2d4d8f" strokeWidth={1.5} fill="none" />
        <rect x={14} y={-246} width={17} height={22} rx={2} fill="#ffffff" stroke={OUTLINE} strokeWidth={1.5} />
        <rect x={14} y={-246} width={17} height={7} fill={o.collarTabs ?? '#2d4d8f'} />
      </g>,
    );
  }
  if (o.belt) {
    parts.push(
      <g key="belt">
        <rect x={-41} y={-180} width={82} height={11} fill={o.belt} />
        <rect x={-2} y={-182} width={14} height={15} rx={2} fill="#e3c24a" stroke={OUTLINE} strokeWidth={1.5} />
      </g>,
    );
  }
  if (o.sash) {
    parts.push(
      <g key="sash">
        <rect x={-42} y={-184} width={84} height={14} fill={o.sash} />
        <path d="M -30 -172 L -36 -132 L -24 -134 Z" fill={o.sash} stroke={OUTLINE} strokeWidth={1.5} />
      </g>,
    );
  }
  return <g>{parts}</g>;
}

/** One arm from the shoulder: sleeve, cuff embroidery, hand. */
export function Arm({ o, skin, pose, back }: { o: OutfitStyle; skin: string; pose: ArmPose; back: boolean }) {
  const [sx, sy] = back ? BACK_SHOULDER : FRONT_SHOULDER;
  const [ex, ey] = pose.elbow;
  const [hx, hy] = pose.hand;
  const sleeve = back ? o.topShade : o.top;
  const upper = `M ${sx} ${sy} L ${ex} ${ey}`;
  const fore = `M ${ex} ${ey} L ${hx} ${hy}`;
  const shortSleeve = o.sleeves === 'short';
  const midX = (sx + ex) / 2;
  const midY = (sy + ey) / 2;
  const cuffX = ex + (hx - ex) * 0.72;
  const cuffY = ey + (hy - ey) * 0.72;
  return (
    <g strokeLinecap="round" fill="none">
      <path d={`${upper} ${fore.replace('M', 'L')}`} stroke={OUTLINE} strokeWidth={28} strokeLinejoin="round" />
      {shortSleeve ? (
        <g>
          <path d={`M ${midX} ${midY} L ${ex} ${ey} L ${hx} ${hy}`} stroke={skin} strokeWidth={21} strokeLinejoin="round" />
          <path d={`M ${sx} ${sy} L ${midX} ${midY}`} stroke={sleeve} strokeWidth={24} />
        </g>
      ) : (
        <path d={`${upper} ${fore.replace('M', 'L')}`} stroke={sleeve} strokeWidth={23} strokeLinejoin="round" />
      )}
      {o.trim && !shortSleeve ? (
        <g>
          <path d={`M ${cuffX} ${cuffY} L ${ex + (hx - ex) * 0.84} ${ey + (hy - ey) * 0.84}`} stroke={o.trim[0]} strokeWidth={23} strokeLinecap="butt" />
          <path d={`M ${ex + (hx - ex) * 0.84} ${ey + (hy - ey) * 0.84} L ${ex + (hx - ex) * 0.92} ${ey + (hy - ey) * 0.92}`} stroke={o.trim[1]} strokeWidth={23} strokeLinecap="butt" />
        </g>
      ) : null}
      {pose.open ? (
        <g fill={skin} stroke={OUTLINE} strokeWidth={SW}>
          <ellipse cx={hx + 4} cy={hy - 6} rx={11} ry={15} transform={`rotate(20 ${hx + 4} ${hy - 6})`} />
          <path d={`M ${hx - 6} ${hy} q -10 -4 -10 -14`} />
        </g>
      ) : (
        <circle cx={hx} cy={hy} r={12} fill={skin} stroke={OUTLINE} strokeWidth={SW} />
      )}
    </g>
  );
}

export const BACK_ARM_POSE = BACK_ARM;
