/**
 * The studio's side of the farm without workers, on a real redis-server:
 * what it queues for a build of many units, and what a cancel leaves behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOnFarm } from '../../engine/farm/coordinator.js';
import { connectQueue, FARM_QUEUE, parseQueueAddress } from '../../engine/farm/connection.js';
import { sampleMaterial } from '../print/helpers.js';
import { startRedis, stopStarted } from '../helpers/farm.js';

let dir: string;
let queue: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'luat-farm-coord-'));
  queue = await startRedis(dir);
}, 60_000);

afterAll(() => {
  stopStarted();
  rmSync(dir, { recursive: true, force: true });
});

describe('a farm build of many units', () => {
  it('queues them without a Node warning reaching the terminal, and a cancel removes the units not started', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const address = parseQueueAddress(queue);
    const controller = new AbortController();
    let queued = 0;
    try {
      const build = buildOnFarm({
        queue: address, sharedDir: path.join(dir, 'shared'), material: await sampleMaterial(), translations: [],
        settings: {}, clips: [], formats: ['video'], languages: ['vi'],
        // 100 s at 25 fps, split every 8 s: 13 ranges per aspect, 39 units.
        videoLength: new Map([['vi', { frames: 2500, fps: 25 }]]), splitVideoSeconds: 8,
        outDir: path.join(dir, 'out'), locale: 'en', signal: controller.signal,
        progress: (units) => { queued = units.length; if (!controller.signal.aborted) controller.abort(); },
        describeWarning: (d) => d.code, describeError: (e) => ({ code: 'x', message: String(e) }),
      });
      await expect(build).rejects.toMatchObject({ code: 'build.cancelled' });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(queued).toBeGreaterThan(10);
    expect(warnings).toEqual([]);
    const client = await connectQueue(address);
    const farm = new Queue(FARM_QUEUE, { connection: client });
    try {
      expect(await farm.getJobCounts('waiting', 'active', 'delayed')).toEqual({ waiting: 0, active: 0, delayed: 0 });
    } finally {
      await farm.close();
      client.disconnect();
    }
  }, 60_000);
});
