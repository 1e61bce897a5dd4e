/**
 * What the periodic reports count: materials produced (from the library's
 * render history) and published (from the audit log), by format, language
 * and channel, with where each can be found.
 *
 * Companion files (subtitles, a video's poster) are left out: a video with
 * its subtitles is one video. The same file built twice in the period counts
 * once. Dates are the machine's local days, as the reports are read.
 */
import path from 'node:path';
import { StudioError } from '../../errors.js';
import type { OutputEntry } from '../../model/records.js';
import type { Library } from '../../store/library.js';
import type { AuditLog } from '../auditLog.js';

export interface ReportRow {
  kind: 'produced' | 'published';
  /** ISO time the render finished or the publish succeeded. */
  at: string;
  projectId: string;
  title: string;
  format: string;
  variant: string;
  language: string;
  /** '' for produced rows. */
  channel: string;
  /** The post or video URL, the package's file URL, or the produced file's path. */
  location: string;
  bytes: number;
}

export interface CountRow {
  channel: string;
  format: string;
  language: string;
  count: number;
}

export interface ReportData {
  from: string;
  to: string;
  rows: ReportRow[];
  producedCounts: CountRow[];
  publishedCounts: CountRow[];
  /** Distinct materials with at least one produced or published file. */
  materials: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** [start, end) of the period in local time. */
export function periodBounds(from: string, to: string): { start: number; end: number } {
  if (!DAY.test(from) || Number.isNaN(Date.parse(`${from}T00:00:00`))) throw new StudioError('report.badDate', { date: from });
  if (!DAY.test(to) || Number.isNaN(Date.parse(`${to}T00:00:00`))) throw new StudioError('report.badDate', { date: to });
  const start = new Date(`${from}T00:00:00`).getTime();
  const endDay = new Date(`${to}T00:00:00`);
  endDay.setDate(endDay.getDate() + 1);
  if (endDay.getTime() <= start) throw new StudioError('report.badPeriod', { from, to });
  return { start, end: endDay.getTime() };
}

function isCompanion(o: { variant: string; format: string }, all: readonly { variant: string; format: string }[]): boolean {
  const dot = o.variant.lastIndexOf('.');
  return dot > 0 && all.some((x) => x !== o && x.format === o.format && x.variant === o.variant.slice(0, dot));
}

function count(rows: readonly ReportRow[]): CountRow[] {
  const counts = new Map<string, CountRow>();
  for (const r of rows) {
    const key = `${r.channel}\u0000${r.format}\u0000${r.language}`;
    const entry = counts.get(key) ?? { channel: r.channel, format: r.format, language: r.language, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.format.localeCompare(b.format) || a.language.localeCompare(b.language));
}

export async function collectReport(library: Library, audit: AuditLog, from: string, to: string): Promise<ReportData> {
  const { start, end } = periodBounds(from, to);
  const inPeriod = (iso: string | null) => iso !== null && Date.parse(iso) >= start && Date.parse(iso) < end;
  const rows: ReportRow[] = [];

  const seen = new Set<string>();
  for (const project of await library.listProjects()) {
    for (const render of await library.listRenders(project.id)) {
      if (render.status !== 'done' || !inPeriod(render.finishedAt)) continue;
      for (const o of render.outputs as OutputEntry[]) {
        if (isCompanion(o, render.outputs)) continue;
        const key = `${project.id}\u0000${o.path}\u0000${o.sha256}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({
          kind: 'produced', at: render.finishedAt!, projectId: project.id, title: project.title, format: o.format,
          variant: o.variant, language: o.language, channel: '', location: path.join(render.outDir, o.path), bytes: o.bytes,
        });
      }
    }
  }

  const { entries } = await audit.read();
  for (const e of entries) {
    if (e.type !== 'publish' || e.event !== 'succeeded' || !inPeriod(e.at)) continue;
    const files = e.files ?? [];
    for (const f of files) {
      if (isCompanion(f, files)) continue;
      rows.push({
        kind: 'published', at: e.at, projectId: e.projectId, title: e.title, format: f.format, variant: f.variant,
        language: f.language, channel: e.channel, location: e.url ?? '', bytes: f.bytes,
      });
    }
  }

  rows.sort((a, b) => a.at.localeCompare(b.at) || a.kind.localeCompare(b.kind));
  return {
    from,
    to,
    rows,
    producedCounts: count(rows.filter((r) => r.kind === 'produced')),
    publishedCounts: count(rows.filter((r) => r.kind === 'published')),
    materials: new Set(rows.map((r) => r.projectId)).size,
  };
}
