/**
 * When everything happens, in one language: the title card, each scene's
 * card and lines, the end card. Line lengths are the real audio durations
 * (or reading time for a line with no voice), with pauses between them. Every
 * start is rounded up to a multiple of the animation step, so changes on
 * screen fall on the frames the renderer captures.
 */
import type { DialogueLine, Scene, SituationSection } from '../../model/material.js';
import { SOUNDTRACK_RATE, type LineAudio } from './lineAudio.js';
import { mouthFromAudio, mouthFromText } from './mouth.js';
import type { SceneSet } from './staging.js';
import { END_FIRST_MESSAGE_STEP, END_STEPS_PER_MESSAGE } from '../../../templates/video/frameState.js';

export interface Timing {
  fps: number;
  /** Animation step, frames. */
  step: number;
  titleSec: number;
  /** From a scene's start to its first line (the scene card is up). */
  sceneLeadSec: number;
  /** How long the scene card stays. */
  cardSec: number;
  /** Silence between two lines of the same speaker, and when the speaker changes. */
  pauseSec: number;
  turnPauseSec: number;
  sceneTailSec: number;
  /** Reading speed for lines with no voice, characters per second, and the shortest such line. */
  readCharsPerSec: number;
  minReadSec: number;
  /** Voiced lines stay on screen this much after their audio ends. */
  holdSec: number;
  endMinSec: number;
  /** Skimming speed on the end card: the key messages are short, and the story has told them. */
  endReadCharsPerSec: number;
  transitionSec: number;
}

export const DEFAULT_TIMING: Timing = {
  fps: 25,
  step: 3,
  titleSec: 3.6,
  sceneLeadSec: 1.2,
  cardSec: 2.6,
  pauseSec: 0.3,
  turnPauseSec: 0.5,
  sceneTailSec: 0.9,
  readCharsPerSec: 14,
  minReadSec: 1.8,
  holdSec: 0.25,
  endMinSec: 5,
  endReadCharsPerSec: 25,
  transitionSec: 0.36,
};

export interface TimedLine {
  unitId: string;
  /** null for the narrator. */
  characterId: string | null;
  text: string;
  /** Frames: audio starts at `from`; the caption shows from `from` to `to`. */
  from: number;
  to: number;
  audio: LineAudio;
  mouth: number[];
}

export interface TimedScene {
  scene: Scene;
  set: SceneSet;
  from: number;
  to: number;
  cardTo: number;
  lines: TimedLine[];
}

export interface Timeline {
  fps: number;
  step: number;
  transitionFrames: number;
  title: { from: number; to: number };
  scenes: TimedScene[];
  end: { from: number; to: number };
  durationInFrames: number;
}

/** Lines of a situation in reading order (the order their audio is requested in). */
export function situationLines(section: SituationSection): DialogueLine[] {
  return section.scenes.flatMap((s) => s.lines);
}

export function buildTimeline(args: {
  section: SituationSection;
  sets: SceneSet[];
  audio: LineAudio[];
  narratorIds: Set<string>;
  /** The end card's key messages: their count sets the reveal, their length the reading time. */
  endTexts: string[];
  timing?: Timing;
}): Timeline {
  const t = args.timing ?? DEFAULT_TIMING;
  const snap = (sec: number) => Math.ceil((sec * t.fps) / t.step - 1e-9) * t.step;
  const stepSec = t.step / t.fps;
  let cursor = 0;
  const title = { from: 0, to: snap(t.titleSec) };
  cursor = title.to;
  const scenes: TimedScene[] = [];
  let lineIndex = 0;
  args.section.scenes.forEach((scene, sceneIndex) => {
    const from = cursor;
    let at = from + snap(t.sceneLeadSec);
    let previousSpeaker: string | null | undefined;
    const lines: TimedLine[] = [];
    for (const line of scene.lines) {
      const audio = args.audio[lineIndex++] ?? { samples: null, durationSec: 0, source: 'none' as const, engine: null };
      const characterId = args.narratorIds.has(line.characterId) ? null : line.characterId;
      if (previousSpeaker !== undefined) at += snap(previousSpeaker === characterId ? t.pauseSec : t.turnPauseSec);
      const seconds = audio.samples ? audio.durationSec + t.holdSec : readingSeconds(line.unit.text, t);
      const length = Math.max(t.step, snap(seconds));
      const steps = length / t.step;
      const mouth = characterId === null ? [] : audio.samples
        ? mouthFromAudio(audio.samples, SOUNDTRACK_RATE, stepSec, steps)
        : mouthFromText(line.unit.text, steps);
      lines.push({ unitId: line.unit.id, characterId, text: line.unit.text, from: at, to: at + length, audio, mouth });
      at += length;
      previousSpeaker = characterId;
    }
    const to = Math.max(at + snap(t.sceneTailSec), from + snap(t.cardSec) + t.step);
    scenes.push({ scene, set: args.sets[sceneIndex]!, from, to, cardTo: from + snap(t.cardSec), lines });
    cursor = to;
  });
  // The messages come in one by one (frameState END_*), then stay long enough to skim. The hotline
  // and the QR code are taken in at a glance, so only the messages count as reading.
  const revealSec = ((END_FIRST_MESSAGE_STEP + END_STEPS_PER_MESSAGE * args.endTexts.length) * t.step) / t.fps;
  const endSec = Math.max(t.endMinSec, revealSec + args.endTexts.reduce((n, s) => n + [...s].length, 0) / t.endReadCharsPerSec);
  const end = { from: cursor, to: cursor + snap(endSec) };
  return { fps: t.fps, step: t.step, transitionFrames: snap(t.transitionSec), title, scenes, end, durationInFrames: end.to };
}

export function readingSeconds(text: string, t: Timing = DEFAULT_TIMING): number {
  return Math.max(t.minReadSec, 0.6 + [...text].length / t.readCharsPerSec);
}
