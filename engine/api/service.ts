/**
 * The engine side of the StudioApi: a thin implementation of the contract
 * over the application layer (engine/app). One StudioService per process
 * holds the Studio (the library's single writer) and the render queue; the
 * transports (electron/engineHost.ts over IPC, engine/server over HTTP) only
 * pass `call(method, input)` and the pushed events through.
 *
 * Every input is validated with the contract's zod schema here, at the
 * boundary; errors leave as { code, message } in the user's language.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TFunction } from 'i18next';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import {
  PreflightFailed, SAMPLE_BRIEF, approveBuild, editLegalRegister, importLegalRegister, listLegalRegister, briefFromDocx, briefToDocx, docxFileNameFor, closeStudio, createProjectFromBrief, createProjectFromSample, deleteProject,
  duplicateProject, editTranslationUnit, exportTranslations, getSettings, importTranslations, listBin, listProjects,
  listVoiceTargets, openBrief, openStudio, outputDirFor, preflightMessages, previewDirFor, previewFiles, previewMaterial,
  previewVideo, publishJobError, publishProject, publishStatus, putSettings, recordVoiceTake, renameProject, farmTarget, renderProjectOnFarm, setLocalPath, confirmFigures, testFarmQueue, cacheUsage, clearCaches,
  requireMaterial, restoreProject, saveBrief, translationGrid, translationSummary, validateBrief, writePeriodReport,
  type FarmProgress, type LanguageCompleteness, type LocalPathKey, type PublishJob, type Studio,
} from '../app/index.js';
import { findFormat, formatDescriptors } from '../build/registry.js';
import { userMessage } from '../errorMessage.js';
import { channelDescriptors } from '../publish/registry.js';
import { StudioError } from '../errors.js';
import { translator } from '../i18n/index.js';
import { LANGUAGES } from '../model/languages.js';
import { sameLanguage } from '../translations/status.js';
import type { ApprovalEntry } from '../publish/auditLog.js';
import {
  methods, isMethodName, type ApiResult, type Approval, type Completeness as ApiCompleteness, type FarmUnitView, type InputOf, type Job,
  type MethodName, type OutputFile, type OutputOf, type PublishJobView, type StudioEvent,
} from './contract.js';
import { writeCrashLog } from '../crashLog.js';
import { putBrandLogo } from '../app/brandLogo.js';
import { machineVoiceLine } from '../app/machineVoice.js';
import { periodReportFiles, publishOverview } from '../app/publishOverview.js';
import { parseFileUrl, previewFileUrl, renderFileUrl, resolveInside } from './files.js';
import { JobQueue, type JobProgress } from './jobs.js';
import { apiDiagnostic } from '../app/outline.js';
import { RenderChildError, RenderProcesses } from './renderChild.js';

export { SAMPLE_BRIEF };

export interface StudioServiceOptions {
  /** Library folder; default LUAT_STUDIO_LIBRARY or the user's data folder. */
  libraryDir?: string;
  /** Shown to another program that finds the library locked. */
  command?: string;
  sampleBrief?: string;
}

type Handlers = { [M in MethodName]: (input: z.output<(typeof methods)[M]['input']>) => Promise<OutputOf<M>> };

export async function openStudioService(options: StudioServiceOptions = {}): Promise<StudioService> {
  const studio = await openStudio({ libraryDir: options.libraryDir, command: options.command ?? 'Luật Studio', waitMs: 10_000 });
  return new StudioService(studio, options.sampleBrief ?? SAMPLE_BRIEF);
}

const completenessView = ({ language, total, translated, stale, missing, percent, labels }: LanguageCompleteness): ApiCompleteness =>
  ({ language, total, translated, stale, missing, percent, ...(labels ? { labelsMissing: [...labels.missing] } : {}) });

const approvalView = (entry: ApprovalEntry): Approval =>
  ({ at: entry.at, by: entry.by, role: entry.role, files: entry.outputs.length, outputsHash: entry.outputsHash, outputs: entry.outputs });

export class StudioService {
  private readonly queue: JobQueue;
  private readonly renders = new RenderProcesses();
  private prewarmTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(event: StudioEvent) => void>();

  constructor(
    private readonly studio: Studio,
    private readonly sampleBrief: string,
  ) {
    this.queue = new JobQueue(
      (job, signal, progress) => this.runJob(job, signal, progress),
      (error, job) => (error instanceof RenderChildError ? error.message : this.errorMessage(error, `render ${job.formats.join(',')}`)),
      () => this.t('error.build.cancelled'),
    );
    this.queue.onChange((job) => this.emit({ type: 'job', job }));
  }

  get libraryDir(): string {
    return this.studio.library.dir;
  }

  private get t(): TFunction {
    return translator(this.studio.app.locale);
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
      // The field only: zod's own sentence is English.
      const detail = issue?.path.join('.') || '—';
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

  /** An error envelope for the transports (the bridge's own refusals), in the user's language. */
  refusal(code: string): { ok: false; error: { code: string; message: string } } {
    return { ok: false, error: { code, message: this.say(`error.${code}`) } };
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
    if (this.prewarmTimer) clearTimeout(this.prewarmTimer);
    // Cancel every job, kill the render processes now (their history is recorded as cancelled), then let go of the library.
    const stopped = this.queue.close();
    this.renders.close();
    await stopped;
    await closeStudio(this.studio);
  }

  /** Resolves when no render is queued or running. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  // ---- helpers -------------------------------------------------------------

  /** Runs in a render process of its own (./renderChild.ts): this process keeps answering meanwhile. */
  private async runJob(job: Job, signal: AbortSignal, progress: JobProgress) {
    if (job.farm) return this.runFarmJob(job, signal, progress);
    // A preview builds one format into its own folder; a render all of them into the outputs folder.
    const outDir = job.purpose === 'preview' ? path.join(job.outDir, job.formats[0] ?? '') : job.outDir;
    const outcome = await this.renders.run({
      order: {
        libraryDir: this.studio.library.dir, app: { ...this.studio.app }, projectId: job.projectId, formats: job.formats,
        languages: job.languages, aspects: job.aspects, outDir, purpose: job.purpose,
      },
      library: this.studio.library,
      signal,
      progress,
    });
    const files: OutputFile[] = outcome.outputs.map((o) => ({
      ...o,
      url: outcome.renderId ? renderFileUrl(job.projectId, outcome.renderId, o.path) : previewFileUrl(job.projectId, `${o.format}/${o.path}`),
    }));
    return { outputs: files, warnings: outcome.warnings, error: outcome.failures.join('\n') || null };
  }

  /**
   * On the render farm: this process only plans the units, waits on the queue and commits the workers' files
   * (the rendering is on the workers), so it runs here, asynchronously, rather than in a render process.
   */
  private async runFarmJob(job: Job, signal: AbortSignal, progress: JobProgress) {
    const unitView = ({ unit, state, fraction, worker }: FarmProgress): FarmUnitView =>
      ({ key: unit.key, format: unit.format, language: unit.language, aspect: unit.aspect ?? null, state, fraction, worker: worker ?? null });
    const outcome = await renderProjectOnFarm(this.studio, {
      projectId: job.projectId, formats: job.formats, languages: job.languages, outDir: job.outDir,
      flags: { aspects: job.aspects }, locale: this.studio.app.locale, signal,
      progress: (units) => {
        const done = units.filter((u) => u.state === 'done').length;
        const fraction = units.reduce((sum, u) => sum + u.fraction, 0) / Math.max(1, units.length);
        progress(fraction, this.say('renderJob.farmUnits', { done, total: units.length }), null, units.map(unitView));
      },
    }, this.t);
    return {
      outputs: outcome.manifest.outputs.map((o) => ({ ...o, url: renderFileUrl(job.projectId, outcome.renderId, o.path) })),
      warnings: [...new Set(outcome.manifest.warnings.map((w) => w.message))],
      error: outcome.failures.map((f) => f.message).join('\n') || null,
    };
  }

  private publishJobView(job: PublishJob): PublishJobView {
    return {
      id: job.id, channel: job.channel, language: job.language, status: job.status, attempts: job.attempts,
      url: job.result?.url || null, packagePath: job.result?.packagePath ?? null, error: publishJobError(job, this.t), updatedAt: job.updatedAt,
    };
  }

  // ---- the API: each method one call into engine/app --------------------------

  private readonly handlers: Handlers = {
    'app.info': async () => ({
      version: packageJson.version,
      locale: this.studio.app.locale,
      formats: formatDescriptors().map(({ name, label, preview, variants }) => ({
        name, label, preview, available: true, variants: variants.map(({ id, label: l, role }) => ({ id, label: l, role })),
      })),
      channels: channelDescriptors().map(({ id, label, preset }) => ({ id, label, videoVersion: preset.videoVersion ?? 'full' })),
      languages: LANGUAGES.map(({ code, nameVi, nameEn }) => ({ code, nameVi, nameEn })),
      libraryDir: this.studio.library.dir,
    }),

    'projects.list': async ({ query }) => {
      const listed = await listProjects(this.studio, query, this.t);
      return { ...listed, projects: listed.projects.map((p) => ({ ...p, translations: p.translations.map((c) => completenessView(c as LanguageCompleteness)) })) };
    },
    'projects.createFromBrief': async ({ fileName, text }) => createProjectFromBrief(this.studio, fileName, text, this.t),
    'projects.createFromSample': async ({ replace }) => {
      if (replace === false) {
        const sample = validateBrief(await readFile(this.sampleBrief, 'utf8').catch(() => ''), this.t).material;
        const existing = sample ? await this.studio.library.getProject(sample.id) : null;
        if (existing) throw new StudioError('ui.sampleExists', { title: existing.title });
      }
      return createProjectFromSample(this.studio, this.sampleBrief, this.t);
    },
    'projects.duplicate': async ({ projectId, newId, title }) => ({ project: await duplicateProject(this.studio, projectId, { newId, title }, this.t) }),
    'projects.rename': async ({ projectId, title }) => ({ project: await renameProject(this.studio, projectId, title, this.t) }),
    'projects.delete': async ({ projectId }) => deleteProject(this.studio, projectId),
    'projects.bin': async () => ({ entries: await listBin(this.studio) }),
    'projects.restore': async ({ binId }) => ({ project: await restoreProject(this.studio, binId) }),

    'briefs.validate': async ({ text }) => validateBrief(text, this.t).validation,
    'briefs.open': async (ref) => openBrief(this.studio, ref, this.t),
    'briefs.save': async ({ ref, text }) => saveBrief(this.studio, ref, text, this.t),
    'briefs.fromDocx': async ({ fileName, base64 }) => {
      const result = await briefFromDocx(this.studio, Buffer.from(base64, 'base64'), { fileName });
      return { text: result.text, diagnostics: result.diagnostics.map((d) => apiDiagnostic(d, this.t)) };
    },
    'briefs.toDocx': async ({ text, fileName }) => ({
      fileName: fileName ? `${path.basename(fileName, path.extname(fileName)) || 'ban-thao'}.docx` : docxFileNameFor(text),
      base64: Buffer.from(await briefToDocx(this.studio, text)).toString('base64'),
    }),

    'preview.material': async ({ projectId, language }) => previewMaterial(this.studio, projectId, language),
    'preview.video': async ({ projectId, language, aspect }) => previewVideo(this.studio, projectId, language, aspect),
    'preview.files': async ({ projectId, format, language }) => {
      const { material } = await requireMaterial(this.studio, projectId);
      const wanted = language ?? material.sourceLanguage;
      const jobs = this.queue.list(projectId).filter((j) => j.purpose === 'preview' && j.formats[0] === format && sameLanguage(j.languages[0] ?? '', wanted));
      return { files: await previewFiles(this.studio, projectId, format, wanted), job: jobs.at(-1) ?? null };
    },
    'preview.build': async ({ projectId, format, language }) => {
      const { material } = await requireMaterial(this.studio, projectId);
      const wanted = language ?? material.sourceLanguage;
      const existing = this.queue.list(projectId).find((j) => j.purpose === 'preview' && j.formats[0] === format
        && sameLanguage(j.languages[0] ?? '', wanted) && (j.status === 'queued' || j.status === 'running'));
      if (existing) return existing;
      return this.queue.enqueue({
        projectId, title: material.title.text, purpose: 'preview', formats: [format], languages: [wanted], aspects: [],
        outDir: previewDirFor(this.studio, projectId),
      });
    },

    'translations.summary': async ({ projectId }) => ({ languages: (await translationSummary(this.studio, projectId)).map(completenessView) }),
    'translations.grid': async ({ projectId, language }) => {
      const grid = await translationGrid(this.studio, projectId, language);
      return { ...grid, completeness: completenessView(grid.completeness) };
    },
    'translations.put': async ({ projectId, language, unitId, text }) => {
      const edited = await editTranslationUnit(this.studio, projectId, language, unitId, text);
      return { row: edited.row, completeness: completenessView(edited.completeness) };
    },
    'translations.confirmFigures': async ({ projectId, language, unitId, note }) => {
      const confirmed = await confirmFigures(this.studio, projectId, language, unitId, note);
      return { row: confirmed.row, completeness: completenessView(confirmed.completeness) };
    },
    'translations.export': async ({ projectId, language, format }) => exportTranslations(this.studio, projectId, language, format, this.t),
    'translations.import': async ({ projectId, language, fileName, content }) => {
      const result = await importTranslations(this.studio, { projectId }, { fileName, content, language }, this.t);
      return { ...result, completeness: result.completeness.map(completenessView) };
    },

    'voice.list': async ({ projectId, language }) => ({ targets: await listVoiceTargets(this.studio, projectId, language) }),
    'voice.put': async ({ projectId, language, target, audioBase64, extension }) =>
      recordVoiceTake(this.studio, projectId, { language, target, audio: Buffer.from(audioBase64, 'base64'), extension }),

    'voice.machine': async ({ projectId, language, target }) =>
      ({ url: `${previewFileUrl(projectId, await machineVoiceLine(this.studio, projectId, language, target))}?v=${Date.now()}` }),

    'render.start': async ({ projectId, formats, languages, aspects, farm }) => {
      const { material } = await requireMaterial(this.studio, projectId);
      for (const format of formats) if (!findFormat(format)) throw new StudioError('build.formatNotYet', { format });
      // No farm job without a queue and a shared folder: said now, not when the job runs.
      if (farm) farmTarget(this.studio);
      return this.queue.enqueue({
        projectId, title: material.title.text, purpose: 'render', formats, languages, aspects, outDir: outputDirFor(this.studio, projectId),
        ...(farm ? { farm } : {}),
      });
    },
    'farm.test': async ({ queue }) => testFarmQueue(queue),
    'cache.usage': async () => cacheUsage(this.studio),
    'cache.clear': async ({ ids }) => {
      const { freedBytes, report } = await clearCaches(this.studio, ids);
      return { ...report, freedBytes };
    },
    'render.jobs': async ({ projectId }) => {
      // The UI asks when it opens: have a render process ready by the time a render is started (after the first paint).
      this.prewarmTimer ??= setTimeout(() => this.renders.prewarm(), 3000);
      this.prewarmTimer.unref?.();
      return { jobs: this.queue.list(projectId) };
    },
    'render.cancel': async ({ jobId }) => {
      const job = this.queue.cancel(jobId);
      if (!job) throw new StudioError('api.unknownJob', { jobId });
      return job;
    },

    'outputs.list': async ({ projectId }) => {
      const renders = await this.studio.library.listRenders(projectId);
      return {
        renders: renders.reverse().map((r) => ({
          id: r.id, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, outDir: r.outDir,
          outputs: r.outputs.map((o) => ({ ...o, url: renderFileUrl(projectId, r.id, o.path) })),
        })),
      };
    },
    'outputs.locate': async ({ url }) => ({ path: await this.resolveFileUrl(url) }),

    'legal.list': async () => ({ entries: await listLegalRegister(this.studio) }),
    'legal.put': async ({ entry, remove }) => ({ entries: await editLegalRegister(this.studio, { entry, remove }) }),
    'legal.import': async ({ fileName, content, encoding }) =>
      importLegalRegister(this.studio, { name: fileName, bytes: Buffer.from(content, encoding) }),

    // The build is the project's outputs folder; packages go beside it: a page names no folder (issue 14).
    'publish.approve': async ({ projectId, by, role }) => approvalView(await approveBuild(this.studio, { projectId, by, role })),
    'publish.start': async ({ projectId, channels, languages }) => {
      try {
        const outcome = await publishProject(this.studio, { projectId, channels, languages });
        return { jobs: outcome.jobs.map((j) => this.publishJobView(j)), alreadyPublished: outcome.alreadyPublished.map((j) => this.publishJobView(j)) };
      } catch (error) {
        if (error instanceof PreflightFailed) throw new StudioError('publish.preflightList', { problems: preflightMessages(error, this.t).join('; ') });
        throw error;
      }
    },
    'publish.status': async ({ projectId }) => {
      const status = await publishStatus(this.studio, projectId);
      return { approval: status.approval ? approvalView(status.approval) : null, jobs: status.jobs.map((j) => this.publishJobView(j)) };
    },
    'publish.overview': async ({ projectId }) => {
      const overview = await publishOverview(this.studio, projectId);
      return {
        build: overview.build,
        approvals: overview.approvals.map(approvalView),
        events: overview.events.map((e) => ({
          at: e.at, jobId: e.jobId, channel: e.channel, language: e.language, event: e.event, attempt: e.attempt,
          approvedBy: e.approvedBy, url: e.url ?? e.packagePath ?? null, error: e.error ?? null,
        })),
      };
    },
    'publish.reportFiles': async ({ from, to, forms }) => {
      const report = await periodReportFiles(this.studio, { from, to, forms });
      return { ...report, files: report.files.map((f) => ({ fileName: f.fileName, base64: f.bytes.toString('base64') })) };
    },
    'settings.putLogo': async ({ projectId, fileName, base64 }) => putBrandLogo(this.studio, projectId, fileName, Buffer.from(base64, 'base64')),

    'settings.get': async ({ projectId }) => getSettings(this.studio, projectId),
    'settings.put': async ({ app, projectId, brand, printShop }) => putSettings(this.studio, { app, projectId, brand, printShop }),
  };

  /**
   * Sets the browser, the output folder or a project's logo: for the desktop app's main process after its
   * own file dialog (electron/), never reachable through call() — a page cannot name a program or a folder.
   */
  async setLocalPath(key: LocalPathKey, value: string | null, projectId?: string): Promise<ApiResult> {
    try {
      return { ok: true, value: await setLocalPath(this.studio, key, value, projectId) };
    } catch (error) {
      const said = userMessage(error, this.t, `set ${key}`);
      return { ok: false, error: { code: said.code, message: said.message } };
    }
  }

  /** A `/files/…` URL → the absolute path of a file inside the folder it names; throws otherwise. */
  async resolveFileUrl(url: string): Promise<string> {
    const parts = parseFileUrl(url);
    if (!parts) throw new StudioError('api.fileNotFound', {});
    const project = await this.studio.library.getProject(parts.projectId);
    if (!project) throw new StudioError('api.fileNotFound', {});
    const projectDir = this.studio.library.projectDir(parts.projectId);
    if (parts.area === 'preview') return resolveInside(previewDirFor(this.studio, parts.projectId), parts.segments);
    if (parts.area === 'voice') return resolveInside(path.join(projectDir, 'voice'), parts.segments);
    const render = (await this.studio.library.listRenders(parts.projectId)).find((r) => r.id === parts.renderId);
    // Only files the render recorded: its folder may be shared with other projects' renders.
    const relative = parts.segments.join('/');
    if (!render || !render.outputs.some((o) => o.path === relative)) throw new StudioError('api.fileNotFound', {});
    return resolveInside(render.outDir, parts.segments);
  }
}
