import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleShots } from '../../engine/formats/video/frameSchedule.js';
import { pictureKey } from '../../engine/formats/video/pictureKey.js';
import { SOUNDTRACK_RATE, type LineAudio } from '../../engine/formats/video/lineAudio.js';
import { mouthFromAudio, mouthFromText } from '../../engine/formats/video/mouth.js';
import { captionMeasure, type Measure } from '../../engine/formats/video/textMeasure.js';
import { DEFAULT_TIMING, buildTimeline, readingSeconds, situationLines } from '../../engine/formats/video/timeline.js';
import { buildPlan } from '../../engine/formats/video/videoPlan.js';
import { sceneSets } from '../../engine/formats/video/staging.js';
import type { Material, SituationSection } from '../../engine/model/material.js';
import { frameState, stateKey } from '../../templates/video/frameState.js';
import { videoLabelsFor } from '../../templates/video/labels.js';
import type { AspectName, VideoPlan } from '../../templates/video/plan.js';
import { materialFrom, sampleText } from './fixtures.js';

let material: Material;
let section: SituationSection;
let measure: Measure;

/** Speech-like audio: syllables of a 220 Hz tone, 0.25 s each with short gaps. */
function fakeSpeech(seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SOUNDTRACK_RATE));
  for (let i = 0; i < out.length; i++) {
    const t = i / SOUNDTRACK_RATE;
    const syllable = (t % 0.3) < 0.22 ? Math.sin((Math.PI * (t % 0.3)) / 0.22) : 0;
    out[i] = 0.5 * syllable * Math.sin(2 * Math.PI * 220 * t);
  }
  return out;
}

function voiced(seconds: number): LineAudio {
  return { samples: fakeSpeech(seconds), durationSec: seconds, source: 'speech', engine: 'test' };
}

beforeAll(async () => {
  material = await materialFrom(sampleText());
  section = material.sections.find((s) => s.kind === 'situation') as SituationSection;
  measure = await captionMeasure();
});

function plan(aspect: AspectName, audio: LineAudio[], burn = true): VideoPlan {
  const narratorIds = new Set(section.characters.filter((c) => c.role === 'narrator').map((c) => c.id));
  const timeline = buildTimeline({ section, sets: sceneSets(section, () => {}), audio, narratorIds, endTexts: ['một', 'hai'] });
  const puppets = new Map(section.characters.map((c) => [c.id, { archetype: c.archetype ?? 'neutral', dress: 'upland' as const, gender: 'male' as const }]));
  return buildPlan({
    timeline, aspect, width: 640, height: aspect === '16:9' ? 360 : aspect === '9:16' ? 1138 : 640, language: 'vi', section,
    materialTitle: material.title.text, issuer: material.issuer.text, puppets, labels: videoLabelsFor('vi'),
    end: { heading: 'Thông điệp', messages: ['một', 'hai'], hotline: '111', portalUrl: null, issuer: 'Sở' },
    burnSubtitles: burn, measure,
  });
}

describe('timeline', () => {
  it('lasts as long as the audio plus pauses, every line starting on a step, in script order', () => {
    const lines = situationLines(section);
    const audio = lines.map((_, i) => voiced(1 + (i % 3) * 0.5));
    const p = plan('9:16', audio);
    const planned = p.segments.flatMap((s) => (s.kind === 'scene' ? s.lines : []));
    expect(planned).toHaveLength(lines.length);
    let previousEnd = 0;
    planned.forEach((line, i) => {
      expect(line.from % p.step).toBe(0);
      expect(line.to % p.step).toBe(0);
      expect(line.from).toBeGreaterThanOrEqual(previousEnd);
      const seconds = (line.to - line.from) / p.fps;
      expect(seconds).toBeGreaterThanOrEqual(audio[i]!.durationSec + DEFAULT_TIMING.holdSec - 1e-9);
      expect(seconds).toBeLessThan(audio[i]!.durationSec + DEFAULT_TIMING.holdSec + p.step / p.fps + 1e-9);
      previousEnd = line.to;
    });
    expect(p.segments[0]!.kind).toBe('title');
    expect(p.segments.at(-1)!.kind).toBe('end');
    expect(p.durationInFrames).toBe(p.segments.at(-1)!.to);
  });

  it('keeps a line with no voice on screen long enough to read', () => {
    const lines = situationLines(section);
    const p = plan('16:9', lines.map(() => ({ samples: null, durationSec: 0, source: 'none' as const, engine: null })));
    const planned = p.segments.flatMap((s) => (s.kind === 'scene' ? s.lines : []));
    planned.forEach((line, i) => {
      expect((line.to - line.from) / p.fps).toBeGreaterThanOrEqual(readingSeconds(lines[i]!.unit.text));
      if (line.characterId) expect(line.mouth.some((m) => m > 0)).toBe(true);
    });
  });

  it('gives narrator lines no speaker on stage, and casts each scene from its speakers', () => {
    const p = plan('16:9', situationLines(section).map(() => voiced(1)));
    const scenes = p.segments.filter((s) => s.kind === 'scene');
    // The closing narrator scene has no place of its own: the people of scene 3 stay on stage.
    expect(scenes.map((s) => s.cast.map((c) => c.name))).toEqual([['Bố Páo', 'Mỷ'], ['Chị Hoa', 'Bố Páo'], ['Páo', 'Bố Páo', 'Chị Hoa'], ['Páo', 'Bố Páo', 'Chị Hoa']]);
    expect(scenes[0]!.lines[0]!.characterId).toBeNull();
    expect(scenes[0]!.cast[0]!.facing).toBe('right');
    expect(scenes[0]!.cast[1]!.facing).toBe('left');
  });
});

describe('mouths', () => {
  it('open with the loud parts of the speech and close in its gaps, using at least three shapes', () => {
    const audio = fakeSpeech(3);
    const mouth = mouthFromAudio(audio, SOUNDTRACK_RATE, 0.04, 75);
    expect(new Set(mouth).size).toBeGreaterThanOrEqual(3);
    const silent = mouthFromAudio(new Float32Array(SOUNDTRACK_RATE), SOUNDTRACK_RATE, 0.12, 8);
    expect(silent).toEqual(new Array(8).fill(0));
  });

  it('talk in a rhythm for a line with no voice, closing at the end', () => {
    const m = mouthFromText('Chào bác, cháu đến rồi.', 12);
    expect(m).toHaveLength(12);
    expect(m.at(-1)).toBe(0);
    expect(new Set(m).size).toBeGreaterThanOrEqual(3);
  });
});

describe('frame states', () => {
  it('change only on step boundaries, so frames inside a step are the same picture', () => {
    const p = plan('9:16', situationLines(section).map(() => voiced(1.3)));
    for (let f = 0; f < p.durationInFrames; f++) {
      const base = f - (f % p.step);
      expect(stateKey(frameState(p, f))).toBe(stateKey(frameState(p, base)));
    }
  });

  it('schedule one capture per distinct picture and one shot per picture and caption, every frame showing its own', () => {
    const p = plan('16:9', situationLines(section).map(() => voiced(1.3)));
    const s = scheduleShots(p);
    expect(s.pictures.length).toBeLessThanOrEqual(Math.ceil(p.durationInFrames / p.step));
    expect(new Set(s.pictures.map((x) => x.key)).size).toBe(s.pictures.length);
    expect(s.pictures.map((x) => x.frame)).toEqual([...s.pictures.map((x) => x.frame)].sort((a, b) => a - b));
    const firstFrame = new Map(s.pictures.map((x) => [x.key, x.frame]));
    for (let f = 0; f < p.durationInFrames; f++) {
      const shot = s.shots[s.shotOf[f]!]!;
      const state = frameState(p, f);
      expect(shot.first).toBeLessThanOrEqual(f);
      expect(firstFrame.get(shot.picture)).toBeLessThanOrEqual(shot.first);
      expect(shot.picture).toBe(pictureKey(p, state));
      expect(shot.cue).toBe(state.cue);
    }
    // Captions are laid over pictures, so fewer pictures than shots when captions change over a still stage.
    expect(s.pictures.length).toBeLessThan(s.shots.length);
    expect(s.cues.length).toBeGreaterThan(0);
  });

  it('key pictures by what they show: the same stage in another language, at other frames, is the same picture', () => {
    const voicedPlan = plan('16:9', situationLines(section).map(() => voiced(1.3)));
    const longer = plan('16:9', situationLines(section).map(() => voiced(2.1)));
    const a = new Set(scheduleShots(voicedPlan).pictures.map((x) => x.key));
    const b = scheduleShots(longer).pictures.map((x) => x.key);
    const shared = b.filter((k) => a.has(k)).length;
    expect(shared / b.length).toBeGreaterThan(0.2);
    // A different frame size never shares a picture.
    const square = new Set(scheduleShots(plan('1:1', situationLines(section).map(() => voiced(1.3)))).pictures.map((x) => x.key));
    expect([...a].some((k) => square.has(k))).toBe(false);
    // The key sees every field of the state, so a field added to a pose changes it.
    const f = scheduleShots(voicedPlan).pictures.at(-1)!.frame;
    const state = frameState(voicedPlan, f);
    const marked = { ...state, views: state.views.map((v) => ({ ...v, actors: v.actors.map((x) => ({ ...x, extra: 1 })) })) };
    if (state.views.some((v) => v.actors.length > 0)) expect(pictureKey(voicedPlan, marked)).not.toBe(pictureKey(voicedPlan, state));
  });

  it('key a scene’s stage without its title and names, which only its card prints', () => {
    const vi = plan('9:16', situationLines(section).map(() => voiced(1.3)));
    // The same video in another language: other scene titles and character names, same timing.
    const other: VideoPlan = {
      ...vi,
      labels: { ...vi.labels, scene: 'Scene {n}' },
      segments: vi.segments.map((s) =>
        s.kind === 'scene' ? { ...s, title: [...s.title].reverse().join(''), cast: s.cast.map((c) => ({ ...c, name: `${c.name}!` })) } : s,
      ),
    };
    let stage = 0;
    let card = 0;
    for (let f = 0; f < vi.durationInFrames; f += vi.step) {
      const state = frameState(vi, f);
      const views = state.views.map((v) => ({ v, seg: vi.segments[v.seg]! }));
      if (views.some(({ seg }) => seg.kind !== 'scene')) continue;
      const same = pictureKey(vi, state) === pictureKey(other, state);
      if (views.some(({ v }) => v.card >= 0)) {
        card++;
        expect(same).toBe(false);
      } else {
        stage++;
        expect(same).toBe(true);
      }
    }
    expect(stage).toBeGreaterThan(50);
    expect(card).toBeGreaterThan(3);
  });

  it('moves the speaker’s mouth and arm while the line plays, and fades between segments', () => {
    const p = plan('16:9', situationLines(section).map(() => voiced(2)));
    const scene = p.segments.find((s) => s.kind === 'scene' && s.cast.length === 2 && s.lines.some((l) => l.characterId))!;
    if (scene.kind !== 'scene') throw new Error('no scene');
    const line = scene.lines.find((l) => l.characterId)!;
    const speaker = scene.cast.findIndex((c) => c.characterId === line.characterId);
    const states = Array.from({ length: (line.to - line.from) / p.step }, (_, k) => frameState(p, line.from + k * p.step));
    expect(new Set(states.map((s) => s.views[0]!.actors[speaker]!.m)).size).toBeGreaterThanOrEqual(3);
    expect(states.some((s) => s.views[0]!.actors[speaker]!.g >= 2)).toBe(true);
    expect(states.every((s) => s.views[0]!.speaker === speaker)).toBe(true);
    expect(states.every((s) => s.views[0]!.actors[1 - speaker]!.m === 0)).toBe(true);
    const atSceneStart = frameState(p, scene.from);
    expect(atSceneStart.views).toHaveLength(2);
    expect(atSceneStart.fade).toBe(1);
  });

  it('shows dialogue captions only when subtitles are burned in, narrator captions always', () => {
    const audio = situationLines(section).map(() => voiced(1));
    const on = plan('9:16', audio, true);
    const off = plan('9:16', audio, false);
    const dialogue = on.captions.findIndex((c) => !c.narrator);
    const narrator = on.captions.findIndex((c) => c.narrator);
    expect(frameState(on, on.captions[dialogue]!.from).cue).toBe(dialogue);
    expect(frameState(off, off.captions[dialogue]!.from).cue).toBe(-1);
    expect(frameState(off, off.captions[narrator]!.from).cue).toBe(narrator);
  });
});
