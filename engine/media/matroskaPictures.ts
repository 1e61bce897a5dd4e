/**
 * Raw I420 pictures (yuv420p, limited range, BT.601), each at its own time, as a Matroska stream for ffmpeg's
 * stdin: how the video's one encoder run is fed while the pictures are still
 * being captured (engine/formats/video/encodeFrames.ts).
 *
 * Why Matroska: the bundled ffmpeg has no demuxer that takes pictures with
 * their own times as they come (it has no rawvideo demuxer, the concat
 * demuxer reads its whole list when it opens, image2pipe gives every picture
 * the same duration), and the share version's rate cap (VBV) depends on how
 * long each picture stays. Its matroska demuxer reads a live stream (a
 * Segment of unknown size) of `V_UNCOMPRESSED` pictures whose ColourSpace
 * names their layout ('I420', as ffmpeg's raw pixel formats are tagged) and
 * whose Colour element says how to read them. The
 * libraries that write Matroska (mediabunny, webm-muxer) take only the codecs
 * browsers encode, so the dozen elements needed are written here (RFC 8794
 * EBML, RFC 9559 Matroska).
 */

/** Element IDs (RFC 9559), their marker bits included. */
const ID = {
  EBML: 0x1a45dfa3, EBMLVersion: 0x4286, EBMLReadVersion: 0x42f7, EBMLMaxIDLength: 0x42f2, EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282, DocTypeVersion: 0x4287, DocTypeReadVersion: 0x4285,
  Segment: 0x18538067, Info: 0x1549a966, TimestampScale: 0x2ad7b1, MuxingApp: 0x4d80, WritingApp: 0x5741,
  Tracks: 0x1654ae6b, TrackEntry: 0xae, TrackNumber: 0xd7, TrackUID: 0x73c5, TrackType: 0x83, CodecID: 0x86,
  Video: 0xe0, PixelWidth: 0xb0, PixelHeight: 0xba, ColourSpace: 0x2eb524,
  Colour: 0x55b0, MatrixCoefficients: 0x55b1, Range: 0x55b9, TransferCharacteristics: 0x55ba, Primaries: 0x55bb,
  Cluster: 0x1f43b675, Timestamp: 0xe7, SimpleBlock: 0xa3,
} as const;

/** A Segment whose size is not known: the stream ends when the pipe does. */
const UNKNOWN_SIZE = Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
/** Timestamps in milliseconds (ffmpeg puts each picture on the video's frame grid, -enc_time_base). */
const MS = 1_000_000;

function idBytes(id: number): Buffer {
  const hex = id.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** An element's size as an 8-byte variable-size integer (any length up to 8 is valid EBML). */
function sizeBytes(size: number): Buffer {
  const out = Buffer.alloc(8);
  out.writeBigUInt64BE(BigInt(size));
  out[0] = 0x01;
  return out;
}

function element(id: number, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  return Buffer.concat([idBytes(id), sizeBytes(body.length), body]);
}

function uint(id: number, value: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeBigUInt64BE(BigInt(value));
  return element(id, body);
}

function text(id: number, value: string): Buffer {
  return element(id, Buffer.from(value, 'ascii'));
}

/** BT.601 (ITU-T H.273 code 6, smpte170m) for matrix, transfer and primaries; Range 1 is broadcast (limited). */
const BT601 = 6;
const LIMITED_RANGE = 1;

/** The stream's start: header, segment, timing and the one video track of `size` I420 pictures. */
export function matroskaStart(size: { width: number; height: number }): Buffer {
  return Buffer.concat([
    element(ID.EBML,
      uint(ID.EBMLVersion, 1), uint(ID.EBMLReadVersion, 1), uint(ID.EBMLMaxIDLength, 4), uint(ID.EBMLMaxSizeLength, 8),
      text(ID.DocType, 'matroska'), uint(ID.DocTypeVersion, 4), uint(ID.DocTypeReadVersion, 2)),
    idBytes(ID.Segment), UNKNOWN_SIZE,
    element(ID.Info, uint(ID.TimestampScale, MS), text(ID.MuxingApp, 'luat-studio'), text(ID.WritingApp, 'luat-studio')),
    element(ID.Tracks, element(ID.TrackEntry,
      uint(ID.TrackNumber, 1), uint(ID.TrackUID, 1), uint(ID.TrackType, 1), text(ID.CodecID, 'V_UNCOMPRESSED'),
      element(ID.Video, uint(ID.PixelWidth, size.width), uint(ID.PixelHeight, size.height), text(ID.ColourSpace, 'I420'),
        element(ID.Colour, uint(ID.MatrixCoefficients, BT601), uint(ID.Range, LIMITED_RANGE), uint(ID.TransferCharacteristics, BT601), uint(ID.Primaries, BT601))))),
  ]);
}

/**
 * One picture (`pixels`: I420, the Y plane then U and V) shown from `ms`
 * milliseconds on, in a cluster of its own (a block's time is relative to its
 * cluster's, in 16 bits). The pieces to write in order: the pixels are not
 * copied (3 MB for 1080×1920), so they must not change until written.
 */
export function matroskaPicture(ms: number, pixels: Uint8Array): [Buffer, Uint8Array] {
  // Track 1 as a variable-size integer, relative time 0, keyframe flag.
  const blockHead = Buffer.from([0x81, 0x00, 0x00, 0x80]);
  const block = Buffer.concat([idBytes(ID.SimpleBlock), sizeBytes(blockHead.length + pixels.byteLength), blockHead]);
  const cluster = Buffer.concat([uint(ID.Timestamp, Math.round(ms)), block]);
  return [Buffer.concat([idBytes(ID.Cluster), sizeBytes(cluster.length + pixels.byteLength), cluster]), pixels];
}
