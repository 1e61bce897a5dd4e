/**
 * Walks a Material's text units in reading order. Translations, subtitles,
 * speech and completeness all go through this one list, so a new kind of text
 * unit added to the model is picked up everywhere by adding it here.
 */
import type { Material, Section, TextUnit } from './material.js';

export type UnitRole =
  | 'title' | 'shortTitle' | 'subtitle' | 'issuer' | 'hotline' | 'legalTitle'
  | 'heading' | 'subheading' | 'paragraph' | 'listItem' | 'tableHeader' | 'tableCell' | 'imageAlt'
  | 'keyMessage' | 'question' | 'answer' | 'quizPrompt' | 'quizOption'
  | 'situationTitle' | 'characterDescription' | 'sceneTitle' | 'setting' | 'dialogue';

export interface UnitEntry {
  unit: TextUnit;
  role: UnitRole;
  /** Section the unit belongs to, or null for front-matter units. */
  sectionId: string | null;
  /** Character name for dialogue and character descriptions. */
  speaker?: string;
}

export function listTextUnits(material: Material): UnitEntry[] {
  const out: UnitEntry[] = [];
  const add = (unit: TextUnit | null | undefined, role: UnitRole, sectionId: string | null, speaker?: string) => {
    if (unit) out.push(speaker === undefined ? { unit, role, sectionId } : { unit, role, sectionId, speaker });
  };
  add(material.title, 'title', null);
  add(material.shortTitle, 'shortTitle', null);
  add(material.subtitle, 'subtitle', null);
  add(material.issuer, 'issuer', null);
  add(material.hotline, 'hotline', null);
  for (const doc of material.legalBasis) add(doc.title, 'legalTitle', null);
  for (const section of material.sections) addSection(section, add);
  return out;
}

function addSection(
  section: Section,
  add: (unit: TextUnit | null | undefined, role: UnitRole, sectionId: string | null, speaker?: string) => void,
): void {
  const sid = section.id;
  switch (section.kind) {
    case 'content':
      add(section.heading, 'heading', sid);
      for (const block of section.blocks) {
        if (block.type === 'list') for (const item of block.items) add(item.unit, 'listItem', sid);
        else if (block.type === 'table') {
          // Header first, then row by row: the order a reader (and the audiobook) takes.
          for (const cell of block.header) add(cell, 'tableHeader', sid);
          for (const row of block.rows) for (const cell of row) add(cell, 'tableCell', sid);
        } else if (block.type === 'image') add(block.unit, 'imageAlt', sid);
        else add(block.unit, block.type, sid);
      }
      return;
    case 'keyMessages':
      add(section.heading, 'heading', sid);
      for (const m of section.messages) add(m, 'keyMessage', sid);
      return;
    case 'qa':
      add(section.heading, 'heading', sid);
      for (const p of section.pairs) {
        add(p.question, 'question', sid);
        add(p.answer, 'answer', sid);
      }
      return;
    case 'situation': {
      add(section.title, 'situationTitle', sid);
      for (const c of section.characters) add(c.description, 'characterDescription', sid, c.name);
      const names = new Map(section.characters.map((c) => [c.id, c.name]));
      for (const scene of section.scenes) {
        add(scene.title, 'sceneTitle', sid);
        add(scene.setting?.unit, 'setting', sid);
        for (const line of scene.lines) add(line.unit, 'dialogue', sid, names.get(line.characterId));
      }
      return;
    }
    case 'quiz':
      add(section.heading, 'heading', sid);
      for (const q of section.questions) {
        add(q.prompt, 'quizPrompt', sid);
        for (const o of q.options) add(o.unit, 'quizOption', sid);
      }
      return;
    case 'audiobook':
      // Chapter titles are the titles of the sections they narrate; the plan
      // adds no text of its own beyond its heading.
      add(section.heading, 'heading', sid);
      return;
  }
}

export function indexTextUnits(material: Material): Map<string, UnitEntry> {
  return new Map(listTextUnits(material).map((e) => [e.unit.id, e]));
}

/** Typed accessors for the special sections formats care about. */
export function sectionsOfKind<K extends Section['kind']>(material: Material, kind: K): Extract<Section, { kind: K }>[] {
  return material.sections.filter((s): s is Extract<Section, { kind: K }> => s.kind === kind);
}
