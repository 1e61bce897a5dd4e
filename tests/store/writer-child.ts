/**
 * Child process for the kill test: opens the library and writes one new
 * translation at a time, printing `ack <n>` after each write has resolved
 * (so record n is promised durable), until it is killed.
 *
 *   node --import tsx tests/store/writer-child.ts <libraryDir> <tag> [projectId]
 */
import { openLibrary } from '../../engine/store/library.js';

const [dir, tag = 'w', projectId = 'ket-hon-dung-tuoi'] = process.argv.slice(2);
if (!dir) throw new Error('usage: writer-child.ts <libraryDir> <tag> [projectId]');

const library = await openLibrary(dir, { waitMs: 5000, command: `writer-child ${tag}` });
process.stdout.write('ready\n');
for (let n = 0; ; n++) {
  await library.putTranslations(projectId, [{
    unitId: `${tag}-${n}`,
    language: 'en',
    text: `translation ${tag} ${n}`,
    sourceText: `source ${tag} ${n}`,
    stale: false,
    updatedAt: new Date().toISOString(),
  }]);
  process.stdout.write(`ack ${n}\n`);
}
