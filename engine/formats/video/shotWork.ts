/**
 * What a render still has to make, given what the cache holds. A shot is a
 * picture, or a picture with a caption band laid over it; the cache keeps
 * pictures, bands and composed shots (pictureCache.ts), so a re-render after
 * an edit elsewhere, or a second render of the same video, composes and
 * captures only what changed. A picture is captured only if a shot still to
 * be made needs it: one whose every shot is already composed is not.
 */
import type { VideoPlan } from '../../../templates/video/plan.js';
import type { ShotSchedule } from './frameSchedule.js';
import type { PictureCache } from './pictureCache.js';
import { pictureKept } from './patches.js';
import { captionBandKey, composedShotKey } from './pictureKey.js';

export interface ShotWork {
  /** For each shot with a caption, its composedShotKey; null for a bare picture. */
  shotKeys: Array<string | null>;
  /** Captioned shots whose composed file is not cached: they are composed now. */
  toCompose: Set<number>;
  /** The band key of every caption a shot to compose shows. */
  bandKeys: Map<number, string>;
  /** Of those captions, the ones whose band is not cached: captured now, ascending. */
  bandsToCapture: number[];
  /** Pictures a shot still to make needs and the cache lacks, in the schedule's order (frames ascending). */
  missing: ShotSchedule['pictures'];
  /** Pictures a shot without a caption shows: those must be kept whole, not as a part (patches.ts). */
  bare: Set<string>;
  /** Shots with a caption, made now or found. */
  captioned: number;
}

/** `writer` says how shots are composed (captionOverlay.ts overlayWriter). */
export function planShotWork(plan: VideoPlan, schedule: ShotSchedule, cache: PictureCache, writer: string): ShotWork {
  const bandKeyOf = new Map<number, string>();
  const bandKey = (cue: number) => {
    let key = bandKeyOf.get(cue);
    if (key === undefined) {
      key = captionBandKey(plan, plan.captions[cue]!);
      bandKeyOf.set(cue, key);
    }
    return key;
  };
  const shotKeys: Array<string | null> = [];
  const toCompose = new Set<number>();
  const bandKeys = new Map<number, string>();
  const needed = new Set<string>();
  const bare = new Set<string>();
  let captioned = 0;
  schedule.shots.forEach((shot, index) => {
    if (shot.cue < 0) {
      shotKeys.push(null);
      needed.add(shot.picture);
      bare.add(shot.picture);
      return;
    }
    captioned++;
    const key = composedShotKey(shot.picture, bandKey(shot.cue), writer);
    shotKeys.push(key);
    if (cache.has(key, 'shot')) return;
    toCompose.add(index);
    bandKeys.set(shot.cue, bandKey(shot.cue));
    needed.add(shot.picture);
  });
  const bandsToCapture = [...bandKeys].filter(([, key]) => !cache.has(key, 'band')).map(([cue]) => cue).sort((a, b) => a - b);
  // A captioned shot is composed from a kept part and its root as well as from a whole picture.
  const missing = schedule.pictures.filter((p) => needed.has(p.key) && !(bare.has(p.key) ? cache.has(p.key) : pictureKept(cache, p.key)));
  return { shotKeys, toCompose, bandKeys, bandsToCapture, missing, bare, captioned };
}
