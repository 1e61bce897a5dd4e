/**
 * What an infographic shows besides its text, resolved once per build from
 * the source-language Material (so every edition shows the same pictures):
 * a pictogram per key message and procedure step (the brief's `pictograms`
 * override, else the keyword table), and the situation's characters drawn
 * as the video draws them. And the picture's alternative text, in the
 * edition's language, for the manifest, WordPress and social captions.
 */
import type { Material, TextUnit } from '../../model/material.js';
import { loadPictogram, pictogramFor } from '../../visual/pictograms.js';
import { dressFor, puppetFor, sceneSets } from '../video/staging.js';
import { chooseLayout, keyMessages, legalBasisCitations, procedureSteps, type InfographicVisuals } from '../../../templates/print/infographic/Infographic.js';
import type { InfographicSize } from '../../../templates/print/infographic/infographicCss.js';
import { groupedCitations, makeTextsOf } from '../../../templates/print/common.js';
import type { PrintLabels } from '../../../templates/print/labels.js';

/** At most this many characters stand beside the title. */
const MAX_CAST = 3;

export function infographicVisuals(source: Material, settings: Record<string, unknown>): InfographicVisuals {
  const icons: InfographicVisuals['icons'] = {};
  const chosen = source.pictograms ?? {};
  (keyMessages(source)?.messages ?? []).forEach((m, i) => {
    icons[m.id] = loadPictogram(chosen[String(i + 1)] ?? pictogramFor(m.text));
  });
  for (const step of procedureSteps(source)?.steps ?? []) icons[step.id] = loadPictogram(pictogramFor(step.text));
  const situation = source.sections.find((s) => s.kind === 'situation');
  if (situation?.kind !== 'situation') return { icons, cast: [] };
  // The video has already warned about unknown archetypes; the infographic draws them as it does, quietly.
  const quiet = () => undefined;
  const dress = dressFor(source, sceneSets(situation, quiet), settings);
  const cast = situation.characters
    .filter((c) => c.role !== 'narrator')
    .slice(0, MAX_CAST)
    .map((c) => puppetFor(c, dress, quiet));
  return { icons, cast };
}

/**
 * The infographic in words, as a screen reader or a search engine needs it:
 * the title, the key messages in order (the figures in them as written), the
 * procedure when the size shows it, the legal basis and the hotline.
 */
export function infographicAltText(material: Material, size: InfographicSize, labels: PrintLabels): string {
  const texts = makeTextsOf([material]);
  const text = (unit: TextUnit) => texts(unit)[0]!;
  const sentence = (s: string) => (/[.!?…:;]$/u.test(s) ? s : `${s}.`);
  const parts = [sentence(text(material.shortTitle ?? material.title))];
  (keyMessages(material)?.messages ?? []).forEach((m, i) => parts.push(`${i + 1}. ${sentence(text(m))}`));
  const steps = chooseLayout(material, size).steps;
  if (steps) {
    parts.push(`${text(steps.heading)}:`);
    steps.steps.forEach((s, i) => parts.push(`${i + 1}. ${sentence(text(s))}`));
  }
  const citations = groupedCitations(material, texts, legalBasisCitations(material)).map((v) => v[0]!);
  parts.push(`${labels.legalBasis}: ${citations.join('; ')}.`);
  if (material.hotline) parts.push(`${labels.hotline}: ${sentence(text(material.hotline))}`);
  return parts.join(' ');
}
