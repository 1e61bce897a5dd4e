/**
 * The loudspeaker broadcast package per commune: a folder the commune's radio
 * operator copies to the station's computer or a USB stick, holding the cut
 * files (one per chapter, −16 LUFS mono by default), an M3U playlist in
 * playing order, and the schedule as CSV (for the operator's spreadsheet)
 * and iCalendar (for a phone or computer calendar).
 *
 * The schedule fills the configured daily slots (default 06:30 and 17:30,
 * the usual loudspeaker hours) from the start date, one chapter per slot, in
 * order, `rounds` times. Times are Vietnam local time (UTC+7, no daylight
 * saving), written to the calendar in UTC so no time-zone table is needed.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { createEvents, type EventAttributes } from 'ics';
import { z } from 'zod';
import { StudioError } from '../../errors.js';
import { slugify } from '../../model/ids.js';
import { writeFileDurably } from '../../fs/durable.js';
import { VIETNAM_OFFSET_MS, vietnamDate } from '../../build/settings.js';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const BroadcastSettings = z.object({
  /** Communes to make a package for; none → one package for every commune ("tat-ca-xa"). */
  communes: z.array(z.string().trim().min(1)).default([]),
  /** First broadcast day, YYYY-MM-DD; default the day after the build. */
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
  times: z.array(hhmm).min(1).default(['06:30', '17:30']),
  /** How many times the whole series is broadcast. */
  rounds: z.number().int().min(1).max(10).default(1),
});
export type BroadcastSettings = z.infer<typeof BroadcastSettings>;

export interface BroadcastCut {
  /** Absolute path of the chapter's loudspeaker MP3. */
  path: string;
  title: string;
  durationSec: number;
}

export interface ScheduledCut {
  cut: BroadcastCut;
  /** Local (Vietnam) date and time of the slot. */
  date: string;
  time: string;
  /** Start in UTC. */
  startUtc: Date;
}

export interface BroadcastPackage {
  commune: string;
  dir: string;
  /** Every file written, absolute, with the manifest variant it gets. */
  files: Array<{ path: string; variant: string; durationSec?: number }>;
}

/** The settings' start date, else the day after today in Vietnam. */
function startDateOf(settings: BroadcastSettings, now: Date): string {
  return settings.startDate ?? vietnamDate(new Date(now.getTime() + 86_400_000));
}

export function broadcastSchedule(cuts: BroadcastCut[], settings: BroadcastSettings, now = new Date()): ScheduledCut[] {
  const start = startDateOf(settings, now);
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const times = [...settings.times].sort();
  const out: ScheduledCut[] = [];
  const total = cuts.length * settings.rounds;
  for (let slot = 0; slot < total; slot++) {
    const day = Math.floor(slot / times.length);
    const [hh, mm] = times[slot % times.length]!.split(':').map(Number) as [number, number];
    const startUtc = new Date(Date.UTC(y, m - 1, d + day, hh, mm) - VIETNAM_OFFSET_MS);
    out.push({ cut: cuts[slot % cuts.length]!, date: vietnamDate(startUtc), time: times[slot % times.length]!, startUtc });
  }
  return out;
}

function m3u(cuts: BroadcastCut[]): string {
  const lines = ['#EXTM3U', '#EXTENC:UTF-8'];
  for (const cut of cuts) lines.push(`#EXTINF:${Math.round(cut.durationSec)},${cut.title.replace(/[\r\n]+/g, ' ')}`, path.basename(cut.path));
  return `${lines.join('\r\n')}\r\n`;
}

function mmss(sec: number): string {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function csv(schedule: ScheduledCut[], commune: string): string {
  const rows = schedule.map((s, i) => [i + 1, commune, s.date, s.time, s.cut.title, path.basename(s.cut.path), mmss(s.cut.durationSec)]);
  // A BOM so spreadsheet programs open Vietnamese text as UTF-8.
  return `\uFEFF${stringify([['STT', 'Xã', 'Ngày', 'Giờ phát', 'Nội dung', 'Tệp', 'Thời lượng'], ...rows])}`;
}

function ics(schedule: ScheduledCut[], commune: string, programme: string, uidBase: string, madeAt: Date): string {
  const events: EventAttributes[] = schedule.map((s, i) => {
    const t = s.startUtc;
    return {
      uid: `${uidBase}-${i + 1}@luat-studio`,
      // DTSTAMP: the build's date, not the clock's, so a rebuild makes the same file (filesMadeAt).
      timestamp: madeAt.getTime(),
      title: `Phát thanh: ${s.cut.title}`,
      description: `${programme}\nTệp: ${path.basename(s.cut.path)} (${mmss(s.cut.durationSec)})`,
      location: commune,
      start: [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes()],
      startInputType: 'utc',
      startOutputType: 'utc',
      duration: { minutes: Math.max(1, Math.ceil(s.cut.durationSec / 60)) },
      categories: ['Phát thanh'],
      productId: 'luat-studio',
      calName: `${programme} — ${commune}`,
    };
  });
  const { error, value } = createEvents(events);
  if (error || !value) throw new StudioError('audiobook.schedule', { detail: error?.message ?? '' }, { cause: error });
  return value;
}

/**
 * Writes one package per commune under `dir`: `<commune>/` with the cuts,
 * `<base>.m3u`, `<base>-lich-phat.csv` and `<base>-lich-phat.ics`.
 */
export async function writeBroadcastPackages(
  dir: string,
  base: string,
  programme: string,
  cuts: BroadcastCut[],
  settings: BroadcastSettings,
  /** The date the calendars say they were made (engine/build/settings.ts filesMadeAt). */
  madeAt: Date,
  /** The schedule starts the day after (unless the settings give its start). */
  now = new Date(),
): Promise<BroadcastPackage[]> {
  const communes = settings.communes.length > 0 ? settings.communes : ['Tất cả các xã'];
  const schedule = broadcastSchedule(cuts, settings, now);
  const packages: BroadcastPackage[] = [];
  for (const commune of communes) {
    const slug = slugify(commune) || 'xa';
    const communeDir = path.join(dir, slug);
    await mkdir(communeDir, { recursive: true });
    const files: BroadcastPackage['files'] = [];
    const local: BroadcastCut[] = [];
    for (const cut of cuts) {
      const target = path.join(communeDir, path.basename(cut.path));
      await copyFile(cut.path, target);
      local.push({ ...cut, path: target });
      files.push({ path: target, variant: `broadcast-${slug}-cut`, durationSec: cut.durationSec });
    }
    const localSchedule = schedule.map((s) => ({ ...s, cut: local[cuts.indexOf(s.cut)]! }));
    const playlist = path.join(communeDir, `${base}.m3u`);
    const sheet = path.join(communeDir, `${base}-lich-phat.csv`);
    const calendar = path.join(communeDir, `${base}-lich-phat.ics`);
    await writeFileDurably(playlist, m3u(local));
    await writeFileDurably(sheet, csv(localSchedule, commune));
    await writeFileDurably(calendar, ics(localSchedule, commune, programme, `${base}-${slug}`, madeAt));
    files.push({ path: playlist, variant: `broadcast-${slug}-m3u` }, { path: sheet, variant: `broadcast-${slug}-csv` }, { path: calendar, variant: `broadcast-${slug}-ics` });
    packages.push({ commune, dir: communeDir, files });
  }
  return packages;
}
