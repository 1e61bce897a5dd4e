/**
 * Where things go in each aspect: safe areas, the ground line, puppet sizes,
 * stage positions and the caption box. Everything is a fraction of the frame
 * so a low-resolution test render is the same picture, only smaller.
 * Pure functions: the engine uses them too (to break caption lines and place actors).
 */
import type { AspectName, Facing } from './plan.js';

export interface SafeArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * Margins as fractions of width/height. 9:16 keeps clear of the bars and
 * buttons that Facebook Reels, Zalo and TikTok draw over the bottom and top.
 */
export const SAFE_AREAS: Record<AspectName, SafeArea> = {
  '16:9': { left: 0.06, right: 0.06, top: 0.06, bottom: 0.07 },
  '9:16': { left: 0.07, right: 0.07, top: 0.12, bottom: 0.2 },
  '1:1': { left: 0.06, right: 0.06, top: 0.06, bottom: 0.08 },
};

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function safeBox(aspect: AspectName, width: number, height: number): Box {
  const s = SAFE_AREAS[aspect];
  return {
    x: s.left * width,
    y: s.top * height,
    width: (1 - s.left - s.right) * width,
    height: (1 - s.top - s.bottom) * height,
  };
}

/** Pixel unit: 1 at 1080 px on the short side. */
export function unit(width: number, height: number): number {
  return Math.min(width, height) / 1080;
}

/** The scene card's measures, in px: cards/SceneCard.tsx draws it with them, actorBox.ts sceneCardBox bounds it. */
export function sceneCardMetrics(aspect: AspectName, width: number, height: number) {
  const u = unit(width, height);
  return {
    /** How far left of its place it starts sliding in. */
    slide: 60 * u,
    border: 12 * u,
    radius: 14 * u,
    padX: 30 * u,
    padY: 18 * u,
    shadowY: 6 * u,
    shadowBlur: 18 * u,
    labelSize: 30 * u,
    labelSpacing: 3 * u,
    titleSize: (aspect === '16:9' ? 54 : 50) * u,
    titleLineHeight: 1.2,
  };
}

export interface CaptionMetrics {
  fontSize: number;
  lineHeight: number;
  /** Widest a caption line may be, in px. */
  maxLineWidth: number;
  maxLines: 2;
  /** Bottom edge of the caption box, px from the top. */
  bottom: number;
  paddingX: number;
  paddingY: number;
}

const CAPTION_FONT: Record<AspectName, number> = { '16:9': 46, '9:16': 52, '1:1': 46 };

export function captionMetrics(aspect: AspectName, width: number, height: number): CaptionMetrics {
  const u = unit(width, height);
  const safe = safeBox(aspect, width, height);
  const fontSize = CAPTION_FONT[aspect] * u;
  const paddingX = 0.55 * fontSize;
  const widthShare = aspect === '16:9' ? 0.78 : 1;
  return {
    fontSize,
    lineHeight: 1.3 * fontSize,
    maxLineWidth: safe.width * widthShare - 2 * paddingX,
    maxLines: 2,
    bottom: safe.y + safe.height,
    paddingX,
    paddingY: 0.28 * fontSize,
  };
}

export interface StageLayout {
  /** y of the actors' feet, px. */
  groundY: number;
  /** Height of an adult puppet, px. */
  adultHeight: number;
}

export function stageLayout(aspect: AspectName, width: number, height: number, actors: number): StageLayout {
  const n = Math.max(1, actors);
  const safe = safeBox(aspect, width, height);
  // A puppet is about 0.5 of its height wide (arms included); leave a gap between them.
  const fitWidth = (safe.width / n) / 0.56;
  if (aspect === '16:9') return { groundY: 0.95 * height, adultHeight: Math.min(0.68 * height, fitWidth) };
  if (aspect === '9:16') return { groundY: 0.69 * height, adultHeight: Math.min(0.34 * height, fitWidth) };
  return { groundY: 0.93 * height, adultHeight: Math.min(0.62 * height, fitWidth) };
}

export interface Placement {
  x: number;
  facing: Facing;
}

/**
 * Actors spread across the stage in order of first appearance; each faces the
 * middle so a conversation reads as one. Returned x is a fraction of the width.
 */
export function placeActors(aspect: AspectName, count: number): Placement[] {
  if (count <= 0) return [];
  if (count === 1) return [{ x: 0.5, facing: 'right' }];
  const spread = aspect === '16:9' ? Math.min(0.62, 0.22 * count) : Math.min(0.8, 0.3 * count);
  const out: Placement[] = [];
  for (let i = 0; i < count; i++) {
    const x = 0.5 - spread / 2 + (spread * i) / (count - 1);
    out.push({ x, facing: x <= 0.5 ? 'right' : 'left' });
  }
  return out;
}

/** How far the camera pushes in on a speaker. */
export const FOCUS_ZOOM: Record<AspectName, number> = { '16:9': 1.18, '9:16': 1.14, '1:1': 1.14 };

export interface PosterLayout {
  /** The opaque title band across the top of the poster. */
  band: Box;
  /** Where its text goes: inside the safe area and the band. */
  text: Box;
  /** The first scene, drawn in the rest of the poster with the layout rules of `stageAspect`. */
  stage: Box;
  stageAspect: AspectName;
}

/** Share of the poster's height the title band takes. */
const POSTER_BAND: Record<AspectName, number> = { '16:9': 0.34, '9:16': 0.34, '1:1': 0.36 };

/**
 * The poster is two layers that never overlap: a solid title band on top and
 * the scene below it (nothing of the picture shows through or behind the
 * text, and the picture's top — flags, banners — is never under the band).
 */
export function posterLayout(aspect: AspectName, width: number, height: number): PosterLayout {
  const u = unit(width, height);
  const safe = safeBox(aspect, width, height);
  const bandHeight = Math.round(POSTER_BAND[aspect] * height);
  const pad = 24 * u;
  const stage = { x: 0, y: bandHeight, width, height: height - bandHeight };
  const ratio = stage.width / stage.height;
  return {
    band: { x: 0, y: 0, width, height: bandHeight },
    text: { x: safe.x, y: safe.y, width: safe.width, height: bandHeight - pad - safe.y },
    stage,
    stageAspect: ratio > 1.4 ? '16:9' : ratio < 0.75 ? '9:16' : '1:1',
  };
}

/**
 * The band of the frame a caption can cover: up to its bottom, three lines
 * high (cues have at most two; one more for safety). Captions are rendered
 * alone in this band and laid over the captured pictures
 * (engine/formats/video/captionOverlay.ts). Even, whole pixels.
 */
export function captionBand(aspect: AspectName, width: number, height: number): { y: number; height: number } {
  const m = captionMetrics(aspect, width, height);
  const bottom = Math.min(height, 2 * Math.ceil((m.bottom + 2) / 2));
  const y = Math.max(0, 2 * Math.floor((bottom - 3 * m.lineHeight - 2 * m.paddingY) / 2));
  return { y, height: bottom - y };
}
