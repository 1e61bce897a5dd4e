/**
 * What the audiobook says, read as a presenter would: an intro (welcome,
 * title, subtitle, issuer), one part per chapter of the brief's plan
 * (announced, then its heading, then the section's legal basis once — "Căn cứ
 * Điều 8 Luật Hôn nhân và gia đình" — then its text: "Hỏi"/"Đáp" before each
 * question and answer, or two voices, list items with pauses), and an outro
 * (hotline, portal, thanks). A table is read row by row, each cell after its
 * column's label ("Trường hợp: …; Việc phải làm: …."), one sentence per row.
 * Every text unit is
 * its own line, so a recorded clip replaces exactly that unit; the phrases the
 * book adds itself ("Chương 1", "Đơn vị phát hành") are lines without a unit,
 * spoken only where an engine speaks the language.
 */
import type { Block, Material, Section, SituationSection, TableBlock, TextUnit } from '../../model/material.js';
import { listTextUnits, sectionsOfKind, type UnitRole } from '../../model/units.js';
import { spokenCell, spokenLabel } from '../../model/tables.js';
import type { VoiceClipSource, VoiceSpec } from '../../speech/speechEngine.js';
import { metadataLabels, phrasesFrom, speakableUrl, spokenPhrases } from './phrases.js';
import type { LabelTexts } from '../../model/labels.js';
import { characterVoice, narratorVoice, type VoiceChoices } from './voices.js';

export interface ScriptLine {
  /** Text unit id, `chapter:<n>` for a whole recorded chapter, or null for the book's own phrases. */
  target: string | null;
  text: string;
  voice: VoiceSpec;
  /** Silence after the line, seconds. */
  pauseAfter: number;
}

export interface ScriptPart {
  kind: 'intro' | 'chapter' | 'outro';
  /** Chapter number in the plan; absent for intro and outro. */
  number?: number;
  /** Title written into the chapter metadata: "Chương 1: Điều kiện kết hôn". */
  title: string;
  /** Title for file names: the section's own title. */
  shortTitle: string;
  lines: ScriptLine[];
}

export interface ScriptOptions {
  language: string;
  voices: VoiceChoices;
  /** An engine speaks this language, so the book's own phrases can be said. */
  canSynthesize: boolean;
  /** Say a character's name before their line when the speaker changes. */
  speakerNames: boolean;
  clips: VoiceClipSource | null;
  /** 'announce': "Hỏi"/"Đáp" before question and answer; 'twoVoices': the question in a second voice. */
  qa?: 'announce' | 'twoVoices';
  /** The book's label texts (BuildContext.labelsFor); the shipped ones for Vietnamese and English when absent. */
  labels?: LabelTexts;
}

/** Pauses by role, seconds: longer after headings, short between list items. */
const PAUSE: Record<UnitRole, number> = {
  title: 0.6, shortTitle: 0.6, subtitle: 0.8, issuer: 0.8, hotline: 0.6, legalTitle: 0.5,
  heading: 0.9, subheading: 0.7, paragraph: 0.7, listItem: 0.6, tableHeader: 0.15, tableCell: 0.8, imageAlt: 0.7,
  keyMessage: 0.6, question: 0.5, answer: 0.9, quizPrompt: 0.6, quizOption: 0.5,
  situationTitle: 0.9, characterDescription: 0.5, sceneTitle: 0.8, setting: 0.6, dialogue: 0.45,
};

const CHAPTER_END_PAUSE = 1.5;

/** Sections narrated as chapters: the plan's, or every section in order when the brief has no plan. */
export function chapterSections(material: Material): Array<{ number: number; section: Section }> {
  const byId = new Map(material.sections.map((s) => [s.id, s]));
  const plan = sectionsOfKind(material, 'audiobook')[0];
  if (plan) {
    return plan.chapters.flatMap((c) => {
      const section = byId.get(c.sectionId);
      return section ? [{ number: c.number, section }] : [];
    });
  }
  return material.sections.filter((s) => s.kind !== 'audiobook' && s.kind !== 'quiz').map((section, i) => ({ number: i + 1, section }));
}

export function sectionTitle(section: Section): string {
  return section.kind === 'situation' ? section.title.text : section.heading.text;
}

/** The whole script of `material` (already in `options.language`). */
export function buildScript(material: Material, options: ScriptOptions): ScriptPart[] {
  const narrator = narratorVoice(options.voices);
  const own = options.labels ? phrasesFrom(options.labels) : null;
  const phrases = options.canSynthesize ? (own ?? spokenPhrases(options.language)) : null;
  const labels = own ?? metadataLabels(options.language);
  const phrase = (text: string, pauseAfter = 0.4): ScriptLine => ({ target: null, text, voice: narrator, pauseAfter });
  const unitLine = (unit: { id: string; text: string }, pauseAfter: number, voice = narrator): ScriptLine => ({
    target: unit.id, text: unit.text, voice, pauseAfter,
  });

  const intro: ScriptLine[] = [];
  if (phrases) intro.push(phrase(`${phrases.welcome}:`, 0.5));
  intro.push(unitLine(material.title, PAUSE.title));
  if (material.subtitle) intro.push(unitLine(material.subtitle, PAUSE.subtitle));
  if (phrases) intro.push(phrase(`${phrases.issuedBy}:`, 0.3));
  intro.push(unitLine(material.issuer, CHAPTER_END_PAUSE));

  const parts: ScriptPart[] = [{ kind: 'intro', title: labels.intro, shortTitle: labels.intro, lines: intro }];
  const units = listTextUnits(material);
  for (const { number, section } of chapterSections(material)) {
    const title = sectionTitle(section);
    const chapterClip = options.clips?.find(`chapter:${number}`, options.language) ?? null;
    let lines: ScriptLine[];
    if (chapterClip) {
      // A recorded chapter is one line: it includes its own announcement.
      lines = [{ target: `chapter:${number}`, text: title, voice: narrator, pauseAfter: CHAPTER_END_PAUSE }];
    } else {
      lines = [];
      if (phrases) lines.push(phrase(`${phrases.chapter(number)}.`, 0.3));
      const sectionUnits = units.filter((e) => e.sectionId === section.id);
      const situation = section.kind === 'situation' ? section : null;
      const tableCells = section.kind === 'content' ? cellsOfTables(section.blocks) : new Map<string, TableCellPlace>();
      let lastSpeaker: string | undefined;
      for (const entry of sectionUnits) {
        // Header cells are said before each cell of their column, not on their own.
        if (entry.role === 'tableHeader') continue;
        if (entry.role === 'tableCell') {
          const place = tableCells.get(entry.unit.id);
          if (place) {
            lines.push(...tableCellLines(place, unitLine));
            continue;
          }
        }
        if (entry.role === 'dialogue' && situation) {
          if (phrases && options.speakerNames && entry.speaker && entry.speaker !== lastSpeaker) {
            lines.push(phrase(`${entry.speaker}:`, 0.2));
          }
          lastSpeaker = entry.speaker;
          lines.push(unitLine(entry.unit, PAUSE.dialogue, voiceOfSpeaker(situation, entry.speaker, options.voices)));
          continue;
        }
        lastSpeaker = undefined;
        if (entry.role === 'characterDescription' && phrases && entry.speaker) lines.push(phrase(`${entry.speaker}:`, 0.2));
        const twoVoices = options.qa === 'twoVoices';
        if (phrases && !twoVoices && (entry.role === 'question' || entry.role === 'answer')) {
          lines.push(phrase(`${entry.role === 'question' ? phrases.question : phrases.answer}:`, 0.25));
        }
        // A list starts after a short breath, so its first item is heard as the first of several.
        const previous = lines[lines.length - 1];
        if (entry.role === 'listItem' && previous && previous.pauseAfter < PAUSE.listItem) previous.pauseAfter = PAUSE.listItem;
        const voice = twoVoices && entry.role === 'question' ? questionVoice(options.voices) : narrator;
        lines.push(unitLine(entry.unit, PAUSE[entry.role], voice));
        if (phrases && (entry.role === 'heading' || entry.role === 'situationTitle')) {
          const basis = legalBasisOf(material, section);
          if (basis.length > 0) lines.push(phrase(phrases.basis(basis), 0.8));
        }
      }
      const last = lines[lines.length - 1];
      if (last) last.pauseAfter = CHAPTER_END_PAUSE;
    }
    parts.push({ kind: 'chapter', number, title: `${labels.chapter(number)}: ${title}`, shortTitle: title, lines });
  }

  const outro: ScriptLine[] = [];
  if (material.hotline) {
    if (phrases) outro.push(phrase(`${phrases.hotline}:`, 0.3));
    outro.push(unitLine(material.hotline, 0.8));
  }
  if (material.portalUrl && phrases) outro.push(phrase(`${phrases.portal}: ${speakableUrl(material.portalUrl)}.`, 0.8));
  if (phrases) outro.push(phrase(phrases.thanks, 0.6));
  if (phrases) outro.push(phrase(phrases.end, 1));
  if (outro.length > 0) parts.push({ kind: 'outro', title: labels.outro, shortTitle: labels.outro, lines: outro });
  return parts;
}

/** Where a body cell sits: its table, row and column. */
interface TableCellPlace {
  table: TableBlock;
  row: number;
  col: number;
}

function cellsOfTables(blocks: readonly Block[]): Map<string, TableCellPlace> {
  const out = new Map<string, TableCellPlace>();
  for (const table of blocks) {
    if (table.type !== 'table') continue;
    table.rows.forEach((cells, row) => cells.forEach((cell, col) => {
      if (cell) out.set(cell.id, { table, row, col });
    }));
  }
  return out;
}

/** Short pause after a column's label, a breath between cells, a full stop after the row. */
const CELL_PAUSE = 0.35;

/**
 * One cell as heard: its column's label (the header cell's own unit, so a
 * recorded header is reused on every row) then the cell; ";" between cells
 * of a row and "." after its last, so a row is one sentence.
 */
function tableCellLines(
  { table, row, col }: TableCellPlace,
  unitLine: (unit: { id: string; text: string }, pauseAfter: number) => ScriptLine,
): ScriptLine[] {
  const cells = table.rows[row]!;
  let last = cells.length - 1;
  while (last > col && !cells[last]) last--;
  const isLast = col === last;
  const cell = cells[col]!;
  const lines: ScriptLine[] = [];
  const header: TextUnit | null = table.header[col] ?? null;
  if (header) lines.push({ ...unitLine(header, PAUSE.tableHeader), text: spokenLabel(header.text) });
  lines.push({ ...unitLine(cell, isLast ? PAUSE.tableCell : CELL_PAUSE), text: spokenCell(cell.text, isLast) });
  return lines;
}

/**
 * The documents a section cites, each with its articles exactly as the brief
 * writes them and the document's title (in the book's language); a reference
 * missing from the legal basis is named by its number.
 */
export function legalBasisOf(material: Material, section: Section): Array<{ articles: string[]; title: string }> {
  const byRef = new Map<string, string[]>();
  for (const citation of section.citations) {
    const articles = byRef.get(citation.ref) ?? [];
    if (!articles.includes(citation.article)) articles.push(citation.article);
    byRef.set(citation.ref, articles);
  }
  return [...byRef].map(([ref, articles]) => ({
    articles,
    title: material.legalBasis.find((d) => d.ref === ref)?.title.text ?? ref,
  }));
}

/** The asking voice when questions and answers are read by two people. */
function questionVoice(choices: VoiceChoices): VoiceSpec {
  return characterVoice('man', choices);
}

function voiceOfSpeaker(section: SituationSection, speaker: string | undefined, choices: VoiceChoices): VoiceSpec {
  const character = section.characters.find((c) => c.name === speaker);
  if (!character || character.role === 'narrator') return narratorVoice(choices);
  return { ...characterVoice(character.archetype, choices), ...choices.neural?.(character) };
}
