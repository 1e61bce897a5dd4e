/**
 * Neural voices the user added once, kept in the library so every build
 * after that runs offline:
 *
 *   <library>/voices/<id>/voice.json      the record (VoiceRecord below)
 *   <library>/voices/<id>/model files     as the model type needs them
 *
 * A voice is added from a folder or an archive as sherpa-onnx's releases
 * ship them (model .onnx, tokens.txt, and espeak-ng-data or lexicon.txt;
 * Kokoro adds voices.bin). Adding copies into a temp folder, loads the model
 * once in sherpa-onnx to prove it works and to read its sample rate, then
 * renames the folder into place: a voice is either fully there or absent.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { StudioError } from '../../errors.js';
import { writeFileDurably } from '../../fs/durable.js';
import { safeSegment } from '../../store/fileNames.js';
import { describeFailure, SherpaProcess, type SherpaVoice } from './sherpaProcess.js';

export const VoiceRecord = z.object({
  id: z.string(),
  name: z.string(),
  /** ISO 639 code of what the voice speaks: vi, en … */
  language: z.string(),
  modelType: z.enum(['vits', 'kokoro']),
  sampleRate: z.number().int().positive(),
  numSpeakers: z.number().int().nonnegative(),
  /** Paths relative to the voice folder. */
  files: z.object({
    model: z.string(),
    tokens: z.string(),
    lexicon: z.string().optional(),
    dataDir: z.string().optional(),
    voices: z.string().optional(),
  }),
  /** The licence or model card shipped with the voice, verbatim (shortened), or null. */
  licence: z.string().nullable(),
  /** sha256 of the model file: cached lines are keyed by it, so a replaced model re-speaks. */
  checksum: z.string(),
  addedAt: z.string(),
});
export type VoiceRecord = z.infer<typeof VoiceRecord>;

const RECORD_FILE = 'voice.json';
const LICENCE_FILES = /^(licen[cs]e|copying|model_card|readme)(\.(txt|md))?$/i;
const LICENCE_MAX_CHARS = 20_000;
const ARCHIVE = /\.(tar\.bz2|tbz2?|tar\.gz|tgz|tar\.xz|txz|tar)$/i;

/** The voices folder of a library folder. */
export function voicesDirOf(libraryDir: string): string {
  return path.join(libraryDir, 'voices');
}

/** The sherpa-onnx configuration that loads a stored voice. */
export function sherpaVoiceOf(voicesDir: string, record: VoiceRecord): SherpaVoice {
  const dir = path.join(voicesDir, record.id);
  const at = (file: string | undefined) => (file === undefined ? undefined : path.join(dir, file));
  const common = { numThreads: 1, debug: 0, provider: 'cpu' as const };
  const optional = <T extends Record<string, string | undefined>>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: string };
  const model = record.modelType === 'kokoro'
    ? { kokoro: { model: at(record.files.model)!, voices: at(record.files.voices)!, tokens: at(record.files.tokens)!, ...optional({ dataDir: at(record.files.dataDir), lexicon: at(record.files.lexicon) }) }, ...common }
    : { vits: { model: at(record.files.model)!, tokens: at(record.files.tokens)!, ...optional({ dataDir: at(record.files.dataDir), lexicon: at(record.files.lexicon) }) }, ...common };
  // silenceScale 1 keeps the voice's own pauses; one sentence per run bounds memory on long lines.
  return { key: `${dir}#${record.checksum}`, config: { model, maxNumSentences: 1, silenceScale: 1 } };
}

export async function listVoices(voicesDir: string): Promise<VoiceRecord[]> {
  let names: string[];
  try {
    names = await readdir(voicesDir);
  } catch {
    return [];
  }
  const records: VoiceRecord[] = [];
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue;
    const record = await readRecord(path.join(voicesDir, name));
    if (record) records.push(record);
  }
  return records;
}

/** The same list, read synchronously: engines are set up synchronously when a build starts (a few small files). */
export function listVoicesSync(voicesDir: string): VoiceRecord[] {
  let names: string[];
  try {
    names = readdirSync(voicesDir);
  } catch {
    return [];
  }
  return names
    .sort()
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => {
      try {
        const parsed = VoiceRecord.safeParse(JSON.parse(readFileSync(path.join(voicesDir, name, RECORD_FILE), 'utf8')));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return [];
      }
    });
}

export async function findVoice(voicesDir: string, id: string): Promise<VoiceRecord | null> {
  if (safeSegment(id) !== id) return null;
  return readRecord(path.join(voicesDir, id));
}

async function readRecord(dir: string): Promise<VoiceRecord | null> {
  try {
    const parsed = VoiceRecord.safeParse(JSON.parse(await readFile(path.join(dir, RECORD_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface AddVoiceOptions {
  name: string;
  language: string;
  /** A running sherpa-onnx child to probe the model with; one is started (and closed) when absent. */
  sherpa?: SherpaProcess;
}

/** Copies a voice from a folder or archive into the library; throws a StudioError a user can act on. */
export async function addVoice(voicesDir: string, source: string, options: AddVoiceOptions): Promise<VoiceRecord> {
  // đ has no decomposition, so safeSegment alone would make it '_'.
  const id = safeSegment(options.name.trim().toLowerCase().replace(/đ/g, 'd'));
  if (!options.name.trim()) throw new StudioError('voice.noName');
  if (await findVoice(voicesDir, id)) throw new StudioError('voice.exists', { name: id });
  const sourceStat = await stat(source).catch(() => null);
  if (!sourceStat) throw new StudioError('voice.sourceNotFound', { source });
  await mkdir(voicesDir, { recursive: true });
  const work = await mkdtemp(path.join(voicesDir, `.${id}-`));
  const sherpa = options.sherpa ?? new SherpaProcess();
  try {
    let folder = source;
    if (!sourceStat.isDirectory()) {
      if (!ARCHIVE.test(source)) throw new StudioError('voice.notAFolderOrArchive', { source });
      folder = path.join(work, 'unpacked');
      await unpack(source, folder);
    }
    const found = await modelFiles(await singleTopFolder(folder));
    const target = path.join(work, 'voice');
    await mkdir(target);
    const files: VoiceRecord['files'] = { model: 'model.onnx', tokens: 'tokens.txt' };
    await cp(found.model, path.join(target, files.model));
    await cp(found.tokens, path.join(target, files.tokens));
    if (found.lexicon) await cp(found.lexicon, path.join(target, (files.lexicon = 'lexicon.txt')));
    if (found.voices) await cp(found.voices, path.join(target, (files.voices = 'voices.bin')));
    if (found.dataDir) await cp(found.dataDir, path.join(target, (files.dataDir = 'espeak-ng-data')), { recursive: true });
    const licence = found.licence ? (await readFile(found.licence, 'utf8')).slice(0, LICENCE_MAX_CHARS) : null;
    if (licence !== null) await writeFileDurably(path.join(target, 'LICENCE.txt'), licence);
    const draft: VoiceRecord = {
      id,
      name: options.name.trim(),
      language: options.language,
      modelType: found.voices ? 'kokoro' : 'vits',
      sampleRate: 1,
      numSpeakers: 0,
      files,
      licence,
      checksum: await sha256(path.join(target, files.model)),
      addedAt: new Date().toISOString(),
    };
    let probe: { sampleRate: number; numSpeakers: number };
    try {
      probe = await sherpa.load(sherpaVoiceOf(work, { ...draft, id: 'voice' }));
    } catch (err) {
      throw new StudioError('voice.unloadable', { name: draft.name, detail: describeFailure(err) }, { cause: err });
    }
    if (!(probe.sampleRate > 0)) throw new StudioError('voice.unloadable', { name: draft.name, detail: 'sample_rate' });
    const record = VoiceRecord.parse({ ...draft, sampleRate: probe.sampleRate, numSpeakers: probe.numSpeakers });
    await writeFileDurably(path.join(target, RECORD_FILE), `${JSON.stringify(record, null, 2)}\n`);
    await rename(target, path.join(voicesDir, id));
    return record;
  } finally {
    if (!options.sherpa) sherpa.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Removes a voice; false when there was none by that id. */
export async function removeVoice(voicesDir: string, id: string): Promise<boolean> {
  if (!(await findVoice(voicesDir, id))) return false;
  // Renamed away first, so a half-deleted folder never looks like a voice.
  const doomed = path.join(voicesDir, `.${id}-removed-${process.pid}`);
  await rename(path.join(voicesDir, id), doomed);
  await rm(doomed, { recursive: true, force: true });
  return true;
}

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Unpacks with the system's tar (GNU tar on Linux, bsdtar on macOS and on
 * Windows 10 and later), which reads the archives voices ship as
 * (.tar.bz2, .tar.gz); a .zip is unpacked by the user first.
 */
async function unpack(archive: string, into: string): Promise<void> {
  await mkdir(into, { recursive: true });
  try {
    await promisify(execFile)('tar', ['-xf', path.resolve(archive), '-C', into], { maxBuffer: 1 << 20 });
  } catch (err) {
    throw new StudioError('voice.badArchive', { source: path.basename(archive) }, { cause: err });
  }
}

/** Archives usually hold one folder named after the voice: look inside it. */
async function singleTopFolder(dir: string): Promise<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => !e.name.startsWith('.'));
  const only = entries.length === 1 ? entries[0]! : null;
  return only?.isDirectory() ? path.join(dir, only.name) : dir;
}

interface FoundFiles {
  model: string;
  tokens: string;
  lexicon?: string;
  voices?: string;
  dataDir?: string;
  licence?: string;
}

async function modelFiles(dir: string): Promise<FoundFiles> {
  const entries = await readdir(dir, { withFileTypes: true });
  const file = (name: string) => entries.find((e) => e.isFile() && e.name.toLowerCase() === name);
  const models = entries.filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.onnx'));
  if (models.length === 0) throw new StudioError('voice.noModel', { folder: path.basename(dir) });
  // Matcha voices ship an acoustic model and a vocoder; only one-file models are supported.
  if (models.length > 1) throw new StudioError('voice.manyModels', { folder: path.basename(dir), count: models.length });
  const tokens = file('tokens.txt');
  if (!tokens) throw new StudioError('voice.noTokens', { folder: path.basename(dir) });
  const found: FoundFiles = { model: path.join(dir, models[0]!.name), tokens: path.join(dir, tokens.name) };
  const lexicon = file('lexicon.txt');
  if (lexicon) found.lexicon = path.join(dir, lexicon.name);
  const voices = file('voices.bin');
  if (voices) found.voices = path.join(dir, voices.name);
  const data = entries.find((e) => e.isDirectory() && e.name === 'espeak-ng-data');
  if (data) found.dataDir = path.join(dir, data.name);
  const licence = entries.find((e) => e.isFile() && LICENCE_FILES.test(e.name));
  if (licence) found.licence = path.join(dir, licence.name);
  return found;
}
