/**
 * What a render still has to make, given what the cache holds. A shot is a
 * picture, or a picture with a caption band laid over it; shots are made when
 * their chunk is encoded, and the cache keeps pictures, bands and encoded
 * chunks (pictureCache.ts), so a re-render after an edit elsewhere, or a
 * second render of the same video, captures and encodes only what changed. A
 * picture or a band is captured only if a shot of a chunk still to encode
 * needs it.
 */
import type { VideoPlan } from '../../../templates/video/plan.js';
import type { ShotSchedule } from './frameSchedule.js';
import type { PictureCache } from './pictureCache.js';
import { pictureKept } from './patches.js';
import { captionBandKey, composedShotKey } from './pictureKey.js';

export interface ShotKeys {
  /** Each shot's composedShotKey (ChunkEncoderArgs.shotKeys). */
  keys: string[];
  /** The band key of each caption a shot shows. */
  bandKeys: Map<number, string>;
}

/** `writer` says how shots are made (captionOverlay.ts overlayWriter). */
export function shotKeysOf(plan: VideoPlan, schedule: ShotSchedule, writer: string): ShotKeys {
  const bandKeys = new Map<number, string>();
  const keys = schedule.shots.map((shot) => {
    // A shot without a caption is made by the overlay too (a part laid over its root): its key says how.
    if (shot.cue < 0) return composedShotKey(shot.picture, '', writer);
    let band = bandKeys.get(shot.cue);
    if (band === undefined) {
      band = captionBandKey(plan, plan.captions[shot.cue]!);
      bandKeys.set(shot.cue, band);
    }
    return composedShotKey(shot.picture, band, writer);
  });
  return { keys, bandKeys };
}

export interface ShotWork {
  /** The band key of every caption a shot to make shows. */
  bandKeys: Map<number, string>;
  /** Of those captions, the ones whose band is not cached: captured now, ascending. */
  bandsToCapture: number[];
  /** Pictures a shot to make needs and the cache lacks, in the schedule's order (frames ascending). */
  missing: ShotSchedule['pictures'];
  /** Shots with a caption, in the whole video. */
  captioned: number;
}

/** `toMake`: the shots of the chunks to encode (ChunkEncoder.shotsToEncode). */
export function planShotWork(schedule: ShotSchedule, keys: ShotKeys, cache: PictureCache, toMake: ReadonlySet<number>): ShotWork {
  const bandKeys = new Map<number, string>();
  const needed = new Set<string>();
  let captioned = 0;
  schedule.shots.forEach((shot, index) => {
    if (shot.cue >= 0) captioned++;
    if (!toMake.has(index)) return;
    needed.add(shot.picture);
    if (shot.cue < 0) return;
    bandKeys.set(shot.cue, keys.bandKeys.get(shot.cue)!);
  });
  const bandsToCapture = [...bandKeys].filter(([, key]) => !cache.has(key, 'band')).map(([cue]) => cue).sort((a, b) => a - b);
  // A picture is made from a kept part and its root as well as kept whole.
  const missing = schedule.pictures.filter((p) => needed.has(p.key) && !pictureKept(cache, p.key));
  return { bandKeys, bandsToCapture, missing, captioned };
}
