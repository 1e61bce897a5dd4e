/**
 * The URLs the UI uses for outputs, previews and voice clips, and the only way
 * back from such a URL to a file: `/files/<projectId>/<area>/<path…>` where
 * area is `render/<renderId>` (a render's output folder), `preview` (the
 * project's preview builds) or `voice` (recorded clips). A URL that leaves
 * its folder — `..`, an absolute path, a symlink pointing out — resolves to nothing.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { mediaTypeOf } from '../http/mediaTypes.js';
import { realPathInside } from '../http/pathInside.js';

export const FILES_PREFIX = '/files/';

function encodePath(relative: string): string {
  return relative.split(/[\\/]/).filter(Boolean).map(encodeURIComponent).join('/');
}

export function renderFileUrl(projectId: string, renderId: string, relative: string): string {
  return `${FILES_PREFIX}${encodeURIComponent(projectId)}/render/${encodeURIComponent(renderId)}/${encodePath(relative)}`;
}

export function previewFileUrl(projectId: string, relative: string): string {
  return `${FILES_PREFIX}${encodeURIComponent(projectId)}/preview/${encodePath(relative)}`;
}

/** Voice clips' paths are relative to the project folder and start with `voice/`. */
export function voiceFileUrl(projectId: string, projectRelative: string): string {
  return `${FILES_PREFIX}${encodeURIComponent(projectId)}/${encodePath(projectRelative)}`;
}

export interface FileUrlParts {
  projectId: string;
  area: 'render' | 'preview' | 'voice';
  renderId: string | null;
  segments: string[];
}

/** Splits a files URL; null for anything malformed. The query string, if any, is ignored. */
export function parseFileUrl(url: string): FileUrlParts | null {
  const pathname = url.split(/[?#]/)[0] ?? '';
  if (!pathname.startsWith(FILES_PREFIX)) return null;
  let parts: string[];
  try {
    parts = pathname.slice(FILES_PREFIX.length).split('/').map((p) => decodeURIComponent(p));
  } catch {
    return null;
  }
  if (parts.some((p) => p === '' || p === '.' || p === '..' || /[\\/\0]/.test(p) || path.isAbsolute(p) || /^[a-zA-Z]:/.test(p))) return null;
  const [projectId, area, ...rest] = parts;
  if (!projectId || !area) return null;
  if (area === 'render') {
    const [renderId, ...segments] = rest;
    if (!renderId || segments.length === 0) return null;
    return { projectId, area, renderId, segments };
  }
  if ((area === 'preview' || area === 'voice') && rest.length > 0) return { projectId, area, renderId: null, segments: rest };
  return null;
}

/** The file under `base` named by `segments`, after following symlinks; throws when it is outside or missing. */
export async function resolveInside(base: string, segments: string[]): Promise<string> {
  const real = await realPathInside(base, segments);
  if (!real || !(await stat(real)).isFile()) throw new StudioError('api.fileNotFound', {});
  return real;
}

export function fileKind(file: string): 'pdf' | 'image' | 'audio' | 'video' | 'other' {
  const type = mediaTypeOf(file);
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  return 'other';
}
