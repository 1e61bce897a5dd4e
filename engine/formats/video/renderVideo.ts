/**
 * One video file: capture the plan's distinct pictures in Chromium (those an
 * earlier video or build has not already captured, see pictureCache.ts), lay
 * the burned-in captions over them as each chunk is encoded (captionOverlay.ts, on a thread: overlayThread.ts;
 * bands and encoded chunks are cached too, so a re-render redoes only what
 * changed: shotWork.ts), assemble them with x264 at a constant 25 fps with the soundtrack and subtitle tracks
 * copied in, write the sidecar SRT/WebVTT and the poster. Everything goes to temp names first
 * and is renamed only when all of it succeeded, so a failed or cancelled
 * render leaves any earlier file of the same name untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { VideoPlan } from '../../../templates/video/plan.js';
import { asCancelled, StudioError, throwIfCancelled } from '../../errors.js';
import { commitFile, ensureDirDurably, temporaryPathFor } from '../../fs/durable.js';
import { overlayWriter } from './captionOverlay.js';
import { OverlayThread } from './overlayThread.js';
import { ChunkEncoder, muxVideo, type EncoderPreset } from './encodeFrames.js';
import { scheduleShots } from './frameSchedule.js';
import { planShotWork, shotKeysOf } from './shotWork.js';
import { keepRoot, partFile, planPatches, readPartFile } from './patches.js';
import { createPictureCache, disposePictureCache, type PictureCache } from './pictureCache.js';
import { captionBand } from '../../../templates/video/layout.js';
import { rangeShots, type FrameRange } from './frameRange.js';
import { movTextMp4 } from './movText.js';
import { shareSize } from './shareVersion.js';
import { mediaLanguage } from '../../model/languages.js';
import { captureFrames, renderPoster, type VideoBrowser } from './capture.js';
import type { RemotionBundle } from './remotion.js';
import { CAPTION_BAND_ID, COMPOSITION_ID } from '../../../templates/video/compositionIds.js';
import { toSrt, toWebVtt, type TimedCue } from './subtitleFiles.js';

export interface SubtitleTrack {
  language: string;
  /** Shown in players' track menus. */
  title: string;
  cues: TimedCue[];
}

export interface VideoFiles {
  mp4: string;
  srt: string;
  vtt: string;
  poster: string;
  /** The share version (./shareVersion.ts), made only when a path is given. */
  share?: string;
}

export interface RenderVideoArgs {
  bundle: RemotionBundle;
  browser: VideoBrowser;
  plan: VideoPlan;
  /** The mixed soundtrack's file. Only the mux needs it, so it is mixed while the pictures are captured. */
  soundtrack: Promise<string>;
  /** The share version's soundtrack (shareVersion.ts encodeShareSoundtrack), when `files.share` is asked for. */
  shareSoundtrack?: Promise<string>;
  /** The video's own language first; it also becomes the sidecar files. */
  tracks: SubtitleTrack[];
  files: VideoFiles;
  workDir: string;
  jpegQuality: number;
  /** Pictures shared with the build's other videos; without it, a private cache for this video. */
  pictures?: PictureCache;
  /** x264 settings (encodeFrames.ts); default 'standard'. */
  encoder?: EncoderPreset;
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
  /** Only output frames [from, to) (a render farm's range unit, ./frameRange.ts); the sound and subtitle tracks stay whole. */
  frames?: FrameRange;
}

export interface RenderVideoStats {
  frames: number;
  /** Distinct pictures the video shows, and how many of them this render captured (the rest were cached). */
  pictures: number;
  captured: number;
  /** Of the captured, those captured as a part laid over a whole picture of their stage (patches.ts). */
  patched: number;
  /** Shots with a caption laid over their picture, and how many of them this render composed (the rest were cached). */
  captionedShots: number;
  composed: number;
  /** Caption bands this render captured (the rest were cached or not needed). */
  bandsCaptured: number;
  /** The video's encoded chunks, and how many this render encoded (the rest were kept from an earlier one). */
  chunks: number;
  chunksEncoded: number;
  captureSec: number;
  /** What remained of the encode after the capture, and the mux. */
  encodeSec: number;
  /** From the end of the capture until the poster was drawn (beside the encode's end). */
  posterSec: number;
}

export async function renderVideo(args: RenderVideoArgs): Promise<RenderVideoStats> {
  const { plan, files, signal } = args;
  // A programming error, seen before any capture rather than after it.
  if (files.share && !args.shareSoundtrack) throw new Error('renderVideo: a share version needs its soundtrack (shareSoundtrack)');
  throwIfCancelled(signal);
  const tag = randomBytes(4).toString('hex');
  const temps: VideoFiles = {
    mp4: temporaryPathFor(files.mp4), srt: temporaryPathFor(files.srt), vtt: temporaryPathFor(files.vtt), poster: temporaryPathFor(files.poster),
    ...(files.share ? { share: temporaryPathFor(files.share) } : {}),
  };
  await ensureDirDurably(path.dirname(files.mp4));

  const durationMs = Math.round((plan.durationInFrames * 1000) / plan.fps);
  const framesDir = path.join(args.workDir, `frames-${tag}`);
  const ownCache = args.pictures ? null : await createPictureCache(args.workDir);
  const cache = args.pictures ?? ownCache!;
  const schedule = args.frames ? rangeShots(scheduleShots(plan), args.frames) : scheduleShots(plan);
  // A farm's range unit: its frames are numbered from 0; the plan's frame is `offset` more.
  const offset = args.frames?.from ?? 0;
  const frameCount = schedule.shotOf.length;
  const shotKeys = shotKeysOf(plan, schedule, overlayWriter());
  const band = captionBand(plan.aspect, plan.width, plan.height);
  const overlay = new OverlayThread({ width: plan.width, height: plan.height, bandY: band.y });
  /** Captioned shots made (a shot held across a chunk's end is made again for the next chunk, ~35 ms). */
  const composed = new Set<number>();
  /** A shot's pixels: its picture, whole or a kept part laid over its root, with its caption if it has one. */
  const pixelsOf = async (index: number) => {
    const shot = schedule.shots[index]!;
    const caption = shot.cue >= 0 ? { cue: shot.cue } : {};
    // Read through the cache, which says so when a file the render planned with was removed under it.
    let pixels: Uint8Array;
    const picture = (key: string) => ({ key, jpeg: () => cache.read(key) });
    if (cache.has(shot.picture)) {
      pixels = await overlay.pixels(picture(shot.picture), caption);
    } else {
      const part = readPartFile(await cache.read(shot.picture, 'part'));
      pixels = await overlay.pixels(picture(part.root), { ...caption, part: { key: shot.picture, jpeg: part.jpeg, at: part.clip } });
    }
    if (shot.cue >= 0) composed.add(index);
    return pixels;
  };
  const trackFiles = args.tracks.map((t, i) => ({ path: path.join(args.workDir, `subs-${tag}-${i}.mp4`), language: mediaLanguage(t.language).iso6392, title: t.title }));
  const captureAbort = new AbortController();
  const cancel = () => captureAbort.abort();
  // Encodes stop if the capture fails, the capture stops if an encode fails; the build's signal stops both.
  const encodeAbort = new AbortController();
  const onAbort = () => {
    cancel();
    encodeAbort.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  // From here on, whatever fails (planning included) ends in the finally below, which removes the listener.
  try {
    let done = 0;
    let encoded = 0;
    let total = frameCount;
    const report = () => args.onProgress(done + encoded, total);
    const encoder = new ChunkEncoder({
      fps: plan.fps,
      size: { width: plan.width, height: plan.height },
      shotOf: schedule.shotOf,
      shotKeys: shotKeys.keys,
      pixelsOf,
      workDir: framesDir,
      preset: args.encoder ?? 'standard',
      share: files.share ? shareSize(plan.width, plan.height) : null,
      kept: cache,
      signal: encodeAbort.signal,
      onEncoded: (n) => {
        encoded = n;
        report();
      },
      onFailure: () => cancel(),
    });
    const work = planShotWork(schedule, shotKeys, cache, encoder.shotsToEncode());
    const { missing } = work;
    const parts = await planPatches(plan, missing, cache, offset);
    total += work.bandsToCapture.length + missing.length;
    // Shot i can be encoded once every picture first shown before its first frame is on disk (pictures are captured
    // in frame order); the encoder is told how many frames are ready.
    const capturedFrames = new Set<number>();
    let capturedCount = 0;
    let shotsReady = 0;
    const tellEncoder = () => {
      const limit = capturedCount < missing.length ? missing[capturedCount]!.frame : Infinity;
      while (shotsReady < schedule.shots.length && schedule.shots[shotsReady]!.first < limit) shotsReady++;
      encoder.framesReady(shotsReady < schedule.shots.length ? schedule.shots[shotsReady]!.first : frameCount);
    };
    await mkdir(framesDir, { recursive: true });
    await Promise.all(args.tracks.map((t, i) => writeFile(trackFiles[i]!.path, movTextMp4(t.cues, mediaLanguage(t.language).iso6392, durationMs))));
    const captureStart = performance.now();
    try {
      for (const [cue, key] of work.bandKeys) if (!work.bandsToCapture.includes(cue)) overlay.addBand(cue, await cache.read(key, 'band'));
      await captureFrames({
        bundleDir: args.bundle.dir,
        browser: args.browser,
        plan,
        compositionId: CAPTION_BAND_ID,
        imageFormat: 'png',
        frames: work.bandsToCapture,
        signal: captureAbort.signal,
        onFrame: async (cue, png) => {
          overlay.addBand(cue, png);
          await cache.put(work.bandKeys.get(cue)!, png, 'band');
          done++;
          report();
        },
      });
      tellEncoder();
      const byFrame = new Map(missing.map((p) => [p.frame + offset, p.key] as const));
      const pictureMade = (frame: number) => {
        capturedFrames.add(frame);
        while (capturedCount < missing.length && capturedFrames.has(missing[capturedCount]!.frame)) capturedCount++;
        done++;
        report();
        tellEncoder();
      };
      await captureFrames({
        bundleDir: args.bundle.dir,
        browser: args.browser,
        // The pictures without captions: those are laid over them afterwards.
        plan: { ...plan, captions: [] },
        compositionId: COMPOSITION_ID,
        frames: missing.map((p) => p.frame + offset),
        jpegQuality: args.jpegQuality,
        clipOf: (frame) => parts.patches.get(frame - offset)?.clip,
        signal: captureAbort.signal,
        onFrame: async (frame, jpeg) => {
          const key = byFrame.get(frame)!;
          const patch = parts.patches.get(frame - offset);
          if (patch) {
            // Kept as the part, laid over its root when its shots are made.
            await cache.put(key, partFile(patch, jpeg), 'part');
          } else {
            await cache.put(key, jpeg);
            const root = parts.roots.get(frame - offset);
            if (root) await keepRoot(cache, root.stage, root.root);
          }
          pictureMade(frame - offset);
        },
      });
      if (capturedCount !== missing.length) {
        throw new StudioError('video.framesMissing', { captured: capturedCount, expected: missing.length });
      }
      tellEncoder();
    } catch (err) {
      encodeAbort.abort(err);
      // An encode failure is the cause when it made us cancel the capture.
      await encoder.finish();
      throw err;
    }
    const captureSec = (performance.now() - captureStart) / 1000;
    const encodeStart = performance.now();
    // The browser is free once the pictures are in: the poster is drawn while the last chunks encode and the
    // video is muxed (the sample's extra language: 3.1 s of encode after capture, then 1.1 s of poster).
    const posterDrawn = renderPoster({ bundleDir: args.bundle.dir, browser: args.browser, plan, output: temps.poster, signal: captureAbort.signal })
      .then(() => (performance.now() - encodeStart) / 1000);
    // A failure is thrown where it is awaited below; this only keeps it from being reported as unhandled meanwhile.
    posterDrawn.catch(() => undefined);
    let encodeSec: number;
    let chunks: Awaited<ReturnType<ChunkEncoder['finish']>>;
    try {
      chunks = await encoder.finish();
      const audio = { language: mediaLanguage(plan.language).iso6392, title: mediaLanguage(plan.language).title };
      const mux = { fps: plan.fps, workDir: framesDir, audioPath: await args.soundtrack, audio, subtitles: trackFiles, defaultSubtitle: plan.burnSubtitles ? -1 : 0, signal };
      // The two muxes at once, each copying its own soundtrack.
      const muxes = [muxVideo({ ...mux, chunkFiles: chunks.full, outPath: temps.mp4 })];
      if (temps.share && chunks.share && args.shareSoundtrack) {
        muxes.push(args.shareSoundtrack.then((audioPath) => muxVideo({ ...mux, audioPath, chunkFiles: chunks.share!, outPath: temps.share! })));
      }
      const settled = await Promise.allSettled(muxes);
      for (const result of settled) if (result.status === 'rejected') throw result.reason;
      // Encoding overlaps the capture; this is only what remained after it.
      encodeSec = (performance.now() - encodeStart) / 1000;
    } catch (err) {
      // The poster's file is a temp removed below: it must not be written after that.
      captureAbort.abort(err);
      await posterDrawn.catch(() => undefined);
      throw err;
    }
    // From the end of the capture, beside the encode.
    const posterSec = await posterDrawn;
    const own = args.tracks[0]?.cues ?? [];
    await writeFile(temps.srt, toSrt(own), 'utf8');
    await writeFile(temps.vtt, toWebVtt(own), 'utf8');
    throwIfCancelled(signal);
    for (const key of ['mp4', 'srt', 'vtt', 'poster', 'share'] as const) if (temps[key] && files[key]) await commitFile(temps[key], files[key]);
    encoded = frameCount;
    report();
    return {
      frames: frameCount, pictures: schedule.pictures.length, captured: missing.length, patched: parts.patches.size,
      captionedShots: work.captioned, composed: composed.size, bandsCaptured: work.bandsToCapture.length,
      chunks: chunks.full.length, chunksEncoded: encoder.encodedChunks,
      captureSec, encodeSec, posterSec,
    };
  } catch (err) {
    await Promise.all(Object.values(temps).map((f: string) => rm(f, { force: true })));
    throw asCancelled(err, signal);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await overlay.close();
    await rm(framesDir, { recursive: true, force: true });
    if (ownCache) await disposePictureCache(ownCache);
    await Promise.all(trackFiles.map((t) => rm(t.path, { force: true })));
  }
}
