/**
 * What the publisher's screen shows of a project: the build as it is now
 * (its manifest's files and hashes), every approval and publish event in the
 * audit log, and the period report as files to hand over (for the browser,
 * which downloads them instead of writing to a folder). Reads only, except
 * the report's own temporary folder.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { auditLogFor, type ApprovalEntry, type PublishEntry } from '../publish/auditLog.js';
import { readManifest } from '../publish/publish.js';
import { writePeriodReport } from './publishing.js';
import { outputDirFor, requireMaterial, type Studio } from './studio.js';

export interface BuildFile {
  path: string;
  sha256: string;
  format: string;
  language: string;
  variant: string;
  bytes: number;
}

export interface PublishOverview {
  /** The project's build as it is now, or null when nothing was built yet. */
  build: { outDir: string; files: BuildFile[] } | null;
  /** Oldest first. */
  approvals: ApprovalEntry[];
  /** Oldest first. */
  events: PublishEntry[];
}

export async function publishOverview(studio: Studio, projectId: string): Promise<PublishOverview> {
  await requireMaterial(studio, projectId);
  const outDir = outputDirFor(studio, projectId);
  let build: PublishOverview['build'] = null;
  try {
    const manifest = await readManifest(outDir);
    build = {
      outDir,
      files: manifest.outputs.map((o) => ({ path: o.path, sha256: o.sha256, format: o.format, language: o.language, variant: o.variant, bytes: o.bytes })),
    };
  } catch (error) {
    if (!(error instanceof StudioError && error.code === 'publish.noManifest')) throw error;
  }
  const { entries } = await auditLogFor(studio.library.dir).read();
  const mine = entries.filter((e) => e.projectId === projectId);
  return {
    build,
    approvals: mine.filter((e): e is ApprovalEntry => e.type === 'approval'),
    events: mine.filter((e): e is PublishEntry => e.type === 'publish'),
  };
}

/** The period report written to a temporary folder, read back as bytes, the folder removed. */
export async function periodReportFiles(studio: Studio, request: { from: string; to: string; forms?: string[] }) {
  const work = await mkdtemp(path.join(tmpdir(), 'luat-report-'));
  try {
    const report = await writePeriodReport(studio, { ...request, outDir: work });
    const written = [report.written.csv, report.written.xlsx, report.written.pdf].filter((f): f is string => typeof f === 'string');
    const files = await Promise.all(written.map(async (file) => ({ fileName: path.basename(file), bytes: await readFile(file) })));
    return { files, materials: report.materials, produced: report.produced, published: report.published };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
