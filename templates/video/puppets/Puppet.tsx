/**
 * A character puppet: body, arms and head assembled from the archetype's
 * look, posed by an ActorState (breath, blink, mouth, gesture). Drawn as an
 * SVG group with its feet at the origin, so a stage places it with a
 * translate; `Puppet` wraps it in its own <svg> for previews and the UI.
 */
import type { ActorState } from '../frameState.js';
import type { Facing, PuppetSpec } from '../plan.js';
import { Arm, BACK_ARM_POSE, FRONT_ARM, Legs, Torso } from './Body.js';
import { expressionAt, type Expression } from './expression.js';
import { Head } from './Head.js';
import { lookFor } from './looks.js';
import { OUTFITS } from './outfits.js';

/** Height of an adult puppet in its own units. */
export const PUPPET_UNITS = 420;

export interface PuppetGroupProps {
  spec: PuppetSpec;
  state: ActorState;
  facing: Facing;
  /** The face; when left out, the one the state carries (state.x). */
  expression?: Expression;
}

export function PuppetGroup({ spec, state, facing, expression }: PuppetGroupProps) {
  const look = lookFor(spec.archetype, spec.dress, spec.gender);
  const outfit = OUTFITS[look.outfit];
  const lift = -2.2 * state.b;
  const hip = -170;
  // Children: a bigger head on a shorter body; the whole figure is then scaled to its height.
  const headScale = look.head;
  return (
    <g transform={`scale(${facing === 'left' ? -look.height : look.height} ${look.height})`}>
      <ellipse cx={4} cy={-2} rx={54} ry={9} fill="#000000" opacity={0.16} />
      <Legs o={outfit} skin={look.skin} />
      <g transform={`rotate(${look.stoop} 0 ${hip}) translate(0 ${lift})`}>
        <Arm o={outfit} skin={look.skin} pose={BACK_ARM_POSE} back />
        <Torso o={outfit} />
        <g transform={`translate(0 ${-1.2 * state.b}) translate(2 -292) scale(${headScale}) translate(-2 292)`}>
          <Head look={look} eyes={state.e} mouth={state.m} expression={expression ?? expressionAt(state.x)} />
        </g>
        <Arm o={outfit} skin={look.skin} pose={FRONT_ARM[Math.max(0, Math.min(3, state.g))]!} back={false} />
      </g>
    </g>
  );
}

const IDLE: ActorState = { b: 0, e: 0, m: 0, g: 0, x: 0 };

/** A standalone puppet, for the cast list in the UI and for checking the drawings. */
export function Puppet({ spec, state = IDLE, facing = 'right', height = 300, expression }: {
  spec: PuppetSpec;
  state?: ActorState;
  facing?: Facing;
  height?: number;
  expression?: Expression;
}) {
  return (
    <svg width={(height * 240) / 440} height={height} viewBox="-120 -430 240 440" role="img" aria-label={spec.archetype}>
      <PuppetGroup spec={spec} state={state} facing={facing} {...(expression ? { expression } : {})} />
    </svg>
  );
}
