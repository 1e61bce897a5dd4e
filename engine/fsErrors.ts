/**
 * File-system failures in words. Node reports them as errno codes (EROFS,
 * EACCES, ENOSPC, EISDIR …) that mean nothing to the people using the studio;
 * this is the one place that turns them into a StudioError naming the path and
 * what to do. The CLI's and the API's error edges call it before deciding a
 * failure is unexpected, so a full disk is never "something went wrong".
 */
import path from 'node:path';
import { StudioError } from './errors.js';

const CODES: Record<string, string> = {
  EROFS: 'fs.readOnly',
  EACCES: 'fs.permission',
  EPERM: 'fs.permission',
  ENOSPC: 'fs.diskFull',
  EDQUOT: 'fs.diskFull',
  EFBIG: 'fs.diskFull',
  EISDIR: 'fs.isFolder',
  ENOTDIR: 'fs.notFolder',
  ENOTEMPTY: 'fs.notEmpty',
  EEXIST: 'fs.exists',
  EMFILE: 'fs.tooManyOpen',
  ENFILE: 'fs.tooManyOpen',
  EIO: 'fs.io',
};

/** The errno code of `error` or of anything in its cause chain, with the path it names. */
function findErrno(error: unknown): { code: string; path: string | undefined } | null {
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const e = current as NodeJS.ErrnoException & { dest?: string };
    if (typeof e.code === 'string' && e.code in CODES && (typeof e.syscall === 'string' || typeof e.path === 'string')) {
      // mkdir -p over an existing file says EEXIST: the path needed a folder.
      const code = e.code === 'EEXIST' && e.syscall === 'mkdir' ? 'ENOTDIR' : e.code;
      return { code, path: e.path ?? e.dest };
    }
    current = e.cause;
  }
  return null;
}

/**
 * A StudioError in words for a file-system failure, or null when `error` is
 * not one. `pathHint` names the path when Node's error does not (readFile of
 * a folder says EISDIR without a path).
 */
export function fileSystemError(error: unknown, pathHint?: string): StudioError | null {
  if (error instanceof StudioError) return null;
  const found = findErrno(error);
  if (!found) return null;
  const named = found.path ?? pathHint;
  const where = named ? path.resolve(named) : '-';
  return new StudioError(CODES[found.code]!, { path: where, folder: path.dirname(where), errno: found.code }, { cause: error });
}

/** `error` itself when it is a StudioError, its words when it is a file-system failure, else null. */
export function userFacingError(error: unknown): StudioError | null {
  if (error instanceof StudioError) return error;
  return fileSystemError(error);
}

/** Tools (ffmpeg) say "No space left on device" in their own output rather than as an errno. */
export function diskFullFromToolOutput(output: string, pathHint: string): StudioError | null {
  if (!/No space left on device|Disk quota exceeded/i.test(output)) return null;
  const where = path.resolve(pathHint);
  return new StudioError('fs.diskFull', { path: where, folder: path.dirname(where), errno: 'ENOSPC' });
}
