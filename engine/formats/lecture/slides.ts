/**
 * The e-lecture's slides, from the Material: a title slide, one slide per key
 * message, one per content section, one per question and answer, one per
 * scene of a situation, the legal basis and a closing slide (hotline,
 * portal). Every text on a slide is a text unit's text or the brief's own
 * words (document numbers, articles exactly as written), never rewritten.
 *
 * What the voice says on a slide is its units, read in order: that is also
 * the speaker notes of the editable deck and the video's subtitles.
 */
import type { Material, Section } from '../../model/material.js';
import type { VoiceSpec } from '../../speech/speechEngine.js';
import { characterVoice, narratorVoice, type VoiceChoices } from '../audiobook/voices.js';
import type { ScriptPart } from '../audiobook/script.js';
import { legalBasisOf } from '../audiobook/script.js';
import { formatDate, type PrintLabels } from '../../../templates/print/labels.js';

export type SlideKind = 'title' | 'keyMessage' | 'section' | 'qa' | 'scene' | 'legal' | 'closing';

export interface SlideItem {
  /** The unit shown and read; null for words the slide adds (labels, document numbers). */
  unitId: string | null;
  text: string;
  /** A short label before the text: "Hỏi", "Đáp", a speaker's name. */
  label?: string;
  /** Read aloud (units are; document numbers and dates are not). */
  spoken: boolean;
  voice?: 'narrator' | { archetype: string | null };
}

export interface Slide {
  kind: SlideKind;
  /** The slide's heading; its unit is read first when it has one. */
  title: { unitId: string | null; text: string };
  subtitle?: { unitId: string | null; text: string };
  items: SlideItem[];
  /** "Căn cứ: Điều 8 Luật Hôn nhân và gia đình", exactly as cited. */
  footer?: string;
}

export function buildSlides(material: Material, labels: PrintLabels): Slide[] {
  const slides: Slide[] = [];
  slides.push({
    kind: 'title',
    title: { unitId: material.title.id, text: material.title.text },
    ...(material.subtitle ? { subtitle: { unitId: material.subtitle.id, text: material.subtitle.text } } : {}),
    items: [{ unitId: material.issuer.id, text: material.issuer.text, spoken: true }],
  });
  for (const section of material.sections) {
    const footer = citedLine(material, section, labels.citedLaw);
    const withFooter = footer ? { footer } : {};
    switch (section.kind) {
      case 'keyMessages':
        for (const m of section.messages) {
          slides.push({ kind: 'keyMessage', title: { unitId: section.heading.id, text: section.heading.text }, items: [{ unitId: m.id, text: m.text, spoken: true }], ...withFooter });
        }
        break;
      case 'content': {
        const items: SlideItem[] = [];
        for (const b of section.blocks) {
          if (b.type === 'table') {
            // A row per line, each cell labelled with its column's header, as the audiobook reads it.
            for (const row of b.rows) {
              row.forEach((cell, i) => {
                if (cell) items.push({ unitId: cell.id, text: cell.text, ...(b.header[i] ? { label: b.header[i]!.text } : {}), spoken: true });
              });
            }
            continue;
          }
          const units = b.type === 'list' ? b.items.map((i) => i.unit) : [b.unit];
          for (const u of units) items.push({ unitId: u.id, text: u.text, spoken: true });
        }
        slides.push({ kind: 'section', title: { unitId: section.heading.id, text: section.heading.text }, items, ...withFooter });
        break;
      }
      case 'qa':
        for (const p of section.pairs) {
          slides.push({
            kind: 'qa',
            title: { unitId: section.heading.id, text: section.heading.text },
            items: [
              { unitId: p.question.id, text: p.question.text, label: labels.question, spoken: true },
              { unitId: p.answer.id, text: p.answer.text, label: labels.answer, spoken: true },
            ],
            ...withFooter,
          });
        }
        break;
      case 'situation': {
        const cast = new Map(section.characters.map((c) => [c.id, c]));
        for (const scene of section.scenes) {
          const items: SlideItem[] = [];
          if (scene.setting) items.push({ unitId: scene.setting.unit.id, text: scene.setting.unit.text, spoken: true });
          for (const line of scene.lines) {
            const c = cast.get(line.characterId);
            items.push({
              unitId: line.unit.id,
              text: line.unit.text,
              label: c?.name ?? line.speakerAsWritten,
              spoken: true,
              voice: c && c.role !== 'narrator' ? { archetype: c.archetype } : 'narrator',
            });
          }
          slides.push({
            kind: 'scene',
            title: { unitId: section.title.id, text: section.title.text },
            subtitle: { unitId: scene.title.id, text: scene.title.text },
            items,
            ...withFooter,
          });
        }
        break;
      }
      case 'audiobook':
        break;
    }
  }
  if (material.legalBasis.length > 0) {
    slides.push({
      kind: 'legal',
      title: { unitId: null, text: labels.legalBasis },
      items: material.legalBasis.map((d) => ({
        unitId: d.title.id,
        text: d.title.text,
        label: `${d.ref} · ${d.articles.join('; ')} · ${labels.effectiveFrom} ${formatDate(d.effective)}`,
        spoken: true,
      })),
    });
  }
  if (material.hotline || material.portalUrl) {
    const items: SlideItem[] = [];
    if (material.hotline) items.push({ unitId: material.hotline.id, text: material.hotline.text, label: labels.hotline, spoken: true });
    if (material.portalUrl) items.push({ unitId: null, text: material.portalUrl, spoken: false });
    slides.push({ kind: 'closing', title: { unitId: null, text: material.hotline ? labels.hotline : material.title.text }, items });
  }
  return slides;
}

/** The section's citations as one line, articles exactly as the brief writes them. */
function citedLine(material: Material, section: Section, label: string): string | null {
  const basis = legalBasisOf(material, section);
  if (basis.length === 0) return null;
  return `${label}: ${basis.map((b) => `${b.articles.join(', ')} ${b.title}`).join('; ')}`;
}

/**
 * What the voice says on a slide, in order: the heading when the previous
 * slide did not already show it (key messages and Q&A share their section's
 * heading), the subtitle, then every unit on the slide.
 */
export function spokenItems(slide: Slide, previous: Slide | undefined): Array<{ unitId: string; text: string; voice: SlideItem['voice'] }> {
  const out: Array<{ unitId: string; text: string; voice: SlideItem['voice'] }> = [];
  const titleIsNew = slide.title.unitId !== null && slide.title.unitId !== previous?.title.unitId && slide.kind !== 'closing';
  if (titleIsNew) out.push({ unitId: slide.title.unitId!, text: slide.title.text, voice: 'narrator' });
  if (slide.subtitle?.unitId) out.push({ unitId: slide.subtitle.unitId, text: slide.subtitle.text, voice: 'narrator' });
  for (const item of slide.items) if (item.spoken && item.unitId) out.push({ unitId: item.unitId, text: item.text, voice: item.voice });
  return out;
}

/** The speaker notes: the narration, one unit per line. */
export function speakerNotes(slides: Slide[], index: number): string {
  return spokenItems(slides[index]!, slides[index - 1]).map((s) => s.text).join('\n');
}

/** Slides the video shows: those with something to say (the deck keeps them all). */
export function narratedSlides(slides: Slide[]): Slide[] {
  return slides.filter((s, i) => spokenItems(s, slides[i - 1]).length > 0);
}

/** The narration as the audiobook pipeline takes it: one part per slide. */
export function lectureScript(slides: Slide[], voices: VoiceChoices): ScriptPart[] {
  const narrator = narratorVoice(voices);
  const voiceOf = (v: SlideItem['voice']): VoiceSpec => (v && v !== 'narrator' ? characterVoice(v.archetype, voices) : narrator);
  return slides.map((slide, i) => {
    const spoken = spokenItems(slide, slides[i - 1]);
    const lines = spoken.map((s, k) => ({ target: s.unitId, text: s.text, voice: voiceOf(s.voice), pauseAfter: k === spoken.length - 1 ? 1.2 : 0.6 }));
    return { kind: 'chapter' as const, number: i + 1, title: slide.subtitle?.text ?? slide.title.text, shortTitle: slide.title.text, lines };
  });
}
