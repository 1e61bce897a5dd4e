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
import { keptCacheDir } from '../platform/userCache.js';
import type { BuildContext, KeptCache } from './format.js';

const REGISTRY_KEY = 'speech-registry';

/** A project's synthesised lines, kept between builds; listed and cleared with the other caches (engine/app/caches.ts). */
export const PROJECT_SPEECH_CACHE: KeptCache = {
  id: 'speech', place: 'each-project', folder: 'cache/speech',
  label: { vi: 'Lời đọc máy đã tổng hợp (mọi dự án)', en: 'Machine speech already synthesised (every project)' },
  hint: {
    vi: 'Xoá đi thì lần dựng sau đọc lại mọi câu; giọng thu âm không bị xoá.',
    en: 'Cleared, the next build synthesises every line again; recorded voices are not touched.',
  },
};

export function projectSpeechCacheDir(projectDir: string): string {
  return keptCacheDir(PROJECT_SPEECH_CACHE, projectDir);
}

export function buildSpeechRegistry(ctx: Pick<BuildContext, 'projectDir' | 'settings' | 'shared' | 'warn'>): Promise<SpeechRegistry> {
  return ctx.shared
    .get(
      REGISTRY_KEY,
      async () => {
        const work = ctx.projectDir ? null : await workFolder('speech');
        const cacheDir = ctx.projectDir ? projectSpeechCacheDir(ctx.projectDir) : path.join(work!.dir, 'speech');
        return { registry: speechRegistryFromSettings(ctx.settings, { cacheDir, warn: (d) => ctx.warn(d) }), dispose: work?.dispose };
      },
      async (v) => v.dispose?.(),
    )
    .then((v) => v.registry);
}
