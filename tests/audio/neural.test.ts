/**
 * Offline neural voices through the real sherpa-onnx runtime, with a tiny
 * model the test builds (tests/helpers/tinyVoiceModel.ts): a Piper-style
 * VITS model whose audio is SAMPLES_PER_TOKEN samples per token, so every
 * length below is known exactly.
 */
import { normalizeForSpeech } from '../../engine/speech/normalize/index.js';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, rmSync, cpSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import { StudioError } from '../../engine/errors.js';
import { audiobookFormat } from '../../engine/formats/audiobook/index.js';
import { buildScript } from '../../engine/formats/audiobook/script.js';
import { linesAudio, SOUNDTRACK_RATE } from '../../engine/formats/video/lineAudio.js';
import { voicesFor, sceneSets } from '../../engine/formats/video/staging.js';
import { buildTimeline, DEFAULT_TIMING, situationLines } from '../../engine/formats/video/timeline.js';
import { parseMonoWav } from '../../engine/media/pcm.js';
import type { SituationSection } from '../../engine/model/material.js';
import { EspeakEngine } from '../../engine/speech/espeak.js';
import { NeuralSpeechEngine, parseNeuralVoice, speedFor } from '../../engine/speech/neural/neuralEngine.js';
import { SherpaProcess } from '../../engine/speech/neural/sherpaProcess.js';
import { neuralVoiceFor } from '../../engine/speech/neural/voiceChoice.js';
import { addVoice, findVoice, listVoices, removeVoice, sherpaVoiceOf, type VoiceRecord } from '../../engine/speech/neural/voiceLibrary.js';
import { SpeechRegistry, speechEnginesFromSettings } from '../../engine/speech/registry.js';
import type { SpeechRequest } from '../../engine/speech/speechEngine.js';
import { runCli } from '../helpers/cli.js';
import { SAMPLES_PER_TOKEN, TINY_SAMPLE_RATE, tinyModelBytes, writeTinyVoice } from '../helpers/tinyVoiceModel.js';
import { audioContext, sampleMaterial, tempDir } from './helpers.js';

const tmp = tempDir('neural');
const sherpa = new SherpaProcess();
afterAll(() => {
  sherpa.close();
  tmp.remove();
});

/**
 * How many tokens sherpa-onnx's character frontend makes of a text (its
 * ConvertTextToTokenIds without blanks): each sentence is a leading id 0,
 * one id per character tokens.txt knows (ASCII letters lower-cased), and an
 * id 0 after a sentence end (. : ? !); a last sentence with no character is
 * dropped.
 */
function tokensOf(text: string): number {
  const known = new Set(readFileSync(path.join(tmp.dir, 'source', 'tokens.txt'), 'utf8').split('\n').map((l) => [...l][0]));
  let total = 0;
  let sentence = 1;
  for (const c of text.replace(/[A-Z]/g, (ch) => ch.toLowerCase())) {
    if (known.has(c)) sentence++;
    if ('.:?!'.includes(c)) {
      total += sentence + 1;
      sentence = 1;
    }
  }
  return total + (sentence > 1 ? sentence : 0);
}

const vi = (text: string, neural?: string): SpeechRequest => ({ text, language: 'vi', voice: { accent: 'north', ...(neural ? { neural } : {}) } });

let source: string;
let voicesDir: string;
let tiny: VoiceRecord;

beforeAll(async () => {
  source = await writeTinyVoice(path.join(tmp.dir, 'source'));
  voicesDir = path.join(tmp.dir, 'library', 'voices');
  tiny = await addVoice(voicesDir, source, { name: 'Tiny', language: 'vi', sherpa });
});

describe('the tiny model in sherpa-onnx', () => {
  it('loads with the Piper signature and reports its metadata', async () => {
    expect(await sherpa.load(sherpaVoiceOf(voicesDir, tiny))).toEqual({ sampleRate: TINY_SAMPLE_RATE, numSpeakers: 1 });
  });

  it('speaks SAMPLES_PER_TOKEN samples per token, deterministically', async () => {
    const voice = sherpaVoiceOf(voicesDir, tiny);
    const text = 'Xin chào bà con bản Nà Hạ';
    const a = await sherpa.speak(voice, text, { sid: 0, speed: 1 });
    const b = await sherpa.speak(voice, text, { sid: 0, speed: 1 });
    expect(a.sampleRate).toBe(TINY_SAMPLE_RATE);
    expect(a.samples.length).toBe(tokensOf(text) * SAMPLES_PER_TOKEN);
    expect(Array.from(b.samples)).toEqual(Array.from(a.samples));
    // Not silence: the tone's loudness follows the token ids.
    expect(Math.max(...a.samples.map(Math.abs))).toBeGreaterThan(0.1);
  });
});

describe('voices library', () => {
  it('keeps a record with id, name, language, model type, sample rate, licence and checksum', async () => {
    expect(tiny).toMatchObject({ id: 'tiny', name: 'Tiny', language: 'vi', modelType: 'vits', sampleRate: TINY_SAMPLE_RATE, numSpeakers: 1 });
    expect(tiny.licence).toContain('License: MIT');
    const model = path.join(voicesDir, 'tiny', tiny.files.model);
    expect(tiny.checksum).toBe(createHash('sha256').update(readFileSync(model)).digest('hex'));
    expect(readFileSync(model).equals(Buffer.from(tinyModelBytes()))).toBe(true);
    expect(readdirSync(path.join(voicesDir, 'tiny')).sort()).toEqual(['LICENCE.txt', 'model.onnx', 'tokens.txt', 'voice.json']);
    expect(await listVoices(voicesDir)).toEqual([tiny]);
    expect(await findVoice(voicesDir, '../tiny')).toBeNull();
  });

  it('adds from a .tar.bz2 archive holding one folder, as sherpa-onnx releases voices', async () => {
    const archive = path.join(tmp.dir, 'vits-piper-vi_VN-tiny.tar.bz2');
    const staging = path.join(tmp.dir, 'staging');
    cpSync(source, path.join(staging, 'vits-piper-vi_VN-tiny'), { recursive: true });
    execFileSync('tar', ['-cjf', archive, '-C', staging, 'vits-piper-vi_VN-tiny']);
    const dir = path.join(tmp.dir, 'archive-library');
    const record = await addVoice(dir, archive, { name: 'Từ tệp nén', language: 'vi', sherpa });
    expect(record).toMatchObject({ id: 'tu_tep_nen', sampleRate: TINY_SAMPLE_RATE, checksum: tiny.checksum });
    expect(readdirSync(dir)).toEqual(['tu_tep_nen']);
  });

  it('refuses a second voice of the same name, a folder without tokens.txt and a missing source', async () => {
    await expect(addVoice(voicesDir, source, { name: 'tiny', language: 'vi', sherpa })).rejects.toMatchObject({ code: 'voice.exists' });
    const noTokens = path.join(tmp.dir, 'no-tokens');
    cpSync(source, noTokens, { recursive: true });
    rmSync(path.join(noTokens, 'tokens.txt'));
    await expect(addVoice(voicesDir, noTokens, { name: 'x', language: 'vi', sherpa })).rejects.toMatchObject({ code: 'voice.noTokens' });
    await expect(addVoice(voicesDir, path.join(tmp.dir, 'nowhere'), { name: 'y', language: 'vi', sherpa })).rejects.toMatchObject({ code: 'voice.sourceNotFound' });
    expect(readdirSync(voicesDir)).toEqual(['tiny']);
  });

  it('refuses a corrupt model with a clear message, keeps nothing, and the runtime survives', async () => {
    const corrupt = path.join(tmp.dir, 'corrupt');
    cpSync(source, corrupt, { recursive: true });
    writeFileSync(path.join(corrupt, 'vi_VN-tiny-test.onnx'), Buffer.from('this is not an onnx model'.repeat(40)));
    const failure = await addVoice(voicesDir, corrupt, { name: 'Hỏng', language: 'vi', sherpa }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StudioError);
    expect((failure as StudioError).code).toBe('voice.unloadable');
    expect((failure as StudioError).params['name']).toBe('Hỏng');
    // sherpa-onnx's reason, without the temp folder it was loaded from.
    expect(String((failure as StudioError).params['detail'])).toMatch(/model\.onnx/);
    expect(String((failure as StudioError).params['detail'])).not.toContain(voicesDir);
    expect(readdirSync(voicesDir)).toEqual(['tiny']);
    // The same child (or its replacement) still speaks the good voice.
    const after = await sherpa.speak(sherpaVoiceOf(voicesDir, tiny), 'vẫn đọc được', { sid: 0, speed: 1 });
    expect(after.samples.length).toBe(tokensOf('vẫn đọc được') * SAMPLES_PER_TOKEN);
  });

  it('removes a voice, and says so when there was none', async () => {
    const dir = path.join(tmp.dir, 'remove-library');
    expect((await addVoice(dir, source, { name: 'Bỏ đi', language: 'vi', sherpa })).id).toBe('bo_di');
    expect(await removeVoice(dir, 'bo_di')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
    expect(await removeVoice(dir, 'bo_di')).toBe(false);
  });
});

describe('neural speech engine', () => {
  const engineWith = (args: { voices?: VoiceRecord[]; dir?: string; warnings?: Diagnostic[]; cache: string }) =>
    new NeuralSpeechEngine({
      voicesDir: args.dir ?? voicesDir,
      voices: args.voices ?? [tiny],
      cacheDir: path.join(tmp.dir, args.cache),
      fallbacks: [new EspeakEngine({ cacheDir: path.join(tmp.dir, `${args.cache}-espeak`) })],
      warn: (d) => args.warnings?.push(d),
      sherpa,
    });

  it('speaks a line at the model\'s sample rate, its length proportional to the text', async () => {
    const engine = engineWith({ cache: 'cache-length' });
    const short = 'Điều 8 khoản 2';
    const long = `${short}, ${short}, ${short}`;
    const [a, b] = await engine.synthesizeMany([vi(short, 'tiny'), vi(long, 'tiny')]);
    for (const [result, text] of [[a!, short], [b!, long]] as const) {
      expect(result.engine).toBe('sherpa-onnx:tiny');
      const pcm = parseMonoWav(readFileSync(result.wavPath))!;
      expect(pcm.sampleRate).toBe(TINY_SAMPLE_RATE);
      expect(pcm.samples.length).toBe(tokensOf(text) * SAMPLES_PER_TOKEN);
      expect(result.durationSec).toBeCloseTo((tokensOf(text) * SAMPLES_PER_TOKEN) / TINY_SAMPLE_RATE, 9);
    }
    expect(b!.durationSec / a!.durationSec).toBeCloseTo(tokensOf(long) / tokensOf(short), 9);
  });

  it('answers a repeated line from the cache without running the model', async () => {
    const engine = engineWith({ cache: 'cache-repeat' });
    const first = await engine.synthesize(vi('Mỷ mười sáu tuổi', 'tiny'));
    const written = statSync(first.wavPath).mtimeMs;
    expect(engine.stats).toEqual({ synthesized: 1, cached: 0, fellBack: 0 });
    const again = await engineWith({ cache: 'cache-repeat' }).synthesize(vi('Mỷ mười sáu tuổi', 'tiny'));
    expect(again).toEqual(first);
    expect(statSync(first.wavPath).mtimeMs).toBe(written);
    const second = await engine.synthesize(vi('Mỷ mười sáu tuổi', 'tiny'));
    expect(second.wavPath).toBe(first.wavPath);
    expect(engine.stats).toEqual({ synthesized: 1, cached: 1, fellBack: 0 });
  });

  it('falls back to espeak-ng with one warning when the chosen voice is not in the library', async () => {
    const warnings: Diagnostic[] = [];
    const engine = engineWith({ cache: 'cache-missing', warnings });
    const results = await engine.synthesizeMany([vi('Chào bác', 'khong-co'), vi('Chào cháu', 'khong-co'), vi('Chào chị')]);
    expect(results.map((r) => r.engine)).toEqual(['espeak-ng', 'espeak-ng', 'espeak-ng']);
    for (const r of results) expect(r.durationSec).toBeGreaterThan(0.2);
    expect(warnings).toEqual([{ severity: 'warning', code: 'speech.neuralVoiceMissing', params: { voice: 'khong-co' } }]);
  });

  it('falls back to espeak-ng with a clear warning, never a crash, when the stored model is broken', async () => {
    const dir = path.join(tmp.dir, 'broken-library');
    const broken = await addVoice(dir, source, { name: 'Broken', language: 'vi', sherpa });
    writeFileSync(path.join(dir, 'broken', 'model.onnx'), Buffer.alloc(4096, 7));
    const warnings: Diagnostic[] = [];
    const engine = engineWith({ dir, voices: [broken], cache: 'cache-broken', warnings });
    const results = await engine.synthesizeMany([vi('Câu một', 'broken'), vi('Câu hai', 'broken')]);
    expect(results.map((r) => r.engine)).toEqual(['espeak-ng', 'espeak-ng']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', code: 'speech.neuralVoiceFailed', params: { voice: 'Broken' } });
    expect(String(warnings[0]!.params!['detail']).length).toBeGreaterThan(0);
    expect(engine.stats.fellBack).toBe(2);
  });

  it('speaks a language only a neural voice knows, without a choice per line', async () => {
    const dir = path.join(tmp.dir, 'minority-library');
    const hmong = await addVoice(dir, source, { name: 'Hmông', language: 'hnj', sherpa });
    const engine = engineWith({ dir, voices: [hmong], cache: 'cache-hnj' });
    expect(new EspeakEngine({ cacheDir: tmp.dir }).supports('hnj')).toBe(false);
    expect(engine.supports('hnj')).toBe(true);
    const result = await engine.synthesize({ text: 'nyob zoo', language: 'hnj', voice: {} });
    expect(result.engine).toBe('sherpa-onnx:hmong');
    // A Vietnamese line asking for that voice is not its language: espeak-ng speaks it.
    expect((await engine.synthesize(vi('xin chào', 'hmong'))).engine).toBe('espeak-ng');
  });

  it('maps choices and rates', () => {
    expect(parseNeuralVoice('ngoc#3')).toEqual({ id: 'ngoc', speaker: 3 });
    expect(parseNeuralVoice('ngoc')).toEqual({ id: 'ngoc', speaker: 0 });
    expect([speedFor(undefined), speedFor(150), speedFor(138), speedFor(1000)]).toEqual([1, 1, 0.92, 2]);
  });
});

describe('per character and per narrator, in the video and the audiobook', () => {
  const settings = {
    speech: { voices: { narrator: 'tiny', characters: { 'Chị Hoa': 'tiny', 'elder-man': 'khong-co' } } },
  };

  it('chooses by character name, id or archetype, and the narrator', () => {
    expect(neuralVoiceFor(settings, 'narrator')).toEqual({ neural: 'tiny' });
    expect(neuralVoiceFor(settings, { role: 'character', id: 'x', name: 'Chị Hoa', archetype: 'official-woman' })).toEqual({ neural: 'tiny' });
    expect(neuralVoiceFor(settings, { role: 'character', id: 'y', name: 'Bố Páo', archetype: 'elder-man' })).toEqual({ neural: 'khong-co' });
    expect(neuralVoiceFor(settings, { role: 'character', id: 'z', name: 'Páo', archetype: 'young-man' })).toEqual({});
    expect(neuralVoiceFor({}, 'narrator')).toEqual({});
  });

  it('puts the neural engine first only when the library has voices', () => {
    const cacheDir = path.join(tmp.dir, 'cache-registry');
    expect(speechEnginesFromSettings({}, { cacheDir, voicesDir: path.join(tmp.dir, 'empty') }).map((e) => e.id)).toEqual(['espeak-ng']);
    expect(speechEnginesFromSettings({}, { cacheDir, voicesDir }).map((e) => e.id)).toEqual(['sherpa-onnx', 'espeak-ng']);
  });

  it('times the video\'s lines by the neural voice, the others by espeak-ng, with a warning for the missing voice', async () => {
    const material = sampleMaterial();
    const section = material.sections.find((s): s is SituationSection => s.kind === 'situation')!;
    const warnings: Diagnostic[] = [];
    const registry = new SpeechRegistry(speechEnginesFromSettings(settings, { cacheDir: path.join(tmp.dir, 'cache-video'), voicesDir, warn: (d) => warnings.push(d) }));
    const voices = voicesFor(section, settings);
    const lines = situationLines(section);
    const audio = await linesAudio(
      lines.map((l) => ({ unitId: l.unit.id, text: l.unit.text, voice: voices.get(l.characterId) ?? {} })),
      'vi', { clips: null, engineFor: (language) => registry.engineFor(language) },
    );
    const names = new Map(section.characters.map((c) => [c.id, c]));
    for (const [i, line] of lines.entries()) {
      const who = names.get(line.characterId)!;
      const neural = who.role === 'narrator' || who.name === 'Chị Hoa';
      expect(audio[i]!.engine).toBe(neural ? 'sherpa-onnx:tiny' : 'espeak-ng');
      if (neural) {
        // linesAudio resamples to the soundtrack and trims the silent first and last tokens (id 0), keeping 30 ms each side.
        // The registry reads the normalised words ("18" → "mười tám"), so those are the tokens the model hears.
        const spoken = (tokensOf(normalizeForSpeech(line.unit.text, { language: 'vi' })) * SAMPLES_PER_TOKEN) / TINY_SAMPLE_RATE;
        expect(audio[i]!.durationSec).toBeLessThanOrEqual(spoken + 0.06 + 1 / SOUNDTRACK_RATE);
        expect(audio[i]!.durationSec).toBeGreaterThan(spoken - (2 * SAMPLES_PER_TOKEN) / TINY_SAMPLE_RATE);
      }
    }
    expect(warnings).toEqual([{ severity: 'warning', code: 'speech.neuralVoiceMissing', params: { voice: 'khong-co' } }]);
    const timeline = buildTimeline({
      section, sets: sceneSets(section, () => {}), audio,
      narratorIds: new Set(section.characters.filter((c) => c.role === 'narrator').map((c) => c.id)), endTexts: [],
    });
    const t = DEFAULT_TIMING;
    const snap = (sec: number) => Math.ceil((sec * t.fps) / t.step - 1e-9) * t.step;
    const timed = timeline.scenes.flatMap((s) => s.lines);
    expect(timed).toHaveLength(lines.length);
    for (const [i, line] of timed.entries()) {
      expect(line.to - line.from).toBe(Math.max(t.step, snap(audio[i]!.durationSec + t.holdSec)));
    }
  });

  it('reads the audiobook\'s narrator lines with the neural voice, each line timed by its own audio', async () => {
    const material = sampleMaterial();
    const registry = new SpeechRegistry(speechEnginesFromSettings(settings, { cacheDir: path.join(tmp.dir, 'cache-book'), voicesDir }));
    const parts = buildScript(material, {
      language: 'vi',
      voices: { accent: 'north', rate: 0, neural: (speaker) => neuralVoiceFor(settings, speaker) },
      canSynthesize: true,
      speakerNames: false,
      clips: null,
    });
    const lines = parts.flatMap((p) => p.lines).slice(0, 12);
    expect(lines.every((l) => l.voice.neural === 'tiny')).toBe(true);
    const spoken = await registry.speak(lines.map((l) => ({ target: l.target, text: l.text, language: 'vi', voice: l.voice })));
    for (const [i, line] of spoken.entries()) {
      expect(line.source).toBe('sherpa-onnx:tiny');
      const pcm = parseMonoWav(readFileSync(line.wavPath))!;
      expect(pcm.sampleRate).toBe(TINY_SAMPLE_RATE);
      expect(line.durationSec).toBe(pcm.samples.length / TINY_SAMPLE_RATE);
      expect(line.durationSec).toBeGreaterThan(0);
      expect(pcm.samples.length % SAMPLES_PER_TOKEN).toBe(0);
      expect(lines[i]!.text.length).toBeGreaterThan(0);
    }
  });
});

describe('audiobook build with a neural narrator', () => {
  it('builds, and warns once through the build about a character\'s missing voice', async () => {
    const ctx = audioContext({
      // The sample's plan leaves out the situation; its chapter is where Chị Hoa speaks.
      material: sampleMaterial((t) => t.replace('Chương 4: Hỏi đáp', 'Chương 4: Hỏi đáp\nChương 5: Đám cưới của Páo')),
      outDir: path.join(tmp.dir, 'book-out'),
      settings: { voicesDir, audiobook: { cover: false }, speech: { voices: { narrator: 'tiny', characters: { 'Chị Hoa': 'khong-co' } } } },
    });
    const entries = await audiobookFormat.build(ctx);
    const m4b = entries.find((e) => e.variant === 'm4b')!;
    expect(m4b.durationSec).toBeGreaterThan(10);
    expect(ctx.warnings.filter((w) => w.code.startsWith('speech.'))).toEqual([
      { severity: 'warning', code: 'speech.neuralVoiceMissing', params: { voice: 'khong-co' } },
    ]);
  }, 900_000);
});

describe('luat-studio voices', () => {
  it('adds, lists and removes a voice; a corrupt model is a clear error', () => {
    const library = path.join(tmp.dir, 'cli-library');
    const en = { LUAT_STUDIO_LOCALE: 'en' };
    const add = runCli(['--library', library, 'voices', 'add', source, '--name', 'Ngọc Huyền', '--lang', 'vi'], en);
    expect(add.stderr).toBe('');
    expect(add.status).toBe(0);
    expect(add.stdout).toContain(`Added voice ngoc_huyen (Ngọc Huyền, vi, vits, ${TINY_SAMPLE_RATE} Hz).`);
    expect(add.stdout).toContain('License: MIT');
    expect(existsSync(path.join(library, 'voices', 'ngoc_huyen', 'model.onnx'))).toBe(true);

    const list = runCli(['--library', library, 'voices', 'list', '--json'], en);
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: 'ngoc_huyen', name: 'Ngọc Huyền', sampleRate: TINY_SAMPLE_RATE })]);

    const corrupt = path.join(tmp.dir, 'cli-corrupt');
    cpSync(source, corrupt, { recursive: true });
    writeFileSync(path.join(corrupt, 'vi_VN-tiny-test.onnx'), Buffer.alloc(1000, 1));
    const bad = runCli(['--library', library, 'voices', 'add', corrupt, '--name', 'Hỏng', '--lang', 'vi']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('Không nạp được giọng đọc Hỏng');
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    const removed = runCli(['--library', library, 'voices', 'remove', 'ngoc_huyen'], en);
    expect(removed.status).toBe(0);
    const again = runCli(['--library', library, 'voices', 'remove', 'ngoc_huyen'], en);
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('No voice ngoc_huyen in the library');
    expect(readdirSync(path.join(library, 'voices'))).toEqual([]);
    // Each run starts the whole CLI, which takes half a minute on a busy machine.
  }, 900_000);
});
