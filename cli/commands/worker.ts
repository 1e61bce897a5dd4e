import { hostname } from 'node:os';
import type { TFunction } from 'i18next';
import { runRenderWorker, StudioError } from '../../engine/app/index.js';
import { EXIT } from '../failures.js';
import type { LibraryOptions } from '../library.js';

export interface WorkerOptions extends LibraryOptions {
  queue: string;
  shared: string;
  chromium?: string;
  stallSeconds: string;
}

/** `worker --queue redis://HOST:PORT --shared DIR`: renders the studio's units until stopped (Ctrl+C or SIGTERM). */
export async function workerCommand(options: WorkerOptions, t: TFunction): Promise<number> {
  const stallSeconds = Number(options.stallSeconds);
  if (!Number.isFinite(stallSeconds) || stallSeconds < 2) throw new StudioError('farm.badStallSeconds', { value: options.stallSeconds });
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const say = (text: string) => process.stdout.write(`${text}\n`);
  try {
    const running = runRenderWorker({
      queue: options.queue, sharedDir: options.shared, chromiumPath: options.chromium ?? null, stallSeconds, signal: controller.signal,
      ...(options.library ? { libraryDir: options.library } : {}),
      onReady: () => say(t('cli.worker.ready', { queue: options.queue, host: hostname(), pid: process.pid })),
      onEvent: (event) => say(t(`cli.worker.${event.kind}`, { unit: event.unit, build: event.buildId, message: event.message ?? '' })),
    });
    await running;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return EXIT.ok;
}
