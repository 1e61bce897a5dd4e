/**
 * ffmpeg's MP4 muxer writes the chapter track it makes for `-map_chapters`
 * with language code 0 (the old Macintosh code for English), so every M4B's
 * chapter track reads as `eng`. This sets the language of an MP4's text
 * tracks in place: it walks moov → trak → mdia, and for a track whose handler
 * is `text` rewrites the 2-byte packed ISO 639-2/T code in its mdhd.
 */
import { open, type FileHandle } from 'node:fs/promises';

interface Box { type: string; start: number; size: number; headerSize: number }

async function readBoxes(file: FileHandle, start: number, end: number): Promise<Box[]> {
  const boxes: Box[] = [];
  const header = Buffer.alloc(16);
  for (let at = start; at + 8 <= end;) {
    await file.read(header, 0, 16, at);
    let size = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    let headerSize = 8;
    if (size === 1) {
      size = Number(header.readBigUInt64BE(8));
      headerSize = 16;
    } else if (size === 0) size = end - at;
    if (size < headerSize || at + size > end) break;
    boxes.push({ type, start: at, size, headerSize });
    at += size;
  }
  return boxes;
}

async function child(file: FileHandle, parent: Box, type: string): Promise<Box | undefined> {
  return (await readBoxes(file, parent.start + parent.headerSize, parent.start + parent.size)).find((b) => b.type === type);
}

/** The 15-bit packed form of a three-letter ISO 639-2/T code. */
export function packLanguage(code: string): number {
  if (!/^[a-z]{3}$/.test(code)) throw new Error(`not an ISO 639-2 code: ${code}`);
  return [...code].reduce((packed, ch) => (packed << 5) | (ch.charCodeAt(0) - 0x60), 0);
}

/** Sets every text track's language (chapter tracks included); returns how many were set. */
export async function setTextTrackLanguage(path: string, iso6392: string): Promise<number> {
  const packed = packLanguage(iso6392);
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const moov = (await readBoxes(file, 0, size)).find((b) => b.type === 'moov');
    if (!moov) return 0;
    let count = 0;
    for (const trak of (await readBoxes(file, moov.start + moov.headerSize, moov.start + moov.size)).filter((b) => b.type === 'trak')) {
      const mdia = await child(file, trak, 'mdia');
      if (!mdia) continue;
      const hdlr = await child(file, mdia, 'hdlr');
      const mdhd = await child(file, mdia, 'mdhd');
      if (!hdlr || !mdhd) continue;
      const handler = Buffer.alloc(4);
      // hdlr: header, version+flags (4), pre_defined (4), handler_type (4).
      await file.read(handler, 0, 4, hdlr.start + hdlr.headerSize + 8);
      if (handler.toString('latin1') !== 'text') continue;
      const version = Buffer.alloc(1);
      await file.read(version, 0, 1, mdhd.start + mdhd.headerSize);
      // mdhd: version+flags (4), then times (v0: 4+4+4+4, v1: 8+8+4+8), then the language.
      const languageAt = mdhd.start + mdhd.headerSize + 4 + (version[0] === 1 ? 28 : 16);
      const bytes = Buffer.alloc(2);
      bytes.writeUInt16BE(packed);
      await file.write(bytes, 0, 2, languageAt);
      count++;
    }
    return count;
  } finally {
    await file.close();
  }
}
