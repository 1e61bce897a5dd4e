/**
 * The aspects of a video are captured at once, each in a browser of its own
 * (engine/formats/video/captureSlots.ts, engine/inSlots.ts): a slot's browser must never serve two
 * captures at once, results keep the aspects' order, and a failure must stop
 * the other captures before the caller removes their work folder.
 */
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../engine/errors.js';
import { videoCapturesAtOnce } from '../../engine/formats/video/captureSlots.js';
import { inSlots } from '../../engine/inSlots.js';

const GIB = 2 ** 30;
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('videoCapturesAtOnce', () => {
  it('is bounded by cores, by 3 GiB of memory per browser, and by the three aspects', () => {
    expect(videoCapturesAtOnce(2, 16 * GIB)).toBe(2);
    expect(videoCapturesAtOnce(8, 16 * GIB)).toBe(3);
    expect(videoCapturesAtOnce(8, 7 * GIB)).toBe(2);
    expect(videoCapturesAtOnce(4, 4 * GIB)).toBe(1);
    // A PC below the memory rule still renders, one aspect after another.
    expect(videoCapturesAtOnce(1, 2 * GIB)).toBe(1);
  });
});

describe('inSlots', () => {
  it('gives results in the items’ order, never more at once than slots, never one slot to two items', async () => {
    const busy = new Set<number>();
    let most = 0;
    const results = await inSlots([30, 5, 20, 1, 10], 2, new AbortController().signal, async (ms, slot) => {
      expect(busy.has(slot)).toBe(false);
      busy.add(slot);
      most = Math.max(most, busy.size);
      await tick(ms);
      busy.delete(slot);
      return `done ${ms}`;
    });
    expect(results).toEqual(['done 30', 'done 5', 'done 20', 'done 1', 'done 10']);
    expect(most).toBe(2);
  });

  it('stops the others at the first failure and throws it only once all have stopped', async () => {
    const events: string[] = [];
    const failure = new Error('capture failed at 0:12');
    const run = inSlots(['slow', 'fails', 'never'], 2, new AbortController().signal, async (item, _slot, signal) => {
      events.push(`start ${item}`);
      if (item === 'fails') {
        await tick(5);
        throw failure;
      }
      // A capture that notices the stop a little later, as a real one does between frames.
      while (!signal.aborted) await tick(2);
      await tick(20);
      events.push(`stopped ${item}`);
      throw new CancelledError({ cause: signal.reason });
    });
    await expect(run).rejects.toBe(failure);
    expect(events).toEqual(['start slow', 'start fails', 'stopped slow']);
  });

  it('ends with the cancellation when the caller cancels, even before an item begins', async () => {
    const cancel = new AbortController();
    const started: string[] = [];
    // The first item finishes although the caller cancelled meanwhile; the others never begin.
    const run = inSlots(['a', 'b', 'c'], 1, cancel.signal, async (item) => {
      started.push(item);
      cancel.abort();
      return item;
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(started).toEqual(['a']);

    const already = new AbortController();
    already.abort();
    await expect(inSlots(['a'], 2, already.signal, async (item) => item)).rejects.toBeInstanceOf(CancelledError);
  });
});
