/**
 * Where the comic's panels go: rows on a page (A4, A5) or one panel per
 * carousel slide (1080×1350), and where each puppet's head is, so a balloon's
 * tail can point at its speaker. Sizes are CSS pixels (96 per inch).
 * Pure functions: the engine uses them to count pages and slides.
 */
import { lookFor } from '../video/puppets/looks.js';
import { PUPPET_UNITS } from '../video/puppets/Puppet.js';
import type { ComicCastMember, ComicPanel, ComicStory } from './story.js';

export type ComicPaper = 'a4' | 'a5';
export const COMIC_PAPERS: readonly ComicPaper[] = ['a4', 'a5'];

export interface PageGeometry {
  width: number;
  height: number;
  /** CSS size for @page. */
  css: string;
  margin: number;
  gutter: number;
  /** Rows of panels a page holds. */
  rows: number;
  /** Balloon type size before fitting, px. */
  font: number;
}

export const PAPER_GEOMETRY: Record<ComicPaper, PageGeometry> = {
  a4: { width: 794, height: 1123, css: '210mm 297mm', margin: 34, gutter: 12, rows: 4, font: 13 },
  a5: { width: 559, height: 794, css: '148mm 210mm', margin: 24, gutter: 8, rows: 3, font: 10 },
};

/** The carousel slide for Facebook, Zalo and TikTok photo posts (4:5). */
export const SLIDE = { width: 1080, height: 1350, margin: 48, font: 31 } as const;

export type ComicRow = { kind: 'title' } | { kind: 'panels'; panels: ComicPanel[] } | { kind: 'lesson' };

/** Title row, panel rows (a wide panel alone, others two by two), closing row. */
export function comicRows(story: ComicStory): ComicRow[] {
  const rows: ComicRow[] = [{ kind: 'title' }];
  let pending: ComicPanel | null = null;
  for (const panel of story.panels) {
    if (panel.wide) {
      if (pending) rows.push({ kind: 'panels', panels: [pending] });
      pending = null;
      rows.push({ kind: 'panels', panels: [panel] });
    } else if (pending) {
      rows.push({ kind: 'panels', panels: [pending, panel] });
      pending = null;
    } else {
      pending = panel;
    }
  }
  if (pending) rows.push({ kind: 'panels', panels: [pending] });
  rows.push({ kind: 'lesson' });
  return rows;
}

export function comicPages(story: ComicStory, paper: ComicPaper): ComicRow[][] {
  const rows = comicRows(story);
  const perPage = PAPER_GEOMETRY[paper].rows;
  const pages: ComicRow[][] = [];
  for (let i = 0; i < rows.length; i += perPage) pages.push(rows.slice(i, i + perPage));
  return pages;
}

/** Carousel slides: the cover, the panels (one a slide, two when one each would pass MAX_SLIDES), the closing slide. */
export type ComicSlide = { kind: 'cover' } | { kind: 'panels'; panels: ComicPanel[] } | { kind: 'lesson' };

/** Facebook takes at most 10 pictures in one post (TikTok 35, Zalo more): a carousel never has more. */
export const MAX_SLIDES = 10;

export function comicSlides(story: ComicStory): ComicSlide[] {
  const perSlide = Math.max(1, Math.ceil(story.panels.length / (MAX_SLIDES - 2)));
  const middle: ComicSlide[] = [];
  for (let i = 0; i < story.panels.length; i += perSlide) middle.push({ kind: 'panels', panels: story.panels.slice(i, i + perSlide) });
  return [{ kind: 'cover' }, ...middle, { kind: 'lesson' }];
}

export interface PanelStage {
  groundY: number;
  /** Scale from puppet units to px. */
  scale: number;
  /** Where each member's head is (a point just above the face), px in the panel. */
  heads: Record<string, [number, number]>;
  /** Height of the top band where balloons and captions go, px. */
  zoneHeight: number;
}

/** Puppets stand on the panel's bottom edge, at most about half its height tall; balloons take the band above them. */
export function panelStage(cast: ComicCastMember[], width: number, height: number): PanelStage {
  const n = Math.max(1, cast.length);
  // A tall panel (a carousel slide) has room above the heads for balloons even with bigger people.
  const adult = Math.min((height > width ? 0.6 : 0.5) * height, (width / n) / 0.62);
  const scale = adult / PUPPET_UNITS;
  const groundY = 0.975 * height;
  const heads: Record<string, [number, number]> = {};
  for (const member of cast) {
    const look = lookFor(member.puppet.archetype, member.puppet.dress, member.puppet.gender);
    // The head is drawn around (4, -346) and scaled by look.head about the neck (2, -292): its top is ~100 units above the neck.
    const top = (-292 - 100 * look.head) * look.height * scale;
    const dx = 4 * look.height * scale * (member.facing === 'left' ? -1 : 1);
    heads[member.characterId] = [member.x * width + dx, groundY + top];
  }
  return { groundY, scale, heads, zoneHeight: Math.max(0.46 * height, height - adult * 1.02 - 0.03 * height) };
}
