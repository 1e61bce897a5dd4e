/**
 * The share version of a video: the same video at 720p class (1280×720,
 * 720×1280, 720×720) and at most 3 MB a minute, for Zalo and for slow links
 * (issue 19). Channels whose preset says `videoVersion: 'share'` get it
 * (engine/publish/channels/presets.ts).
 *
 * It is encoded beside the full video, from the same pictures, by the same
 * ffmpeg runs (./encodeFrames.ts), and muxed with the same soundtrack and
 * subtitle tracks: so its picture, sound and cues are the full video's.
 *
 * Settings, measured on the sample's 90 s 16:9 situation video (docs/video-rendering.md;
 * `npm run bench -- video` reports them on every run):
 * - picture: the standard x264 settings at CRF 23 (flat animation held for
 *   several frames costs next to nothing), capped by a VBV of 300 kbit/s over
 *   2 s so a busy scene cannot push the file past the budget; scaled bicubic
 *   (SHARE_SCALE_FLAGS);
 * - sound: AAC 64 kbit/s mono. The soundtrack is mixed in mono and only
 *   spread to two channels (./soundtrack.ts), so mono loses nothing and saves
 *   0.18 MB a minute against 96 kbit/s stereo;
 * - subtitles (mov_text) with their language tags and titles; moov first.
 * 300 + 64 kbit/s and the container's overhead stay under 400 kbit/s = 3 MB a minute.
 */
import { aacEncoderArgs, runFfmpeg } from '../../media/ffmpeg.js';
import { FLAT_ANALYSIS } from './x264.js';

/** The budget the share version is made to fit (MB = 10⁶ bytes). */
export const SHARE_MAX_MB_PER_MINUTE = 3;

/**
 * How swscale brings the pictures down to 720p. Bicubic keeps captions as crisp as lanczos did (2026-12-07: 250
 * of the sample's 1080×1920 pictures, SSIM of the share version against them brought down with lanczos 0.9865
 * vs 0.9867, 3 % smaller) at ~2 ms a picture instead of ~4.5; bilinear cost SSIM (docs/video-rendering.md).
 */
export const SHARE_SCALE_FLAGS = 'bicubic';

/** The share version's x264 settings (see above). */
export const SHARE_VIDEO_ENCODER: readonly string[] = [
  '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'animation', '-crf', '23', ...FLAT_ANALYSIS, '-maxrate', '300k', '-bufsize', '600k', '-profile:v', 'high',
];

/**
 * The share version's soundtrack (AAC 64 kbit/s mono, see above) made from the full one, as a file of its own:
 * made once per language while the pictures are captured, so that each aspect's mux after the capture only
 * copies it (it was encoded there, after the last picture, for each aspect).
 */
export async function encodeShareSoundtrack(full: string, out: string, signal?: AbortSignal): Promise<string> {
  const aac = [...(await aacEncoderArgs('64k')), '-ac', '1'];
  await runFfmpeg(['-v', 'error', '-y', '-i', full, '-vn', ...aac, '-f', 'mp4', out], signal ? { signal } : {});
  return out;
}

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
