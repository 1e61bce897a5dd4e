/**
 * The offline speech engine: espeak-ng compiled to WebAssembly (npm
 * `espeak-ng`, voice data inside), so users install nothing. Vietnamese has
 * three accents (northern, central, southern); gender picks an espeak variant
 * and pitch separates characters.
 *
 * Starting the WASM module costs ~0.1 s (it copies 18 MB of voice data), while
 * speaking is ~500× real time. So lines with the same voice are spoken in one
 * run (in child processes, see ./espeakWorker.mjs), as SSML with a long break between them, and the output is cut at those
 * breaks: espeak writes breaks as digital silence (exact zeros, or ±1 LSB
 * where a variant adds echo or breath), and no line holds seconds of it. If the cut does not give one piece per line, each line is
 * spoken on its own instead.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { type ChildProcess, fork } from 'node:child_process';
import { StudioError } from '../errors.js';
import { encodeWav, parseMonoWav, type Pcm } from '../media/pcm.js';
import { SpeechCache } from './cache.js';
import type { BatchSpeechEngine, SpeechRequest, SpeechResult, VoiceSpec } from './speechEngine.js';
import { appPath } from '../platform/appRoot.js';
import { escapeHtml } from '../text/escapeHtml.js';

/** Bumped when the way text becomes sound changes, so cached lines are re-made. */
const ENGINE_VERSION = 'espeak-ng-wasm-1.0.2/2';

/** Languages the bundled espeak-ng data speaks (its `--voices` list). */
const ESPEAK_VOICES = new Set(
  ('af am an ar as az ba be bg bn bpy bs ca chr-US-Qaaa-x-west cmn cmn-latn-pinyin cs cv cy da de el en-029 en-gb ' +
    'en-gb-scotland en-gb-x-gbclan en-gb-x-gbcwmd en-gb-x-rp en-us en-us-nyc eo es es-419 et eu fa fa-latn fi fr-be ' +
    'fr-ch fr-fr ga gd gn grc gu hak haw he hi hr ht hu hy hyw ia id io is it ja jbo ka kk kl kn ko kok ku ky la lb ' +
    'lfn lt ltg lv mi mk ml mr ms mt mto my nb nci ne nl nog om or pa pap piqd pl pt pt-br py qdb qu quc qya ro ru ' +
    'ru-cl ru-lv sd shn si sjn sk sl smj sq sr sv sw ta te th tk tn tr tt ug uk ur uz vi vi-vn-x-central ' +
    'vi-vn-x-south yue').split(' '),
);

/** Codes people write that espeak names differently. */
const ALIASES: Record<string, string> = { en: 'en-us', fr: 'fr-fr', zh: 'cmn', no: 'nb', vie: 'vi', eng: 'en-us' };

const VIETNAMESE_ACCENTS: Record<NonNullable<VoiceSpec['accent']>, string> = {
  north: 'vi',
  central: 'vi-vn-x-central',
  south: 'vi-vn-x-south',
};

/** espeak-ng voice for a language, or null when the bundled data has none. */
export function espeakVoiceFor(language: string): string | null {
  const code = language.toLowerCase();
  if (ESPEAK_VOICES.has(code)) return code;
  const alias = ALIASES[code];
  if (alias) return alias;
  const base = code.split('-')[0] ?? code;
  if (ESPEAK_VOICES.has(base)) return base;
  return ALIASES[base] ?? null;
}

/** Default speaking rate, words per minute: a little slower than espeak's 175 for listeners new to the topic. */
export const DEFAULT_RATE = 155;

/** Command-line voice arguments for one request. */
export function espeakVoiceArgs(language: string, voice: VoiceSpec): string[] {
  let name = espeakVoiceFor(language);
  if (!name) throw new StudioError('speech.noEngine', { language });
  if (name.startsWith('vi')) name = VIETNAMESE_ACCENTS[voice.accent ?? 'north'];
  // f3 is the clearest female variant; the base voices are male already.
  if (voice.gender === 'female') name += '+f3';
  const pitch = Math.round(Math.min(99, Math.max(0, voice.pitch ?? 50)));
  const rate = Math.round(Math.min(400, Math.max(80, voice.rate ? voice.rate : DEFAULT_RATE)));
  return ['-v', name, '-p', String(pitch), '-s', String(rate)];
}

/** Silence espeak puts between batched lines, and the shortest run of it taken as a cut. */
const BREAK_SECONDS = 5;
const CUT_SECONDS = 4;

/**
 * Child processes running espeak-ng (./espeakWorker.mjs), one per core up to
 * two: speaking is CPU-bound, and the engine has mastering to do. A separate
 * process, not a thread, because espeak-ng is GPL-3.0: it only exchanges
 * text and WAV bytes with the studio over IPC, never shares its memory.
 *
 * Idle children are unref'd, so the pool never keeps the engine alive. They
 * are killed when the engine exits; if the engine is killed outright, each
 * child sees its IPC channel close and exits by itself. A child idle for
 * IDLE_EXIT_MS is stopped: each holds 130–180 MB, and a video speaks its lines
 * in its first seconds, then captures for a minute or more beside Chromium
 * and x264 (the build's peak memory). A later line starts a fresh child.
 */
export const IDLE_EXIT_MS = 3_000;

type Job = { resolve: (wav: Uint8Array) => void; reject: (e: Error) => void };

class EspeakPool {
  private readonly children: ChildProcess[] = [];
  private readonly idle: ChildProcess[] = [];
  private readonly queue: Array<Job & { args: string[]; text: string }> = [];
  /** What each child is speaking now (one message at a time). */
  private readonly busy = new Map<ChildProcess, Job & { id: number }>();
  private nextId = 0;
  private readonly idleTimers = new Map<ChildProcess, NodeJS.Timeout>();

  constructor(private readonly size: number) {
    process.once('exit', () => {
      for (const child of this.children) child.kill();
    });
  }

  /** The process ids of the running espeak children (for tests and diagnostics). */
  pids(): number[] {
    return this.children.map((c) => c.pid).filter((pid): pid is number => pid !== undefined);
  }

  run(args: string[], text: string): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
      this.queue.push({ args, text, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const child = this.idle.pop() ?? (this.children.length < this.size ? this.spawn() : null);
      if (!child) return;
      clearTimeout(this.idleTimers.get(child));
      this.idleTimers.delete(child);
      const job = this.queue.shift()!;
      const id = this.nextId++;
      this.busy.set(child, { id, resolve: job.resolve, reject: job.reject });
      // Busy children keep the engine alive until they answer; idle ones do not.
      setReferenced(child, true);
      child.send({ id, args: job.args, text: job.text });
    }
  }

  private spawn(): ChildProcess {
    // No execArgv: the child is plain JavaScript and needs none of the parent's loaders.
    const child = fork(appPath('engine', 'speech', 'espeakWorker.mjs'), [], {
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.on('message', (msg: { id: number; wav?: Uint8Array; error?: string }) => {
      const job = this.busy.get(child);
      if (!job || job.id !== msg.id) return;
      this.busy.delete(child);
      if (msg.wav) job.resolve(msg.wav);
      else job.reject(new Error(msg.error ?? 'espeak-ng failed'));
      setReferenced(child, false);
      this.idle.push(child);
      this.pump();
      if (this.idle.includes(child)) this.retireWhenIdle(child);
    });
    const lost = (err: Error) => {
      // A crashed child fails what it was doing; the pool starts a fresh one for the rest.
      if (!this.forget(child)) return;
      this.busy.get(child)?.reject(err);
      this.busy.delete(child);
      this.pump();
    };
    child.on('error', lost);
    child.on('exit', (code, sig) => lost(new Error(`espeak-ng process ended (${sig ?? code})`)));
    setReferenced(child, false);
    this.children.push(child);
    return child;
  }

  /** Stops `child` if it is still idle IDLE_EXIT_MS from now. */
  private retireWhenIdle(child: ChildProcess): void {
    const timer = setTimeout(() => {
      this.idleTimers.delete(child);
      if (!this.idle.includes(child)) return;
      this.forget(child);
      child.kill();
    }, IDLE_EXIT_MS);
    timer.unref();
    this.idleTimers.set(child, timer);
  }

  /** Removes `child` from the pool; false when it was no longer in it. */
  private forget(child: ChildProcess): boolean {
    const at = this.children.indexOf(child);
    if (at < 0) return false;
    this.children.splice(at, 1);
    const idleAt = this.idle.indexOf(child);
    if (idleAt >= 0) this.idle.splice(idleAt, 1);
    clearTimeout(this.idleTimers.get(child));
    this.idleTimers.delete(child);
    return true;
  }
}

/** A child (and its IPC channel, which Node refs separately) keeps the parent alive only while referenced. */
function setReferenced(child: ChildProcess, on: boolean): void {
  const channel = (child as ChildProcess & { channel?: { ref(): void; unref(): void } | null }).channel;
  if (on) {
    child.ref();
    channel?.ref();
  } else {
    child.unref();
    channel?.unref();
  }
}

let pool: EspeakPool | null = null;

/** The process ids of the espeak-ng children running now (empty before the first line is spoken). */
export function espeakProcessIds(): number[] {
  return pool?.pids() ?? [];
}

/** One run of the espeak-ng CLI on `text` (plain or SSML); returns its PCM. */
async function runEspeak(voiceArgs: string[], text: string, ssml: boolean): Promise<Pcm> {
  pool ??= new EspeakPool(Math.max(1, Math.min(2, availableParallelism())));
  let wav: Uint8Array;
  try {
    wav = await pool.run([...voiceArgs, ...(ssml ? ['-m'] : [])], text);
  } catch (err) {
    throw new StudioError('speech.engineFailed', { engine: 'espeak-ng' }, { cause: err });
  }
  const pcm = parseMonoWav(wav);
  if (!pcm) throw new StudioError('speech.engineFailed', { engine: 'espeak-ng' }, { cause: new Error('espeak wrote no mono WAV') });
  return pcm;
}


/** True when a line has something to pronounce (letters or digits). */
function speakable(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/** Digital silence in espeak's output: zero, or the ±1 LSB residue of a variant's echo. */
const SILENT = 2;
const silent = (v: number) => v <= SILENT && v >= -SILENT;

/** Start and end (exclusive) of the sounding part of `samples[from, to)`. */
function trimZeros(samples: Int16Array, from: number, to: number): [number, number] {
  let a = from;
  let b = to;
  while (a < b && silent(samples[a]!)) a++;
  while (b > a && silent(samples[b - 1]!)) b--;
  return [a, b];
}

/** Cuts one batch's PCM at runs of digital silence ≥ CUT_SECONDS; null unless there are exactly `count` pieces. */
export function cutAtBreaks(pcm: Pcm, count: number): Array<[number, number]> | null {
  const minRun = Math.round(CUT_SECONDS * pcm.sampleRate);
  const s = pcm.samples;
  const pieces: Array<[number, number]> = [];
  let pieceStart = 0;
  let zeroStart = -1;
  for (let i = 0; i <= s.length; i++) {
    const zero = i < s.length && silent(s[i]!);
    if (zero) {
      if (zeroStart < 0) zeroStart = i;
      continue;
    }
    if (zeroStart >= 0 && i - zeroStart >= minRun && i < s.length) {
      pieces.push(trimZeros(s, pieceStart, zeroStart));
      pieceStart = i;
    }
    zeroStart = -1;
  }
  pieces.push(trimZeros(s, pieceStart, s.length));
  return pieces.length === count ? pieces : null;
}

export interface EspeakEngineOptions {
  /** Where synthesised lines are kept (and looked up before synthesising). */
  cacheDir: string;
  /** Lines per espeak run; bigger batches amortise the WASM start. */
  batchSize?: number;
}

export class EspeakEngine implements BatchSpeechEngine {
  readonly id = 'espeak-ng';
  private readonly cache: SpeechCache;
  private readonly batchSize: number;

  constructor(options: EspeakEngineOptions) {
    this.cache = new SpeechCache(options.cacheDir);
    this.batchSize = options.batchSize ?? 25;
  }

  supports(language: string): boolean {
    return espeakVoiceFor(language) !== null;
  }

  async synthesize(request: SpeechRequest, signal?: AbortSignal): Promise<SpeechResult> {
    const [result] = await this.synthesizeMany([request], signal);
    return result!;
  }

  async synthesizeMany(requests: SpeechRequest[], signal?: AbortSignal): Promise<SpeechResult[]> {
    const results: Array<SpeechResult | null> = requests.map(() => null);
    // Group what is not cached yet by voice; each group is spoken in batches.
    const groups = new Map<string, { args: string[]; items: Array<{ index: number; file: string }> }>();
    for (const [index, request] of requests.entries()) {
      const args = espeakVoiceArgs(request.language, request.voice);
      const file = this.cache.pathFor(`${ENGINE_VERSION} ${args.join(' ')}`, request);
      if (this.cache.has(file)) {
        results[index] = await this.resultFromFile(file);
        continue;
      }
      if (!speakable(request.text)) {
        await this.cache.put(file, encodeWav({ sampleRate: 22050, samples: new Int16Array(0) }));
        results[index] = { wavPath: file, durationSec: 0, engine: this.id };
        continue;
      }
      const key = args.join(' ');
      const group = groups.get(key) ?? { args, items: [] };
      group.items.push({ index, file });
      groups.set(key, group);
    }
    // All batches at once: the pool runs as many as it has processes and queues the rest.
    const batches: Array<Promise<void>> = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.items.length; i += this.batchSize) {
        const batch = group.items.slice(i, i + this.batchSize);
        const texts = batch.map((item) => requests[item.index]!.text);
        batches.push(
          this.speakBatch(group.args, texts, signal).then(async (pcms) => {
            for (const [k, pcm] of pcms.entries()) {
              const item = batch[k]!;
              await this.cache.put(item.file, encodeWav(pcm));
              results[item.index] = { wavPath: item.file, durationSec: pcm.samples.length / pcm.sampleRate, engine: this.id };
            }
          }),
        );
      }
    }
    const settled = await Promise.allSettled(batches);
    signal?.throwIfAborted();
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return results.map((r) => r!);
  }

  private async speakBatch(args: string[], texts: string[], signal?: AbortSignal): Promise<Pcm[]> {
    signal?.throwIfAborted();
    if (texts.length > 1) {
      const ssml = `<speak>${texts.map(escapeHtml).join(`<break time="${BREAK_SECONDS}s"/>`)}</speak>`;
      const pcm = await runEspeak(args, ssml, true);
      const cuts = cutAtBreaks(pcm, texts.length);
      if (cuts) return cuts.map(([a, b]) => ({ sampleRate: pcm.sampleRate, samples: pcm.samples.slice(a, b) }));
    }
    const out: Pcm[] = [];
    for (const text of texts) {
      signal?.throwIfAborted();
      const pcm = await runEspeak(args, text, false);
      const [a, b] = trimZeros(pcm.samples, 0, pcm.samples.length);
      out.push({ sampleRate: pcm.sampleRate, samples: pcm.samples.slice(a, b) });
    }
    return out;
  }

  private async resultFromFile(file: string): Promise<SpeechResult> {
    const pcm = parseMonoWav(await readFile(file));
    return { wavPath: file, durationSec: pcm ? pcm.samples.length / pcm.sampleRate : 0, engine: this.id };
  }
}
