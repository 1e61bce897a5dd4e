/**
 * The text that goes with a post: title, tagline, key messages, legal basis,
 * hotline and the portal link, from the Material in the post's language.
 *
 * When a channel limits caption length the least important parts go first
 * (the portal link stays: it leads to the full text), whole lines at a time,
 * never cutting a sentence or a legal reference in half. What still does not
 * fit is reported by preflight, not trimmed.
 */
import { shortTitleOf, type Material } from '../model/material.js';
import { labelsFor } from '../../templates/print/labels.js';

function keyMessages(material: Material): string[] {
  const out: string[] = [];
  for (const section of material.sections) if (section.kind === 'keyMessages') out.push(...section.messages.map((m) => m.text));
  return out;
}

export function legalBasisLine(material: Material, language: string): string {
  const labels = labelsFor(language);
  return `${labels.citedLaw}: ${material.legalBasis.map((d) => `${d.title.text} (${d.ref})`).join('; ')}`;
}

export function composeCaption(material: Material, language: string, maxChars?: number): string {
  const labels = labelsFor(language);
  const messages = keyMessages(material);
  const parts: { title: string; subtitle: string | null; messages: string[]; legal: string | null; hotline: string | null; link: string | null } = {
    title: shortTitleOf(material).text,
    subtitle: material.subtitle?.text ?? null,
    messages,
    legal: legalBasisLine(material, language),
    hotline: material.hotline ? `${labels.hotline}: ${material.hotline.text}` : null,
    link: material.portalUrl,
  };
  const render = (p: typeof parts): string =>
    [
      p.title,
      p.subtitle,
      p.messages.length ? p.messages.map((m) => `• ${m}`).join('\n') : null,
      p.legal,
      p.hotline,
      p.link,
    ]
      .filter((x): x is string => Boolean(x))
      .join('\n\n');
  let text = render(parts);
  if (maxChars === undefined) return text;
  const fits = () => [...text].length <= maxChars;
  // Least important first: key messages from the last, then the tagline, the hotline, the legal basis.
  while (!fits() && parts.messages.length > 0) {
    parts.messages = parts.messages.slice(0, -1);
    text = render(parts);
  }
  for (const key of ['subtitle', 'hotline', 'legal'] as const) {
    if (fits()) break;
    parts[key] = null;
    text = render(parts);
  }
  return text;
}
