/**
 * Publishing a build: the one entry point the CLI (`luat-studio publish`)
 * and the app share.
 *
 *  1. Read the build's manifest; the brief must be the one it was built from.
 *  2. The approval gate (./approval.ts): no approval, or anything changed
 *     since, and nothing is sent.
 *  3. For every channel and language, choose the files the channel takes and
 *     run preflight; any problem anywhere stops everything before the first
 *     byte is sent, listing every problem at once.
 *  4. Queue one job per channel and language under an idempotency key made
 *     of what it sends. A job already done for the same key is not sent
 *     again; an interrupted or failed one resumes with its saved state.
 *  5. Run the jobs (./runner.ts).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Manifest, MANIFEST_FILE } from '../build/build.js';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import type { Library } from '../store/library.js';
import { materialHash } from '../store/schema.js';
import { localizeMaterial } from '../translations/localize.js';
import { auditLogFor, type AuditLog } from './auditLog.js';
import { manifestLanguages, outputsHash, requireApproval, verifyFiles } from './approval.js';
import { composeCaption } from './caption.js';
import type { ChannelAdapter, ChannelId, PreflightProblem, PublishRequest } from './channel.js';
import { runPreflight, selectFiles } from './preflight.js';
import { isPending, PublishQueue, type PublishJob } from './queue.js';
import { channelEndpoint, channelSettings, createAdapter, type ChannelSettings } from './registry.js';
import { DEFAULT_MAX_ATTEMPTS, runQueue, type Backoff, type RunnerEvent } from './runner.js';
import type { SecretStore } from './secrets.js';

export interface ChannelProblem {
  channel: ChannelId;
  language: string;
  problem: PreflightProblem;
}

/** Preflight found problems; nothing was sent. `problems` lists every one (i18n keys under diag.publish.). */
export class PreflightFailed extends StudioError {
  constructor(readonly problems: ChannelProblem[]) {
    super('publish.preflightProblems', { count: problems.length, channels: [...new Set(problems.map((p) => p.channel))].join(', ') });
  }
}

export async function readManifest(outDir: string): Promise<Manifest> {
  const file = path.join(path.resolve(outDir), MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new StudioError('publish.noManifest', { dir: path.resolve(outDir) });
  }
  try {
    return Manifest.parse(JSON.parse(text));
  } catch (cause) {
    throw new StudioError('publish.badManifest', { path: file }, { cause });
  }
}

export type PublishEvent = RunnerEvent | { type: 'alreadyPublished'; job: PublishJob };

export interface PublishOptions {
  library: Library;
  /** The brief's Material (already saved in the library). */
  material: Material;
  outDir: string;
  channels: ChannelId[];
  /** Empty or absent: every language the build holds. */
  languages?: string[];
  secrets: SecretStore;
  /** Folder for packages; default <outDir>/packages. */
  packageDir?: string;
  env?: NodeJS.ProcessEnv;
  uploadBytesPerSecond?: number;
  backoff?: Backoff;
  maxAttempts?: number;
  signal?: AbortSignal;
  onEvent?(event: PublishEvent): void;
  /** Tests put fake adapters here. */
  createAdapter?: (channel: ChannelId, settings: ChannelSettings, packageDir: string) => Promise<ChannelAdapter>;
  /** The app keeps one queue open; the CLI lets this open it. */
  queue?: PublishQueue;
}

export interface PublishOutcome {
  /** The jobs of this call, in their final state (done or failed). */
  jobs: PublishJob[];
  /** Jobs skipped because the same files were already published to the same channel. */
  alreadyPublished: PublishJob[];
}

interface Plan {
  channel: ChannelId;
  language: string;
  request: PublishRequest;
  languageHash: string;
}

function idempotencyKey(projectId: string, channel: string, language: string, materialHashHex: string, languageHash: string, filesHash: string): string {
  return createHash('sha256').update([projectId, channel, language, materialHashHex, languageHash, filesHash].join('\n'), 'utf8').digest('hex');
}

export async function publishBuild(options: PublishOptions): Promise<PublishOutcome> {
  const { library, material } = options;
  const env = options.env ?? process.env;
  const outDir = path.resolve(options.outDir);
  const packageDir = path.resolve(options.packageDir ?? path.join(outDir, 'packages'));
  const project = await library.getProject(material.id);
  if (!project) throw new StudioError('store.noProject', { projectId: material.id });
  const stored = await library.getMaterial(material.id);
  if (!stored || materialHash(stored) !== materialHash(material)) throw new StudioError('publish.briefNotSaved', { projectId: material.id });
  if (options.channels.length === 0) throw new StudioError('publish.noChannels');

  const manifest = await readManifest(outDir);
  const translations = await library.listTranslations(material.id);
  const built = manifestLanguages(material, manifest);
  const languages = options.languages?.length ? options.languages : built;
  for (const language of languages) {
    if (!built.includes(language)) throw new StudioError('publish.languageNotBuilt', { language, built: built.join(', ') });
  }

  const audit: AuditLog = auditLogFor(library.dir);
  const approval = await requireApproval(audit, { material, manifest, translations, languages });

  const make = options.createAdapter ?? createAdapter;
  const adapters = new Map<ChannelId, { adapter: ChannelAdapter; settings: ChannelSettings }>();
  for (const channel of options.channels) {
    const settings = channelSettings(channel, project.settings, env);
    adapters.set(channel, { adapter: await make(channel, settings, packageDir), settings });
  }

  const plans: Plan[] = [];
  const problems: ChannelProblem[] = [];
  for (const channel of options.channels) {
    const { adapter } = adapters.get(channel)!;
    for (const language of languages) {
      const localized = localizeMaterial(material, language, translations);
      const selection = selectFiles(manifest, outDir, language, adapter.preset);
      const request: PublishRequest = {
        material: localized,
        language,
        files: selection.files,
        caption: composeCaption(localized, language, adapter.preset.maxCaptionChars),
        idempotencyKey: '',
      };
      const found = selection.files.length > 0 ? runPreflight(adapter, request, selection.problems) : selection.problems;
      for (const problem of found) problems.push({ channel, language, problem });
      const languageHash = materialHash(localized);
      request.idempotencyKey = idempotencyKey(material.id, channel, language, approval.materialHash, languageHash, outputsHash(selection.files.map((f) => f.output)));
      plans.push({ channel, language, request, languageHash });
    }
  }
  if (problems.length > 0) throw new PreflightFailed(problems);
  await verifyFiles(outDir, plans.flatMap((p) => p.request.files.map((f) => f.output)));

  const queue = options.queue ?? (await PublishQueue.open(library.dir));
  try {
    const jobIds: string[] = [];
    const alreadyPublished: PublishJob[] = [];
    for (const plan of plans) {
      const existing = queue.findByKey(plan.request.idempotencyKey);
      if (existing?.status === 'done') {
        alreadyPublished.push(existing);
        await audit.append({
          type: 'publish', at: new Date().toISOString(), projectId: existing.projectId, title: existing.title, jobId: existing.id,
          channel: existing.channel, language: existing.language, event: 'skipped', approvedAt: approval.at, approvedBy: approval.by,
          materialHash: approval.materialHash, ...(existing.result ? { url: existing.result.url } : {}),
        });
        options.onEvent?.({ type: 'alreadyPublished', job: existing });
        continue;
      }
      if (existing && isPending(existing)) {
        jobIds.push(existing.id);
        continue;
      }
      if (existing?.status === 'failed') {
        // Same files, same channel: try again from the saved state, so nothing made before is made twice.
        await queue.update(existing.id, { status: 'queued', attempts: 0, nextAttemptAt: null, error: null });
        jobIds.push(existing.id);
        continue;
      }
      const job = await queue.add({
        projectId: material.id,
        title: material.title.text,
        channel: plan.channel,
        language: plan.language,
        outDir,
        files: plan.request.files.map((f) => f.output),
        caption: plan.request.caption,
        idempotencyKey: plan.request.idempotencyKey,
        approval: {
          at: approval.at, by: approval.by, role: approval.role,
          materialHash: approval.materialHash, outputsHash: approval.outputsHash, languageHash: plan.languageHash,
        },
        maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      });
      await audit.append({
        type: 'publish', at: new Date().toISOString(), projectId: job.projectId, title: job.title, jobId: job.id,
        channel: job.channel, language: job.language, event: 'queued', approvedAt: approval.at, approvedBy: approval.by,
        materialHash: approval.materialHash,
        files: job.files.map((o) => ({ path: o.path, format: o.format, variant: o.variant, language: o.language, bytes: o.bytes, sha256: o.sha256 })),
      });
      jobIds.push(job.id);
    }

    const settings = project.settings['publish'] as { uploadBytesPerSecond?: unknown } | undefined;
    const envRate = Number(env['LUAT_STUDIO_UPLOAD_BYTES_PER_SECOND'] ?? '');
    const rate = options.uploadBytesPerSecond
      ?? (Number.isFinite(envRate) && envRate > 0 ? envRate : typeof settings?.uploadBytesPerSecond === 'number' ? settings.uploadBytesPerSecond : undefined);
    const jobs = await runQueue({
      queue,
      audit,
      secrets: options.secrets,
      adapterFor: (channel) => {
        const entry = adapters.get(channel as ChannelId);
        if (!entry) throw new StudioError('publish.unknownChannel', { channel, known: options.channels.join(', ') });
        return entry.adapter;
      },
      endpointFor: (channel, adapter) => channelEndpoint(channel, adapter, adapters.get(channel as ChannelId)?.settings ?? {}, env),
      materialFor: (job) => materialForJob(library, job),
      picturesDirFor: (job) => library.projectDir(job.projectId),
      packageDir,
      ...(rate ? { uploadBytesPerSecond: rate } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onEvent ? { onEvent: options.onEvent } : {}),
    }, jobIds);
    return { jobs, alreadyPublished };
  } finally {
    if (!options.queue) await queue.close();
  }
}

/** The job's Material in its language, from the library, refused if it is no longer what was approved. */
export async function materialForJob(library: Library, job: PublishJob): Promise<Material> {
  const source = await library.getMaterial(job.projectId);
  if (!source || materialHash(source) !== job.approval.materialHash) {
    throw new StudioError('publish.changedSinceQueued', { title: job.title, channel: job.channel, language: job.language });
  }
  const localized = localizeMaterial(source, job.language, await library.listTranslations(job.projectId));
  if (materialHash(localized) !== job.approval.languageHash) {
    throw new StudioError('publish.changedSinceQueued', { title: job.title, channel: job.channel, language: job.language });
  }
  return localized;
}
