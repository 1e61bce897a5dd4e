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
 * pitches many times. Each partial is a decaying sine, stepped sample by
 * sample as a rotation (tests/video/stings.test.ts checks it against the
 * formula evaluated at each sample): calling sin and exp for each sample took
 * ~0.33 s of the engine's main thread for the sample video's pitches
 * (2026-12-07), in front of its first capture.
 */
const pluckShapes = new Map<number, Float64Array>();

/** The partials of a pluck: frequency multiple k, amplitude 1/k^1.4, decay rate 2.2 + 1.6k per second. */
const PARTIALS = [1, 2, 3, 4].map((k) => ({ k, amplitude: 1 / k ** 1.4, decay: 2.2 + 1.6 * k }));
const PLUCK_SECONDS = 2.2;
const PLUCK_ATTACK_SECONDS = 0.004;

function pluckShape(frequency: number): Float64Array {
  let shape = pluckShapes.get(frequency);
  if (shape) return shape;
  shape = new Float64Array(Math.round(PLUCK_SECONDS * RATE));
  for (const { k, amplitude, decay } of PARTIALS) {
    addSine(shape, 0, (2 * Math.PI * k * frequency) / RATE, amplitude, Math.exp(-decay / RATE));
  }
  const attackSamples = PLUCK_ATTACK_SECONDS * RATE;
  for (let i = 0; i < attackSamples && i < shape.length; i++) shape[i]! *= i / attackSamples;
  // The pentatonic gives a handful of pitches; anything else is not kept.
  if (pluckShapes.size < 32) pluckShapes.set(frequency, shape);
  return shape;
}

/**
 * Adds amplitude·decayⁿ·sin(angle + n·step) to out[n] for n in [0, out.length): the sine turned by a rotation each
 * sample (four multiplications) instead of sin() and exp(). Over a few seconds the rotation's rounding stays far
 * below a 16-bit step.
 */
function addSine(out: Float64Array, angle: number, step: number, amplitude: number, decay = 1): void {
  const turnC = Math.cos(step) * decay;
  const turnS = Math.sin(step) * decay;
  let c = Math.cos(angle) * amplitude;
  let s = Math.sin(angle) * amplitude;
  for (let n = 0; n < out.length; n++) {
    out[n] = out[n]! + s;
    const next = c * turnC - s * turnS;
    s = s * turnC + c * turnS;
    c = next;
  }
}

export function pluck(out: Float32Array, atSec: number, frequency: number, gain = PLUCK_GAIN): void {
  const start = Math.round(atSec * RATE);
  const shape = pluckShape(frequency);
  const length = Math.min(out.length - start, shape.length);
  for (let i = 0; i < length; i++) out[start + i]! += gain * shape[i]!;
}

/** The pad's three tones (an open fifth on D, and its octave below) and its slow swell. */
const PAD_TONES = [hz(-12), hz(-5), hz(0)];
const PAD_SWELL_HZ = 0.25;

/** A soft open fifth on D, fading in and out over its span. */
export function pad(out: Float32Array, fromSec: number, toSec: number, gain = PAD_GAIN): void {
  const start = Math.max(0, Math.round(fromSec * RATE));
  const end = Math.min(out.length, Math.round(toSec * RATE));
  if (end <= start) return;
  const fade = Math.min(0.6 * RATE, (end - start) / 3);
  // The tones and the swell at the video's own time (t = i / RATE), stepped as rotations (see addSine).
  const tones = new Float64Array(end - start);
  for (const f of PAD_TONES) addSine(tones, (2 * Math.PI * f * start) / RATE, (2 * Math.PI * f) / RATE, 1);
  const swell = new Float64Array(end - start);
  addSine(swell, (2 * Math.PI * PAD_SWELL_HZ * start) / RATE, (2 * Math.PI * PAD_SWELL_HZ) / RATE, 0.15);
  for (let i = start; i < end; i++) {
    const edge = Math.min(1, (i - start) / fade, (end - i) / fade);
    out[i]! += (gain * edge * (0.85 + swell[i - start]!) * tones[i - start]!) / PAD_TONES.length;
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
