/**
 * The video's own music: a few plucked notes and a soft pad, synthesised
 * here (no file, no licence to track), placed where the video would otherwise
 * be silent — under the title card (a rising motif), at each scene's start (a
 * two-note chime while the scene card is up), under lines that have no voice,
 * and under the end card (the pad with a slow arpeggio, fading out). Mixed by
 * soundtrack.ts under the voices at a low level.
 *
 * Notes are from the D major pentatonic (D E F♯ A B), the scale of much
 * Vietnamese folk music, played like a plucked zither (đàn tranh).
 */
import { SOUNDTRACK_RATE } from './lineAudio.js';
import type { PlacedVoice } from './soundtrack.js';
import type { Timeline } from './timeline.js';

const RATE = SOUNDTRACK_RATE;
/** Peak of one plucked note, and of the pad, before mastering (voices peak near 1). */
const PLUCK_GAIN = 0.2;
const PAD_GAIN = 0.06;

/** Semitones above D4 (293.66 Hz). */
const D4 = 293.66;
const hz = (semitones: number) => D4 * 2 ** (semitones / 12);
const TITLE_MOTIF = [0, 4, 7, 9, 12];
const SCENE_CHIME = [9, 14];
const END_ARPEGGIO = [0, 7, 12, 9, 4, 7];

/**
 * One plucked note at full gain, made once per pitch: a video plays a few
 * pitches many times, and each note is 2.2 s of eight sines and exponentials
 * per sample (half a second of the engine's main thread for the sample video).
 */
const pluckShapes = new Map<number, Float64Array>();

function pluckShape(frequency: number): Float64Array {
  let shape = pluckShapes.get(frequency);
  if (shape) return shape;
  shape = new Float64Array(Math.round(2.2 * RATE));
  for (let i = 0; i < shape.length; i++) {
    const t = i / RATE;
    const attack = Math.min(1, t / 0.004);
    let v = 0;
    // A bright attack that mellows: higher harmonics die faster.
    for (let k = 1; k <= 4; k++) v += Math.sin(2 * Math.PI * k * frequency * t) * Math.exp(-t * (2.2 + 1.6 * k)) / k ** 1.4;
    shape[i] = attack * v;
  }
  // The pentatonic gives a handful of pitches; anything else is not kept.
  if (pluckShapes.size < 32) pluckShapes.set(frequency, shape);
  return shape;
}

export function pluck(out: Float32Array, atSec: number, frequency: number, gain = PLUCK_GAIN): void {
  const start = Math.round(atSec * RATE);
  const shape = pluckShape(frequency);
  const length = Math.min(out.length - start, shape.length);
  for (let i = 0; i < length; i++) out[start + i]! += gain * shape[i]!;
}

/** A soft open fifth on D, fading in and out over its span. */
export function pad(out: Float32Array, fromSec: number, toSec: number, gain = PAD_GAIN): void {
  const start = Math.max(0, Math.round(fromSec * RATE));
  const end = Math.min(out.length, Math.round(toSec * RATE));
  const fade = Math.min(0.6 * RATE, (end - start) / 3);
  const voices = [hz(-12), hz(-5), hz(0)];
  for (let i = start; i < end; i++) {
    const t = i / RATE;
    const edge = Math.min(1, (i - start) / fade, (end - i) / fade);
    const swell = 0.85 + 0.15 * Math.sin(2 * Math.PI * 0.25 * t);
    let v = 0;
    for (const f of voices) v += Math.sin(2 * Math.PI * f * t);
    out[i]! += (gain * edge * swell * v) / voices.length;
  }
}

/** The synthesised music of a whole video as one track, to mix with the voices. */
export function videoMusic(timeline: Timeline): PlacedVoice {
  const sec = (frames: number) => frames / timeline.fps;
  const out = new Float32Array(Math.ceil(sec(timeline.durationInFrames) * RATE));
  const title = timeline.title;
  pad(out, sec(title.from), sec(title.to) + 0.4);
  TITLE_MOTIF.forEach((n, i) => pluck(out, sec(title.from) + 0.3 + 0.38 * i, hz(n)));
  for (const scene of timeline.scenes) {
    SCENE_CHIME.forEach((n, i) => pluck(out, sec(scene.from) + 0.15 + 0.3 * i, hz(n), PLUCK_GAIN * 0.7));
    // A line with no voice is read, not heard: the pad keeps it from being silence.
    for (const line of scene.lines) if (!line.audio.samples) pad(out, sec(line.from) - 0.2, sec(line.to) + 0.3, PAD_GAIN * 0.8);
  }
  const end = timeline.end;
  pad(out, sec(end.from) - 0.3, sec(end.to));
  for (let at = sec(end.from) + 0.2, i = 0; at < sec(end.to) - 1.6; at += 0.75, i++) {
    pluck(out, at, hz(END_ARPEGGIO[i % END_ARPEGGIO.length]!), PLUCK_GAIN * 0.6);
  }
  return { startSec: 0, samples: out };
}
