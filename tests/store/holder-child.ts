/**
 * Child process that holds the library lock for the lock tests. Prints
 * `ready` once it holds the lock; on stdin, `close` closes the library and
 * prints `closed`, `exit` exits without closing (the 'exit' handler must
 * remove the lock file).
 *
 *   node --import tsx tests/store/holder-child.ts <libraryDir>
 */
import { createInterface } from 'node:readline';
import { openLibrary } from '../../engine/store/library.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: holder-child.ts <libraryDir>');

const library = await openLibrary(dir, { waitMs: 5000, command: 'holder-child' });
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'close') {
    await library.close();
    process.stdout.write('closed\n');
  } else if (line === 'exit') {
    process.exit(0);
  }
}
