/**
 * Videos rendered at once, each in a browser of its own.
 *
 * A capture keeps about one core busy: Chromium paints one frame at a time,
 * and the captions and encodes beside it take part of a second core. Alone,
 * the sample's video format used 1.36 of this machine's 2 cores (72 CPU s in
 * 53 s, 2026-12-05) and in `npm run demo` the second core idled once the
 * print and audio formats were done; a second capture at once uses it.
 * Each browser holds a few hundred MB while capturing 1080p pictures, so a
 * PC with little memory keeps one.
 */
import { availableParallelism, totalmem } from 'node:os';
import { throwIfCancelled } from '../../errors.js';

const GIB = 2 ** 30;
/** Memory a PC needs per browser capturing at once, with the studio and the other formats beside them. */
const MEMORY_PER_CAPTURE = 3 * GIB;
/** There are at most three aspects. */
const MOST_AT_ONCE = 3;

export function videoCapturesAtOnce(cores = availableParallelism(), memoryBytes = totalmem()): number {
  return Math.max(1, Math.min(MOST_AT_ONCE, cores, Math.floor(memoryBytes / MEMORY_PER_CAPTURE)));
}

/**
 * Runs `work` on every item, at most `slots` at once; a slot (0, 1, …) is
 * used by one item at a time, so an item can use its slot's browser. Results
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
    while (!failure && !stop.signal.aborted && next < items.length) {
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
