// The caption overlay's worker thread (engine/formats/video/overlayWorker.ts),
// started by engine/formats/video/overlayThread.ts: the compiled
// dist/engine/overlayWorker.js, or the TypeScript through tsx while the build
// is missing or older than the sources.
import { launch } from './launch.mjs';

await launch('dist/engine/overlayWorker.js', 'engine/formats/video/overlayWorker.ts');
