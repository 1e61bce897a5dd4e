/**
 * The child process that runs sherpa-onnx for the neural engine
 * (./sherpaProcess.ts). A separate process, not a worker thread: on some bad
 * model files sherpa-onnx's native code calls exit() or aborts, which in a
 * worker would take the whole studio down; here it only ends this process
 * and the parent reports the voice as broken.
 *
 * Messages in:  { id, op: 'load', voice: { key, config } }
 *               { id, op: 'speak', voice: { key, config }, text, sid, speed }
 * Messages out: { id, sampleRate, numSpeakers } | { id, sampleRate, samples } | { id, error }
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const sherpa = require('sherpa-onnx-node');

/** Loaded voices by key (folder + checksum), so a build loads each model once. */
const loaded = new Map();

function load(voice) {
  let tts = loaded.get(voice.key);
  if (!tts) {
    tts = new sherpa.OfflineTts(voice.config);
    loaded.set(voice.key, tts);
  }
  return tts;
}

process.on('message', (msg) => {
  try {
    const tts = load(msg.voice);
    if (msg.op === 'load') {
      process.send({ id: msg.id, sampleRate: tts.sampleRate, numSpeakers: tts.numSpeakers });
      return;
    }
    const audio = tts.generate({ text: msg.text, sid: msg.sid, speed: msg.speed, enableExternalBuffer: false });
    process.send({ id: msg.id, sampleRate: audio.sampleRate || tts.sampleRate, samples: Float32Array.from(audio.samples) });
  } catch (err) {
    process.send({ id: msg.id, error: err instanceof Error ? err.message : String(err) });
  }
});
