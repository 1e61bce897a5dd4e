/**
 * Sidecar subtitles (SRT and WebVTT) from the same cues the picture shows.
 * Written with the `subtitle` package; times in milliseconds from frames.
 */
import { stringifySync, type NodeList } from 'subtitle';
import type { CaptionCue } from '../../../templates/video/plan.js';

export interface TimedCue {
  startMs: number;
  endMs: number;
  text: string;
}

export function cuesToMs(cues: CaptionCue[], fps: number): TimedCue[] {
  return cues.map((c) => ({
    startMs: Math.round((c.from * 1000) / fps),
    endMs: Math.round((c.to * 1000) / fps),
    text: c.lines.join('\n'),
  }));
}

function nodes(cues: TimedCue[]): NodeList {
  return cues.map((c) => ({ type: 'cue' as const, data: { start: c.startMs, end: c.endMs, text: c.text } }));
}

export function toSrt(cues: TimedCue[]): string {
  return stringifySync(nodes(cues), { format: 'SRT' });
}

export function toWebVtt(cues: TimedCue[]): string {
  return stringifySync(nodes(cues), { format: 'WebVTT' });
}
