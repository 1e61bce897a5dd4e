// @echogarden/rnnoise-wasm (Emscripten build of xiph's RNNoise) ships no types.
declare module '@echogarden/rnnoise-wasm' {
  export interface RnnoiseModule {
    HEAPF32: Float32Array;
    _malloc(bytes: number): number;
    _free(pointer: number): void;
    _rnnoise_create(model: number): number;
    _rnnoise_destroy(state: number): void;
    _rnnoise_get_frame_size(): number;
    /** Denoises one frame in place of `output`; returns the voice-activity probability. */
    _rnnoise_process_frame(state: number, output: number, input: number): number;
  }
  const RNNoise: (options?: object) => Promise<RnnoiseModule>;
  export default RNNoise;
}
