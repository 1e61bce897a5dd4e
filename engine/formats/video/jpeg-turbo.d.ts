// @julusian/jpeg-turbo (libjpeg-turbo's TurboJPEG API, prebuilt for Windows, macOS and Linux) ships no types.
declare module '@julusian/jpeg-turbo' {
  export interface Decompressed {
    /** The pixels: `into` when one was given (its first `size` bytes), else a new buffer. */
    data: Buffer;
    width: number;
    height: number;
    size: number;
  }
  export const FORMAT_RGBA: number;
  /** Decodes on libuv's thread pool; rejects for bytes that are not a JPEG, or an `into` too small for it. */
  export function decompress(jpeg: Buffer, into: Buffer, options: { format: number }): Promise<Decompressed>;
  export function decompress(jpeg: Buffer, options: { format: number }): Promise<Decompressed>;
}
