// One espeak-ng CLI run per message, in a worker thread, so lines are spoken
// on every core and the main thread stays free. Plain JavaScript on purpose:
// a worker does not inherit the TypeScript loader the studio runs under.
// Message in: { id, args: string[], text: string }. Out: { id, wav } or { id, error }.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import ESpeakNg from 'espeak-ng';

const require = createRequire(import.meta.url);
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

parentPort.on('message', async ({ id, args, text }) => {
  try {
    const wav = await speak(args, text);
    // A fresh copy owns its buffer, which can then be transferred without copying again.
    const out = new Uint8Array(wav);
    parentPort.postMessage({ id, wav: out }, [out.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err instanceof Error ? err.message : err) });
  }
});
