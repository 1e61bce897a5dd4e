/**
 * The one table of media types, and how a file the studio made is served.
 * Publishing (uploads, the portal manifest), the HTTP bridge and the Electron
 * shell all read it, so a file has one type everywhere.
 */
import path from 'node:path';

const MEDIA_TYPES: Record<string, string> = {
  // documents and images
  pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif',
  svg: 'image/svg+xml', ico: 'image/x-icon',
  // video and audio
  mp4: 'video/mp4', m4v: 'video/mp4', webm: 'video/webm', mov: 'video/quicktime', avi: 'video/x-msvideo',
  mp3: 'audio/mpeg', m4a: 'audio/mp4', m4b: 'audio/mp4', wav: 'audio/wav', ogg: 'audio/ogg', opus: 'audio/ogg', flac: 'audio/flac',
  // subtitles and text
  vtt: 'text/vtt', srt: 'application/x-subrip', txt: 'text/plain', csv: 'text/csv',
  // data and packages
  json: 'application/json', map: 'application/json', xlf: 'application/xliff+xml', zip: 'application/zip', epub: 'application/epub+zip',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  // question banks: an H5P package is a ZIP; Moodle XML
  h5p: 'application/zip', xml: 'application/xml',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  // the UI itself
  html: 'text/html', js: 'text/javascript', mjs: 'text/javascript', css: 'text/css', wasm: 'application/wasm',
  woff2: 'font/woff2', woff: 'font/woff', ttf: 'font/ttf',
};

/** Lower-case extension without the dot: `Video.MP4` → `mp4`; '' when there is none. */
export function extensionOf(file: string): string {
  return path.extname(file).slice(1).toLowerCase();
}

/** The IANA media type of a file by its extension (no parameters); application/octet-stream when unknown. */
export function mediaTypeOf(file: string): string {
  return MEDIA_TYPES[extensionOf(file)] ?? 'application/octet-stream';
}

/** The Content-Type header for serving our own UI's files: text in UTF-8. */
export function contentTypeOf(file: string): string {
  const type = mediaTypeOf(file);
  return type.startsWith('text/') ? `${type}; charset=utf-8` : type;
}

/**
 * The Content-Type for serving a user's output: never a page (HTML is shown
 * as text), subtitles readable as text; anything unknown is a download.
 */
export function outputContentTypeOf(file: string): string {
  const ext = extensionOf(file);
  if (ext === 'html' || ext === 'htm' || ext === 'srt' || ext === 'js' || ext === 'mjs') return 'text/plain; charset=utf-8';
  return contentTypeOf(file);
}

/**
 * The Content-Security-Policy for a user's output file, in the bridge and in
 * the Electron shell alike. An output is data, never a page of ours: what
 * could run script (SVG, anything unknown) is sandboxed and gets no script
 * and no API. Audio, video, raster images and PDFs are not sandboxed:
 * `sandbox` on a media document stops Chromium from playing it (and from
 * showing a PDF), and none of them can run script.
 */
export function outputFileCsp(file: string): string {
  const type = mediaTypeOf(file);
  const inert = type.startsWith('audio/') || type.startsWith('video/') || type === 'application/pdf'
    || (type.startsWith('image/') && type !== 'image/svg+xml');
  const policy = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; media-src 'self'";
  return inert ? policy : `sandbox; ${policy}`;
}
