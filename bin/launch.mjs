/**
 * Starts one of the studio's programs: the compiled bundle in dist/ when it
 * is there and no newer than its TypeScript sources (users, the packaged
 * app), else the sources through tsx (a developer who has edited a file and
 * not run `npm run build` yet, and the tests). tsx is told which tsconfig
 * to use: by default it would take the one in the working folder, and from
 * any other folder JSX would be compiled wrongly ("React is not defined").
 * LUAT_STUDIO_DEBUG=1 says on stderr which of the two ran and why;
 * LUAT_STUDIO_FROM_SOURCE=1 runs the sources even when the build is fresh.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tuneHeap } from './heap.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const debug = (text) => {
  if (process.env.LUAT_STUDIO_DEBUG) process.stderr.write(`luat-studio: ${text}\n`);
};

/** Why the compiled build cannot be used, or null when it can. */
function staleReason(compiled, source) {
  if (process.env.LUAT_STUDIO_FROM_SOURCE) return 'LUAT_STUDIO_FROM_SOURCE is set';
  let info;
  try {
    statSync(path.join(root, compiled));
    info = JSON.parse(readFileSync(path.join(root, 'dist', 'build-info.json'), 'utf8'));
  } catch {
    return 'no compiled build (npm run build)';
  }
  // A packaged app carries no sources: nothing can be newer.
  try {
    statSync(path.join(root, source));
  } catch {
    return null;
  }
  for (const input of info.inputs) {
    let mtime;
    try {
      mtime = statSync(path.join(root, input)).mtimeMs;
    } catch {
      return `${input} is gone since the build`;
    }
    if (mtime > info.builtAt) return `${input} changed since the build`;
  }
  return null;
}

/** Runs dist/<compiled> or <source>, both relative to the app's folder. */
export async function launch(compiled, source) {
  tuneHeap();
  const reason = staleReason(compiled, source);
  if (reason === null) {
    // Crash logs name TypeScript lines through the .map files beside the bundles, when a log is written
    // (engine/crashLog.ts withSourceLines): Node's source maps for the whole process cost every stack Playwright reads.
    debug(`running ${compiled}`);
    await import(pathToFileURL(path.join(root, compiled)).href);
    return;
  }
  debug(`running ${source} through tsx: ${reason}`);
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: path.join(root, 'tsconfig.json') });
  await import(pathToFileURL(path.join(root, source)).href);
}
