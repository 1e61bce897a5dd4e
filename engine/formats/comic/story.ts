/**
 * A situation as a ComicStory: the video's staging (sets from the Bối cảnh
 * lines, puppets and dress, cast placed as on the video's stage) cut into
 * panels of at most LINES_PER_PANEL lines, in the edition's language.
 */
import type { Diagnostic } from '../../brief/diagnostics.js';
import type { LabelTexts } from '../../model/labels.js';
import { fillLabel } from '../../model/labels.js';
import { sectionsOfKind } from '../../model/units.js';
import type { Material, SituationSection } from '../../model/material.js';
import { citationsFor, citationText } from '../quiz/generate.js';
import { dressFor, puppetFor, sceneSets } from '../video/staging.js';
import { situationExpressions } from '../video/expression.js';
import { placeActors } from '../../../templates/video/layout.js';
import type { PuppetSpec } from '../../../templates/video/plan.js';
import { LINES_PER_PANEL, type ComicLabels, type ComicLine, type ComicPanel, type ComicStory } from '../../../templates/comic/story.js';

/** The situations a comic is drawn from: every situation of the brief. */
export function comicSituations(material: Material): SituationSection[] {
  return sectionsOfKind(material, 'situation');
}

export function comicLabels(texts: LabelTexts): ComicLabels {
  return {
    comic: texts['comic.comic'],
    narrator: texts['comic.narrator'],
    scene: texts['comic.scene'],
    lesson: texts['comic.lesson'],
    legalBasis: texts['comic.legalBasis'],
    hotline: texts['comic.hotline'],
    characters: texts['comic.characters'],
  };
}

/** A panel this long in characters takes a whole row. */
const WIDE_TEXT = 150;

export function comicStory(args: {
  /** The source Material: staging and citations come from it, as for the video. */
  source: Material;
  sourceSection: SituationSection;
  /** The edition's Material. */
  material: Material;
  language: string;
  labels: LabelTexts;
  settings: Record<string, unknown>;
  warn: (d: Diagnostic) => void;
}): ComicStory {
  const { source, sourceSection, material, language } = args;
  const found = material.sections.find((s) => s.id === sourceSection.id);
  const section = found && found.kind === 'situation' ? found : sourceSection;
  const sets = sceneSets(sourceSection, args.warn);
  const dress = dressFor(source, sets, args.settings);
  const puppets = new Map<string, PuppetSpec>(sourceSection.characters.filter((c) => c.role !== 'narrator').map((c) => [c.id, puppetFor(c, dress, args.warn)]));
  const names = new Map(section.characters.map((c) => [c.id, c.name]));
  const narrators = new Set(section.characters.filter((c) => c.role === 'narrator').map((c) => c.id));
  const labels = comicLabels(args.labels);
  const faces = situationExpressions(sourceSection, source.sourceLanguage);

  const panels: ComicPanel[] = [];
  let previousSpeakers: string[] = [];
  section.scenes.forEach((scene, i) => {
    let speakers = [...new Set(scene.lines.map((l) => l.characterId).filter((id) => !narrators.has(id)))];
    // A narrator-only scene in the same place keeps the people who were there (as the video does).
    if (speakers.length === 0 && scene.setting === null) speakers = previousSpeakers;
    previousSpeakers = speakers;
    const lines: ComicLine[] = scene.lines.map((l) => ({
      unitId: l.unit.id,
      text: l.unit.text,
      characterId: narrators.has(l.characterId) ? null : l.characterId,
      name: names.get(l.characterId) ?? l.speakerAsWritten,
      expression: faces.get(l.unit.id) ?? 'neutral',
    }));
    for (let k = 0; k < Math.max(1, lines.length); k += LINES_PER_PANEL) {
      const own = lines.slice(k, k + LINES_PER_PANEL);
      const wide = speakers.length >= 3 || own.reduce((n, l) => n + l.text.length, 0) > WIDE_TEXT;
      const places = placeActors(wide ? '16:9' : '1:1', speakers.length);
      panels.push({
        number: panels.length + 1,
        scene: scene.number,
        kicker: k === 0 ? `${fillLabel(labels.scene, { n: scene.number })} · ${scene.title.text}` : null,
        background: sets[i]!.background,
        timeOfDay: sets[i]!.timeOfDay,
        cast: speakers.map((id, n) => ({
          characterId: id,
          name: names.get(id) ?? id,
          puppet: puppets.get(id) ?? { archetype: 'neutral', dress: 'lowland', gender: 'male' },
          x: places[n]!.x,
          facing: places[n]!.facing,
        })),
        lines: own,
        wide,
      });
    }
  });

  // The citation: the situation's own, else the cited passages it shares figures or words with (as the portal feed does).
  const sourceBody = sourceSection.scenes.flatMap((s) => s.lines.map((l) => l.unit.text)).join('\n');
  const citations = sourceSection.citations.length > 0 ? sourceSection.citations : citationsFor(source, sourceBody);
  const key = sectionsOfKind(material, 'keyMessages')[0];
  return {
    language,
    title: section.title.text,
    materialTitle: material.title.text,
    issuer: material.issuer.text,
    labels,
    characters: section.characters.filter((c) => !narrators.has(c.id)).map((c) => ({
      characterId: c.id, name: c.name, puppet: puppets.get(c.id) ?? { archetype: 'neutral', dress: 'lowland', gender: 'male' },
    })),
    panels,
    lesson: key?.messages.map((m) => ({ unitId: m.id, text: m.text })) ?? [],
    citation: citationText(citations),
    hotline: material.hotline?.text ?? null,
  };
}
