// One espeak-ng CLI run per message, in a child process of the engine
// (./espeak.ts forks it with IPC), so lines are spoken on every core and the
// GPL-3.0 espeak-ng never shares memory with the studio. Plain JavaScript on
// purpose: the child does not inherit the TypeScript loader the studio runs under.
// Message in: { id, args: string[], text: string }. Out: { id, wav } or { id, error }.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import ESpeakNg from 'espeak-ng';

const require = createRequire(import.meta.url);

// espeak-ng seeds the noise of its breathy voices (the female variants, +f3) from the clock (time(), which the
// WASM build reads from Date.now): the same line came out different in every build, so a rebuilt video moved
// its mouths and captured pictures again, and an unchanged brief's audio changed its checksum (and so its
// approval). Seen from inside this process, espeak's clock stands still; this process runs nothing else.
const ESPEAK_CLOCK_MS = Date.UTC(2024, 0, 1);
Date.now = () => ESPEAK_CLOCK_MS;
// The package is an Emscripten build with assertions: each file lookup that fails (espeak-ng probes many while it
// starts) constructs an ErrnoError that captures and demangles a stack trace. Measured over 20 runs of a short
// line (2026-12-07): 154–199 ms a run with stacks, 93–95 without. This process sends only error messages back.
Error.stackTraceLimit = 0;
const compiled = readFile(path.join(path.dirname(require.resolve('espeak-ng')), 'espeak-ng.wasm')).then((bytes) =>
  WebAssembly.compile(bytes),
);

async function speak(args, text) {
  const mod = await compiled;
  const log = [];
  try {
    const instance = await ESpeakNg({
      arguments: [...args, '-f', '/input.txt', '-w', '/output.wav'],
      preRun: [(m) => m.FS.writeFile('/input.txt', text)],
      instantiateWasm(imports, done) {
        void WebAssembly.instantiate(mod, imports).then((inst) => done(inst, mod));
        return {};
      },
      print: () => {},
      printErr: (line) => log.push(line),
    });
    return instance.FS.readFile('/output.wav');
  } catch (err) {
    throw new Error(`${String(err)}\n${log.join('\n')}`);
  }
}

if (!process.send) throw new Error('espeakWorker.mjs runs only as a child process with an IPC channel');

process.on('message', async ({ id, args, text }) => {
  try {
    const wav = await speak(args, text);
    process.send({ id, wav: new Uint8Array(wav) });
  } catch (err) {
    process.send({ id, error: String(err instanceof Error ? err.message : err) });
  }
});

// The engine went away (exited, crashed or was killed): nothing will ask again.
process.on('disconnect', () => process.exit(0));
