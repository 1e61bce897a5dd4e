/**
 * Holding a picture in an H.264 stream without encoding it again.
 *
 * x264 spends about 10 ms on every frame of a 1080×1920 video even when the
 * frame repeats the one before (docs/video-rendering.md): three quarters of a
 * situation video's frames do. So each distinct picture is encoded once, at
 * its own time (variable frame rate), and `holdPictures` then writes after it
 * as many "skip pictures" as it is held for: P pictures whose every macroblock
 * is P_Skip with no motion, which a decoder turns into an exact copy of the
 * picture before. The result is a constant-rate stream (what Reels and the
 * players expect) for the cost of a variable-rate encode.
 *
 * What this asks of the encoder (checked here; anything else is refused):
 * no B-frames and one reference picture (x264 `bframes=0:ref=1`), so every
 * picture is a reference that predicts only from the one before, and a skip
 * picture in between changes nothing the next real picture predicts from;
 * picture order type 2 (order = decoding order, what x264 writes without
 * B-frames); frames only; one slice group. Every reference picture after a
 * held one gets its frame_num moved on by the pictures inserted (they must
 * count up by one).
 *
 * The layout follows ITU-T H.264 (7.3 syntax, 9.3 CABAC): the arithmetic
 * coding of a run of skipped macroblocks is ours because no library writes
 * H.264 slices apart from a whole encoder.
 */

const NAL_SLICE = 1;
const NAL_IDR = 5;
const NAL_SEI = 6;
const NAL_SPS = 7;
const NAL_PPS = 8;
const NAL_AUD = 9;
const P_SLICE = 0;

/** Table 9-44: rangeTabLPS by pStateIdx and qCodIRangeIdx. */
const RANGE_LPS: readonly (readonly number[])[] = [
  [128, 176, 208, 240], [128, 167, 197, 227], [128, 158, 187, 216], [123, 150, 178, 205],
  [116, 142, 169, 195], [111, 135, 160, 185], [105, 128, 152, 175], [100, 122, 144, 166],
  [95, 116, 137, 158], [90, 110, 130, 150], [85, 104, 123, 142], [81, 99, 117, 135],
  [77, 94, 111, 128], [73, 89, 105, 122], [69, 85, 100, 116], [66, 80, 95, 110],
  [62, 76, 90, 104], [59, 72, 86, 99], [56, 69, 81, 94], [53, 65, 77, 89],
  [51, 62, 73, 85], [48, 59, 69, 80], [46, 56, 66, 76], [43, 53, 63, 72],
  [41, 50, 59, 69], [39, 48, 56, 65], [37, 45, 54, 62], [35, 43, 51, 59],
  [33, 41, 48, 56], [32, 39, 46, 53], [30, 37, 43, 50], [29, 35, 41, 48],
  [27, 33, 39, 45], [26, 31, 37, 43], [24, 30, 35, 41], [23, 28, 33, 39],
  [22, 27, 32, 37], [21, 26, 30, 35], [20, 24, 29, 33], [19, 23, 27, 31],
  [18, 22, 26, 30], [17, 21, 25, 28], [16, 20, 23, 27], [15, 19, 22, 25],
  [14, 18, 21, 24], [14, 17, 20, 23], [13, 16, 19, 22], [12, 15, 18, 21],
  [12, 14, 17, 20], [11, 14, 16, 19], [11, 13, 15, 18], [10, 12, 15, 17],
  [10, 12, 14, 16], [9, 11, 13, 15], [9, 11, 12, 14], [8, 10, 12, 14],
  [8, 9, 11, 13], [7, 9, 11, 12], [7, 9, 10, 12], [7, 8, 10, 11],
  [6, 8, 9, 11], [6, 7, 9, 10], [6, 7, 8, 9], [2, 2, 2, 2],
];
/** Table 9-45: transIdxLPS by pStateIdx. */
const TRANS_LPS = [
  0, 0, 1, 2, 2, 4, 4, 5, 6, 7, 8, 9, 9, 11, 11, 12, 13, 13, 15, 15, 16, 16, 18, 18, 19, 19, 21, 21, 22, 22,
  23, 24, 24, 25, 26, 26, 27, 27, 28, 29, 29, 30, 30, 30, 31, 32, 32, 33, 33, 33, 34, 34, 35, 35, 35, 36, 36,
  36, 37, 37, 37, 38, 38, 63,
];
/** Table 9-13, ctxIdx 11 at cabac_init_idc 0: mb_skip_flag in a P slice whose neighbours are skipped or absent. */
const SKIP_FLAG_CONTEXT = { m: 23, n: 33 };
/** The skip picture's quantiser. It codes no residual: only the arithmetic coder's start depends on it. */
const SKIP_QP = 26;

export class H264HoldError extends Error {}

// ---- NAL units -------------------------------------------------------------

/** The NAL units of an Annex B byte stream, without their start codes. */
function splitAnnexB(stream: Uint8Array): Uint8Array[] {
  const starts: Array<{ at: number; length: number }> = [];
  for (let i = 0; i + 2 < stream.length; i++) {
    if (stream[i] === 0 && stream[i + 1] === 0 && stream[i + 2] === 1) {
      const long = i > 0 && stream[i - 1] === 0;
      starts.push({ at: long ? i - 1 : i, length: long ? 4 : 3 });
      i += 2;
    }
  }
  return starts.map((s, k) => {
    let end = k + 1 < starts.length ? starts[k + 1]!.at : stream.length;
    while (end > s.at + s.length && stream[end - 1] === 0) end--; // trailing_zero_8bits
    return stream.subarray(s.at + s.length, end);
  });
}

/** The payload without emulation prevention bytes (after the one-byte header). */
function toRbsp(nal: Uint8Array): Uint8Array {
  const out = new Uint8Array(nal.length);
  let n = 0;
  let zeros = 0;
  for (let i = 1; i < nal.length; i++) {
    const b = nal[i]!;
    if (zeros >= 2 && b === 3) { zeros = 0; continue; }
    zeros = b === 0 ? zeros + 1 : 0;
    out[n++] = b;
  }
  return out.subarray(0, n);
}

/** A NAL unit from its header byte and payload, emulation prevention added. */
function toNal(header: number, rbsp: Uint8Array): Uint8Array {
  // At most one emulation byte per two payload bytes, and one after a final zero. Written into bytes, not an
  // array of numbers: a slice is ~100 KB, and number arrays of that size were most of the garbage a render made.
  const out = new Uint8Array(2 + rbsp.length + Math.ceil(rbsp.length / 2));
  out[0] = header;
  let n = 1;
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) { out[n++] = 3; zeros = 0; }
    out[n++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  if (out[n - 1] === 0) out[n++] = 3;
  return out.subarray(0, n);
}

class BitReader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}
  u(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      if (this.pos >= this.bytes.length * 8) throw new H264HoldError('read past the end of a NAL unit');
      v = v * 2 + ((this.bytes[this.pos >> 3]! >> (7 - (this.pos & 7))) & 1);
      this.pos++;
    }
    return v;
  }
  ue(): number {
    let zeros = 0;
    while (this.u(1) === 0) if (++zeros > 31) throw new H264HoldError('Exp-Golomb code too long');
    return 2 ** zeros - 1 + this.u(zeros);
  }
  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -(k / 2);
  }
}

class BitWriter {
  private readonly bits: number[] = [];
  get length(): number { return this.bits.length; }
  u(n: number, v: number): void {
    for (let i = n - 1; i >= 0; i--) this.bits.push(Math.floor(v / 2 ** i) & 1);
  }
  ue(v: number): void {
    const code = v + 1;
    const width = Math.floor(Math.log2(code)) + 1;
    this.u(width - 1, 0);
    this.u(width, code);
  }
  se(v: number): void { this.ue(v > 0 ? 2 * v - 1 : -2 * v); }
  push(bits: readonly number[]): void { for (const b of bits) this.bits.push(b); }
  /** The bits, zero-padded to whole bytes. */
  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((b, i) => { if (b) out[i >> 3]! |= 0x80 >> (i & 7); });
    return out;
  }
}

/** Overwrites `width` bits at bit `pos` of `bytes` with `value`. */
function writeBitsAt(bytes: Uint8Array, pos: number, width: number, value: number): void {
  for (let i = 0; i < width; i++) {
    const bit = Math.floor(value / 2 ** (width - 1 - i)) & 1;
    const at = pos + i;
    if (bit) bytes[at >> 3]! |= 0x80 >> (at & 7);
    else bytes[at >> 3]! &= ~(0x80 >> (at & 7));
  }
}

// ---- Parameter sets --------------------------------------------------------

interface Sps {
  chromaFormatIdc: number;
  log2MaxFrameNum: number;
  pocType: number;
  frameMbsOnly: boolean;
  picSizeInMbs: number;
}

interface Pps {
  spsId: number;
  cabac: boolean;
  sliceGroups: number;
  weightedPred: boolean;
  picInitQp: number;
  deblockingControl: boolean;
  redundantPicCnt: boolean;
}

function skipScalingList(r: BitReader, size: number): void {
  let last = 8;
  let next = 8;
  for (let j = 0; j < size; j++) {
    if (next !== 0) next = (last + r.se() + 256) % 256;
    last = next === 0 ? last : next;
  }
}

function parseSps(nal: Uint8Array): { id: number; sps: Sps } {
  const r = new BitReader(toRbsp(nal));
  const profile = r.u(8);
  r.u(16);
  const id = r.ue();
  let chromaFormatIdc = 1;
  if ([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135].includes(profile)) {
    chromaFormatIdc = r.ue();
    if (chromaFormatIdc === 3 && r.u(1)) throw new H264HoldError('separate colour planes are not supported');
    r.ue();
    r.ue();
    r.u(1);
    if (r.u(1)) for (let i = 0; i < (chromaFormatIdc === 3 ? 12 : 8); i++) if (r.u(1)) skipScalingList(r, i < 6 ? 16 : 64);
  }
  const log2MaxFrameNum = r.ue() + 4;
  const pocType = r.ue();
  if (pocType === 0) r.ue();
  else if (pocType === 1) {
    r.u(1); r.se(); r.se();
    for (let i = r.ue(); i > 0; i--) r.se();
  }
  r.ue(); // max_num_ref_frames
  r.u(1); // gaps_in_frame_num_value_allowed_flag
  const widthMbs = r.ue() + 1;
  const heightUnits = r.ue() + 1;
  const frameMbsOnly = r.u(1) === 1;
  return { id, sps: { chromaFormatIdc, log2MaxFrameNum, pocType, frameMbsOnly, picSizeInMbs: widthMbs * heightUnits * (frameMbsOnly ? 1 : 2) } };
}

function parsePps(nal: Uint8Array): { id: number; pps: Pps } {
  const r = new BitReader(toRbsp(nal));
  const id = r.ue();
  const spsId = r.ue();
  const cabac = r.u(1) === 1;
  r.u(1); // bottom_field_pic_order_in_frame_present_flag
  const sliceGroups = r.ue() + 1;
  if (sliceGroups > 1) return { id, pps: { spsId, cabac, sliceGroups, weightedPred: false, picInitQp: 26, deblockingControl: false, redundantPicCnt: false } };
  r.ue(); r.ue(); // num_ref_idx_l0/l1_default_active_minus1
  const weightedPred = r.u(1) === 1;
  r.u(2);
  const picInitQp = 26 + r.se();
  r.se(); r.se();
  const deblockingControl = r.u(1) === 1;
  r.u(1);
  const redundantPicCnt = r.u(1) === 1;
  return { id, pps: { spsId, cabac, sliceGroups, weightedPred, picInitQp, deblockingControl, redundantPicCnt } };
}

// ---- Skip pictures ---------------------------------------------------------

/** CABAC slice data of `mbs` macroblocks, each mb_skip_flag 1 then end_of_slice_flag (1 after the last), flushed (9.3.4). */
function cabacSkipRun(mbs: number): number[] {
  const pre = Math.max(1, Math.min(126, ((SKIP_FLAG_CONTEXT.m * SKIP_QP) >> 4) + SKIP_FLAG_CONTEXT.n));
  let state = pre <= 63 ? 63 - pre : pre - 64;
  let mps = pre <= 63 ? 0 : 1;
  let low = 0;
  let range = 510;
  let outstanding = 0;
  let first = true;
  const bits: number[] = [];
  const put = (bit: number) => {
    if (first) first = false;
    else bits.push(bit);
    for (; outstanding > 0; outstanding--) bits.push(1 - bit);
  };
  const renorm = () => {
    while (range < 256) {
      if (low < 256) put(0);
      else if (low >= 512) { low -= 512; put(1); }
      else { low -= 256; outstanding++; }
      range <<= 1;
      low <<= 1;
    }
  };
  for (let i = 0; i < mbs; i++) {
    // mb_skip_flag = 1
    const lps = RANGE_LPS[state]![(range >> 6) & 3]!;
    range -= lps;
    if (mps !== 1) {
      low += range;
      range = lps;
      if (state === 0) mps = 1 - mps;
      state = TRANS_LPS[state]!;
    } else {
      state = Math.min(state + 1, 62);
    }
    renorm();
    // end_of_slice_flag: 0 but after the last macroblock
    range -= 2;
    if (i < mbs - 1) renorm();
  }
  low += range;
  range = 2;
  renorm();
  put((low >> 9) & 1);
  bits.push((low >> 8) & 1, 1); // ((low >> 7) & 3) | 1: its last bit is the rbsp_stop_one_bit
  return bits;
}

interface Streams {
  sps: Map<number, Sps>;
  pps: Map<number, Pps>;
  cabacRuns: Map<number, number[]>;
  /** Skip pictures made so far, by NAL ref idc, PPS and frame_num: a chunk holds ~200 of them, from a few dozen kinds. */
  skips: Map<string, Uint8Array>;
}

/** A picture of one P slice, every macroblock skipped: a copy of the reference picture before it. */
function skipPicture(nalRefIdc: number, ppsId: number, frameNum: number, s: Streams): Uint8Array {
  const key = `${nalRefIdc}|${ppsId}|${frameNum}`;
  let nal = s.skips.get(key);
  if (!nal) s.skips.set(key, (nal = makeSkipPicture(nalRefIdc, ppsId, frameNum, s)));
  return nal;
}

function makeSkipPicture(nalRefIdc: number, ppsId: number, frameNum: number, s: Streams): Uint8Array {
  const pps = s.pps.get(ppsId)!;
  const sps = s.sps.get(pps.spsId)!;
  const w = new BitWriter();
  w.ue(0); // first_mb_in_slice
  w.ue(P_SLICE + 5); // every slice of the picture is P
  w.ue(ppsId);
  w.u(sps.log2MaxFrameNum, frameNum);
  if (pps.redundantPicCnt) w.ue(0);
  w.u(1, 1); w.ue(0); // num_ref_idx_active_override: one reference
  w.u(1, 0); // ref_pic_list_modification_flag_l0
  if (pps.weightedPred) {
    w.ue(0); // luma_log2_weight_denom
    if (sps.chromaFormatIdc !== 0) w.ue(0);
    w.u(1, 0); // luma_weight_l0_flag: default weight
    if (sps.chromaFormatIdc !== 0) w.u(1, 0);
  }
  w.u(1, 0); // adaptive_ref_pic_marking_mode_flag: sliding window
  if (pps.cabac) w.ue(0); // cabac_init_idc
  w.se(SKIP_QP - pps.picInitQp);
  if (pps.deblockingControl) w.ue(1); // nothing to filter in a copy
  if (pps.cabac) {
    while (w.length % 8 !== 0) w.u(1, 1); // cabac_alignment_one_bit
    let run = s.cabacRuns.get(sps.picSizeInMbs);
    if (!run) s.cabacRuns.set(sps.picSizeInMbs, (run = cabacSkipRun(sps.picSizeInMbs)));
    w.push(run);
  } else {
    w.ue(sps.picSizeInMbs); // mb_skip_run
    w.u(1, 1); // rbsp_stop_one_bit
  }
  return toNal((nalRefIdc << 5) | NAL_SLICE, w.bytes());
}

/** Where a slice's frame_num sits in its RBSP, and its PPS. */
function sliceHead(rbsp: Uint8Array, s: Streams): { ppsId: number; frameNumAt: number } {
  const r = new BitReader(rbsp);
  r.ue(); // first_mb_in_slice
  r.ue(); // slice_type
  const ppsId = r.ue();
  if (!s.pps.has(ppsId)) throw new H264HoldError(`slice refers to unknown PPS ${ppsId}`);
  return { ppsId, frameNumAt: r.pos };
}

/** first_mb_in_slice, read from the slice's first bytes (a picture's first slice has 0). */
const firstMbOf = (nal: Uint8Array) => new BitReader(toRbsp(nal.subarray(0, 16))).ue();

const isVcl = (type: number) => type === NAL_SLICE || type === NAL_IDR;

/** The stream's access units: the NAL units of each picture, the parameter sets and SEI before it included. */
function accessUnits(nals: Uint8Array[]): Uint8Array[][] {
  const units: Uint8Array[][] = [];
  let current: Uint8Array[] = [];
  let hasPicture = false;
  for (const nal of nals) {
    const type = nal[0]! & 0x1f;
    const startsNew = hasPicture && ([NAL_AUD, NAL_SEI, NAL_SPS, NAL_PPS].includes(type) || (isVcl(type) && firstMbOf(nal) === 0));
    if (startsNew) { units.push(current); current = []; hasPicture = false; }
    current.push(nal);
    if (isVcl(type)) hasPicture = true;
  }
  if (current.length > 0) units.push(current);
  return units;
}

const START_CODE = Uint8Array.from([0, 0, 0, 1]);

/**
 * `stream`: an Annex B H.264 stream of one picture per entry of `holds`;
 * returns it with picture k shown for `holds[k]` frames (holds[k] - 1 skip
 * pictures after it), frame_num renumbered.
 */
export function holdPictures(stream: Uint8Array, holds: readonly number[]): Buffer {
  const units = accessUnits(splitAnnexB(stream));
  if (units.length !== holds.length) throw new H264HoldError(`${units.length} pictures in the stream, ${holds.length} expected`);
  return holdUnits(units, holds);
}

/**
 * `stream` (one encoder run) cut into chunks of `holds[i].length` pictures
 * each, every chunk held as holdPictures holds a stream. Each chunk must
 * begin with its parameter sets and an IDR picture (the encoder was asked
 * for a key frame there, and x264 repeats SPS and PPS before each), so that
 * each decodes alone. The stream is split into pictures once for all chunks.
 */
export function holdChunks(stream: Uint8Array, holds: ReadonlyArray<readonly number[]>): Buffer[] {
  const units = accessUnits(splitAnnexB(stream));
  const total = holds.reduce((sum, chunk) => sum + chunk.length, 0);
  if (units.length !== total) throw new H264HoldError(`${units.length} pictures in the stream, ${total} expected`);
  let at = 0;
  return holds.map((chunk) => {
    const part = units.slice(at, at + chunk.length);
    const types = new Set((part[0] ?? []).map((nal) => nal[0]! & 0x1f));
    if (!types.has(NAL_SPS) || !types.has(NAL_PPS) || !types.has(NAL_IDR)) throw new H264HoldError(`picture ${at} does not start a stream (parameter sets and an IDR picture)`);
    at += chunk.length;
    return holdUnits(part, chunk);
  });
}

/** The access units `units`, picture k followed by holds[k] - 1 skip pictures, frame_num renumbered. */
function holdUnits(units: readonly Uint8Array[][], holds: readonly number[]): Buffer {
  const s: Streams = { sps: new Map(), pps: new Map(), cabacRuns: new Map(), skips: new Map() };
  const out: Uint8Array[] = [];
  const emit = (nal: Uint8Array) => out.push(START_CODE, nal);
  let frameNum = 0;
  let maxFrameNum = 0;
  for (const [k, unit] of units.entries()) {
    let held: { nalRefIdc: number; ppsId: number } | null = null;
    for (const nal of unit) {
      const type = nal[0]! & 0x1f;
      if (type === NAL_SPS) {
        const { id, sps } = parseSps(nal);
        if (sps.pocType !== 2) throw new H264HoldError(`picture order type ${sps.pocType}: B-frames are on (bframes=0 is needed)`);
        if (!sps.frameMbsOnly) throw new H264HoldError('interlaced streams are not supported');
        s.sps.set(id, sps);
        s.skips.clear();
      } else if (type === NAL_PPS) {
        const { id, pps } = parsePps(nal);
        if (pps.sliceGroups > 1) throw new H264HoldError('slice groups are not supported');
        s.pps.set(id, pps);
        s.skips.clear();
      }
      if (!isVcl(type)) { emit(nal); continue; }
      const nalRefIdc = (nal[0]! >> 5) & 3;
      if (nalRefIdc === 0) throw new H264HoldError('a non-reference picture (bframes=0 is needed)');
      const rbsp = toRbsp(nal);
      const head = sliceHead(rbsp, s);
      const sps = s.sps.get(s.pps.get(head.ppsId)!.spsId)!;
      maxFrameNum = 2 ** sps.log2MaxFrameNum;
      if (type === NAL_IDR) frameNum = 0;
      // Rewritten only where a held picture before it moved the count on.
      const written = new BitReader(rbsp);
      written.pos = head.frameNumAt;
      if (written.u(sps.log2MaxFrameNum) === frameNum) emit(nal);
      else {
        writeBitsAt(rbsp, head.frameNumAt, sps.log2MaxFrameNum, frameNum);
        emit(toNal(nal[0]!, rbsp));
      }
      held = { nalRefIdc, ppsId: head.ppsId };
    }
    if (!held) throw new H264HoldError(`picture ${k} has no slice`);
    for (let i = 1; i < holds[k]!; i++) {
      frameNum = (frameNum + 1) % maxFrameNum;
      emit(skipPicture(held.nalRefIdc, held.ppsId, frameNum, s));
    }
    frameNum = (frameNum + 1) % maxFrameNum;
  }
  return Buffer.concat(out);
}
