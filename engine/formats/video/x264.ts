/** x264 settings shared by the full video's encoder (./encodeFrames.ts) and the share version's (./shareVersion.ts). */

/**
 * How x264 analyses a picture for flat animation.
 *
 * The cheapest motion search (diamond, one sub-pixel pass) instead of
 * veryfast's hexagon and two passes. Flat animation moves little between the
 * pictures encoded (the rest are held), and what moves (a mouth, an arm) is
 * found as well: on 114 of the sample's 1080×1920 pictures in a row (2026-12-07)
 * x264 took ~14 ms less a picture (~61 → ~47 ms with the decode), for files
 * 1 % larger and SSIM 0.9941 → 0.9939 against a near-lossless encode.
 *
 * Inter prediction in whole 16×16 blocks, as superfast does, without
 * veryfast's 8×8 sub-partitions: a flat picture's moving parts are large
 * areas of one colour. On 150 of the sample's 1080×1920 pictures in a row
 * (2026-12-08): x264 ran 6.7 % fewer instructions (callgrind, 40 pictures),
 * 4.9 % less CPU time (ten pairs, 8 of them faster), for files 2.4 % larger
 * at the same SSIM (0.99602 → 0.99599).
 */
export const FLAT_ANALYSIS = ['-motion-est', 'dia', '-subq', '1', '-partitions', 'i8x8,i4x4'] as const;
