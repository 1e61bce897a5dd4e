/**
 * The ComicStory: a situation as comic panels, computed in Node from the
 * Material (engine/formats/comic/story.ts) with the video's staging — the
 * same sets, puppets and cast positions — and drawn by ./Comic.tsx.
 * Pure data and pure TypeScript: no React, no Node.
 */
import type { Expression } from '../video/puppets/expression.js';
import type { BackgroundId, Facing, PuppetSpec, TimeOfDay } from '../video/plan.js';

export interface ComicLabels {
  /** "Truyện tranh": the kind of document, on the cover. */
  comic: string;
  /** "Người kể": who speaks a caption box, in the alternative texts. */
  narrator: string;
  /** "Cảnh {n}" */
  scene: string;
  /** "Bài học": heading of the closing box. */
  lesson: string;
  legalBasis: string;
  hotline: string;
  characters: string;
}

export interface ComicLine {
  unitId: string;
  text: string;
  /** The speaking character, or null for the narrator (a caption box). */
  characterId: string | null;
  /** The speaker's name as the brief writes it (names are not translated). */
  name: string;
  /** The speaker's face, as in the video (chosen on the source text, so every edition shows the same). */
  expression: Expression;
}

export interface ComicCastMember {
  characterId: string;
  name: string;
  puppet: PuppetSpec;
  /** Feet position, 0 (left) … 1 (right) of the panel. */
  x: number;
  facing: Facing;
}

export interface ComicPanel {
  /** 1-based, in reading order. */
  number: number;
  scene: number;
  /** "Cảnh 2 · Cán bộ tư pháp đến nhà" on the first panel of a scene, else null. */
  kicker: string | null;
  background: BackgroundId;
  timeOfDay: TimeOfDay;
  cast: ComicCastMember[];
  lines: ComicLine[];
  /** Takes a whole row of the page (many people or many words). */
  wide: boolean;
}

export interface ComicStory {
  language: string;
  title: string;
  materialTitle: string;
  issuer: string;
  labels: ComicLabels;
  characters: { characterId: string; name: string; puppet: PuppetSpec }[];
  panels: ComicPanel[];
  /** The material's key messages. */
  lesson: { unitId: string; text: string }[];
  /** "52/2014/QH13 Điều 8; …", exactly as the brief cites. */
  citation: string;
  hotline: string | null;
}

/** Balloons and captions a panel holds at most. */
export const LINES_PER_PANEL = 2;
