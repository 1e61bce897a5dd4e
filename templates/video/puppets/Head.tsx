/**
 * A puppet's head in three-quarter view, facing right, centred at (4, -346)
 * in body units. Eyes and mouth take their shape from the frame state; brows,
 * eyelids, cheeks and the mouth's corners from the expression, so a worried
 * line never smiles and the mouth shapes of speech still read over any face.
 */
import type { Headwear, Look } from './looks.js';
import { OUTLINE } from './Body.js';
import type { Expression } from './expression.js';

const SW = 3;
const EYES: [number, number][] = [[-8, -350], [22, -350]];
const MOUTH_X = 18;
const MOUTH_Y = -320;

/**
 * Per expression: brow heights (inner end, outer end, arch control, in units
 * above the eye), how far the mouth's corners turn up (+) or down (−), and the
 * cheeks' blush.
 */
const FACES: Record<Expression, { inner: number; outer: number; arch: number; corners: number; blush: number; browWidth: number }> = {
  neutral: { inner: 13, outer: 13, arch: 18, corners: 1, blush: 0.35, browWidth: 3.2 },
  happy: { inner: 16, outer: 15, arch: 23, corners: 6, blush: 0.6, browWidth: 3.2 },
  worried: { inner: 21, outer: 11, arch: 17, corners: -5, blush: 0.12, browWidth: 3.2 },
  stern: { inner: 7, outer: 15, arch: 11, corners: -2, blush: 0.2, browWidth: 4.4 },
};

export function Head({ look, eyes, mouth, expression = 'neutral' }: { look: Look; eyes: number; mouth: number; expression?: Expression }) {
  const face = FACES[expression];
  return (
    <g>
      <BackHair look={look} />
      <rect x={-12} y={-304} width={26} height={24} fill={look.skin} stroke={OUTLINE} strokeWidth={SW} />
      <ellipse cx={-34} cy={-340} rx={8} ry={11} fill={look.skin} stroke={OUTLINE} strokeWidth={SW} />
      <ellipse cx={4} cy={-346} rx={42} ry={47} fill={look.skin} stroke={OUTLINE} strokeWidth={SW} />
      <FrontHair look={look} />
      <g fill="#e98f8f" opacity={face.blush}>
        <circle cx={32} cy={-326} r={7} />
        <circle cx={-12} cy={-326} r={6} />
      </g>
      {EYES.map(([x, y], i) => <Eye key={i} x={x} y={y} state={eyes} far={i === 0} expression={expression} skin={look.skin} />)}
      <g stroke={look.hair.startsWith('grey') ? '#8c867f' : OUTLINE} strokeWidth={face.browWidth} fill="none" strokeLinecap="round">
        {EYES.map(([x, y], i) => {
          // The inner end is the one towards the nose: the far eye's right end, the near eye's left end.
          const left = i === 0 ? face.outer : face.inner;
          const right = i === 0 ? face.inner : face.outer;
          return <path key={x} d={`M ${x - 8} ${y - left} Q ${x} ${y - face.arch} ${x + 8} ${y - right}`} />;
        })}
      </g>
      <path d="M 32 -342 Q 39 -333 31 -329" fill="none" stroke={OUTLINE} strokeWidth={2.5} strokeLinecap="round" />
      <Mouth shape={mouth} corners={face.corners} />
      {look.beard ? <Beard colour={look.hairColor} /> : null}
      {look.glasses ? <Glasses /> : null}
      <HeadwearShape kind={look.headwear} />
    </g>
  );
}

function Eye({ x, y, state, far, expression, skin }: { x: number; y: number; state: number; far: boolean; expression: Expression; skin: string }) {
  const rx = far ? 4.4 : 5.2;
  if (state >= 2) return <path d={`M ${x - 6} ${y} Q ${x} ${y + 4} ${x + 6} ${y}`} stroke={OUTLINE} strokeWidth={2.6} fill="none" strokeLinecap="round" />;
  if (state === 1) {
    return (
      <g>
        <ellipse cx={x} cy={y + 2} rx={rx} ry={3.6} fill="#2b211c" />
        <path d={`M ${x - 7} ${y - 1} L ${x + 7} ${y - 1}`} stroke={OUTLINE} strokeWidth={2.4} strokeLinecap="round" />
      </g>
    );
  }
  return (
    <g>
      <ellipse cx={x} cy={y} rx={rx} ry={7} fill="#2b211c" />
      <circle cx={x + 1.6} cy={y - 2.6} r={1.8} fill="#ffffff" />
      {expression === 'stern' ? (
        // A lowered upper lid: narrowed eyes.
        <g>
          <rect x={x - 7} y={y - 9} width={14} height={6} fill={skin} />
          <path d={`M ${x - 7} ${y - 3} L ${x + 7} ${y - 3}`} stroke={OUTLINE} strokeWidth={2.4} strokeLinecap="round" />
        </g>
      ) : null}
      {expression === 'happy' ? (
        // Cheeks pushing the lower lid up: smiling eyes.
        <path d={`M ${x - 7} ${y + 8} Q ${x} ${y + 2} ${x + 7} ${y + 8}`} fill={skin} stroke={OUTLINE} strokeWidth={2} strokeLinecap="round" />
      ) : null}
    </g>
  );
}

/**
 * 0 closed, 1 small, 2 open, 3 wide. `corners` turns the closed mouth into a
 * smile (+) or a frown (−), and adds small up/down ticks at the corners of an
 * open one, so the expression survives speech.
 */
export function Mouth({ shape, corners = 1 }: { shape: number; corners?: number }) {
  const x = MOUTH_X;
  const y = MOUTH_Y;
  if (shape <= 0) {
    const half = corners > 3 ? 12 : 10;
    return <path d={`M ${x - half} ${y - corners / 2} Q ${x} ${y + 1.5 * corners} ${x + half} ${y - corners / 2}`} stroke={OUTLINE} strokeWidth={3} fill="none" strokeLinecap="round" />;
  }
  const rx = shape === 1 ? 7.5 : shape === 2 ? 8.5 : 12;
  const cy = shape === 1 ? y : shape === 2 ? y + 1 : y + 2;
  const tick = Math.abs(corners) >= 2
    ? <path d={`M ${x - rx} ${cy} l ${-4} ${-corners * 0.8} M ${x + rx} ${cy} l 4 ${-corners * 0.8}`} stroke={OUTLINE} strokeWidth={2.4} fill="none" strokeLinecap="round" />
    : null;
  if (shape === 1) {
    return (
      <g>
        <ellipse cx={x} cy={y} rx={rx} ry={3.8} fill="#6e2a2a" stroke={OUTLINE} strokeWidth={2} />
        {tick}
      </g>
    );
  }
  if (shape === 2) {
    return (
      <g>
        <ellipse cx={x} cy={cy} rx={rx} ry={7.5} fill="#6e2a2a" stroke={OUTLINE} strokeWidth={2} />
        <ellipse cx={x} cy={y + 5} rx={5} ry={2.6} fill="#e07a7a" />
        {tick}
      </g>
    );
  }
  return (
    <g>
      <ellipse cx={x} cy={cy} rx={rx} ry={10.5} fill="#6e2a2a" stroke={OUTLINE} strokeWidth={2} />
      <rect x={x - 8} y={y - 7} width={16} height={4} rx={1.5} fill="#ffffff" />
      <ellipse cx={x} cy={y + 8} rx={6.5} ry={3} fill="#e07a7a" />
      {tick}
    </g>
  );
}

function BackHair({ look }: { look: Look }) {
  const c = look.hairColor;
  switch (look.hair) {
    case 'long':
      return <path d="M -44 -360 Q -52 -300 -40 -268 L 20 -268 Q 30 -300 28 -330 Z" fill={c} stroke={OUTLINE} strokeWidth={SW} />;
    case 'bob':
      return <path d="M -44 -360 Q -50 -318 -36 -300 L 22 -300 Q 30 -320 28 -340 Z" fill={c} stroke={OUTLINE} strokeWidth={SW} />;
    case 'bun':
    case 'grey-bun':
      return <circle cx={-38} cy={-378} r={17} fill={c} stroke={OUTLINE} strokeWidth={SW} />;
    case 'pigtails':
      return (
        <g fill={c} stroke={OUTLINE} strokeWidth={SW}>
          <path d="M -40 -350 Q -62 -320 -50 -290 Q -38 -300 -34 -330 Z" />
          <circle cx={-40} cy={-348} r={5} fill="#d6336c" />
        </g>
      );
    default:
      return null;
  }
}

function FrontHair({ look }: { look: Look }) {
  const c = look.hairColor;
  const stroke = { fill: c, stroke: OUTLINE, strokeWidth: SW } as const;
  switch (look.hair) {
    case 'spiky':
      return <path d="M -42 -346 Q -46 -380 -30 -392 L -22 -404 L -12 -394 L 0 -408 L 10 -394 L 24 -404 L 30 -388 Q 46 -380 46 -356 Q 34 -372 14 -374 Q -6 -366 -26 -372 Q -36 -364 -42 -346 Z" {...stroke} />;
    case 'grey-sides':
      return <path d="M -42 -336 Q -46 -370 -30 -380 Q -30 -360 -22 -352 Q -30 -344 -36 -320 Z" {...stroke} />;
    case 'long':
    case 'bob':
      return <path d="M -44 -340 Q -48 -396 6 -398 Q 50 -396 46 -352 Q 30 -380 4 -378 Q -20 -370 -30 -352 Q -38 -350 -44 -340 Z" {...stroke} />;
    case 'pigtails':
      return <path d="M -44 -342 Q -46 -396 6 -398 Q 50 -396 46 -354 Q 38 -372 18 -378 L 10 -366 L 0 -376 Q -24 -372 -32 -356 Z" {...stroke} />;
    case 'neat':
      return <path d="M -42 -344 Q -46 -394 4 -398 Q 48 -398 47 -356 Q 44 -372 26 -380 Q -2 -384 -12 -372 Q -28 -372 -36 -358 Z" {...stroke} />;
    default:
      return <path d="M -42 -346 Q -44 -396 4 -398 Q 48 -398 46 -354 Q 40 -374 20 -378 Q 0 -370 -22 -374 Q -34 -368 -42 -346 Z" {...stroke} />;
  }
}

function Beard({ colour }: { colour: string }) {
  return (
    <g fill={colour} stroke={OUTLINE} strokeWidth={2}>
      <path d="M 6 -327 Q 18 -333 30 -327 Q 18 -324 6 -327 Z" />
      <path d="M 8 -310 Q 18 -300 28 -310 Q 26 -288 18 -284 Q 10 -288 8 -310 Z" />
    </g>
  );
}

function Glasses() {
  return (
    <g fill="#ffffff" fillOpacity={0.18} stroke="#3a3a3a" strokeWidth={2.6}>
      {EYES.map(([x, y]) => <rect key={x} x={x - 10} y={y - 9} width={20} height={17} rx={6} />)}
      <path d="M 2 -350 L 12 -350" fill="none" />
    </g>
  );
}

function HeadwearShape({ kind }: { kind: Headwear }) {
  switch (kind) {
    case 'police-cap':
      return (
        <g stroke={OUTLINE} strokeWidth={SW}>
          <path d="M -46 -376 Q -52 -414 0 -418 Q 56 -416 52 -376 Z" fill="#55703c" />
          <rect x={-44} y={-386} width={94} height={11} fill="#c62b2b" strokeWidth={1.5} />
          <path d="M 14 -377 Q 50 -380 66 -368 Q 40 -364 14 -370 Z" fill="#1c1c1c" />
          <circle cx={20} cy={-398} r={8} fill="#e3c24a" strokeWidth={1.5} />
          <circle cx={20} cy={-398} r={3.2} fill="#c62b2b" stroke="none" />
        </g>
      );
    case 'headwrap':
      return (
        <g stroke={OUTLINE} strokeWidth={SW}>
          <path d="M -50 -370 Q -56 -420 2 -424 Q 60 -420 52 -370 Q 2 -384 -50 -370 Z" fill="#252a45" />
          <path d="M -48 -382 Q 2 -396 52 -382" fill="none" stroke="#e25fa0" strokeWidth={6} />
          <path d="M -46 -396 Q 2 -410 50 -396" fill="none" stroke="#2f9e6e" strokeWidth={5} />
        </g>
      );
    case 'skullcap':
      return <path d="M -42 -368 Q -42 -406 4 -408 Q 48 -406 46 -368 Q 2 -380 -42 -368 Z" fill="#1f1f27" stroke={OUTLINE} strokeWidth={SW} />;
    case 'headband':
      return (
        <g>
          <path d="M -42 -362 Q 2 -392 46 -366" fill="none" stroke={OUTLINE} strokeWidth={12} strokeLinecap="round" />
          <path d="M -42 -362 Q 2 -392 46 -366" fill="none" stroke="#d8304f" strokeWidth={8} strokeLinecap="round" />
          <g fill="#f2b632">{[-26, -6, 14, 32].map((x) => <circle key={x} cx={x} cy={-372 - (x < 10 ? (x + 40) / 6 : (50 - x) / 5)} r={2.6} />)}</g>
        </g>
      );
    case 'scarf':
      return <path d="M -48 -344 Q -54 -410 2 -412 Q 54 -410 50 -362 Q 40 -386 4 -388 Q -30 -384 -38 -340 Q -42 -316 -30 -296 L -44 -300 Q -52 -320 -48 -344 Z" fill="#b68a4c" stroke={OUTLINE} strokeWidth={SW} />;
    default:
      return null;
  }
}
