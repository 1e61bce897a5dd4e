/**
 * A subtitle track as a small MP4 holding one 3GPP timed-text ('tx3g',
 * ffmpeg's mov_text) track, for ffmpeg to copy into the video.
 *
 * Why by hand: the ffmpeg Remotion ships has no mov_text encoder (and no
 * SRT/WebVTT demuxer), and mp4box.js can read tx3g sample entries but not
 * write them. Stream-copying a ready track needs neither. The layout follows
 * ISO/IEC 14496-12 (boxes) and 3GPP TS 26.245 (tx3g sample entry and
 * samples: a 16-bit length, then UTF-8 text). Gaps between cues are empty
 * samples, as the format requires a sample for every moment of the track.
 */
import type { TimedCue } from './subtitleFiles.js';

const TIMESCALE = 1000;

function u8(n: number): Buffer {
  return Buffer.from([n & 0xff]);
}
function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}
function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([u32(8 + body.length), Buffer.from(type, 'ascii'), body]);
}
function fullBox(type: string, version: number, flags: number, ...parts: Buffer[]): Buffer {
  return box(type, u32(((version & 0xff) << 24) | (flags & 0xffffff)), ...parts);
}
const MATRIX = Buffer.concat([0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].map(u32));

/** ISO 639-2/T packed into 15 bits, as mdhd stores it. */
function packLanguage(code: string): number {
  const c = /^[a-z]{3}$/.test(code) ? code : 'und';
  return ((c.charCodeAt(0) - 0x60) << 10) | ((c.charCodeAt(1) - 0x60) << 5) | (c.charCodeAt(2) - 0x60);
}

/** Samples covering the whole duration: cues, with empty samples in the gaps. */
function samples(cues: TimedCue[], durationMs: number): Array<{ text: string; duration: number }> {
  const out: Array<{ text: string; duration: number }> = [];
  let t = 0;
  for (const cue of [...cues].sort((a, b) => a.startMs - b.startMs)) {
    const start = Math.max(t, cue.startMs);
    const end = Math.min(durationMs, cue.endMs);
    if (end <= start) continue;
    if (start > t) out.push({ text: '', duration: start - t });
    out.push({ text: cue.text, duration: end - start });
    t = end;
  }
  if (durationMs > t) out.push({ text: '', duration: durationMs - t });
  return out;
}

function tx3gSampleEntry(): Buffer {
  const fontName = Buffer.from('Sans-Serif', 'ascii');
  return box(
    'tx3g',
    Buffer.alloc(6), u16(1), // reserved, data_reference_index
    u32(0), // displayFlags
    u8(1), u8(0xff), // horizontal centre, vertical bottom (-1)
    Buffer.from([0, 0, 0, 0]), // background rgba
    u16(0), u16(0), u16(0), u16(0), // default text box
    u16(0), u16(0), u16(1), u8(0), u8(18), Buffer.from([0xff, 0xff, 0xff, 0xff]), // style record
    box('ftab', u16(1), u16(1), u8(fontName.length), fontName),
  );
}

/** An MP4 with one tx3g track of `cues` in `language` (ISO 639-2/T), lasting `durationMs`. */
export function movTextMp4(cues: TimedCue[], language: string, durationMs: number): Buffer {
  const list = samples(cues, durationMs);
  const payloads = list.map((s) => {
    const text = Buffer.from(s.text, 'utf8');
    return Buffer.concat([u16(text.length), text]);
  });
  const mdatBody = Buffer.concat(payloads);
  const ftyp = box('ftyp', Buffer.from('isom', 'ascii'), u32(0x200), Buffer.from('isomiso2mp41', 'ascii'));

  const sttsEntries = compressRuns(list.map((s) => s.duration));
  const buildMoov = (mdatOffset: number) => {
    const stbl = box(
      'stbl',
      fullBox('stsd', 0, 0, u32(1), tx3gSampleEntry()),
      fullBox('stts', 0, 0, u32(sttsEntries.length), ...sttsEntries.flatMap(([count, delta]) => [u32(count), u32(delta)])),
      fullBox('stsc', 0, 0, u32(1), u32(1), u32(list.length), u32(1)),
      fullBox('stsz', 0, 0, u32(0), u32(list.length), ...payloads.map((p) => u32(p.length))),
      fullBox('stco', 0, 0, u32(1), u32(mdatOffset)),
    );
    const minf = box(
      'minf',
      fullBox('nmhd', 0, 0),
      box('dinf', fullBox('dref', 0, 0, u32(1), fullBox('url ', 0, 1))),
      stbl,
    );
    const mdia = box(
      'mdia',
      fullBox('mdhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(durationMs), u16(packLanguage(language)), u16(0)),
      fullBox('hdlr', 0, 0, u32(0), Buffer.from('sbtl', 'ascii'), Buffer.alloc(12), Buffer.from('SubtitleHandler\0', 'ascii')),
      minf,
    );
    const tkhd = fullBox('tkhd', 0, 0x3, u32(0), u32(0), u32(1), u32(0), u32(durationMs), Buffer.alloc(8), u16(0), u16(0), u16(0), u16(0), MATRIX, u32(0), u32(0));
    const mvhd = fullBox('mvhd', 0, 0, u32(0), u32(0), u32(TIMESCALE), u32(durationMs), u32(0x00010000), u16(0x0100), Buffer.alloc(10), MATRIX, Buffer.alloc(24), u32(2));
    return box('moov', mvhd, box('trak', tkhd, mdia));
  };
  // The chunk offset depends on the size of moov, which does not depend on the offset's value.
  const moovSize = buildMoov(0).length;
  const moov = buildMoov(ftyp.length + moovSize + 8);
  return Buffer.concat([ftyp, moov, box('mdat', mdatBody)]);
}

function compressRuns(values: number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const v of values) {
    const last = runs[runs.length - 1];
    if (last && last[1] === v) last[0]++;
    else runs.push([1, v]);
  }
  return runs;
}

