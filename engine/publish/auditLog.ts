/**
 * The record of what was approved and what was published where: an
 * append-only JSON Lines file in the library folder, `publish-audit.jsonl`.
 *
 * Lines are only ever appended, each one fsynced before its promise resolves,
 * so an approval or a publish that was reported has been recorded. A crash
 * mid-append can leave a torn last line; readers skip a line that does not
 * parse, and the next append starts on a fresh line so it is never glued to
 * the torn one. Every line passes through `redact` on its way to disk.
 *
 * Only the library's holder appends (the CLI command or the app that opened
 * the library), so appends from one process are enough to serialise.
 */
import { open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir } from '../fs/durable.js';
import { redact } from './secrets.js';

export const AUDIT_FILE = 'publish-audit.jsonl';

const isoTime = z.string().datetime({ offset: true });
const hash = z.string().regex(/^[0-9a-f]{64}$/);

export const ApprovedOutput = z.object({ path: z.string(), sha256: hash });

export const ApprovalEntry = z.object({
  type: z.literal('approval'),
  at: isoTime,
  projectId: z.string().min(1),
  title: z.string(),
  by: z.string().min(1),
  role: z.string().min(1),
  materialHash: hash,
  /** sha256 over the approved outputs' paths and sha256 (see approval.ts). */
  outputsHash: hash,
  /** sha256 of the Material as published in each language (translations included). */
  languageHashes: z.record(z.string(), hash),
  outputs: z.array(ApprovedOutput),
  /** Ids of the approved text units (each embeds a hash of its text), to name what changed later. */
  unitIds: z.array(z.string()),
  outDir: z.string(),
  /**
   * What the approver was told about the cited documents when approving: not yet
   * in force (legal.notYetInForce), amended or to be replaced (the legal register),
   * as message codes with their parameters. Absent in older records.
   */
  legalNotes: z.array(z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })).optional(),
});
export type ApprovalEntry = z.infer<typeof ApprovalEntry>;

export const PublishedFile = z.object({
  path: z.string(),
  format: z.string(),
  variant: z.string(),
  language: z.string(),
  bytes: z.number().int().nonnegative(),
  sha256: hash,
});
export type PublishedFile = z.infer<typeof PublishedFile>;

export const PublishEvent = z.enum(['queued', 'attempt', 'retry', 'succeeded', 'failed', 'skipped']);
export type PublishEvent = z.infer<typeof PublishEvent>;

export const PublishEntry = z.object({
  type: z.literal('publish'),
  at: isoTime,
  projectId: z.string().min(1),
  title: z.string(),
  jobId: z.string().min(1),
  channel: z.string().min(1),
  language: z.string().min(1),
  event: PublishEvent,
  attempt: z.number().int().nonnegative().optional(),
  /** The approval this publish relied on (its time) and what it covered. */
  approvedAt: isoTime,
  approvedBy: z.string(),
  materialHash: hash,
  url: z.string().optional(),
  remoteIds: z.record(z.string(), z.string()).optional(),
  /** Set when a ready-to-upload package was written instead of a post. */
  packagePath: z.string().optional(),
  error: z.string().optional(),
  files: z.array(PublishedFile).optional(),
});
export type PublishEntry = z.infer<typeof PublishEntry>;

export const AuditEntry = z.discriminatedUnion('type', [ApprovalEntry, PublishEntry]);
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface AuditReadResult {
  entries: AuditEntry[];
  /** Lines that did not parse (a torn last line after a crash, a hand edit). */
  skipped: number;
}

export class AuditLog {
  private tail: Promise<void> = Promise.resolve();
  /** Whether the file is known to end with a newline (checked once, on the first append). */
  private endsClean: boolean | null = null;

  constructor(readonly file: string) {}

  /** Appends one entry; resolves once it is on disk. */
  append(entry: AuditEntry): Promise<void> {
    const checked = AuditEntry.parse(entry);
    const line = `${redact(JSON.stringify(checked))}\n`;
    const result = this.tail.then(() => this.write(line));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async write(line: string): Promise<void> {
    const handle = await open(this.file, 'a+');
    try {
      const { size } = await handle.stat();
      if (this.endsClean === null) {
        if (size === 0) this.endsClean = true;
        else {
          const last = Buffer.alloc(1);
          await handle.read(last, 0, 1, size - 1);
          this.endsClean = last[0] === 0x0a;
        }
      }
      const text = this.endsClean ? line : `\n${line}`;
      await handle.write(text);
      await handle.sync();
      this.endsClean = true;
      if (size === 0) await fsyncDir(path.dirname(this.file));
    } finally {
      await handle.close();
    }
  }

  async read(): Promise<AuditReadResult> {
    await this.tail;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: 0 };
      throw error;
    }
    const entries: AuditEntry[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(AuditEntry.parse(JSON.parse(line)));
      } catch {
        skipped++;
      }
    }
    return { entries, skipped };
  }

  /** The latest approval recorded for a project, or null. */
  async latestApproval(projectId: string): Promise<ApprovalEntry | null> {
    const { entries } = await this.read();
    let latest: ApprovalEntry | null = null;
    for (const e of entries) if (e.type === 'approval' && e.projectId === projectId) latest = e;
    return latest;
  }
}

export function auditLogFor(libraryDir: string): AuditLog {
  return new AuditLog(path.join(libraryDir, AUDIT_FILE));
}
