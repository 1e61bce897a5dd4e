/**
 * What `--out` names. People type a folder or a file name and expect both to
 * work: `--out ban-dich/` and `--out ban-dich/ket-hon.blt.xlf` for one file,
 * `--out out` and `--out out/manifest.json` for a build. Anything else gets a
 * message naming the path and what to give instead — never EISDIR from a rename.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';

async function kindOf(p: string): Promise<'file' | 'folder' | 'other' | 'missing'> {
  const info = await stat(p).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
    throw error;
  });
  if (!info) return 'missing';
  return info.isDirectory() ? 'folder' : info.isFile() ? 'file' : 'other';
}

const endsWithSeparator = (p: string) => /[\\/]$/.test(p);

/**
 * One file to write. `out` may be missing (→ `defaultName` in the working
 * folder), an existing folder or a name ending in a separator (→ `defaultName`
 * inside it), or a file name (its folder is created by the writer).
 */
export async function resolveOutputFile(out: string | undefined, defaultName: string): Promise<string> {
  if (!out) return path.resolve(defaultName);
  const resolved = path.resolve(out);
  if (endsWithSeparator(out)) {
    const kind = await kindOf(resolved);
    if (kind === 'file' || kind === 'other') throw new StudioError('output.notAFolder', { path: resolved });
    return path.join(resolved, defaultName);
  }
  const kind = await kindOf(resolved);
  if (kind === 'folder') return path.join(resolved, defaultName);
  if (kind === 'other') throw new StudioError('output.notAFile', { path: resolved });
  return resolved;
}

/**
 * The folder a command writes several files into. A file name that the command
 * itself writes there (`manifest.json` for a build) means its folder; any other
 * existing file is refused with a message.
 */
export async function resolveOutputFolder(out: string, ownFileNames: readonly string[] = []): Promise<string> {
  const resolved = path.resolve(out);
  const kind = await kindOf(resolved);
  if (kind === 'folder' || kind === 'missing') {
    if (kind === 'missing' && ownFileNames.includes(path.basename(resolved))) return path.dirname(resolved);
    return resolved;
  }
  if (kind === 'file' && ownFileNames.includes(path.basename(resolved))) return path.dirname(resolved);
  throw new StudioError('output.notAFolder', { path: resolved });
}

/**
 * A set of files that share a base name (a report as .csv, .xlsx and .pdf).
 * `out` is a folder (→ `defaultBase` inside it) or a file name whose known
 * extension, if any, is dropped to give the base.
 */
export async function resolveOutputBase(out: string, defaultBase: string, extensions: readonly string[]): Promise<{ dir: string; base: string }> {
  const resolved = path.resolve(out);
  const kind = await kindOf(resolved);
  if (kind === 'folder' || endsWithSeparator(out)) {
    if (kind === 'file' || kind === 'other') throw new StudioError('output.notAFolder', { path: resolved });
    return { dir: resolved, base: defaultBase };
  }
  if (kind === 'other') throw new StudioError('output.notAFile', { path: resolved });
  const ext = path.extname(resolved).toLowerCase();
  const base = extensions.includes(ext) ? path.basename(resolved, path.extname(resolved)) : path.basename(resolved);
  // A bare name with no extension and no such folder is a folder to create, as `--out report` always was.
  if (ext === '' && kind === 'missing') return { dir: resolved, base: defaultBase };
  return { dir: path.dirname(resolved), base };
}
