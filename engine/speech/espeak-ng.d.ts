// The espeak-ng package (Emscripten build of the espeak-ng CLI) ships no types.
declare module 'espeak-ng' {
  export interface EspeakModuleOptions {
    arguments?: string[];
    preRun?: Array<(module: EspeakModule) => void>;
    print?: (line: string) => void;
    printErr?: (line: string) => void;
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => object;
  }
  export interface EspeakModule {
    FS: {
      writeFile(path: string, data: string | Uint8Array): void;
      readFile(path: string): Uint8Array;
    };
  }
  const ESpeakNg: (options?: EspeakModuleOptions) => Promise<EspeakModule>;
  export default ESpeakNg;
}
