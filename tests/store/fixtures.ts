/**
 * Hand-built Materials for the store tests (the brief importer is written in
 * parallel; these only need units with ids, slots and text). Ids follow the
 * model's scheme: container path plus a hash of the text; slots are the
 * container plus ordinal.
 */
import { Material } from '../../engine/model/material.js';
import { textHash } from '../../engine/model/ids.js';
import type { TranslationRecord } from '../../engine/model/records.js';

let line = 1;
const unit = (id: string, slot: string, text: string) => ({ id, slot, text, loc: { line: line++, col: 1 } });

/** A material whose one content section holds the given paragraphs, in order. */
export function makeMaterial(paragraphs: string[], id = 'ket-hon-dung-tuoi'): Material {
  line = 1;
  const section = 'dieu-kien';
  return Material.parse({
    schemaVersion: 1,
    id,
    sourceLanguage: 'vi',
    targetLanguages: ['en', 'hmn'],
    audience: ['thanh niên'],
    title: unit('title', 'title', 'Kết hôn đúng tuổi'),
    subtitle: null,
    issuer: unit('issuer', 'issuer', 'Sở Tư pháp'),
    hotline: null,
    portalUrl: null,
    legalBasis: [{
      ref: '52/2014/QH13',
      title: unit('legal.52-2014-qh13', 'legal.1', 'Luật Hôn nhân và gia đình'),
      articles: ['Điều 8'],
      effective: '2015-01-01',
    }],
    sections: [{
      kind: 'content',
      id: section,
      heading: unit(`${section}.heading`, `${section}.heading`, 'Điều kiện kết hôn'),
      citations: [],
      blocks: paragraphs.map((text, i) => ({
        type: 'paragraph',
        unit: unit(`${section}.p-${textHash(text)}`, `${section}.${i + 1}`, text),
      })),
    }],
  });
}

export function translation(unitId: string, sourceText: string, text: string, language = 'en'): TranslationRecord {
  return { unitId, language, text, sourceText, stale: false, updatedAt: new Date().toISOString() };
}

/** The paragraph units of a material made by makeMaterial. */
export function paragraphUnits(material: Material) {
  const section = material.sections[0];
  if (section?.kind !== 'content') throw new Error('fixture has no content section');
  return section.blocks.map((b) => {
    if (b.type === 'list' || b.type === 'table') throw new Error(`fixture has a ${b.type}`);
    return b.unit;
  });
}
