/**
 * A part of a video rendered on its own (a render farm's range unit,
 * engine/farm): output frames [from, to) of the plan. Its frames are numbered
 * from 0 in the part; a picture the whole video captured before `from` is
 * captured again at its first frame inside the part — frames with equal
 * states are equal pictures (./frameSchedule.ts), so the part's frames are
 * the whole video's, and the parts joined give the same video.
 */
import { z } from 'zod';
import type { FrameSchedule } from './frameSchedule.js';

export const FrameRange = z.object({ from: z.number().int().min(0), to: z.number().int().positive() }).refine((r) => r.to > r.from);
export type FrameRange = z.infer<typeof FrameRange>;

/** `video.frames` of the build settings, when a farm worker renders one part; anything else: the whole video. */
export function frameRangeSetting(value: unknown): FrameRange | undefined {
  const parsed = FrameRange.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The schedule of frames [from, to) (`to` clamped to the video's end), numbered from 0. */
export function rangeSchedule(whole: FrameSchedule, range: FrameRange): FrameSchedule {
  const to = Math.min(range.to, whole.source.length);
  if (range.from >= to) throw new RangeError(`frame range ${range.from}–${range.to} is outside the video's ${whole.source.length} frames`);
  const source = new Int32Array(to - range.from);
  const capture: number[] = [];
  const lastUse = new Map<number, number>();
  const firstInPart = new Map<number, number>();
  for (let i = 0; i < source.length; i++) {
    const picture = whole.source[range.from + i]!;
    let local = firstInPart.get(picture);
    if (local === undefined) {
      local = i;
      firstInPart.set(picture, i);
      capture.push(i);
    }
    source[i] = local;
    lastUse.set(local, i);
  }
  return { capture, source, lastUse };
}
