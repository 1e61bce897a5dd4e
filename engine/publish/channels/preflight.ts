/**
 * The checks every social adapter runs before sending anything: the right
 * variant exists, the file is still the one the build described, and size,
 * duration, caption and title are within the channel's documented limits.
 * Each problem is a `diag.publish.<code>` key with its parameters.
 */
import { statSync } from 'node:fs';
import type { PreflightProblem, PublishFile, PublishRequest } from '../channel.js';
import type { SocialPreset } from './presets.js';
import { chooseFile, type MediaKind } from './variants.js';

export interface MediaCheck {
  problems: PreflightProblem[];
  /** The file to send, when one suits the channel (problems may still stand). */
  chosen?: { file: PublishFile; kind: MediaKind };
}

export interface CheckOptions {
  /** A tighter or looser duration limit than the preset's (a verified YouTube channel, a TikTok creator's own limit). */
  maxVideoSeconds?: number;
  /** The title the adapter will send, when the channel has a title field. */
  title?: string;
  prefer?: MediaKind;
}

const toMb = (bytes: number) => Math.round((bytes / 1_000_000) * 10) / 10;

export function checkRequest(preset: SocialPreset, request: PublishRequest, options: CheckOptions = {}): MediaCheck {
  const channel = preset.channel;
  const problems: PreflightProblem[] = [];
  const choice = chooseFile(preset, request.files, request.language, options.prefer);
  if ('problem' in choice) problems.push(choice.problem);
  else {
    const { file, kind } = choice;
    const name = file.output.path;
    let size: number | null = null;
    try {
      size = statSync(file.absolutePath).size;
    } catch {
      problems.push({ code: 'fileMissing', params: { channel, file: name } });
    }
    if (size !== null && size !== file.output.bytes) problems.push({ code: 'fileChanged', params: { channel, file: name } });
    const bytes = size ?? file.output.bytes;
    if (kind === 'video') {
      if (preset.maxFileBytes !== undefined && bytes > preset.maxFileBytes) {
        problems.push({ code: 'fileTooLarge', params: { channel, file: name, sizeMb: toMb(bytes), maxMb: toMb(preset.maxFileBytes) } });
      }
      const maxSeconds = options.maxVideoSeconds ?? preset.maxVideoSeconds;
      if (maxSeconds !== undefined) {
        const seconds = file.output.durationSec;
        if (seconds === undefined) problems.push({ code: 'durationUnknown', params: { channel, file: name } });
        else if (seconds > maxSeconds) {
          problems.push({ code: 'videoTooLong', params: { channel, file: name, seconds: Math.round(seconds), maxSeconds } });
        }
      }
    } else if (preset.maxImageBytes !== undefined && bytes > preset.maxImageBytes) {
      problems.push({ code: 'imageTooLarge', params: { channel, file: name, sizeMb: toMb(bytes), maxMb: toMb(preset.maxImageBytes) } });
    }
  }
  if (preset.maxCaptionChars !== undefined) {
    const length = captionLength(preset, request.caption);
    if (length > preset.maxCaptionChars) {
      problems.push({
        code: preset.captionLimitInBytes ? 'captionTooLongBytes' : 'captionTooLong',
        params: { channel, length, max: preset.maxCaptionChars },
      });
    }
  }
  if (options.title !== undefined && preset.maxTitleChars !== undefined) {
    const length = [...options.title].length;
    if (length > preset.maxTitleChars) problems.push({ code: 'titleTooLong', params: { channel, length, max: preset.maxTitleChars } });
    if (length === 0) problems.push({ code: 'titleEmpty', params: { channel } });
  }
  return { problems, ...('problem' in choice ? {} : { chosen: choice }) };
}

/**
 * The caption's length as the platform counts it: UTF-8 bytes for YouTube's
 * description, UTF-16 code units for TikTok ("runes" in its docs), characters
 * (code points) elsewhere.
 */
export function captionLength(preset: SocialPreset, caption: string): number {
  if (preset.captionLimitInBytes) return Buffer.byteLength(caption, 'utf8');
  if (preset.channel === 'tiktok') return caption.length;
  return [...caption].length;
}
