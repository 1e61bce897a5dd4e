/**
 * The poster's alternative text (the manifest's `altText`), in the video's
 * language: the story's title and its material, who issues it, the first key
 * message and what the material cites — the words a screen reader or a
 * portal's image description should carry. Label words come from the label
 * catalogue (engine/model/labels.ts), so a translated poster says them in its
 * language; figures and citations are copied exactly as the brief gives them.
 */
import type { LabelTexts } from '../../model/labels.js';
import type { Material, SituationSection } from '../../model/material.js';
import { sectionsOfKind } from '../../model/units.js';

export function posterAltText(material: Material, section: SituationSection, labels: LabelTexts): string {
  const key = sectionsOfKind(material, 'keyMessages')[0];
  const message = key?.messages[0]?.text ?? null;
  const parts = [
    `${section.title.text} — ${material.title.text}`,
    `${labels['print.issuedBy']}: ${material.issuer.text}`,
    ...(message ? [message] : []),
    `${labels['print.citedLaw']}: ${citationOf(material, section, key?.citations ?? [])}`,
  ];
  return parts.map(sentence).join(' ');
}

/** The situation's own citations, else the key messages', else every document of the legal basis. */
function citationOf(material: Material, section: SituationSection, keyCitations: SituationSection['citations']): string {
  const cited = section.citations.length > 0 ? section.citations : keyCitations;
  if (cited.length > 0) return cited.map((c) => `${c.article} ${c.ref}`).join('; ');
  return material.legalBasis.map((d) => `${d.title.text} ${d.ref}`).join('; ');
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…]$/u.test(t) ? t : `${t}.`;
}
