/**
 * The engine side of the StudioApi. One StudioService per process owns the
 * project library (it is its single writer) and the render queue; the
 * transports (electron/engineHost.ts over IPC, engine/server over HTTP) only
 * pass `call(method, input)` and the pushed events through.
 *
 * Every input is validated with the contract's zod schema here, at the
 * boundary; errors leave as { code, message } in the user's language.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { parseFile } from 'music-metadata';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { importBriefText } from '../brief/import.js';
import { MANIFEST_FILE, Manifest, runBuild } from '../build/build.js';
import { findFormat, formatDescriptors } from '../build/registry.js';
import { channelDescriptors } from '../publish/registry.js';
import { StudioError } from '../errors.js';
import { diagnosticMessage, translator } from '../i18n/index.js';
import { prepareRecording } from '../media/recording.js';
import { LANGUAGES } from '../model/languages.js';
import type { Material } from '../model/material.js';
import type { OutputEntry, ProjectRecord, TranslationRecord } from '../model/records.js';
import { defaultLibraryDir, openLibrary, type Library } from '../store/library.js';
import { materialHash } from '../store/schema.js';
import { completeness } from '../translations/completeness.js';
import { unitsWithNotes } from '../translations/context.js';
import { localizeMaterial } from '../translations/localize.js';
import { exportPo, importPo } from '../translations/po.js';
import { nfc, sameLanguage, stateOf, translationsFor } from '../translations/status.js';
import { exportXliff, importXliff } from '../translations/xliff.js';
import { demoPlan, planPreview } from '../formats/video/index.js';
import { readAppSettings, writeAppSettings } from './appSettings.js';
import {
  methods, isMethodName, type ApiResult, type AppSettings, type BrandKit, type BriefRef, type Completeness as ApiCompleteness,
  type InputOf, type Job, type MethodName, type OutputFile, type OutputOf, type PreviewFile, type StudioEvent, type TranslationRow,
  type Validation,
} from './contract.js';
import { writeCrashLog } from '../crashLog.js';
import { userMessage } from '../errorMessage.js';
import {
  DraftStore, PROJECT_BRIEF, PROJECT_DRAFT, readProjectText, removeProjectDraft, writeProjectDraft,
} from './drafts.js';
import { fileKind, parseFileUrl, previewFileUrl, renderFileUrl, resolveInside } from './files.js';
import { JobQueue } from './jobs.js';
import { apiDiagnostic, outlineOf } from './outline.js';
import { currentClipSource, voiceTargets } from './voice.js';
import { appPath } from '../platform/appRoot.js';

/** The sample brief shipped with the studio (media/ is packaged beside engine/). */
export const SAMPLE_BRIEF = appPath('media', 'samples', 'ket-hon-dung-tuoi', 'brief.md');

export interface StudioServiceOptions {
  /** Library folder; default LUAT_STUDIO_LIBRARY or the user's data folder. */
  libraryDir?: string;
  /** Shown to another program that finds the library locked. */
  command?: string;
  sampleBrief?: string;
}

type Handlers = { [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<OutputOf<M>> };

export async function openStudioService(options: StudioServiceOptions = {}): Promise<StudioService> {
  const libraryDir = path.resolve(options.libraryDir ?? defaultLibraryDir());
  const library = await openLibrary(libraryDir, { command: options.command ?? 'Luật Studio', waitMs: 10_000 });
  try {
    const settings = await readAppSettings(library.dir);
    return new StudioService(library, settings, options.sampleBrief ?? SAMPLE_BRIEF);
  } catch (error) {
    await library.close();
    throw error;
  }
}

export class StudioService {
  private readonly drafts: DraftStore;
  private readonly queue: JobQueue;
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  constructor(
    private readonly library: Library,
    private settings: AppSettings,
    private readonly sampleBrief: string,
  ) {
    this.drafts = new DraftStore(library.dir);
    this.queue = new JobQueue(
      (job, signal, progress) => this.runJob(job, signal, progress),
      (error, job) => this.errorMessage(error, `render ${job.formats.join(',')}`),
      () => this.t('error.build.cancelled'),
    );
    this.queue.onChange((job) => this.emit({ type: 'job', job }));
  }

  get libraryDir(): string {
    return this.library.dir;
  }

  private get t(): TFunction {
    return translator(this.settings.locale);
  }

  private say(key: string, params: Record<string, unknown> = {}): string {
    return this.t(key, params);
  }

  /** Subscribes to pushed events (job progress); returns the unsubscribe function. */
  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StudioEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** One API call, whatever the transport: validated input in, a result envelope out. Never throws. */
  async call(method: string, input: unknown): Promise<ApiResult> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'api.unknownMethod', message: this.say('error.api.unknownMethod', { method }) } };
    const schema = methods[method];
    const parsed = schema.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = issue ? `${issue.path.join('.') || '(input)'}: ${issue.message}` : 'invalid';
      return { ok: false, error: { code: 'api.badInput', message: this.say('error.api.badInput', { method, detail }) } };
    }
    try {
      const handler = this.handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      const said = userMessage(error, this.t, method);
      return { ok: false, error: { code: said.code, message: said.message } };
    }
  }

  /** Typed convenience over call() for engine-side callers and tests. */
  async invoke<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
    const result = await this.call(method, input);
    if (!result.ok) throw new StudioError(result.error.code, { message: result.error.message });
    return result.value as OutputOf<M>;
  }

  private errorMessage(error: unknown, context: string): string {
    return userMessage(error, this.t, context).message;
  }

  /** Cancels renders, waits for writes, releases the library. */
  async close(): Promise<void> {
    await this.queue.close();
    await this.library.close();
  }

  /** Resolves when no render is queued or running. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  // ---- helpers -------------------------------------------------------------

  private validate(text: string): { validation: Validation; material: Material | null; text: string } {
    const result = importBriefText(text);
    if (result.crash) writeCrashLog(result.crash, 'validate brief');
    const diagnostics = result.diagnostics.map((d) => apiDiagnostic(d, this.t));
    const material = result.material;
    return {
      validation: { valid: material !== null, diagnostics, outline: material ? outlineOf(material) : null },
      material,
      text: result.text ?? text,
    };
  }

  private async requireMaterial(projectId: string): Promise<{ project: ProjectRecord; material: Material }> {
    const project = await this.library.getProject(projectId);
    if (!project) throw new StudioError('store.noProject', { projectId });
    const material = await this.library.getMaterial(projectId);
    if (!material) throw new StudioError('api.noMaterial', { projectId });
    return { project, material };
  }

  private completenessOf(material: Material, language: string, records: readonly TranslationRecord[]): ApiCompleteness {
    const c = completeness(material, language, records);
    return { language, total: c.total, translated: c.translated, stale: c.stale, missing: c.missing, percent: c.percent };
  }

  private async hasDraft(projectId: string): Promise<boolean> {
    const dir = this.library.projectDir(projectId);
    const draft = await readProjectText(dir, PROJECT_DRAFT);
    return draft !== null && draft !== (await readProjectText(dir, PROJECT_BRIEF));
  }

  private outputDirFor(projectId: string): string {
    return this.settings.outputDir ? path.join(this.settings.outputDir, projectId) : path.join(this.library.projectDir(projectId), 'outputs');
  }

  private previewDirFor(projectId: string): string {
    return path.join(this.library.projectDir(projectId), 'preview');
  }

  private buildSettings(project: ProjectRecord, aspects: string[]): Record<string, unknown> {
    const settings: Record<string, unknown> = { ...project.settings, speechEngine: this.settings.speechEngine };
    if (this.settings.chromiumPath) settings['chromiumPath'] = this.settings.chromiumPath;
    if (aspects.length > 0) {
      const video = project.settings['video'];
      settings['video'] = { ...(video && typeof video === 'object' ? video : {}), aspects };
    }
    return settings;
  }

  private async saveValid(material: Material, text: string, origin: string | null): Promise<ProjectRecord> {
    const project = await this.library.saveBrief({ material, briefText: text, origin });
    await removeProjectDraft(this.library.projectDir(project.id));
    return project;
  }

  private row(entry: ReturnType<typeof unitsWithNotes>[number], record: TranslationRecord | undefined): TranslationRow {
    const state = stateOf(entry.entry.unit, record);
    const context = entry.notes.find((n) => n.category === 'speaker')?.text ?? entry.notes.find((n) => n.category === 'section')?.text ?? null;
    return {
      unitId: entry.entry.unit.id,
      role: entry.entry.role,
      context,
      source: entry.entry.unit.text,
      target: record?.text ?? '',
      state,
      translatedFrom: state === 'stale' && record ? record.sourceText : null,
    };
  }

  private async runJob(job: Job, signal: AbortSignal, progress: (fraction: number, label: string) => void) {
    const { project, material } = await this.requireMaterial(job.projectId);
    const translations = await this.library.listTranslations(job.projectId);
    const projectDir = this.library.projectDir(job.projectId);
    const settings = {
      ...this.buildSettings(project, job.aspects),
      voiceClips: await this.clipSource(material, translations, projectDir),
      pronunciation: await this.library.pronunciationLexicon(job.projectId),
    };
    const renderId = job.purpose === 'render'
      ? await this.library.startRender(job.projectId, { formats: job.formats, languages: job.languages, outDir: job.outDir, materialHash: materialHash(material) })
      : null;
    const outputs: OutputEntry[] = [];
    const warnings: string[] = [];
    try {
      for (const [i, format] of job.formats.entries()) {
        if (signal.aborted) throw new StudioError('build.cancelled');
        const outDir = job.purpose === 'preview' ? path.join(job.outDir, format) : job.outDir;
        const result = await runBuild({
          material, formats: [format], languages: job.languages, outDir, translations, settings, projectDir, signal,
          progress: (u) => progress((i + (u.total > 0 ? u.done / u.total : 0)) / job.formats.length, u.label),
          describeWarning: (d) => diagnosticMessage(d, this.t),
        });
        outputs.push(...result.manifest.outputs.filter((o) => o.format === format));
        warnings.push(...result.manifest.warnings.map((w) => w.message));
        progress((i + 1) / job.formats.length, format);
      }
      if (renderId) await this.library.finishRender(renderId, { status: 'done', outputs, error: null });
    } catch (error) {
      if (renderId) {
        const status = signal.aborted ? 'cancelled' : 'failed';
        await this.library.finishRender(renderId, { status, outputs, error: String((error as Error)?.message ?? error) });
      }
      throw error;
    }
    const files: OutputFile[] = outputs.map((o) => ({
      ...o,
      url: renderId ? renderFileUrl(job.projectId, renderId, o.path) : previewFileUrl(job.projectId, `${o.format}/${o.path}`),
    }));
    return { outputs: files, warnings: [...new Set(warnings)] };
  }

  private async clipSource(material: Material, translations: TranslationRecord[], projectDir: string) {
    return currentClipSource(material, translations, await this.library.listVoiceClips(material.id), projectDir);
  }

  private async previewFiles(projectId: string, format: string, language: string): Promise<PreviewFile[]> {
    const dir = path.join(this.previewDirFor(projectId), format);
    let manifest: Manifest;
    try {
      manifest = Manifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
    } catch {
      return [];
    }
    const files: PreviewFile[] = [];
    for (const o of manifest.outputs) {
      if (o.format !== format || !sameLanguage(o.language, language)) continue;
      const kind = fileKind(o.path);
      const file: PreviewFile = { format: o.format, language: o.language, variant: o.variant, url: previewFileUrl(projectId, `${format}/${o.path}`), kind };
      if (o.width !== undefined) file.width = o.width;
      if (o.height !== undefined) file.height = o.height;
      if (o.pages !== undefined) file.pages = o.pages;
      if (o.durationSec !== undefined) file.durationSec = o.durationSec;
      if (kind === 'audio') file.chapters = await chaptersOf(path.join(dir, o.path));
      files.push(file);
    }
    return files;
  }

  // ---- the API -------------------------------------------------------------

  private readonly handlers: Handlers = {
    'app.info': async () => ({
      version: packageJson.version,
      locale: this.settings.locale,
      formats: formatDescriptors().map(({ name, label, preview, variants }) => ({
        name, label, preview, available: true, variants: variants.map(({ id, label: l, role }) => ({ id, label: l, role })),
      })),
      channels: channelDescriptors().map(({ id, label }) => ({ id, label })),
      languages: LANGUAGES.map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn })),
      libraryDir: this.library.dir,
    }),

    'projects.list': async ({ query }) => {
      const wanted = query ? searchKey(query) : '';
      const projects = [];
      for (const project of await this.library.listProjects()) {
        if (wanted && !searchKey(`${project.title} ${project.id}`).includes(wanted)) continue;
        const material = await this.library.getMaterial(project.id);
        const records = material ? await this.library.listTranslations(project.id) : [];
        projects.push({
          ...project,
          sourceLanguage: material?.sourceLanguage ?? '',
          targetLanguages: material?.targetLanguages ?? [],
          hasDraft: await this.hasDraft(project.id),
          translations: material ? material.targetLanguages.map((l) => this.completenessOf(material, l, records)) : [],
        });
      }
      projects.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      const drafts = [];
      for (const draft of await this.drafts.list()) {
        if (wanted && !searchKey(draft.fileName).includes(wanted)) continue;
        const errors = this.validate(draft.text).validation.diagnostics.filter((d) => d.severity === 'error').length;
        drafts.push({ draftId: draft.draftId, fileName: draft.fileName, updatedAt: draft.updatedAt, errors });
      }
      return { projects, drafts };
    },

    'projects.createFromBrief': async ({ fileName, text }) => {
      const checked = this.validate(text);
      if (!checked.material) {
        const draftId = await this.drafts.create(baseName(fileName), checked.text);
        return { project: null, draftId, validation: checked.validation };
      }
      const project = await this.saveValid(checked.material, checked.text, baseName(fileName));
      return { project, draftId: null, validation: checked.validation };
    },

    'projects.createFromSample': async () => {
      const text = await readFile(this.sampleBrief, 'utf8').catch((cause) => {
        throw new StudioError('api.sampleMissing', { path: this.sampleBrief }, { cause });
      });
      const checked = this.validate(text);
      if (!checked.material) throw new StudioError('api.sampleMissing', { path: this.sampleBrief });
      return { project: await this.saveValid(checked.material, checked.text, path.basename(this.sampleBrief)) };
    },

    'briefs.validate': async ({ text }) => this.validate(text).validation,

    'briefs.open': async (ref) => {
      if ('draftId' in ref) {
        const draft = await this.drafts.read(ref.draftId);
        return { ref, text: draft.text, savedText: '', isDraft: true, validation: this.validate(draft.text).validation };
      }
      const dir = this.library.projectDir(ref.projectId);
      const savedText = (await readProjectText(dir, PROJECT_BRIEF)) ?? '';
      const draft = await readProjectText(dir, PROJECT_DRAFT);
      const text = draft ?? savedText;
      return { ref, text, savedText, isDraft: draft !== null && draft !== savedText, validation: this.validate(text).validation };
    },

    'briefs.save': async ({ ref, text }) => {
      const checked = this.validate(text);
      if ('draftId' in ref) {
        const draft = await this.drafts.read(ref.draftId);
        if (!checked.material) {
          await this.drafts.write(ref.draftId, draft.fileName, checked.text);
          return { saved: 'draft' as const, ref, validation: checked.validation };
        }
        const project = await this.saveValid(checked.material, checked.text, draft.fileName);
        await this.drafts.remove(ref.draftId);
        return { saved: 'brief' as const, ref: { projectId: project.id } as BriefRef, validation: checked.validation };
      }
      const dir = this.library.projectDir(ref.projectId);
      if (!checked.material) {
        await writeProjectDraft(dir, checked.text);
        return { saved: 'draft' as const, ref, validation: checked.validation };
      }
      if (checked.material.id !== ref.projectId) {
        // The id in the front matter names the project; a changed id is a new project.
        throw new StudioError('api.idChanged', { from: ref.projectId, to: checked.material.id });
      }
      const project = await this.library.getProject(ref.projectId);
      await this.saveValid(checked.material, checked.text, project?.briefOrigin ?? null);
      return { saved: 'brief' as const, ref, validation: checked.validation };
    },

    'preview.material': async ({ projectId, language }) => {
      const { material } = await this.requireMaterial(projectId);
      const wanted = language ?? material.sourceLanguage;
      if (sameLanguage(wanted, material.sourceLanguage)) return { language: material.sourceLanguage, complete: true, material };
      const records = await this.library.listTranslations(projectId);
      const c = completeness(material, wanted, records);
      const complete = c.missing === 0 && c.stale === 0;
      return { language: wanted, complete, material: complete ? localizeMaterial(material, wanted, records) : material };
    },

    'preview.video': async ({ projectId, language, aspect }) => {
      const { project, material } = await this.requireMaterial(projectId);
      const situations = material.sections.filter((s) => s.kind === 'situation');
      const firstAspect = situations[0]?.kind === 'situation' ? situations[0].aspects[0] : undefined;
      const chosen = aspect ?? firstAspect ?? '16:9';
      if (situations.length === 0) return { plan: demoPlan(chosen), fromMaterial: false, situations: 0 };
      const wanted = language ?? material.sourceLanguage;
      let localized = material;
      if (!sameLanguage(wanted, material.sourceLanguage)) {
        const records = await this.library.listTranslations(projectId);
        const c = completeness(material, wanted, records);
        if (c.missing > 0 || c.stale > 0) throw new StudioError('translation.incomplete', { language: wanted, missing: c.missing + c.stale });
        localized = localizeMaterial(material, wanted, records);
      }
      const plan = await planPreview(localized, {
        language: wanted, aspect: chosen, settings: this.buildSettings(project, []), projectDir: this.library.projectDir(projectId),
      });
      return { plan, fromMaterial: true, situations: situations.length };
    },

    'preview.files': async ({ projectId, format, language }) => {
      const { material } = await this.requireMaterial(projectId);
      const wanted = language ?? material.sourceLanguage;
      const jobs = this.queue.list(projectId).filter((j) => j.purpose === 'preview' && j.formats[0] === format && sameLanguage(j.languages[0] ?? '', wanted));
      return { files: await this.previewFiles(projectId, format, wanted), job: jobs.at(-1) ?? null };
    },

    'preview.build': async ({ projectId, format, language }) => {
      const { material } = await this.requireMaterial(projectId);
      const wanted = language ?? material.sourceLanguage;
      const existing = this.queue.list(projectId).find((j) => j.purpose === 'preview' && j.formats[0] === format
        && sameLanguage(j.languages[0] ?? '', wanted) && (j.status === 'queued' || j.status === 'running'));
      if (existing) return existing;
      return this.queue.enqueue({
        projectId, title: material.title.text, purpose: 'preview', formats: [format], languages: [wanted], aspects: [],
        outDir: this.previewDirFor(projectId),
      });
    },

    'translations.summary': async ({ projectId }) => {
      const { material } = await this.requireMaterial(projectId);
      const records = await this.library.listTranslations(projectId);
      return { languages: material.targetLanguages.map((l) => this.completenessOf(material, l, records)) };
    },

    'translations.grid': async ({ projectId, language }) => {
      const { material } = await this.requireMaterial(projectId);
      if (sameLanguage(language, material.sourceLanguage)) throw new StudioError('translation.targetIsSource', { language });
      const records = await this.library.listTranslations(projectId, language);
      const stored = translationsFor(records, language);
      const rows = unitsWithNotes(material).map((e) => this.row(e, stored.get(e.entry.unit.id)));
      return { language, sourceLanguage: material.sourceLanguage, rows, completeness: this.completenessOf(material, language, records) };
    },

    'translations.put': async ({ projectId, language, unitId, text }) => {
      const { material } = await this.requireMaterial(projectId);
      if (sameLanguage(language, material.sourceLanguage)) throw new StudioError('translation.targetIsSource', { language });
      const entry = unitsWithNotes(material).find((e) => e.entry.unit.id === unitId);
      if (!entry) throw new StudioError('api.unknownUnit', { unitId });
      const record: TranslationRecord = {
        unitId, language, text: nfc(text), sourceText: entry.entry.unit.text, stale: false, updatedAt: new Date().toISOString(),
      };
      await this.library.putTranslations(projectId, [record]);
      const records = await this.library.listTranslations(projectId, language);
      return { row: this.row(entry, translationsFor(records, language).get(unitId)), completeness: this.completenessOf(material, language, records) };
    },

    'translations.export': async ({ projectId, language, format }) => {
      const { material } = await this.requireMaterial(projectId);
      const existing = await this.library.listTranslations(projectId, language);
      const note = (previous: string) => this.t('cli.translations.sourceChangedNote', { previous });
      const content = format === 'po'
        ? exportPo(material, language, existing, { describeSourceChange: note })
        : exportXliff(material, language, existing, { describeSourceChange: note });
      return { fileName: `${material.id}.${language}.${format === 'po' ? 'po' : 'xlf'}`, content };
    },

    'translations.import': async ({ projectId, language, fileName, content }) => {
      const { material } = await this.requireMaterial(projectId);
      const existing = await this.library.listTranslations(projectId);
      const options = language ? { language } : {};
      const result = path.extname(fileName).toLowerCase() === '.po'
        ? importPo(material, content, existing, new Date(), options)
        : importXliff(material, content, existing, new Date(), options);
      const problems = result.problems.map((p) => {
        const message = diagnosticMessage({ severity: 'error', code: p.code, params: p.params }, this.t);
        return p.line === undefined ? { message } : { message, line: p.line };
      });
      if (problems.length === 0) await this.library.putTranslations(projectId, [...result.applied, ...result.stale]);
      const records = await this.library.listTranslations(projectId);
      return {
        applied: problems.length ? 0 : result.applied.length,
        stale: problems.length ? 0 : result.stale.length,
        unchanged: result.unchanged.length,
        rejected: result.rejected.map((r) => ({ unitId: r.unitId, message: this.t(`cli.translations.rejected.${r.reason}`, { id: r.unitId }) })),
        problems,
        completeness: material.targetLanguages.map((l) => this.completenessOf(material, l, records)),
      };
    },

    'voice.list': async ({ projectId, language }) => {
      const { material } = await this.requireMaterial(projectId);
      const [records, clips] = await Promise.all([this.library.listTranslations(projectId), this.library.listVoiceClips(projectId, language)]);
      return { targets: voiceTargets(material, language, records, clips) };
    },

    'voice.put': async ({ projectId, language, target, audioBase64, extension }) => {
      const { material } = await this.requireMaterial(projectId);
      const records = await this.library.listTranslations(projectId);
      const before = voiceTargets(material, language, records, []).find((t) => t.target === target);
      if (!before) throw new StudioError('api.unknownUnit', { unitId: target });
      // The audio pipeline cleans the take (denoise, trim, loudness) into a WAV the library keeps.
      const work = await mkdtemp(path.join(tmpdir(), 'luat-voice-'));
      try {
        const input = path.join(work, `take.${extension}`);
        const output = path.join(work, 'clip.wav');
        await writeFile(input, Buffer.from(audioBase64, 'base64'));
        const prepared = await prepareRecording(input, output);
        await this.library.putVoiceClip(projectId, {
          target, language, durationSec: prepared.durationSec, sourceText: before.text, createdAt: new Date().toISOString(), extension: 'wav',
        }, output);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      const clips = await this.library.listVoiceClips(projectId, language);
      return voiceTargets(material, language, records, clips).find((t) => t.target === target)!;
    },

    'render.start': async ({ projectId, formats, languages, aspects }) => {
      const { material } = await this.requireMaterial(projectId);
      for (const format of formats) if (!findFormat(format)) throw new StudioError('build.formatNotYet', { format });
      return this.queue.enqueue({
        projectId, title: material.title.text, purpose: 'render', formats, languages, aspects, outDir: this.outputDirFor(projectId),
      });
    },

    'render.jobs': async ({ projectId }) => ({ jobs: this.queue.list(projectId) }),

    'render.cancel': async ({ jobId }) => {
      const job = this.queue.cancel(jobId);
      if (!job) throw new StudioError('api.unknownJob', { jobId });
      return job;
    },

    'outputs.list': async ({ projectId }) => {
      const renders = await this.library.listRenders(projectId);
      return {
        renders: renders.reverse().map((r) => ({
          id: r.id, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, outDir: r.outDir,
          outputs: r.outputs.map((o) => ({ ...o, url: renderFileUrl(projectId, r.id, o.path) })),
        })),
      };
    },

    'outputs.locate': async ({ url }) => ({ path: await this.resolveFileUrl(url) }),

    'settings.get': async ({ projectId }) => ({ app: { ...this.settings }, brand: projectId ? await this.brandOf(projectId) : null }),

    'settings.put': async ({ app, projectId, brand }) => {
      if (app) {
        const next = { ...this.settings, ...app };
        await writeAppSettings(this.library.dir, next);
        this.settings = next;
      }
      if (projectId && brand) {
        const current = (await this.brandOf(projectId)) ?? {};
        const merged: Record<string, unknown> = { ...current, ...brand };
        for (const [k, v] of Object.entries(merged)) if (v === '' || v === undefined) delete merged[k];
        await this.library.updateSettings(projectId, { brand: merged });
      }
      return { app: { ...this.settings }, brand: projectId ? await this.brandOf(projectId) : null };
    },
  };

  private async brandOf(projectId: string): Promise<BrandKit | null> {
    const project = await this.library.getProject(projectId);
    if (!project) throw new StudioError('store.noProject', { projectId });
    const brand = project.settings['brand'];
    return brand && typeof brand === 'object' ? (brand as BrandKit) : {};
  }

  /** A `/files/…` URL → the absolute path of a file inside the folder it names; throws otherwise. */
  async resolveFileUrl(url: string): Promise<string> {
    const parts = parseFileUrl(url);
    if (!parts) throw new StudioError('api.fileNotFound', {});
    const project = await this.library.getProject(parts.projectId);
    if (!project) throw new StudioError('api.fileNotFound', {});
    const projectDir = this.library.projectDir(parts.projectId);
    if (parts.area === 'preview') return resolveInside(this.previewDirFor(parts.projectId), parts.segments);
    if (parts.area === 'voice') return resolveInside(path.join(projectDir, 'voice'), parts.segments);
    const render = (await this.library.listRenders(parts.projectId)).find((r) => r.id === parts.renderId);
    // Only files the render recorded: its folder may be shared with other projects' renders.
    const relative = parts.segments.join('/');
    if (!render || !render.outputs.some((o) => o.path === relative)) throw new StudioError('api.fileNotFound', {});
    return resolveInside(render.outDir, parts.segments);
  }
}

/** The file name of a path from any system (the UI may run on Windows, the engine elsewhere). */
function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || file;
}

/** Case- and accent-insensitive search key: "Kết hôn" matches "ket hon". */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
}

async function chaptersOf(file: string): Promise<{ title: string; startSec: number }[]> {
  try {
    const meta = await parseFile(file, { includeChapters: true, duration: false });
    return (meta.format.chapters ?? []).map((c) => ({
      title: c.title,
      startSec: c.timeScale ? c.start / c.timeScale : c.sampleOffset !== undefined && meta.format.sampleRate ? c.sampleOffset / meta.format.sampleRate : c.start / 1000,
    }));
  } catch {
    return [];
  }
}
