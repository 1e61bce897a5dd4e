/**
 * A situation script (`# Tình huống: …` with `kind: situation`): the cast
 * under `Nhân vật:`, scenes under `## Cảnh N — title`, an optional
 * `Bối cảnh:` line, and dialogue lines `- Speaker: line`.
 */
import type { List, ListItem, Paragraph, RootContent } from 'mdast';
import {
  ARCHETYPES, ASPECTS, type Aspect, type Character, type DialogueLine, type Expression, type Scene, type Section, type Setting, type SourceLocation,
} from '../model/material.js';
import { slugify } from '../model/ids.js';
import { explicitPlace, isPlaceId, namesTimeOfDay, placeFor } from '../model/places.js';
import { ParseContext, blockText, paragraphText, sourceLines, startOf } from './context.js';
import { parseListValue } from './directives.js';
import { positionIn, type RawSection, type SectionBase } from './sections.js';
import { SpeakerIndex } from './speakers.js';
import { nameList } from './diagnostics.js';
import { MAX_CAST, MAX_SCENES } from './limits.js';

const SCENE_HEADING = /^Cảnh\s+(\d+)\s*(?:[—–:.-]+\s*(.*))?$/iu;
const CAST_LINE = /^\*\*(.+?)\*\*\s*(?:[—–-]+\s*)?(.*)$/su;
const ROLE = /\((?:\s*(character|nhân vật)\s*:\s*([^)]*)|\s*(narrator|người dẫn chuyện)\s*)\)\s*\.?\s*$/iu;
const KNOWN_ARCHETYPES = new Set<string>(ARCHETYPES);
/** `- Mỷ (lo lắng): …`: a face chosen by hand, written after the speaker. */
const SPEAKER_EXPRESSION = /^(.*?)\s*\(([^()]*)\)$/su;
const EXPRESSION_WORDS: Record<string, Expression> = {
  'bình thường': 'neutral', neutral: 'neutral',
  'lo lắng': 'worried', lo: 'worried', 'sợ': 'worried', 'buồn': 'worried', worried: 'worried',
  vui: 'happy', 'vui vẻ': 'happy', happy: 'happy',
  'nghiêm': 'stern', 'nghiêm khắc': 'stern', stern: 'stern',
};

export function parseSituation(ctx: ParseContext, rs: RawSection, base: SectionBase, slotBase: string, headingText: string): Section | null {
  const titleText = headingText.replace(/^Tình huống\s*:\s*/iu, '').trim() || headingText;
  const title = ctx.namedUnit(`${base.id}.title`, `${slotBase}/title`, titleText, base.heading.loc);
  const { format, aspects } = parseVideoDirectives(ctx, rs);

  let characters: Character[] | null = null;
  const scenes: (Scene & { loc: SourceLocation; slotPath: string })[] = [];
  let scene: (Scene & { loc: SourceLocation; slotPath: string }) | null = null;
  let expectCast = false;
  // Held back until the end: with no scene at all, one error says what to add instead of a warning per line.
  const beforeFirstScene: SourceLocation[] = [];
  let speakers: CastIndex | null = null;
  const sceneNumbers = new Set<number>();

  for (const node of rs.body) {
    if (node.type === 'heading' && node.depth === 2) {
      if (scenes.length >= MAX_SCENES) {
        ctx.bag.error('situation.tooManyScenes', startOf(node), { max: MAX_SCENES });
        break;
      }
      scene = startScene(ctx, node, base.id, slotBase, scenes, sceneNumbers);
      if (scene) scenes.push(scene);
      expectCast = false;
      continue;
    }
    if (node.type === 'paragraph' && /^Nhân vật\s*:/iu.test(paragraphText(node))) {
      if (characters) ctx.bag.error('situation.secondCast', startOf(node));
      expectCast = true;
      continue;
    }
    if (expectCast && node.type === 'list') {
      characters = parseCast(ctx, node, base.id, slotBase);
      speakers = null;
      expectCast = false;
      continue;
    }
    expectCast = false;
    if (node.type === 'html') continue;
    if (!scene) {
      beforeFirstScene.push(startOf(node));
      continue;
    }
    if (node.type === 'paragraph' && /^Bối cảnh\s*:/iu.test(paragraphText(node))) {
      if (scene.setting) ctx.bag.warning('situation.secondSetting', startOf(node));
      else scene.setting = parseSetting(ctx, node, scene.id, scene.slotPath);
      continue;
    }
    if (node.type === 'list') {
      speakers ??= castIndex(characters ?? []);
      for (const item of node.children) {
        const line = parseLine(ctx, item, speakers, scene.id, scene.slotPath);
        if (line) scene.lines.push(line);
      }
      continue;
    }
    ctx.bag.warning('situation.ignoredInScene', startOf(node));
  }

  if (!characters || characters.length === 0) ctx.bag.error('situation.noCast', base.heading.loc);
  if (scenes.length === 0) ctx.bag.error('situation.noScenes', beforeFirstScene[0] ?? base.heading.loc);
  else for (const loc of beforeFirstScene) ctx.bag.warning('situation.ignoredBeforeScene', loc);
  for (const s of scenes) if (s.lines.length === 0) ctx.bag.warning('situation.emptyScene', s.loc, { number: s.number });
  if (!characters || characters.length === 0 || scenes.length === 0) return null;
  return {
    kind: 'situation',
    ...base,
    title,
    format,
    aspects,
    characters,
    scenes: scenes.map(({ loc: _loc, slotPath: _slot, ...s }) => s),
  };
}

function parseVideoDirectives(ctx: ParseContext, rs: RawSection): { format: string; aspects: Aspect[] } {
  let format = 'video';
  let aspects: Aspect[] = ['16:9'];
  for (const d of rs.directives) {
    const first = d.parts[0];
    if (d.key === 'format' && first) {
      format = first.value.trim();
      if (format !== 'video') ctx.bag.warning('situation.unknownFormat', positionIn(rs.directiveNode!, first.offset), { format });
    }
    if (d.key === 'aspect' && first) {
      const values = parseListValue(d.parts.map((p) => p.value).join(', '));
      const valid = values.filter((v): v is Aspect => (ASPECTS as readonly string[]).includes(v));
      for (const v of values) {
        if (!valid.includes(v as Aspect)) {
          ctx.bag.error('situation.unknownAspect', positionIn(rs.directiveNode!, first.offset), { aspect: v, known: ASPECTS.join(', ') });
        }
      }
      if (valid.length > 0) aspects = [...new Set(valid)];
    }
  }
  return { format, aspects };
}

function startScene(ctx: ParseContext, node: RootContent & { type: "heading" }, sectionId: string, slotBase: string, scenes: Scene[], numbers: Set<number>) {
  const text = blockText(node);
  const m = SCENE_HEADING.exec(text);
  if (!m) {
    ctx.bag.error('situation.badSceneHeading', startOf(node), { heading: text });
    return null;
  }
  const number = Number(m[1]);
  if (numbers.has(number)) {
    ctx.bag.error('situation.duplicateScene', startOf(node), { number });
    return null;
  }
  numbers.add(number);
  const expected = scenes.length + 1;
  if (number !== expected) ctx.bag.warning('situation.sceneNumber', startOf(node), { number, expected });
  const id = `${sectionId}.scene-${number}`;
  const titleText = m[2]?.trim() || text;
  const slotPath = `${slotBase}/scene${scenes.length + 1}`;
  return {
    id,
    number,
    title: ctx.namedUnit(`${id}.title`, `${slotPath}/title`, titleText, startOf(node)),
    setting: null,
    lines: [] as DialogueLine[],
    loc: startOf(node),
    slotPath,
  };
}

function parseCast(ctx: ParseContext, list: List, sectionId: string, slotBase: string): Character[] {
  const cast: Character[] = [];
  const names = new Set<string>();
  for (const item of list.children as ListItem[]) {
    if (cast.length >= MAX_CAST) {
      ctx.bag.error('cast.tooLarge', startOf(item), { max: MAX_CAST });
      break;
    }
    const paragraph = item.children.find((c): c is Paragraph => c.type === 'paragraph');
    const loc = startOf(item);
    if (!paragraph) {
      ctx.bag.error('cast.badLine', loc);
      continue;
    }
    const raw = sourceLines(ctx, paragraph).map((l) => l.text).join(' ').trim();
    const pLoc = startOf(paragraph);
    const m = CAST_LINE.exec(raw);
    if (!m) {
      ctx.bag.error('cast.nameNotBold', pLoc);
      continue;
    }
    const name = m[1]!.replace(/\s+/g, ' ').trim();
    const rest = m[2]!.trim();
    const role = ROLE.exec(rest);
    if (!role) {
      ctx.bag.error('cast.missingRole', pLoc, { name });
      continue;
    }
    const folded = name.toLocaleLowerCase('vi');
    if (names.has(folded)) {
      ctx.bag.error('cast.duplicateName', pLoc, { name });
      continue;
    }
    names.add(folded);
    const descriptionText = rest.slice(0, role.index).replace(/[\s—–-]+$/u, '').replace(/\*\*|__|[*_`]/g, '').trim();
    const id = ctx.ids.unique(`${sectionId}.char-${slugify(name)}`);
    const narrator = Boolean(role[3]);
    const archetype = narrator ? null : (role[2] ?? '').trim();
    if (!narrator && !archetype) {
      ctx.bag.error('cast.emptyArchetype', pLoc, { name });
      continue;
    }
    const known = archetype === null || KNOWN_ARCHETYPES.has(archetype);
    if (!known) {
      const col = pLoc.col + raw.lastIndexOf(archetype!);
      ctx.bag.warning('cast.unknownArchetype', { line: pLoc.line, col }, { name, archetype: archetype!, known: ARCHETYPES.join(', ') });
    }
    const character: Character = { id, name, role: narrator ? 'narrator' : 'character', archetype, knownArchetype: known, loc: pLoc };
    if (descriptionText) character.description = ctx.namedUnit(`${id}.description`, `${slotBase}/char${cast.length + 1}/description`, descriptionText, pLoc);
    cast.push(character);
  }
  return cast;
}

function parseSetting(ctx: ParseContext, node: Paragraph, sceneId: string, sceneSlot: string): Setting | null {
  const text = paragraphText(node).replace(/^Bối cảnh\s*:\s*/iu, '').trim();
  if (!text) {
    ctx.bag.warning('situation.emptySetting', startOf(node));
    return null;
  }
  const parts = text.replace(/\.$/, '').split(',').map((p) => p.trim()).filter(Boolean);
  const timeParts = parts.filter((p) => namesTimeOfDay(p));
  const placeParts = parts.filter((p) => !namesTimeOfDay(p));
  const place = placeParts.join(', ') || parts[0] || text;
  // `check` says what the video will draw, so an unknown place is found before a build.
  const explicit = explicitPlace(place);
  if (explicit && !isPlaceId(explicit.id)) ctx.bag.warning('situation.unknownPlaceId', startOf(node), { id: explicit.id });
  else if (!explicit && placeFor(place) === null) ctx.bag.warning('situation.unknownPlace', startOf(node), { place });
  return {
    unit: ctx.namedUnit(`${sceneId}.setting`, `${sceneSlot}/setting`, text, startOf(node)),
    place,
    timeOfDay: timeParts.join(', ') || null,
  };
}

interface CastIndex {
  size: number;
  speakers: SpeakerIndex;
  /** The cast's names as a message shows them (capped). */
  known: string;
}

function castIndex(cast: Character[]): CastIndex {
  return { size: cast.length, speakers: new SpeakerIndex(cast), known: nameList(cast.map((c) => c.name)) };
}

function parseLine(ctx: ParseContext, item: ListItem, cast: CastIndex, sceneId: string, sceneSlot: string): DialogueLine | null {
  const loc = startOf(item.children[0] ?? item);
  const text = item.children.map(blockText).filter(Boolean).join(' ');
  const colon = text.indexOf(':');
  if (colon <= 0) {
    ctx.bag.error('dialogue.noSpeaker', loc);
    return null;
  }
  let speaker = text.slice(0, colon).trim();
  const spoken = text.slice(colon + 1).trim();
  let expression: Expression | undefined;
  const face = SPEAKER_EXPRESSION.exec(speaker);
  if (face && face[1]) {
    speaker = face[1];
    expression = EXPRESSION_WORDS[face[2]!.trim().toLowerCase()];
    if (!expression) ctx.bag.error('dialogue.unknownExpression', loc, { speaker, expression: face[2]!.trim(), known: Object.keys(EXPRESSION_WORDS).join(', ') });
  }
  if (!spoken) {
    ctx.bag.error('dialogue.empty', loc, { speaker });
    return null;
  }
  if (cast.size === 0) {
    ctx.bag.error('dialogue.noCast', loc, { speaker });
    return null;
  }
  const match = cast.speakers.resolve(speaker);
  if (!match.ok) {
    if (match.reason === 'ambiguous') {
      ctx.bag.error('dialogue.ambiguousSpeaker', loc, { speaker, candidates: nameList(match.candidates) });
    } else {
      ctx.bag.error('dialogue.unknownSpeaker', loc, { speaker, known: cast.known });
    }
    return null;
  }
  const line: DialogueLine = { unit: ctx.leafUnit(sceneId, sceneSlot, 'line', spoken, loc), characterId: match.characterId, speakerAsWritten: speaker };
  if (expression) line.expression = expression;
  return line;
}
