/**
 * The project library: every project's brief, material, translations, voice
 * clips and render history, in one folder on the user's machine.
 *
 *   <dir>/library.json          the database (see ./schema.ts), lowdb + DurableJsonFile
 *   <dir>/library.lock          one writer at a time (see ./lock.ts)
 *   <dir>/projects/<id>/brief.md     the library's own copy of the brief text
 *   <dir>/projects/<id>/voice/<lang>/ recorded or imported voice clips
 *   <dir>/projects/<id>/renders/     kept for render logs
 *
 * Every mutation is durable before its promise resolves. Mutations run one
 * at a time, so a method that awaits file writes never interleaves its
 * read-modify-write of the database with another's.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import envPaths from 'env-paths';
import { Low, type Adapter } from 'lowdb';
import { StudioError } from '../errors.js';
import { fileSystemError } from '../fsErrors.js';
import { Material } from '../model/material.js';
import { listTextUnits } from '../model/units.js';
import {
  OutputEntry, type ProjectRecord, PronunciationRecord, type RenderRecord, TranslationRecord, VoiceClipRecord,
} from '../model/records.js';
import type { PronunciationEntry } from '../speech/normalize/lexicon.js';
import {
  copyFileDurably, ensureDirDurably, fsyncDir, sweepTemporaries, writeFileDurably,
} from '../fs/durable.js';
import { DurableJsonFile } from './durableJsonFile.js';
import { audioExtension, safeSegment, voiceClipFileName } from './fileNames.js';
import { acquireLibraryLock, type LibraryLock } from './lock.js';
import { reattachTranslations, unitIdsOf } from './reattach.js';
import {
  emptyLibraryData, LIBRARY_SCHEMA_VERSION, LibraryData, materialHash,
  type StoredMaterial, type StoredPronunciation, type StoredRender, type StoredTranslation, type StoredVoiceClip,
} from './schema.js';

export const LIBRARY_FILE_NAME = 'library.json';

/** Where the studio keeps its library unless told otherwise. */
export function defaultLibraryDir(): string {
  return process.env.LUAT_STUDIO_LIBRARY || envPaths('luat-studio', { suffix: '' }).data;
}

export interface OpenLibraryOptions {
  /** How long to wait for another program to close the library (default 2000 ms). */
  waitMs?: number;
  /** Shown to whoever finds the library locked by us, e.g. "Luật Studio" or "luat-studio build". */
  command?: string;
}

/** A translation as listed: orphaned when its unit is no longer in the material (never complete). */
export type ListedTranslation = TranslationRecord & { orphaned: boolean };

/** A voice clip to store; the library chooses its path. */
export type NewVoiceClip = Omit<VoiceClipRecord, 'path'> & { extension?: string };

export interface RenderStart {
  formats: string[];
  languages: string[];
  outDir: string;
  materialHash: string;
}

export interface RenderFinish {
  status: 'done' | 'failed' | 'cancelled';
  outputs: OutputEntry[];
  error: string | null;
}

const NewVoiceClipFields = VoiceClipRecord.omit({ path: true });
const now = () => new Date().toISOString();

export async function openLibrary(dir: string, options: OpenLibraryOptions = {}): Promise<Library> {
  const root = resolve(dir);
  await ensureDirDurably(root).catch((err: unknown) => {
    throw fileSystemError(err, root) ?? err;
  });
  const lock = await acquireLibraryLock(root, {
    waitMs: options.waitMs ?? 2000,
    ...(options.command === undefined ? {} : { command: options.command }),
  });
  try {
    const path = join(root, LIBRARY_FILE_NAME);
    const adapter = await DurableJsonFile.open<LibraryData>(path);
    const raw: unknown = await adapter.read().catch((err: unknown) => {
      throw fileSystemError(err, path) ?? err;
    });
    const db = new Low<LibraryData>(adapter, emptyLibraryData());
    if (raw === null) {
      await db.write();
    } else {
      db.data = validateLibrary(raw, path);
    }
    const library = new Library(root, db, adapter, lock);
    await library.markInterruptedRenders();
    await library.removeLeftovers();
    return library;
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/**
 * The library as it is on disk, for use cases that only read (status, lists):
 * no lock, no sweep, no file created, so it works on a read-only folder and
 * next to the app that holds the library. Every mutation rejects.
 */
export async function readLibrary(dir: string): Promise<Library> {
  const root = resolve(dir);
  const path = join(root, LIBRARY_FILE_NAME);
  let raw: unknown = null;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') {
      if (err instanceof SyntaxError) throw new StudioError('store.corrupt', { path }, { cause: err });
      // In words, naming the path: ENOTDIR means the library "folder" is a file; EISDIR that library.json is a folder.
      throw fileSystemError(err, code === 'ENOTDIR' ? root : path) ?? err;
    }
  }
  const db = new Low<LibraryData>(READ_ONLY_ADAPTER, raw === null ? emptyLibraryData() : validateLibrary(raw, path));
  return new Library(root, db, null, null);
}

const READ_ONLY_ADAPTER: Adapter<LibraryData> = {
  read: async () => null,
  write: async () => {
    throw new StudioError('store.readOnly');
  },
};

/** A project moved to the bin: its records, kept beside its folder until restored. */
export interface BinnedProject {
  project: ProjectRecord;
  material: StoredMaterial | null;
  translations: StoredTranslation[];
  voiceClips: StoredVoiceClip[];
  renders: StoredRender[];
  deletedAt: string;
}

export interface BinEntry {
  binId: string;
  projectId: string;
  title: string;
  deletedAt: string;
}

const BIN_DIR = 'bin';
const BIN_RECORD = 'deleted-project.json';

function validateLibrary(raw: unknown, path: string): LibraryData {
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > LIBRARY_SCHEMA_VERSION) {
    throw new StudioError('store.newerVersion', { path, version, supported: LIBRARY_SCHEMA_VERSION });
  }
  const parsed = LibraryData.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid';
    throw new StudioError('store.invalid', { path, problem }, { cause: parsed.error });
  }
  return parsed.data;
}

export class Library {
  private mutations: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | null = null;
  private closed = false;

  constructor(
    readonly dir: string,
    private readonly db: Low<LibraryData>,
    /** null for a library opened with readLibrary(): reads only. */
    private readonly adapter: DurableJsonFile<LibraryData> | null,
    private readonly lock: LibraryLock | null,
  ) {}

  get readOnly(): boolean {
    return this.lock === null;
  }

  private get data(): LibraryData {
    if (this.closed) throw new Error('library is closed');
    return this.db.data;
  }

  /** Runs mutations one at a time; each ends with a durable write. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new Error('library is closed'));
    if (this.readOnly) return Promise.reject(new StudioError('store.readOnly'));
    const result = this.mutations.then(fn);
    this.mutations = result.catch(() => undefined);
    return result;
  }

  private requireProject(projectId: string): ProjectRecord {
    const project = this.data.projects.find((p) => p.id === projectId);
    if (!project) throw new StudioError('store.noProject', { projectId });
    return project;
  }

  /**
   * Renders left at "running" by a process that is gone (killed, crashed)
   * are marked "interrupted". Called on open: we hold the library lock, which
   * a process keeps while it renders, so no render recorded as running before
   * we opened can still be alive (a second open in one process is refused).
   */
  markInterruptedRenders(): Promise<number> {
    return this.exclusive(async () => {
      const stuck = this.data.renders.filter((r) => r.status === 'running');
      for (const render of stuck) {
        render.status = 'interrupted';
        render.finishedAt = now();
      }
      if (stuck.length > 0) await this.db.write();
      return stuck.length;
    });
  }

  /** Temp files a crashed writer left anywhere in project folders (the root is swept by the adapter); we hold the lock. */
  async removeLeftovers(): Promise<void> {
    for (const project of this.data.projects) await sweepTemporaries(this.projectDir(project.id), { recursive: true });
  }

  async listProjects(): Promise<ProjectRecord[]> {
    return structuredClone(this.data.projects);
  }

  async getProject(id: string): Promise<ProjectRecord | null> {
    const project = this.data.projects.find((p) => p.id === id);
    return project ? structuredClone(project) : null;
  }

  projectDir(id: string): string {
    this.requireProject(id);
    return join(this.dir, 'projects', id);
  }

  async getMaterial(projectId: string): Promise<Material | null> {
    const entry = this.data.materials.find((m) => m.projectId === projectId);
    return entry ? structuredClone(entry.material) : null;
  }

  /** Creates or updates the project named by material.id, keeping its translations attached. */
  saveBrief(input: { material: Material; briefText: string; origin: string | null }): Promise<ProjectRecord> {
    return this.exclusive(async () => {
      const material = Material.parse(input.material);
      const id = material.id;
      const dir = join(this.dir, 'projects', id);
      await ensureDirDurably(join(dir, 'voice'));
      await ensureDirDurably(join(dir, 'renders'));
      await writeFileDurably(join(dir, 'brief.md'), input.briefText);

      const data = this.data;
      const time = now();
      const existing = data.projects.find((p) => p.id === id);
      const project: ProjectRecord = {
        id,
        title: material.title.text,
        createdAt: existing?.createdAt ?? time,
        updatedAt: time,
        briefOrigin: input.origin,
        settings: existing?.settings ?? {},
      };
      data.projects = existing ? data.projects.map((p) => (p.id === id ? project : p)) : [...data.projects, project];

      const previous = data.materials.find((m) => m.projectId === id)?.material ?? null;
      const entry = { projectId: id, material, materialHash: materialHash(material), updatedAt: time };
      data.materials = [...data.materials.filter((m) => m.projectId !== id), entry];

      const mine = data.translations.filter((t) => t.projectId === id);
      const others = data.translations.filter((t) => t.projectId !== id);
      data.translations = [...others, ...reattachTranslations(mine, previous, material)];

      await this.db.write();
      return structuredClone(project);
    });
  }

  /** Upserts by unitId + language. A unit id not in the material is kept, as an orphan. */
  putTranslations(projectId: string, records: TranslationRecord[]): Promise<void> {
    return this.exclusive(async () => {
      this.requireProject(projectId);
      const material = this.data.materials.find((m) => m.projectId === projectId)?.material ?? null;
      const slots = new Map<string, string>();
      if (material) for (const e of listTextUnits(material)) slots.set(e.unit.id, e.unit.slot);
      const incoming = new Map<string, StoredTranslation>();
      for (const r of records) {
        const record = TranslationRecord.parse(r);
        incoming.set(`${record.language}\u0000${record.unitId}`, {
          ...record, projectId, slot: slots.get(record.unitId) ?? null,
        });
      }
      const data = this.data;
      const kept = data.translations.filter(
        (t) => t.projectId !== projectId || !incoming.has(`${t.language}\u0000${t.unitId}`),
      );
      data.translations = [...kept, ...incoming.values()];
      await this.db.write();
    });
  }

  async listTranslations(projectId: string, language?: string): Promise<ListedTranslation[]> {
    const material = this.data.materials.find((m) => m.projectId === projectId)?.material ?? null;
    const ids = unitIdsOf(material);
    return this.data.translations
      .filter((t) => t.projectId === projectId && (language === undefined || t.language === language))
      .map(({ projectId: _p, slot: _s, ...record }) => ({ ...structuredClone(record), orphaned: !ids.has(record.unitId) }));
  }

  /**
   * This project's translations as they would be after saving `material`
   * (edited units re-attached and marked stale), computed without writing.
   */
  async translationsAgainst(material: Material): Promise<ListedTranslation[]> {
    const previous = this.data.materials.find((m) => m.projectId === material.id)?.material ?? null;
    const mine = this.data.translations.filter((t) => t.projectId === material.id);
    const ids = unitIdsOf(material);
    return reattachTranslations(mine, previous, material)
      .map(({ projectId: _p, slot: _s, ...record }) => ({ ...structuredClone(record), orphaned: !ids.has(record.unitId) }));
  }

  /**
   * Moves a project to the bin: its records are written beside its folder,
   * the folder is moved under bin/, then the library forgets it. Nothing is
   * deleted; restoreProject() brings it back.
   */
  moveProjectToBin(projectId: string): Promise<BinEntry> {
    return this.exclusive(async () => {
      const project = structuredClone(this.requireProject(projectId));
      const data = this.data;
      const deletedAt = now();
      const binned: BinnedProject = {
        project,
        material: structuredClone(data.materials.find((m) => m.projectId === projectId) ?? null),
        translations: structuredClone(data.translations.filter((t) => t.projectId === projectId)),
        voiceClips: structuredClone(data.voiceClips.filter((c) => c.projectId === projectId)),
        renders: structuredClone(data.renders.filter((r) => r.projectId === projectId)),
        deletedAt,
      };
      const source = join(this.dir, 'projects', projectId);
      await ensureDirDurably(source);
      await writeFileDurably(join(source, BIN_RECORD), `${JSON.stringify(binned)}\n`);
      const binId = `${deletedAt.replace(/[:.]/g, '-')}-${safeSegment(projectId)}`;
      await ensureDirDurably(join(this.dir, BIN_DIR));
      await rename(source, join(this.dir, BIN_DIR, binId));
      await fsyncDir(join(this.dir, BIN_DIR));
      await fsyncDir(join(this.dir, 'projects'));
      data.projects = data.projects.filter((p) => p.id !== projectId);
      data.materials = data.materials.filter((m) => m.projectId !== projectId);
      data.translations = data.translations.filter((t) => t.projectId !== projectId);
      data.voiceClips = data.voiceClips.filter((c) => c.projectId !== projectId);
      data.renders = data.renders.filter((r) => r.projectId !== projectId);
      await this.db.write();
      return { binId, projectId, title: project.title, deletedAt };
    });
  }

  /** Projects in the bin, newest first. */
  async listBin(): Promise<BinEntry[]> {
    const names = await readdir(join(this.dir, BIN_DIR)).catch(() => [] as string[]);
    const entries: BinEntry[] = [];
    for (const binId of names) {
      const binned = await this.readBinned(binId).catch(() => null);
      if (binned) entries.push({ binId, projectId: binned.project.id, title: binned.project.title, deletedAt: binned.deletedAt });
    }
    return entries.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  /** The folder of a project in the bin, as it will come back on restore (its caches included). */
  binnedProjectDir(binId: string): string {
    if (safeSegment(binId) !== binId) throw new StudioError('store.notInBin', { binId });
    return join(this.dir, BIN_DIR, binId);
  }

  private async readBinned(binId: string): Promise<BinnedProject> {
    const text = await readFile(join(this.binnedProjectDir(binId), BIN_RECORD), 'utf8').catch((cause: unknown) => {
      throw new StudioError('store.notInBin', { binId }, { cause });
    });
    return JSON.parse(text) as BinnedProject;
  }

  /** Brings a project back from the bin, unless a project with its id exists again. */
  restoreProject(binId: string): Promise<ProjectRecord> {
    return this.exclusive(async () => {
      const binned = await this.readBinned(binId);
      const id = binned.project.id;
      if (this.data.projects.some((p) => p.id === id)) throw new StudioError('store.projectExists', { projectId: id });
      const target = join(this.dir, 'projects', id);
      await mkdir(join(this.dir, 'projects'), { recursive: true });
      await rm(target, { recursive: true, force: true });
      await rename(this.binnedProjectDir(binId), target);
      await fsyncDir(join(this.dir, 'projects'));
      await fsyncDir(join(this.dir, BIN_DIR));
      const data = this.data;
      data.projects = [...data.projects, binned.project];
      if (binned.material) data.materials = [...data.materials, binned.material];
      data.translations = [...data.translations, ...binned.translations];
      data.voiceClips = [...data.voiceClips, ...binned.voiceClips];
      data.renders = [...data.renders, ...binned.renders];
      await this.db.write();
      await rm(join(target, BIN_RECORD), { force: true });
      return structuredClone(binned.project);
    });
  }

  /** Shallow merge; a key set to undefined is removed. */
  updateSettings(projectId: string, patch: Record<string, unknown>): Promise<ProjectRecord> {
    return this.exclusive(async () => {
      const project = this.requireProject(projectId);
      const settings = { ...project.settings, ...structuredClone(patch) };
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete settings[k];
      project.settings = settings;
      project.updatedAt = now();
      await this.db.write();
      return structuredClone(project);
    });
  }

  /**
   * Stores a clip under voice/<language>/ and replaces the clip for the same
   * target + language. The old file is removed only after the new file and
   * the record pointing at it are durable, so a crash never loses both.
   */
  putVoiceClip(projectId: string, record: NewVoiceClip, audio: Uint8Array | string): Promise<VoiceClipRecord> {
    return this.exclusive(async () => {
      const projectDir = this.projectDir(projectId);
      const fields = NewVoiceClipFields.parse(record);
      const languageDir = safeSegment(fields.language);
      const fileName = voiceClipFileName(fields.target, audioExtension(audio, record.extension));
      const relPath = `voice/${languageDir}/${fileName}`;
      await ensureDirDurably(join(projectDir, 'voice', languageDir));
      const absPath = join(projectDir, 'voice', languageDir, fileName);
      if (typeof audio === 'string') await copyFileDurably(audio, absPath);
      else await writeFileDurably(absPath, audio);

      const clip: VoiceClipRecord = { ...fields, path: relPath };
      const data = this.data;
      const same = (c: { projectId: string; target: string; language: string }) =>
        c.projectId === projectId && c.target === fields.target && c.language === fields.language;
      const replaced = data.voiceClips.filter(same);
      data.voiceClips = [...data.voiceClips.filter((c) => !same(c)), { ...clip, projectId }];
      await this.db.write();

      for (const old of replaced) {
        if (old.path === relPath) continue;
        const oldPath = resolve(projectDir, old.path);
        // Never follow a hand-edited path out of the project folder.
        if (!oldPath.startsWith(projectDir + '/') && !oldPath.startsWith(projectDir + '\\')) continue;
        await rm(oldPath, { force: true });
        await fsyncDir(resolve(oldPath, '..'));
      }
      return structuredClone(clip);
    });
  }

  async listVoiceClips(projectId: string, language?: string): Promise<VoiceClipRecord[]> {
    return this.data.voiceClips
      .filter((c) => c.projectId === projectId && (language === undefined || c.language === language))
      .map(({ projectId: _p, ...clip }) => structuredClone(clip));
  }

  /**
   * Sets how the voice says `written` in `language`, for one project or (projectId null) the
   * whole library; an empty `spoken` removes the entry. Matching is case-aware, so "CA" and
   * "ca" are two entries.
   */
  setPronunciation(projectId: string | null, entry: { language: string; written: string; spoken: string }): Promise<PronunciationRecord | null> {
    return this.exclusive(async () => {
      if (projectId !== null) this.requireProject(projectId);
      const written = entry.written.trim().normalize('NFC');
      const same = (p: StoredPronunciation) => p.projectId === projectId && p.language === entry.language && p.written === written;
      const data = this.data;
      const kept = data.pronunciations.filter((p) => !same(p));
      if (entry.spoken.trim() === '') {
        data.pronunciations = kept;
        await this.db.write();
        return null;
      }
      const parsed = PronunciationRecord.safeParse({ language: entry.language, written, spoken: entry.spoken.trim().normalize('NFC'), updatedAt: now() });
      if (!parsed.success) throw new StudioError('store.badPronunciation', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
      const record = parsed.data;
      data.pronunciations = [...kept, { ...record, projectId }];
      await this.db.write();
      return structuredClone(record);
    });
  }

  /** The entries of one project (or of the library when projectId is null), optionally of one language. */
  async listPronunciations(projectId: string | null, language?: string): Promise<PronunciationRecord[]> {
    return this.data.pronunciations
      .filter((p) => p.projectId === projectId && (language === undefined || p.language === language))
      .map(({ projectId: _p, ...record }) => structuredClone(record));
  }

  /**
   * The lexicon a build of `projectId` uses (settings.pronunciation): the project's entries
   * first, so they win over the library's for the same word.
   */
  async pronunciationLexicon(projectId: string, language?: string): Promise<PronunciationEntry[]> {
    const own = await this.listPronunciations(projectId, language);
    const shared = await this.listPronunciations(null, language);
    return [...own, ...shared].map(({ language: l, written, spoken }) => ({ language: l, written, spoken }));
  }

  /**
   * Upserts translations of labels into the label memory (one per language and
   * label), so every project in that language gets them. Durable like every write.
   */
  putLabelMemory(records: TranslationRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    return this.exclusive(async () => {
      const key = (r: TranslationRecord) => `${r.language.toLowerCase()}\u0000${r.unitId}`;
      const incoming = new Map(records.map((r) => {
        const { figuresConfirmed: _f, ...record } = TranslationRecord.parse(r);
        return [key(record), record] as const;
      }));
      const data = this.data;
      data.labelMemory = [...data.labelMemory.filter((r) => !incoming.has(key(r))), ...incoming.values()];
      await this.db.write();
    });
  }

  /** The label memory, optionally of one language. */
  async listLabelMemory(language?: string): Promise<TranslationRecord[]> {
    return structuredClone(this.data.labelMemory.filter((r) => language === undefined || r.language.toLowerCase() === language.toLowerCase()));
  }

  /** Records that a render started; returns its id for finishRender. */
  startRender(projectId: string, start: RenderStart): Promise<string> {
    return this.exclusive(async () => {
      this.requireProject(projectId);
      const id = randomUUID();
      this.data.renders.push({
        id, projectId, startedAt: now(), finishedAt: null, status: 'running', pid: process.pid,
        formats: [...start.formats], languages: [...start.languages], outDir: start.outDir,
        materialHash: start.materialHash, outputs: [], error: null,
      });
      await this.db.write();
      return id;
    });
  }

  finishRender(id: string, finish: RenderFinish): Promise<RenderRecord> {
    return this.exclusive(async () => {
      const render = this.data.renders.find((r) => r.id === id);
      if (!render) throw new Error(`no render with id ${id}`);
      render.status = finish.status;
      render.outputs = finish.outputs.map((o) => OutputEntry.parse(o));
      render.error = finish.error;
      render.finishedAt = now();
      await this.db.write();
      const { projectId: _p, ...record } = render;
      return structuredClone(record);
    });
  }

  async listRenders(projectId: string): Promise<RenderRecord[]> {
    return this.data.renders
      .filter((r) => r.projectId === projectId)
      .map(({ projectId: _p, ...record }) => structuredClone(record));
  }

  /** Waits for pending writes, then lets other programs open the library. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.mutations;
      await this.adapter?.flush();
      this.closed = true;
      await this.lock?.release();
    })();
    return this.closing;
  }
}
