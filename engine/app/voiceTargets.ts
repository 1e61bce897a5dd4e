/**
 * What can be recorded: every dialogue line of the situations, and every
 * chapter of the audiobook plan, in one language. A clip is "current" when it
 * was recorded from the text the line or chapter holds now.
 */
import type { Material, Section } from '../model/material.js';
import type { TranslationRecord, VoiceClipRecord } from '../model/records.js';
import { listTextUnits, sectionsOfKind } from '../model/units.js';
import { tableRowText } from '../model/tables.js';
import { sameText, stateOf, translationsFor } from '../translations/status.js';
import path from 'node:path';
import type { VoiceClipSource } from '../speech/speechEngine.js';
import type { VoiceTarget } from '../api/contract.js';
import { voiceFileUrl } from '../api/files.js';

export function voiceTargets(
  material: Material,
  language: string,
  translations: readonly TranslationRecord[],
  clips: readonly VoiceClipRecord[],
): VoiceTarget[] {
  const stored = language === material.sourceLanguage ? null : translationsFor(translations, language);
  const textOf = (unit: { id: string; text: string }) => {
    if (!stored) return unit.text;
    const record = stored.get(unit.id);
    return record && stateOf(unit as Parameters<typeof stateOf>[0], record) === 'current' ? record.text : unit.text;
  };
  const clipFor = (target: string, text: string): VoiceTarget['clip'] => {
    const clip = clips.find((c) => c.target === target && c.language === language);
    return clip ? { ...clip, url: voiceFileUrl(material.id, clip.path), current: sameText(clip.sourceText, text) } : null;
  };

  const out: VoiceTarget[] = [];
  for (const situation of sectionsOfKind(material, 'situation')) {
    const names = new Map(situation.characters.map((c) => [c.id, c.name]));
    for (const scene of situation.scenes) {
      for (const line of scene.lines) {
        const text = textOf(line.unit);
        out.push({ target: line.unit.id, kind: 'line', label: names.get(line.characterId) ?? line.speakerAsWritten, text, clip: clipFor(line.unit.id, text) });
      }
    }
  }
  const sections = new Map(material.sections.map((s) => [s.id, s]));
  for (const plan of sectionsOfKind(material, 'audiobook')) {
    for (const chapter of plan.chapters) {
      const section = sections.get(chapter.sectionId);
      if (!section) continue;
      const target = `chapter:${chapter.number}`;
      const text = sectionText(material, section, textOf);
      out.push({ target, kind: 'chapter', label: `${chapter.number}. ${textOf(section.heading)}`, text, clip: clipFor(target, text) });
    }
  }
  return out;
}

/** A chapter is read as its section's units, one per line; a table one row per line, as the audiobook says it. */
function sectionText(material: Material, section: Section, textOf: (u: { id: string; text: string }) => string): string {
  const rowAt = new Map<string, string>();
  const inRow = new Set<string>();
  if (section.kind === 'content') {
    for (const table of section.blocks) {
      if (table.type !== 'table') continue;
      for (const cell of table.header) if (cell) inRow.add(cell.id);
      table.rows.forEach((cells, row) => {
        const ids = cells.flatMap((c) => (c ? [c.id] : []));
        const text = tableRowText(table, row, textOf);
        if (ids[0] && text) rowAt.set(ids[0], text);
        for (const id of ids) inRow.add(id);
      });
    }
  }
  return listTextUnits(material)
    .filter((e) => e.sectionId === section.id)
    .flatMap((e) => {
      const row = rowAt.get(e.unit.id);
      if (row !== undefined) return [row];
      return inRow.has(e.unit.id) ? [] : [textOf(e.unit)];
    })
    .join('\n');
}

/**
 * Recorded clips for the speech pipeline (settings.voiceClips, see
 * engine/speech/registry.ts): only takes of the words the line holds now;
 * an outdated take is left out and the line is synthesised instead.
 * Used by the UI's render queue and by `luat-studio build` alike.
 */
/** Every current recorded clip: the file to play for a target in a language. */
export function currentClips(
  material: Material,
  translations: TranslationRecord[],
  clips: VoiceClipRecord[],
  projectDir: string,
): { target: string; language: string; file: string }[] {
  const out: { target: string; language: string; file: string }[] = [];
  for (const language of new Set(clips.map((c) => c.language))) {
    for (const target of voiceTargets(material, language, translations, clips)) {
      if (target.clip?.current) out.push({ target: target.target, language, file: path.join(projectDir, target.clip.path) });
    }
  }
  return out;
}

export function currentClipSource(
  material: Material,
  translations: TranslationRecord[],
  clips: VoiceClipRecord[],
  projectDir: string,
): VoiceClipSource {
  const current = new Map(currentClips(material, translations, clips, projectDir).map((c) => [`${c.language}\u0000${c.target}`, c.file]));
  return { find: (target: string, language: string) => current.get(`${language}\u0000${target}`) ?? null };
}
