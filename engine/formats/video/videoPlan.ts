/**
 * Timeline + aspect → the VideoPlan the composition draws: the cast placed
 * for the aspect, captions broken for its caption box, the cards' texts.
 */
import type { SituationSection } from '../../model/material.js';
import type { Timeline } from './timeline.js';
import { captionMetrics, placeActors } from '../../../templates/video/layout.js';
import type { AspectName, CaptionCue, CastMember, PlanLabels, PuppetSpec, Segment, VideoPlan } from '../../../templates/video/plan.js';
import { splitIntoCues } from './captions.js';
import type { Measure } from './textMeasure.js';
import type { Expression } from '../../model/material.js';

export interface EndCardTexts {
  heading: string;
  messages: string[];
  hotline: string | null;
  portalUrl: string | null;
  issuer: string;
}

export interface PlanInput {
  timeline: Timeline;
  aspect: AspectName;
  width: number;
  height: number;
  language: string;
  /** The situation in the video's language (titles, names). */
  section: SituationSection;
  materialTitle: string;
  issuer: string;
  puppets: Map<string, PuppetSpec>;
  labels: PlanLabels;
  end: EndCardTexts;
  burnSubtitles: boolean;
  measure: Measure;
  /** Each line's face by text-unit id (expression.ts); neutral when missing. */
  expressions?: Map<string, Expression>;
}

export function buildPlan(input: PlanInput): VideoPlan {
  const { timeline: tl, aspect } = input;
  const segments: Segment[] = [];
  segments.push({ kind: 'title', ...tl.title, title: input.section.title.text, materialTitle: input.materialTitle, issuer: input.issuer });
  const names = new Map(input.section.characters.map((c) => [c.id, c.name]));
  let previousSpeakers: string[] = [];
  tl.scenes.forEach((ts, i) => {
    let speakers = [...new Set(ts.lines.map((l) => l.characterId).filter((id): id is string => id !== null))];
    // A narrator-only scene in the same place (no Bối cảnh of its own) keeps the people who were there.
    if (speakers.length === 0 && ts.scene.setting === null) speakers = previousSpeakers;
    previousSpeakers = speakers;
    const places = placeActors(aspect, speakers.length);
    const cast: CastMember[] = speakers.map((id, k) => ({
      characterId: id,
      name: names.get(id) ?? id,
      puppet: input.puppets.get(id) ?? { archetype: 'neutral', dress: 'lowland', gender: 'male' },
      x: places[k]!.x,
      facing: places[k]!.facing,
      seed: hashSeed(id) + k,
    }));
    const scene = input.section.scenes[i] ?? ts.scene;
    segments.push({
      kind: 'scene',
      from: ts.from,
      to: ts.to,
      number: ts.scene.number,
      title: scene.title.text,
      background: ts.set.background,
      timeOfDay: ts.set.timeOfDay,
      cast,
      cardTo: ts.cardTo,
      lines: ts.lines.map((l) => ({
        from: l.from, to: l.to, characterId: l.characterId, mouth: l.mouth, expression: input.expressions?.get(l.unitId) ?? 'neutral',
      })),
    });
  });
  segments.push({ kind: 'end', ...tl.end, ...input.end });
  const texts = new Map(tl.scenes.flatMap((s) => s.lines.map((l) => [l.unitId, l.text] as const)));
  return {
    version: 1,
    aspect,
    width: input.width,
    height: input.height,
    fps: tl.fps,
    step: tl.step,
    durationInFrames: tl.durationInFrames,
    language: input.language,
    labels: input.labels,
    segments,
    captions: captionCues(tl, (id) => texts.get(id) ?? null, aspect, input.width, input.height, input.measure),
    burnSubtitles: input.burnSubtitles,
    transitionFrames: tl.transitionFrames,
  };
}

/**
 * Caption cues for the timeline's lines with texts from `textOf` (the
 * timeline's own language, or another language for a soft subtitle track).
 * Cue boundaries fall on step multiples; every cue lasts at least one step.
 */
export function captionCues(
  tl: Timeline,
  textOf: (unitId: string) => string | null,
  aspect: AspectName,
  width: number,
  height: number,
  measure: Measure,
): CaptionCue[] {
  const m = captionMetrics(aspect, width, height);
  const cues: CaptionCue[] = [];
  for (const scene of tl.scenes) {
    for (const line of scene.lines) {
      const text = textOf(line.unitId);
      if (!text) continue;
      const parts = splitIntoCues(text, m.maxLineWidth, m.fontSize, measure, m.maxLines);
      const steps = (line.to - line.from) / tl.step;
      let startStep = 0;
      let share = 0;
      parts.forEach((part, k) => {
        share += part.share;
        const last = k === parts.length - 1;
        const endStep = last ? steps : Math.min(steps - (parts.length - 1 - k), Math.max(startStep + 1, Math.round(share * steps)));
        if (endStep <= startStep) return;
        cues.push({ from: line.from + startStep * tl.step, to: line.from + endStep * tl.step, lines: part.lines, narrator: line.characterId === null });
        startStep = endStep;
      });
    }
  }
  return cues;
}

function hashSeed(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) % 997;
  return h;
}
