/**
 * Work run a few at once, each in a slot of its own: the build's format lanes
 * (build/build.ts) and a video's aspects, each captured in its own browser
 * (formats/video/captureSlots.ts).
 */
import { throwIfCancelled } from './errors.js';

/**
 * Runs `work` on every item, at most `slots` at once; a slot (0, 1, …) is
 * used by one item at a time, so an item can use its slot's own resource (a
 * browser). Results
 * come in the items' order. The first failure stops the others (through the
 * signal each is given) and is thrown once all have stopped, so nothing still
 * writes when the caller cleans up.
 */
export async function inSlots<T, R>(
  items: readonly T[],
  slots: number,
  signal: AbortSignal,
  work: (item: T, slot: number, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  const results: R[] = [];
  let failure: { error: unknown } | null = null;
  let next = 0;
  const slot = async (index: number): Promise<void> => {
    // A failure aborts `stop` at once, so this also ends every slot after the first failure.
    while (!stop.signal.aborted && next < items.length) {
      const item = next++;
      try {
        results[item] = await work(items[item]!, index, stop.signal);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(slots, items.length)) }, (_, i) => slot(i)));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (failure) throw (failure as { error: unknown }).error;
  // Stopped by the caller's signal before an item began.
  throwIfCancelled(signal);
  return results;
}
