/**
 * The share version of a built video: the same video at 720p class
 * (1280×720, 720×1280, 720×720) and at most 3 MB a minute, for Zalo and for
 * slow links (issue 19). It is made from the finished MP4 by one ffmpeg
 * transcode, so the picture, the soundtrack and the subtitle tracks are the
 * very ones the full video has; channels whose preset says `videoVersion:
 * 'share'` get it (engine/publish/channels/presets.ts).
 *
 * Settings, measured on the sample's 90 s 16:9 situation video (docs/video-rendering.md;
 * `npm run bench -- video` reports them on every run):
 * - picture: the standard x264 settings at CRF 23 (flat animation held for
 *   several frames costs next to nothing), capped by a VBV of 300 kbit/s over
 *   2 s so a busy scene cannot push the file past the budget. The sample gives
 *   about 130 kbit/s, SSIM 0.994 against the full video scaled to 720p;
 * - sound: AAC 64 kbit/s mono. The soundtrack is mixed in mono and only
 *   spread to two channels (./soundtrack.ts), so mono loses nothing and saves
 *   0.18 MB a minute against 96 kbit/s stereo;
 * - subtitles (mov_text) copied with their language tags and titles; moov first.
 * 300 + 64 kbit/s and the container's overhead stay under 400 kbit/s = 3 MB a minute.
 */
import { writeAtomically } from '../../fs/durable.js';
import { aacEncoderArgs, runFfmpeg } from '../../media/ffmpeg.js';
import { GOP_SECONDS } from './encodeFrames.js';

/** The budget the share version is made to fit (MB = 10⁶ bytes). */
export const SHARE_MAX_MB_PER_MINUTE = 3;

/** The share version's x264 and AAC settings (see above). */
export const SHARE_ENCODER = {
  video: ['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'animation', '-crf', '23', '-maxrate', '300k', '-bufsize', '600k', '-profile:v', 'high'],
  audioBitrate: '64k',
  audioChannels: 1,
} as const;

/** The shorter side of the share version, in pixels. */
export const SHARE_SHORT_SIDE = 720;

/**
 * The share version's frame size for a full video of `width`×`height`: the
 * shorter side 720 (never upscaled), the other in proportion, both even for x264.
 */
export function shareSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, SHARE_SHORT_SIDE / Math.min(width, height));
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/** A video whose shorter side is over 720 px gets a share version; a smaller one is its own. */
export function needsShareVersion(width: number, height: number): boolean {
  return Math.min(width, height) > SHARE_SHORT_SIDE;
}

export interface ShareVersionArgs {
  /** The finished full video. */
  source: string;
  width: number;
  height: number;
  fps: number;
  /** Where the share version goes (written under a temporary name, then renamed). */
  outPath: string;
  signal?: AbortSignal;
}

/** Transcodes the full video into its share version; returns the share version's frame size. */
export async function makeShareVersion(args: ShareVersionArgs): Promise<{ width: number; height: number }> {
  const size = shareSize(args.width, args.height);
  const audio = await aacEncoderArgs(SHARE_ENCODER.audioBitrate);
  await writeAtomically(args.outPath, (temp) => runFfmpeg([
    '-v', 'error', '-y', '-i', args.source,
    // Every stream of the full video: its picture, its soundtrack and each subtitle track, tags and dispositions kept.
    '-map', '0:v:0', '-map', '0:a?', '-map', '0:s?',
    // Chromium's pictures were converted to limited-range BT.601 once; scale keeps that range and the tags.
    '-vf', `scale=${size.width}:${size.height}:flags=lanczos`,
    '-pix_fmt', 'yuv420p', '-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv',
    ...SHARE_ENCODER.video, '-g', String(args.fps * GOP_SECONDS),
    ...audio, '-ac', String(SHARE_ENCODER.audioChannels),
    '-c:s', 'copy',
    '-movflags', '+faststart', '-f', 'mp4', temp,
  ], args.signal ? { signal: args.signal } : {}));
  return size;
}
