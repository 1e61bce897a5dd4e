// Bundles templates/video with Remotion's webpack in a child process of the
// engine (./remotion.ts forks it). Webpack leaves ~450 MB of garbage in the
// process that ran it (RSS 80 → 518 MB, 195 MB after a forced GC) that V8 did
// not collect before the video's capture, the build's peak beside Chromium and
// x264; a child returns all of it when it exits. Plain JavaScript: the child
// does not inherit the TypeScript loader the studio runs under.
// Message in: { entryPoint, outDir }. Out: { progress } …, then { serveUrl, inputs } or { error }.
import { bundle } from '@remotion/bundler';

if (!process.send) throw new Error('bundleChild.mjs runs only as a child process with an IPC channel');

/** A webpack plugin that adds every file the compilation read to `into` (the bundle cache keys on them). */
function recordInputs(into) {
  return {
    apply(compiler) {
      compiler.hooks.afterEmit.tap('luat-studio-bundle-inputs', (compilation) => {
        for (const file of compilation.fileDependencies) into.add(file);
      });
    },
  };
}

process.once('message', async ({ entryPoint, outDir }) => {
  const inputs = new Set();
  try {
    const serveUrl = await bundle({
      entryPoint,
      outDir,
      onProgress: (progress) => process.send({ progress }),
      // Our sources import './x.js' for './x.ts' (NodeNext); teach webpack the same.
      webpackOverride: (config) => ({
        ...config,
        resolve: { ...config.resolve, extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
        plugins: [...(config.plugins ?? []), recordInputs(inputs)],
      }),
    });
    process.send({ serveUrl, inputs: [...inputs] }, () => process.exit(0));
  } catch (err) {
    process.send({ error: String(err instanceof Error ? err.stack ?? err.message : err) }, () => process.exit(1));
  }
});

// The engine went away: nobody waits for this bundle.
process.on('disconnect', () => process.exit(0));
