/**
 * Video polish without rendering a video: the face each line gets (rule table
 * and the brief's override) carried through the plan into the frame state,
 * the poster's alternative text, the end card's length, and a soundtrack with
 * no long silence (the synthesised stings and pad, checked with ffmpeg's
 * silencedetect on the encoded file).
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBriefText } from '../../engine/brief/import.js';
import { expressionFor, situationExpressions } from '../../engine/formats/video/expression.js';
import { SOUNDTRACK_RATE, type LineAudio } from '../../engine/formats/video/lineAudio.js';
import { posterAltText } from '../../engine/formats/video/posterAlt.js';
import { mixVoices, renderSoundtrack } from '../../engine/formats/video/soundtrack.js';
import { toInt16 } from '../../engine/media/pcm.js';
import { videoMusic } from '../../engine/formats/video/stings.js';
import { sceneSets } from '../../engine/formats/video/staging.js';
import { captionMeasure } from '../../engine/formats/video/textMeasure.js';
import { buildTimeline, situationLines, type Timeline } from '../../engine/formats/video/timeline.js';
import { buildPlan } from '../../engine/formats/video/videoPlan.js';
import { diagnosticMessage, translator } from '../../engine/i18n/index.js';
import { runFfmpeg } from '../../engine/media/ffmpeg.js';
import { SOURCE_LABELS } from '../../engine/model/labels.js';
import type { Material, SituationSection } from '../../engine/model/material.js';
import { frameState, stateKey } from '../../templates/video/frameState.js';
import { videoLabelsFor } from '../../templates/video/labels.js';
import { EXPRESSION_ORDER } from '../../templates/video/puppets/index.js';
import { edit, materialFrom, sampleText, shortSampleText } from './fixtures.js';

const SHOTS = path.resolve('test-results/video-polish');
let dir: string;
let material: Material;
let section: SituationSection;
let sample: SituationSection;
/** Scene 1 and a closing narrator scene: a ~25 s soundtrack. */
let short: SituationSection;

/** Syllables of a tone, like speech, with the quiet lead-in and tail a speech engine leaves. */
function speech(seconds: number): LineAudio {
  const samples = new Float32Array(Math.round(seconds * SOUNDTRACK_RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / SOUNDTRACK_RATE;
    const inside = t > 0.15 && t < seconds - 0.2;
    const syllable = (t % 0.3) < 0.22 ? Math.sin((Math.PI * (t % 0.3)) / 0.22) : 0;
    samples[i] = inside ? 0.6 * syllable * Math.sin(2 * Math.PI * 180 * t) : 0;
  }
  return { samples, durationSec: seconds, source: 'speech', engine: 'test' };
}

const NO_VOICE: LineAudio = { samples: null, durationSec: 0, source: 'none', engine: null };

function timelineOf(audio: LineAudio[], section = sample): Timeline {
  const narratorIds = new Set(section.characters.filter((c) => c.role === 'narrator').map((c) => c.id));
  const key = material.sections.find((s) => s.kind === 'keyMessages');
  const endTexts = key?.kind === 'keyMessages' ? key.messages.map((m) => m.text) : [];
  return buildTimeline({ section, sets: sceneSets(section, () => {}), audio, narratorIds, endTexts });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'video-polish-test-'));
  material = await materialFrom(sampleText());
  section = material.sections.find((s) => s.kind === 'situation') as SituationSection;
  sample = section;
  short = (await materialFrom(shortSampleText())).sections.find((s) => s.kind === 'situation') as SituationSection;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('faces', () => {
  it('picks a face from the words and punctuation of a line', () => {
    expect(expressionFor('Em sợ lắm', 'vi')).toBe('worried');
    expect(expressionFor('Mẹ đang lo cho con.', 'vi')).toBe('worried');
    expect(expressionFor('Không được cưới! Pháp luật không cho phép.', 'vi')).toBe('stern');
    expect(expressionFor('Người tổ chức tảo hôn sẽ bị xử phạt.', 'vi')).toBe('stern');
    expect(expressionFor('Cảm ơn chị, tốt quá!', 'vi')).toBe('happy');
    expect(expressionFor('Con còn muốn đi học tiếp...', 'vi')).toBe('worried');
    // Whole syllables only: "lò", "lòng", "vùng" hold no "lo" or "vui".
    expect(expressionFor('Lò Thị Ban ở vùng cao.', 'vi')).toBe('neutral');
    expect(expressionFor('Chào bác! Cháu nghe tin nhà mình sắp làm đám cưới.', 'vi')).toBe('neutral');
    expect(expressionFor('Thank you, I am glad.', 'en')).toBe('happy');
  });

  it('takes the brief’s face over the rule table, and refuses an unknown one in Vietnamese with its line', async () => {
    const withFace = await materialFrom(edit(sampleText(), '- Mỷ: Con còn muốn đi học tiếp...', '- Mỷ (vui): Con còn muốn đi học tiếp...'));
    const situation = withFace.sections.find((s) => s.kind === 'situation') as SituationSection;
    const line = situation.scenes[0]!.lines[2]!;
    expect(line).toMatchObject({ speakerAsWritten: 'Mỷ', expression: 'happy' });
    expect(situationExpressions(situation, 'vi').get(line.unit.id)).toBe('happy');
    expect(situationExpressions(section, 'vi').get(section.scenes[0]!.lines[2]!.unit.id)).toBe('worried');

    const bad = importBriefText(edit(sampleText(), '- Mỷ: Con còn muốn đi học tiếp...', '- Mỷ (giận dữ): Con còn muốn đi học tiếp...'));
    const error = bad.diagnostics.find((d) => d.code === 'dialogue.unknownExpression')!;
    expect(error.severity).toBe('error');
    expect(error.line).toBe(sampleText().split('\n').findIndex((l) => l.startsWith('- Mỷ: Con còn')) + 1);
    expect(diagnosticMessage(error, translator('vi'))).toContain("Nét mặt 'giận dữ' của 'Mỷ' chưa có");
  });

  it('carries each line’s face into the frame state: the speaker shows it while speaking and keeps it after', async () => {
    const audio = situationLines(section).map(() => speech(1.2));
    const timeline = timelineOf(audio);
    const plan = buildPlan({
      timeline, aspect: '16:9', width: 640, height: 360, language: 'vi', section, materialTitle: 'T', issuer: 'I',
      puppets: new Map(), labels: videoLabelsFor('vi'), burnSubtitles: true, measure: await captionMeasure(),
      end: { heading: 'H', messages: [], hotline: null, portalUrl: null, issuer: 'I' },
      expressions: situationExpressions(section, 'vi'),
    });
    const scene = plan.segments.find((s) => s.kind === 'scene' && s.number === 1)!;
    if (scene.kind !== 'scene') throw new Error('no scene');
    const my = scene.lines.find((l) => l.characterId !== null && section.characters.find((c) => c.id === l.characterId)?.name === 'Mỷ')!;
    expect(my.expression).toBe('worried');
    const mySlot = scene.cast.findIndex((c) => c.characterId === my.characterId);
    const before = frameState(plan, scene.from + plan.step);
    const during = frameState(plan, my.from + 2 * plan.step);
    const after = frameState(plan, scene.to - 2 * plan.step);
    expect(EXPRESSION_ORDER[before.views.at(-1)!.actors[mySlot]!.x]).toBe('neutral');
    expect(EXPRESSION_ORDER[during.views.at(-1)!.actors[mySlot]!.x]).toBe('worried');
    expect(EXPRESSION_ORDER[after.views.at(-1)!.actors[mySlot]!.x]).toBe('worried');
    // The frame-picture cache keys by the state: a face is part of the key.
    const neutral = { ...during, views: during.views.map((v) => ({ ...v, actors: v.actors.map((a) => ({ ...a, x: 0 })) })) };
    expect(stateKey(neutral)).not.toBe(stateKey(during));
  });
});

describe('poster text and the end card', () => {
  it('describes the poster with the title, issuer, first key message and citation, in the output’s language', () => {
    const alt = posterAltText(material, section, SOURCE_LABELS);
    expect(alt).toContain('Đám cưới của Páo');
    expect(alt).toContain('Cơ quan phát hành: Sở Tư pháp tỉnh Sơn La.');
    expect(alt).toContain('Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi mới được kết hôn.');
    expect(alt).toMatch(/Căn cứ: .*Luật Hôn nhân và gia đình 52\/2014\/QH13/u);
    expect(alt).not.toMatch(/Legal basis|Issued by/u);
  });

  it('holds the end card as long as its messages need to be skimmed (seconds, not half a minute)', () => {
    const timeline = timelineOf(situationLines(section).map(() => speech(1)));
    const endSec = (timeline.end.to - timeline.end.from) / timeline.fps;
    expect(endSec).toBeGreaterThanOrEqual(5);
    expect(endSec).toBeLessThanOrEqual(12);
  });
});

describe('soundtrack', () => {
  /** Silent spans (below −50 dBFS) of at least `minSec`, as ffmpeg's silencedetect reports them. */
  async function silences(file: string, minSec: number, input: string[] = []): Promise<string[]> {
    const result = await runFfmpeg([...input, '-i', file, '-af', `silencedetect=noise=-50dB:d=${minSec}`, '-f', 'null', '-']);
    return result.stderr.split('\n').filter((l) => l.includes('silence_start'));
  }

  it('has no silent span over 2 s: stings under the title, a chime per scene, a pad under voiceless lines and the end card', async () => {
    // Every third line has no voice (a translation read, not heard), and there is no music bed.
    const audio = situationLines(short).map((_, i) => (i % 3 === 2 ? NO_VOICE : speech(1.4)));
    const timeline = timelineOf(audio, short);
    const out = path.join(dir, 'polish.m4a');
    const voices = timeline.scenes.flatMap((s) => s.lines.filter((l) => l.audio.samples).map((l) => ({ startSec: l.from / timeline.fps, samples: l.audio.samples! })));
    const durationSec = timeline.durationInFrames / timeline.fps;
    await renderSoundtrack({ durationSec, voices, music: null, score: videoMusic(timeline) }, out);
    expect(await silences(out, 2)).toEqual([]);
    // The same voices alone leave long gaps (the title, scene changes, voiceless lines, the end card): the check can fail.
    const bare = toInt16(mixVoices({ durationSec, voices, music: null }));
    const raw = path.join(dir, 'voices.s16');
    await writeFile(raw, bare);
    expect((await silences(raw, 2, ['-f', 's16le', '-ar', String(SOUNDTRACK_RATE), '-ac', '1'])).length).toBeGreaterThanOrEqual(2);
    await mkdir(SHOTS, { recursive: true });
    await copyFile(out, path.join(SHOTS, 'soundtrack.m4a'));
  });
});
