/**
 * The approval gate: legal content goes out only as approved.
 *
 * An approval records who approved (name and role), when, and hashes of
 * exactly what they approved: the Material, each language's text as
 * published (translations included), and every output file of the build.
 * Publishing re-computes them; any difference means the approval no longer
 * covers what would be sent, and the error names what changed so the
 * approver knows what to look at again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Manifest } from '../build/build.js';
import { sha256File } from '../build/outputs.js';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import type { TranslationRecord } from '../model/records.js';
import { listTextUnits } from '../model/units.js';
import { materialHash } from '../store/schema.js';
import { localizeMaterial } from '../translations/localize.js';
import type { ApprovalEntry, AuditLog } from './auditLog.js';

export interface Approver {
  by: string;
  role: string;
}

/** sha256 over the outputs' paths and sha256, in path order: the build as approved. */
export function outputsHash(outputs: readonly { path: string; sha256: string }[]): string {
  const lines = [...outputs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((o) => `${o.path}\t${o.sha256}\n`);
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}

/** Languages the build holds outputs in, source language first. */
export function manifestLanguages(material: Material, manifest: Manifest): string[] {
  const found = new Set(manifest.outputs.map((o) => o.language));
  return [...found].sort((a, b) => (a === material.sourceLanguage ? -1 : b === material.sourceLanguage ? 1 : a.localeCompare(b)));
}

/** The Material in each language as it would be published, hashed. */
export function languageHashes(material: Material, languages: readonly string[], translations: readonly TranslationRecord[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const language of languages) out[language] = materialHash(localizeMaterial(material, language, translations));
  return out;
}

/** Fails with publish.fileChanged when a file on disk is not the one the manifest describes. */
export async function verifyFiles(outDir: string, outputs: readonly { path: string; sha256: string }[]): Promise<void> {
  for (const output of outputs) {
    const file = path.join(outDir, output.path);
    const actual = await sha256File(file).catch(() => null);
    if (actual === null) throw new StudioError('publish.fileMissing', { path: file });
    if (actual !== output.sha256) throw new StudioError('publish.fileChanged', { path: file });
  }
}

export interface ApproveRequest {
  material: Material;
  manifest: Manifest;
  outDir: string;
  translations: readonly TranslationRecord[];
  approver: Approver;
  now?: Date;
  /** Notes on the cited documents to keep on the record (see ApprovalEntry.legalNotes). */
  legalNotes?: { code: string; params: Record<string, string | number> }[];
}

function requireSameMaterial(material: Material, manifest: Manifest): void {
  if (manifest.material.id !== material.id) {
    throw new StudioError('publish.manifestOtherMaterial', { manifest: manifest.material.id, brief: material.id });
  }
}

/** Records an approval of this Material and this build in the audit log. */
export async function approve(audit: AuditLog, request: ApproveRequest): Promise<ApprovalEntry> {
  const { material, manifest } = request;
  const by = request.approver.by.trim();
  const role = request.approver.role.trim();
  if (!by || !role) throw new StudioError('publish.approverRequired');
  requireSameMaterial(material, manifest);
  if (manifest.outputs.length === 0) throw new StudioError('publish.nothingBuilt', { dir: request.outDir });
  const outDir = path.resolve(request.outDir);
  await verifyFiles(outDir, manifest.outputs);
  const entry: ApprovalEntry = {
    type: 'approval',
    at: (request.now ?? new Date()).toISOString(),
    projectId: material.id,
    title: material.title.text,
    by,
    role,
    materialHash: materialHash(material),
    outputsHash: outputsHash(manifest.outputs),
    languageHashes: languageHashes(material, manifestLanguages(material, manifest), request.translations),
    outputs: manifest.outputs.map((o) => ({ path: o.path, sha256: o.sha256 })),
    unitIds: listTextUnits(material).map((e) => e.unit.id),
    outDir,
    ...(request.legalNotes && request.legalNotes.length > 0 ? { legalNotes: request.legalNotes } : {}),
  };
  await audit.append(entry);
  return entry;
}

export interface ApprovalCheck {
  material: Material;
  manifest: Manifest;
  translations: readonly TranslationRecord[];
  /** Languages about to be published; their text must be as approved. */
  languages: readonly string[];
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The approval covering exactly this Material, build and languages, or a
 * StudioError saying there is none or what changed since the latest one.
 */
export async function requireApproval(audit: AuditLog, check: ApprovalCheck): Promise<ApprovalEntry> {
  const { material, manifest } = check;
  requireSameMaterial(material, manifest);
  const approval = await audit.latestApproval(material.id);
  if (!approval) throw new StudioError('publish.notApproved', { title: material.title.text, projectId: material.id });
  const since = { approvedAt: approval.at, by: approval.by };

  if (approval.materialHash !== materialHash(material)) {
    const approvedIds = new Set(approval.unitIds);
    const units = listTextUnits(material);
    const currentIds = new Set(units.map((e) => e.unit.id));
    const changed = units.filter((e) => !approvedIds.has(e.unit.id));
    const removed = approval.unitIds.filter((id) => !currentIds.has(id)).length;
    const first = changed[0]?.unit;
    if (first) {
      throw new StudioError('publish.briefChangedSinceApproval', {
        ...since, changed: changed.length, removed, line: first.loc.line, example: clip(first.text),
      });
    }
    if (removed > 0) throw new StudioError('publish.briefChangedSinceApproval', { ...since, changed: 0, removed, line: 0, example: '' });
    throw new StudioError('publish.detailsChangedSinceApproval', since);
  }

  if (approval.outputsHash !== outputsHash(manifest.outputs)) {
    const approved = new Map(approval.outputs.map((o) => [o.path, o.sha256]));
    const current = new Map(manifest.outputs.map((o) => [o.path, o.sha256]));
    const changed = [...current].filter(([p, sha]) => approved.has(p) && approved.get(p) !== sha).map(([p]) => p);
    const added = [...current.keys()].filter((p) => !approved.has(p));
    const removed = [...approved.keys()].filter((p) => !current.has(p));
    throw new StudioError('publish.outputsChangedSinceApproval', {
      ...since,
      changed: changed.join(', ') || '-',
      added: added.join(', ') || '-',
      removed: removed.join(', ') || '-',
    });
  }

  const now = languageHashes(material, check.languages, check.translations);
  for (const language of check.languages) {
    const approvedHash = approval.languageHashes[language];
    if (approvedHash === undefined) throw new StudioError('publish.languageNotApproved', { ...since, language });
    if (approvedHash !== now[language]) throw new StudioError('publish.translationChangedSinceApproval', { ...since, language });
  }
  return approval;
}
