/**
 * One video file: capture the plan's distinct frames in Chromium, assemble
 * them with x264 at a constant 25 fps with the soundtrack and subtitle tracks
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
import { ChunkEncoder, muxVideo, pictureName } from './encodeFrames.js';
import { scheduleFrames } from './frameSchedule.js';
import { rangeSchedule, type FrameRange } from './frameRange.js';
import { movTextMp4 } from './movText.js';
import { mediaLanguage } from '../../model/languages.js';
import { captureFrames, renderPoster, type RemotionBrowser, type RemotionBundle } from './remotion.js';
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
}

export interface RenderVideoArgs {
  bundle: RemotionBundle;
  browser: RemotionBrowser;
  plan: VideoPlan;
  soundtrackPath: string;
  /** The video's own language first; it also becomes the sidecar files. */
  tracks: SubtitleTrack[];
  files: VideoFiles;
  workDir: string;
  jpegQuality: number;
  signal: AbortSignal;
  onProgress: (done: number, total: number) => void;
  /** Only output frames [from, to) (a render farm's range unit, ./frameRange.ts); the sound and subtitle tracks stay whole. */
  frames?: FrameRange;
}

export interface RenderVideoStats {
  frames: number;
  captured: number;
  captureSec: number;
  encodeSec: number;
  posterSec: number;
}

export async function renderVideo(args: RenderVideoArgs): Promise<RenderVideoStats> {
  const { plan, files, signal } = args;
  throwIfCancelled(signal);
  const schedule = args.frames ? rangeSchedule(scheduleFrames(plan), args.frames) : scheduleFrames(plan);
  // Captured frames are the plan's; pictures and chunks are numbered from the range's start.
  const offset = args.frames?.from ?? 0;
  const total = schedule.capture.length + schedule.source.length;
  const tag = randomBytes(4).toString('hex');
  const temps: VideoFiles = { mp4: temporaryPathFor(files.mp4), srt: temporaryPathFor(files.srt), vtt: temporaryPathFor(files.vtt), poster: temporaryPathFor(files.poster) };
  await ensureDirDurably(path.dirname(files.mp4));

  const durationMs = Math.round((plan.durationInFrames * 1000) / plan.fps);
  const framesDir = path.join(args.workDir, `frames-${tag}`);
  const trackFiles = args.tracks.map((t, i) => ({ path: path.join(args.workDir, `subs-${tag}-${i}.mp4`), language: mediaLanguage(t.language).iso6392, title: t.title }));
  const { makeCancelSignal } = await import('@remotion/renderer');
  const { cancelSignal, cancel } = makeCancelSignal();
  // Encodes stop if the capture fails, the capture stops if an encode fails; the build's signal stops both.
  const encodeAbort = new AbortController();
  const onAbort = () => {
    cancel();
    encodeAbort.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  let captured = 0;
  let encoded = 0;
  const report = () => args.onProgress(captured + encoded, total);
  const encoder = new ChunkEncoder({
    fps: plan.fps,
    schedule,
    framesDir,
    signal: encodeAbort.signal,
    onEncoded: (n) => {
      encoded = n;
      report();
    },
    onFailure: () => cancel(),
  });
  try {
    await mkdir(framesDir, { recursive: true });
    await Promise.all(args.tracks.map((t, i) => writeFile(trackFiles[i]!.path, movTextMp4(t.cues, mediaLanguage(t.language).iso6392, durationMs))));
    const captureStart = performance.now();
    try {
      await captureFrames({
        serveUrl: args.bundle.serveUrl,
        browser: args.browser,
        plan,
        frames: offset === 0 ? schedule.capture : schedule.capture.map((f) => f + offset),
        jpegQuality: args.jpegQuality,
        cancelSignal,
        onFrame: async (frame, jpeg) => {
          await writeFile(path.join(framesDir, pictureName(frame - offset)), jpeg);
          captured++;
          encoder.pictureReady(frame - offset);
          report();
        },
      });
    } catch (err) {
      encodeAbort.abort(err);
      // An encode failure is the cause when it made us cancel the capture.
      await encoder.finish();
      throw err;
    }
    if (captured !== schedule.capture.length) {
      throw new StudioError('video.framesMissing', { captured, expected: schedule.capture.length });
    }
    const captureSec = (performance.now() - captureStart) / 1000;
    const encodeStart = performance.now();
    const chunkFiles = await encoder.finish();
    await muxVideo({
      chunkFiles,
      workDir: framesDir,
      audioPath: args.soundtrackPath,
      audio: { language: mediaLanguage(plan.language).iso6392, title: mediaLanguage(plan.language).title },
      subtitles: trackFiles,
      defaultSubtitle: plan.burnSubtitles ? -1 : 0,
      outPath: temps.mp4,
      signal,
    });
    // Encoding overlaps the capture; this is only what remained after it.
    const encodeSec = (performance.now() - encodeStart) / 1000;
    const posterStart = performance.now();
    await renderPoster({ serveUrl: args.bundle.serveUrl, browser: args.browser, plan, output: temps.poster, cancelSignal });
    const posterSec = (performance.now() - posterStart) / 1000;
    const own = args.tracks[0]?.cues ?? [];
    await writeFile(temps.srt, toSrt(own), 'utf8');
    await writeFile(temps.vtt, toWebVtt(own), 'utf8');
    throwIfCancelled(signal);
    for (const key of ['mp4', 'srt', 'vtt', 'poster'] as const) await commitFile(temps[key], files[key]);
    encoded = schedule.source.length;
    report();
    return { frames: schedule.source.length, captured: schedule.capture.length, captureSec, encodeSec, posterSec };
  } catch (err) {
    await Promise.all(Object.values(temps).map((f) => rm(f, { force: true })));
    throw asCancelled(err, signal);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await rm(framesDir, { recursive: true, force: true });
    await Promise.all(trackFiles.map((t) => rm(t.path, { force: true })));
  }
}
