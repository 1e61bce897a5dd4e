/**
 * Windows' rules for the paths the studio makes, written as plain functions
 * over path.win32 so they are tested on any machine (tests/platform/).
 * Government PCs run Windows; a name Windows refuses, or a path longer than
 * MAX_PATH, fails there and nowhere else.
 */
import path from 'node:path';

/** Characters NTFS refuses in a name, and the control characters. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;
/** Names Windows keeps for devices, with or without an extension ("CON", "nul.pdf", "COM1.txt"). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** NTFS allows 255 UTF-16 units per name; keep room for the `.tmp` suffixes of atomic writes. */
const MAX_NAME = 200;

/**
 * A file or folder name every file system the studio meets accepts:
 * forbidden characters become '-', no trailing dot or space, no device name,
 * never empty, not too long (the extension is kept whole). Letters, including
 * Vietnamese ones, are kept, in NFC.
 */
export function safeFileName(name: string, fallback = 'untitled'): string {
  let safe = name.normalize('NFC').replace(FORBIDDEN, '-').replace(/[. ]+$/, '').replace(/^ +/, '');
  if (safe === '' || /^\.+$/.test(safe)) safe = fallback;
  if (RESERVED.test(safe)) safe = `_${safe}`;
  if (safe.length > MAX_NAME) {
    const ext = path.win32.extname(safe);
    const keep = ext.length < 20 ? ext : '';
    safe = `${safe.slice(0, MAX_NAME - keep.length).replace(/[. ]+$/, '')}${keep}`;
  }
  return safe;
}

/** Windows' MAX_PATH, counting the terminating NUL. */
export const WINDOWS_MAX_PATH = 260;

/**
 * The path as Windows' file API must be given it: absolute paths of
 * MAX_PATH or more get the `\\?\` prefix (`\\?\UNC\` for a share) so they
 * open even where long paths are not enabled. Other platforms, shorter paths
 * and paths already prefixed are returned as they are.
 */
export function longPath(p: string, platform: NodeJS.Platform = process.platform): string {
  if (platform !== 'win32' || p.startsWith('\\\\?\\') || p.startsWith('\\\\.\\')) return p;
  if (!path.win32.isAbsolute(p)) return p;
  const resolved = path.win32.resolve(p);
  // Creating a folder fails from MAX_PATH − 12 (room for an 8.3 name), so prefix from there.
  if (resolved.length < WINDOWS_MAX_PATH - 12) return p;
  return resolved.startsWith('\\\\') ? `\\\\?\\UNC\\${resolved.slice(2)}` : `\\\\?\\${resolved}`;
}
