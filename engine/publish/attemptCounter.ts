/**
 * An attempt counts only when a request was actually sent: a publish killed
 * before it reached the network (or restarted after a kill) must not use up
 * the job's attempts. The runner runs each attempt inside `countingAttempt`;
 * the network layer (./timedFetch.ts) calls `noteRequestSending` before every
 * request, and the first call of an attempt records the attempt durably
 * before the request leaves.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface AttemptScope {
  counted: boolean;
  record: () => Promise<void>;
}

const scope = new AsyncLocalStorage<AttemptScope>();

export function countingAttempt<T>(record: () => Promise<void>, run: () => Promise<T>): { result: Promise<T>; counted: () => boolean } {
  const state: AttemptScope = { counted: false, record };
  return { result: scope.run(state, run), counted: () => state.counted };
}

export async function noteRequestSending(): Promise<void> {
  const state = scope.getStore();
  if (!state || state.counted) return;
  state.counted = true;
  await state.record();
}
