/**
 * A puppet's face: the brows, eyes and mouth corners of `Head` for each
 * expression. The frame state carries it as a small integer (its index in
 * EXPRESSION_ORDER) so equal states stay equal pictures.
 */
import type { Expression } from '../../../engine/model/material.js';

export type { Expression };

/** Index = ActorState.x. The model's list (engine/model/material.ts EXPRESSIONS), in the same order. */
export const EXPRESSION_ORDER = ['neutral', 'worried', 'happy', 'stern'] as const satisfies readonly Expression[];

export function expressionIndex(expression: Expression): number {
  return EXPRESSION_ORDER.indexOf(expression);
}

export function expressionAt(index: number): Expression {
  return EXPRESSION_ORDER[index] ?? 'neutral';
}
