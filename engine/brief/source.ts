/**
 * From bytes on disk to the text the parser sees: size and encoding checks,
 * BOM and line endings, Unicode NFC. NFC can change how many code units a line
 * has, so positions found in the normalised text are mapped back to the
 * columns the author sees in the file.
 */
import { isUtf8 } from 'node:buffer';
import type { Diagnostic } from './diagnostics.js';

export const MAX_BRIEF_BYTES = 2 * 1024 * 1024;

export interface BriefSource {
  /** LF line endings, no BOM, NFC. */
  text: string;
  /** Maps a 1-based column in the normalised line back to the file's column. */
  originalColumn(line: number, col: number): number;
}

export type DecodeResult = { ok: true; source: BriefSource } | { ok: false; diagnostic: Diagnostic };

export function decodeBrief(bytes: Uint8Array): DecodeResult {
  if (bytes.byteLength > MAX_BRIEF_BYTES) {
    return fail('file.tooLarge', { size: (bytes.byteLength / 1024 / 1024).toFixed(1) });
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isUtf8(buffer)) {
    const at = firstInvalidUtf8(buffer);
    return { ok: false, diagnostic: { severity: 'error', code: 'file.notUtf8', line: at.line, col: at.col } };
  }
  let raw = buffer.toString('utf8');
  if (raw.charCodeAt(0) === 0xfeff) raw = raw.slice(1);
  if (raw.trim() === '') return fail('file.empty');
  const lines = raw.replace(/\r\n?/g, '\n').split('\n');
  const columnMaps = new Map<number, number[]>();
  const normalised = lines.map((line, i) => {
    const nfc = line.normalize('NFC');
    if (nfc !== line) columnMaps.set(i + 1, buildColumnMap(line));
    return nfc;
  });
  return {
    ok: true,
    source: {
      text: normalised.join('\n'),
      originalColumn(line, col) {
        const map = columnMaps.get(line);
        if (!map) return col;
        return (map[col - 1] ?? map[map.length - 1] ?? col - 1) + 1;
      },
    },
  };
}

function fail(code: string, params?: Record<string, string>): DecodeResult {
  return { ok: false, diagnostic: params ? { severity: 'error', code, params } : { severity: 'error', code } };
}

/** Line and column (in characters) of the first byte that is not valid UTF-8. */
function firstInvalidUtf8(buffer: Buffer): { line: number; col: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i <= buffer.length; i++) {
    if (i === buffer.length || buffer[i] === 0x0a) {
      const lineBytes = buffer.subarray(lineStart, i);
      if (!isUtf8(lineBytes)) {
        const decoded = new TextDecoder('utf-8').decode(lineBytes);
        return { line, col: decoded.indexOf('\ufffd') + 1 };
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line: 1, col: 1 };
}

/**
 * For a line that NFC changes: index i of the result is the original offset of
 * the code unit at offset i of the normalised line. Composition happens within
 * a base character and its marks, so each such cluster is normalised alone.
 */
function buildColumnMap(line: string): number[] {
  const map: number[] = [];
  for (const match of line.matchAll(/\P{M}\p{M}*|\p{M}+/gu)) {
    const nfcLength = match[0].normalize('NFC').length;
    for (let k = 0; k < nfcLength; k++) map.push(match.index + Math.min(k, match[0].length - 1));
  }
  return map;
}
