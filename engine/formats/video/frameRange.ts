/**
 * A part of a video rendered on its own (a render farm's range unit,
 * engine/farm): output frames [from, to) of the plan. Its frames are numbered
 * from 0 in the part; a picture the whole video captured before `from` is
 * captured again at its first frame inside the part (unless the build's
 * picture cache has it) — frames with equal states are equal pictures
 * (./frameSchedule.ts), so the part's frames are the whole video's, and the
 * parts joined give the same video.
 */
import { z } from 'zod';
import type { ShotSchedule } from './frameSchedule.js';

export const FrameRange = z.object({ from: z.number().int().min(0), to: z.number().int().positive() }).refine((r) => r.to > r.from);
export type FrameRange = z.infer<typeof FrameRange>;

/** `video.frames` of the build settings, when a farm worker renders one part; anything else: the whole video. */
export function frameRangeSetting(value: unknown): FrameRange | undefined {
  const parsed = FrameRange.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The schedule of output frames [from, to) (`to` clamped to the video's end),
 * numbered from 0 in the part. Pictures keep their key; each is captured at its
 * first frame inside the part (`frame` is local: add `from` to capture it).
 */
export function rangeShots(whole: ShotSchedule, range: FrameRange): ShotSchedule {
  const to = Math.min(range.to, whole.shotOf.length);
  if (range.from >= to) throw new RangeError(`frame range ${range.from}–${range.to} is outside the video's ${whole.shotOf.length} frames`);
  const shotOf = new Int32Array(to - range.from);
  const shots: ShotSchedule['shots'] = [];
  const local = new Map<number, number>();
  const pictures: ShotSchedule['pictures'] = [];
  const seen = new Set<string>();
  const cues = new Set<number>();
  for (let i = 0; i < shotOf.length; i++) {
    const wholeIndex = whole.shotOf[range.from + i]!;
    let index = local.get(wholeIndex);
    if (index === undefined) {
      const shot = whole.shots[wholeIndex]!;
      index = shots.length;
      local.set(wholeIndex, index);
      shots.push({ ...shot, first: i });
      if (shot.cue >= 0) cues.add(shot.cue);
      if (!seen.has(shot.picture)) {
        seen.add(shot.picture);
        pictures.push({ key: shot.picture, frame: i });
      }
    }
    shotOf[i] = index;
  }
  return { shots, shotOf, pictures, cues: [...cues].sort((a, b) => a - b) };
}
