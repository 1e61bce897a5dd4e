/** x264 settings shared by the full video's encoder (./encodeFrames.ts) and the share version's (./shareVersion.ts). */

/**
 * The cheapest motion search (diamond, one sub-pixel pass) instead of
 * veryfast's hexagon and two passes. Flat animation moves little between the
 * pictures encoded (the rest are held), and what moves (a mouth, an arm) is
 * found as well: on 114 of the sample's 1080×1920 pictures in a row (2026-12-07)
 * x264 took ~14 ms less a picture (~61 → ~47 ms with the decode), for files
 * 1 % larger and SSIM 0.9941 → 0.9939 against a near-lossless encode.
 */
export const FLAT_MOTION_SEARCH = ['-motion-est', 'dia', '-subq', '1'] as const;
