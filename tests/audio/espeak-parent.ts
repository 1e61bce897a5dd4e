/**
 * Stands in for the engine process in the espeak process test: speaks one
 * line (which starts the espeak-ng children), prints `pids <own> <children…>`,
 * then waits to be killed, or exits on `exit` from stdin.
 *
 *   node --import tsx tests/audio/espeak-parent.ts <cacheDir>
 */
import { createInterface } from 'node:readline';
import { EspeakEngine, espeakProcessIds } from '../../engine/speech/espeak.js';

const cacheDir = process.argv[2];
if (!cacheDir) throw new Error('usage: espeak-parent.ts <cacheDir>');
const engine = new EspeakEngine({ cacheDir });
await engine.synthesizeMany([
  { text: 'Kết hôn phải đăng ký.', language: 'vi', voice: {} },
  { text: 'Nam từ đủ 20 tuổi.', language: 'vi', voice: { gender: 'female' } },
]);
process.stdout.write(`pids ${process.pid} ${espeakProcessIds().join(' ')}\n`);
for await (const line of createInterface({ input: process.stdin })) if (line === 'exit') process.exit(0);
