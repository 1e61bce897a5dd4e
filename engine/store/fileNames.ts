/**
 * File names the library makes up from user-controlled text (unit ids,
 * language codes), which must never escape the project folder or trip
 * Windows' reserved names and characters.
 */
import { randomBytes } from 'node:crypto';
import { extname } from 'node:path';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** One path segment: letters, digits, '.', '_', '-' only; never empty, never dot-first, at most 80 chars. */
export function safeSegment(text: string): string {
  let s = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 80);
  if (!s || WINDOWS_RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** Extension (without the dot) for an audio file, from its name or its first bytes. */
export function audioExtension(audio: Uint8Array | string, explicit?: string): string {
  const clean = (e: string) => (/^[a-z0-9]{1,8}$/.test(e) ? e : 'bin');
  if (explicit) return clean(explicit.replace(/^\./, '').toLowerCase());
  if (typeof audio === 'string') return clean(extname(audio).slice(1).toLowerCase());
  const head = Buffer.from(audio.subarray(0, 12)).toString('latin1');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return 'wav';
  if (head.startsWith('OggS')) return 'ogg';
  if (head.startsWith('fLaC')) return 'flac';
  if (head.startsWith('ID3') || (audio[0] === 0xff && ((audio[1] ?? 0) & 0xe0) === 0xe0)) return 'mp3';
  if (head.slice(4, 8) === 'ftyp') return 'm4a';
  if (audio[0] === 0x1a && audio[1] === 0x45 && audio[2] === 0xdf && audio[3] === 0xa3) return 'webm';
  return 'bin';
}

/**
 * A new clip gets a name no earlier clip had, so the old file can stay in
 * place until the new one and the record pointing at it are durable.
 */
export function voiceClipFileName(target: string, extension: string): string {
  return `${safeSegment(target)}-${randomBytes(4).toString('hex')}.${extension}`;
}
