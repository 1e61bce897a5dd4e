/**
 * Child process for the take-over race: waits for `go` on stdin, takes the
 * library lock (taking over the stale one the test left), and while holding
 * it appends `+<pid>` then `-<pid>` to a shared log, with a pause between and
 * a check that the lock file still names it. Overlapping holders show up in
 * the log as two `+` in a row.
 *
 *   node --import tsx tests/store/lock-racer-child.ts <libraryDir> <logFile>
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { acquireLibraryLock } from '../../engine/store/lock.js';

const [dir, log] = process.argv.slice(2);
if (!dir || !log) throw new Error('usage: lock-racer-child.ts <libraryDir> <logFile>');

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  const lock = await acquireLibraryLock(dir, { waitMs: 600_000, pollMs: 2, command: 'racer' });
  appendFileSync(log, `+${process.pid}\n`);
  await sleep(15);
  const onDisk = readFileSync(lock.path, 'utf8');
  appendFileSync(log, onDisk === JSON.stringify(lock.holder) ? `-${process.pid}\n` : `!${process.pid}\n`);
  await lock.release();
  process.stdout.write('done\n');
  process.exit(0);
}
