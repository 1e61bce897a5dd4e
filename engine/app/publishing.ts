/**
 * Approval, publishing, publish status and the period report. Publishing
 * reads the build's manifest and the approval record (never the brief);
 * status and the report only read.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TFunction } from 'i18next';
import type { Diagnostic } from '../brief/diagnostics.js';
import { StudioError } from '../errors.js';
import { readLegalRegister, registerDiagnostics } from '../legal/register.js';
import type { Material } from '../model/material.js';
import { approve } from '../publish/approval.js';
import { auditLogFor, type ApprovalEntry } from '../publish/auditLog.js';
import { PreflightFailed, publishBuild, readManifest, type PublishEvent, type PublishOutcome } from '../publish/publish.js';
import { PublishJob, QUEUE_FILE } from '../publish/queue.js';
import { parseChannels } from '../publish/registry.js';
import { collectReport } from '../publish/report/collect.js';
import { writeReport, type ReportForm, type WrittenReport } from '../publish/report/write.js';
import { cliSecretStore, redact, type SecretStore } from '../publish/secrets.js';
import { outputDirFor, requireMaterial, type Studio } from './studio.js';
import { dayMonthYear, localToday } from '../text/dates.js';

export { PreflightFailed };

/** Documents of the legal basis not yet in force today (the check's legal.notYetInForce warning). */
function notYetInForce(material: Material): Diagnostic[] {
  const today = localToday();
  return material.legalBasis
    .filter((doc) => doc.effective > today)
    .map((doc) => ({ severity: 'warning' as const, code: 'legal.notYetInForce', params: { ref: doc.ref, date: dayMonthYear(doc.effective) } }));
}
export type { PublishEvent, PublishJob, PublishOutcome };

/** Records who approved this Material and this build (the files as they are now in `outDir`). */
export async function approveBuild(
  studio: Studio, request: { projectId: string; outDir?: string | undefined; by: string; role: string },
): Promise<ApprovalEntry> {
  const { material } = await requireMaterial(studio, request.projectId);
  const outDir = request.outDir ?? outputDirFor(studio, request.projectId);
  // What the approver is told about the cited documents goes on the record with the approval.
  const legalNotes = [...notYetInForce(material), ...registerDiagnostics(material, await readLegalRegister(studio.library.dir))]
    .map((d) => ({ code: d.code, params: d.params ?? {} }));
  return approve(auditLogFor(studio.library.dir), {
    legalNotes,
    material,
    manifest: await readManifest(outDir),
    outDir,
    translations: await studio.library.listTranslations(material.id),
    approver: { by: request.by, role: request.role },
  });
}

export interface PublishRequest {
  projectId: string;
  /** The build folder; default the project's outputs folder. */
  outDir?: string | undefined;
  channels: string[];
  /** Empty: every language the build holds. */
  languages?: string[];
  packageDir?: string | undefined;
  /** Credentials; default the environment and the OS keyring. */
  secrets?: SecretStore;
  signal?: AbortSignal;
  onEvent?(event: PublishEvent): void;
}

/** Sends the approved build to the channels through the persistent queue (resumes, never posts twice). */
export async function publishProject(studio: Studio, request: PublishRequest): Promise<PublishOutcome> {
  const channels = parseChannels(request.channels);
  if (channels.length === 0) throw new StudioError('publish.noChannels');
  const { material } = await requireMaterial(studio, request.projectId);
  return publishBuild({
    library: studio.library,
    material,
    outDir: request.outDir ?? outputDirFor(studio, request.projectId),
    channels,
    languages: request.languages ?? [],
    secrets: request.secrets ?? cliSecretStore(),
    ...(request.packageDir ? { packageDir: request.packageDir } : {}),
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onEvent ? { onEvent: request.onEvent } : {}),
  });
}

/** A publish job's failure in the user's language, secrets removed. */
export function publishJobError(job: PublishJob, t: TFunction): string | null {
  if (!job.error) return null;
  return redact(t(`error.${job.error.code}`, { ...job.error.params, defaultValue: `${job.error.code} ${JSON.stringify(job.error.params)}` }));
}

/** Preflight problems of a refused publish, one line each, in the user's language. */
export function preflightMessages(error: PreflightFailed, t: TFunction): string[] {
  return error.problems.map((p) => `${p.channel} (${p.language}): ${t(`diag.publish.${p.problem.code}`, {
    ...p.problem.params, defaultValue: `${p.problem.code} ${JSON.stringify(p.problem.params)}`,
  })}`);
}

export interface PublishStatus {
  approval: ApprovalEntry | null;
  jobs: PublishJob[];
}

/** The latest approval and every publish job of a project. Reads only: the queue file is not opened for writing. */
export async function publishStatus(studio: Studio, projectId: string): Promise<PublishStatus> {
  await requireMaterial(studio, projectId);
  const approval = await auditLogFor(studio.library.dir).latestApproval(projectId);
  let jobs: PublishJob[] = [];
  try {
    const raw = JSON.parse(await readFile(path.join(studio.library.dir, QUEUE_FILE), 'utf8')) as { jobs?: unknown[] };
    jobs = (raw.jobs ?? []).flatMap((j) => {
      const parsed = PublishJob.safeParse(j);
      return parsed.success && parsed.data.projectId === projectId ? [parsed.data] : [];
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StudioError('store.corrupt', { path: path.join(studio.library.dir, QUEUE_FILE) }, { cause: error });
  }
  return { approval, jobs };
}

export const REPORT_FORMS: readonly ReportForm[] = ['csv', 'xlsx', 'pdf'];

export interface ReportRequest {
  from: string;
  to: string;
  outDir: string;
  /** Subset of csv, xlsx, pdf; empty: all three. */
  forms?: string[];
  locale?: string;
}

/** What was produced and published in the period, as CSV, XLSX and PDF files in `outDir`. */
export async function writePeriodReport(studio: Studio, request: ReportRequest) {
  const requested = request.forms ?? [];
  for (const form of requested) {
    if (!(REPORT_FORMS as readonly string[]).includes(form)) throw new StudioError('report.unknownForm', { form, known: REPORT_FORMS.join(', ') });
  }
  const forms = (requested.length ? requested : REPORT_FORMS) as ReportForm[];
  const data = await collectReport(studio.library, auditLogFor(studio.library.dir), request.from, request.to);
  const written: WrittenReport = await writeReport(data, request.outDir, {
    locale: request.locale ?? studio.app.locale, forms, chromiumPath: studio.app.chromiumPath,
  });
  const produced = data.rows.filter((r) => r.kind === 'produced').length;
  return { written, materials: data.materials, produced, published: data.rows.length - produced };
}
