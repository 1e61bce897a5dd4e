import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Job } from '../../engine/api/contract.js';
import { openStudioService, SAMPLE_BRIEF, type StudioService } from '../../engine/api/service.js';

export const sampleText = () => readFile(SAMPLE_BRIEF, 'utf8');

/** A service over a fresh temporary library; call `done()` to close and remove it. */
export async function tempService(): Promise<{ service: StudioService; dir: string; done(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-api-'));
  const service = await openStudioService({ libraryDir: dir, command: 'api test' });
  return {
    service,
    dir,
    async done() {
      await service.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Replaces one line (1-based) of a text. */
export function withLine(text: string, line: number, replace: (old: string) => string): string {
  const lines = text.split('\n');
  lines[line - 1] = replace(lines[line - 1]!);
  return lines.join('\n');
}

/** The job once the service reports it finished (done, failed or cancelled). */
export function jobFinished(api: StudioService, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const off = api.onEvent((e) => {
      if (e.job.id === jobId && e.job.finishedAt) {
        off();
        resolve(e.job);
      }
    });
  });
}
