/** The render queue: one job at a time, progress that only grows, cancel of queued and running jobs, failures. */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../engine/api/contract.js';
import { JobQueue, type JobRunner, type JobSpec } from '../../engine/api/jobs.js';

/** Each title its own output folder: different requests (the same request twice is one job, see below). */
const spec = (title: string): JobSpec => ({ projectId: 'p', title, purpose: 'render', formats: ['booklet'], languages: [], aspects: [], outDir: `/tmp/${title}` });

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}

describe('JobQueue', () => {
  it('runs one job at a time, in order, and reports done with fraction 1', async () => {
    const running: string[] = [];
    let concurrent = 0;
    let most = 0;
    const runner: JobRunner = async (job, _signal, progress) => {
      concurrent++;
      most = Math.max(most, concurrent);
      running.push(job.title);
      progress(0.5, 'half');
      progress(0.2, 'late, smaller');
      await new Promise((r) => setTimeout(r, 20));
      concurrent--;
      return { outputs: [], warnings: [] };
    };
    const queue = new JobQueue(runner, () => 'failed', () => 'cancelled');
    const events: Job[] = [];
    queue.onChange((j) => events.push(j));
    queue.enqueue(spec('a'));
    queue.enqueue(spec('b'));
    queue.enqueue(spec('c'));
    await queue.idle();
    expect(running).toEqual(['a', 'b', 'c']);
    expect(most).toBe(1);
    expect(queue.list().map((j) => [j.status, j.fraction])).toEqual([['done', 1], ['done', 1], ['done', 1]]);
    const fractions = events.filter((e) => e.title === 'a').map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
  });

  it('cancels a queued job at once and aborts a running one', async () => {
    const gate = deferred();
    let aborted = false;
    const runner: JobRunner = async (_job, signal) => {
      await Promise.race([gate.promise, new Promise<void>((r) => signal.addEventListener('abort', () => r()))]);
      if (signal.aborted) {
        aborted = true;
        throw new Error('aborted');
      }
      return { outputs: [], warnings: [] };
    };
    const queue = new JobQueue(runner, () => 'failed', () => 'Đã huỷ');
    const first = queue.enqueue(spec('first'));
    const second = queue.enqueue(spec('second'));
    expect(queue.cancel(second.id)?.status).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 10));
    expect(queue.get(first.id)?.status).toBe('running');
    queue.cancel(first.id);
    await queue.idle();
    expect(aborted).toBe(true);
    expect(queue.get(first.id)).toMatchObject({ status: 'cancelled', error: 'Đã huỷ' });
    expect(queue.get(second.id)?.status).toBe('cancelled');
    gate.release();
  });

  it('marks a failed job with the described error and goes on with the next', async () => {
    const runner: JobRunner = async (job) => {
      if (job.title === 'bad') throw new Error('boom');
      return { outputs: [], warnings: ['w'] };
    };
    const queue = new JobQueue(runner, (e) => `thất bại: ${(e as Error).message}`, () => 'cancelled');
    queue.enqueue(spec('bad'));
    queue.enqueue(spec('good'));
    await queue.idle();
    expect(queue.list().map((j) => [j.title, j.status, j.error, j.warnings])).toEqual([
      ['bad', 'failed', 'thất bại: boom', []],
      ['good', 'done', null, ['w']],
    ]);
  });

  it('gives back the queued or running job for the same request, and runs it once', async () => {
    const gate = deferred();
    let runs = 0;
    const queue = new JobQueue(async () => {
      runs++;
      await gate.promise;
      return { outputs: [], warnings: [] };
    }, () => 'failed', () => 'cancelled');
    const video = (aspects: string[], languages = ['vi', 'blt']): JobSpec => ({ ...spec('v'), formats: ['video', 'booklet'], languages, aspects });
    const first = queue.enqueue(video(['16:9']));
    // The same choice in another order is the same request.
    const again = queue.enqueue({ ...video(['16:9'], ['blt', 'vi']), formats: ['booklet', 'video'] });
    expect(again.id).toBe(first.id);
    const other = queue.enqueue(video(['9:16']));
    expect(other.id).not.toBe(first.id);
    gate.release();
    await queue.idle();
    expect(runs).toBe(2);
    // Once finished, the same request is a new job.
    expect(queue.enqueue(video(['16:9'])).id).not.toBe(first.id);
    await queue.idle();
  });
});
