/**
 * A build is a transaction on its output folder DIR.
 *
 * Protocol (every step is idempotent, so a kill at any moment is recoverable):
 *  1. The formats write into DIR/.luat-staging-<pid>-<rand>/ (same filesystem,
 *     so the later renames are atomic). DIR itself is not touched.
 *  2. The new manifest (entries carried forward only when their file's size
 *     and sha256 still match, plus the new outputs) is written into the
 *     staging folder; every staged file and folder is fsynced.
 *  3. The commit journal DIR/.luat-commit-<pid>-<rand>.json is written
 *     durably: {staging, files (new, relative), obsolete (old files of the
 *     rebuilt formats that the new build no longer has)}. From this moment the
 *     build is decided: the staging folder is complete and durable.
 *  4. Each staged file is renamed over its place in DIR, manifest.json last;
 *     the touched folders are fsynced.
 *  5. Obsolete files are removed, the journal is deleted (and DIR fsynced),
 *     the staging folder removed.
 *
 * Before the journal exists (a kill during steps 1–3) DIR holds the previous
 * build and manifest untouched; the next run removes the staging folder. With
 * a journal (a kill during 4–5) the next run (or any reader of the manifest)
 * rolls the commit forward from the staging folder, which ends with the new
 * files and new manifest. Step 4 is a handful of renames, so the window in
 * which DIR mixes generations is a few milliseconds and always repaired.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { fsyncDir, isTemporaryName, writeFileDurably } from '../fs/durable.js';
import { isProcessAlive, pidInName } from '../runTemp.js';

export const STAGING_PREFIX = '.luat-staging-';
export const JOURNAL_PREFIX = '.luat-commit-';
const JOURNAL_SUFFIX = '.json';

const Journal = z.object({
  staging: z.string(),
  files: z.array(z.string()),
  obsolete: z.array(z.string()),
});
type Journal = z.infer<typeof Journal>;

export interface Staging {
  /** Absolute staging folder; formats write below it as if it were DIR. */
  dir: string;
  /** Its name inside DIR. */
  name: string;
  id: string;
}

export async function createStaging(outDir: string): Promise<Staging> {
  const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
  const name = `${STAGING_PREFIX}${id}`;
  const dir = path.join(outDir, name);
  await mkdir(dir);
  return { dir, name, id };
}

export async function discardStaging(staging: Staging): Promise<void> {
  await rm(staging.dir, { recursive: true, force: true });
}

/** Every file below `dir`, relative, with '/' separators. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Commits the staged build (whose manifest is already in the staging folder
 * under `manifestName`) into DIR. `obsolete` are paths of the previous build
 * that the new one replaces without producing them again.
 */
export async function commitStaging(outDir: string, staging: Staging, manifestName: string, obsolete: string[]): Promise<void> {
  const staged = await listFiles(staging.dir);
  // Formats leave no temp files on success; one left by a tool must not reach DIR.
  const files = staged.filter((f) => !isTemporaryName(path.basename(f)) && f !== manifestName);
  const dirs = new Set<string>([staging.dir]);
  for (const f of [...files, manifestName]) {
    await fsyncFile(path.join(staging.dir, f));
    dirs.add(path.dirname(path.join(staging.dir, f)));
  }
  for (const d of dirs) await fsyncDir(d);
  const journal: Journal = { staging: staging.name, files: [...files, manifestName], obsolete: obsolete.filter((o) => !files.includes(o)) };
  const journalPath = path.join(outDir, `${JOURNAL_PREFIX}${staging.id}${JOURNAL_SUFFIX}`);
  await writeFileDurably(journalPath, JSON.stringify(journal));
  await rollForward(outDir, journalPath, journal);
}

/** Steps 4–5: idempotent, so a recovery can run it again after a kill anywhere inside it. */
async function rollForward(outDir: string, journalPath: string, journal: Journal): Promise<void> {
  const stagingDir = path.join(outDir, journal.staging);
  const touched = new Set<string>([outDir]);
  for (const rel of journal.files) {
    const from = path.join(stagingDir, rel);
    const to = path.join(outDir, rel);
    const present = await lstat(from).then(() => true, () => false);
    // Already moved by an earlier, interrupted commit.
    if (!present) continue;
    await mkdir(path.dirname(to), { recursive: true });
    await rename(from, to);
    touched.add(path.dirname(to));
  }
  for (const d of touched) await fsyncDir(d);
  for (const rel of journal.obsolete) await rm(path.join(outDir, rel), { force: true });
  await unlink(journalPath).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
  await fsyncDir(outDir);
  await rm(stagingDir, { recursive: true, force: true });
}

/**
 * Completes what interrupted builds left in DIR: pending commits are rolled
 * forward, staging folders of dead builds and stray temp files are removed.
 * Safe while another live build writes into DIR (its staging is left alone).
 * Returns the names it cleaned up.
 */
export async function recoverOutputFolder(outDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return [];
  }
  const cleaned: string[] = [];
  for (const name of names) {
    if (!name.startsWith(JOURNAL_PREFIX) || !name.endsWith(JOURNAL_SUFFIX)) continue;
    const pid = pidInName(name, JOURNAL_PREFIX);
    if (pid !== null && pid !== process.pid && isProcessAlive(pid)) continue;
    const journalPath = path.join(outDir, name);
    let journal: Journal | null = null;
    try {
      journal = Journal.parse(JSON.parse(await readFile(journalPath, 'utf8')));
    } catch {
      journal = null;
    }
    // A journal that does not parse was never made durable (written by temp
    // file + rename, so this only happens if someone edited it): drop it.
    if (journal) await rollForward(outDir, journalPath, journal);
    else await rm(journalPath, { force: true });
    cleaned.push(name);
  }
  for (const name of names) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = pidInName(name, STAGING_PREFIX);
    if (pid !== null && pid !== process.pid && isProcessAlive(pid)) continue;
    if (pid === process.pid) continue;
    await rm(path.join(outDir, name), { recursive: true, force: true });
    cleaned.push(name);
  }
  cleaned.push(...(await removeStrayTempFiles(outDir, outDir)));
  return cleaned;
}

/** Temp files (`*.luat-tmp*`, `*.part`) of dead processes anywhere in DIR outside staging folders. */
async function removeStrayTempFiles(root: string, dir: string): Promise<string[]> {
  const removed: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith(STAGING_PREFIX)) continue;
      removed.push(...(await removeStrayTempFiles(root, full)));
      continue;
    }
    const isTemp = isTemporaryName(entry.name) || entry.name.endsWith('.part');
    if (!isTemp) continue;
    // `.name.<pid>-<rand>.luat-tmp…`: leave a live writer's file alone.
    const m = /\.(\d+)-[0-9a-f]+\.luat-tmp/.exec(entry.name);
    if (m && Number(m[1]) !== process.pid && isProcessAlive(Number(m[1]))) continue;
    await rm(full, { force: true });
    removed.push(path.relative(root, full));
  }
  return removed;
}
