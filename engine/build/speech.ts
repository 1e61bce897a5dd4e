/**
 * The speech of one build: one registry (so one espeak worker pool, one set of
 * neural voices) and one cache folder shared by every format that speaks — the
 * audiobook, the video's voices, the read-along EPUB and the lecture ask for
 * many of the same lines, and each line is then synthesised once per build.
 * A project's lines go to its own cache (project/cache/speech) and are kept
 * between builds; a bare brief's go to one temp folder removed when the build ends.
 */
import path from 'node:path';
import { workFolder } from '../media/files.js';
import { speechRegistryFromSettings, type SpeechRegistry } from '../speech/registry.js';
import type { BuildContext } from './format.js';

const REGISTRY_KEY = 'speech-registry';

export function buildSpeechRegistry(ctx: Pick<BuildContext, 'projectDir' | 'settings' | 'shared' | 'warn'>): Promise<SpeechRegistry> {
  return ctx.shared
    .get(
      REGISTRY_KEY,
      async () => {
        const work = ctx.projectDir ? null : await workFolder('speech');
        const cacheDir = ctx.projectDir ? path.join(ctx.projectDir, 'cache', 'speech') : path.join(work!.dir, 'speech');
        return { registry: speechRegistryFromSettings(ctx.settings, { cacheDir, warn: (d) => ctx.warn(d) }), dispose: work?.dispose };
      },
      async (v) => v.dispose?.(),
    )
    .then((v) => v.registry);
}
