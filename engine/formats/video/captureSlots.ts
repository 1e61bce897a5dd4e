/**
 * How many videos are captured at once, each in a browser of its own (run by ../../inSlots.ts).
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

const GIB = 2 ** 30;
/** Memory a PC needs per browser capturing at once, with the studio and the other formats beside them. */
const MEMORY_PER_CAPTURE = 3 * GIB;
/** There are at most three aspects. */
const MOST_AT_ONCE = 3;

export function videoCapturesAtOnce(cores = availableParallelism(), memoryBytes = totalmem()): number {
  return Math.max(1, Math.min(MOST_AT_ONCE, cores, Math.floor(memoryBytes / MEMORY_PER_CAPTURE)));
}
