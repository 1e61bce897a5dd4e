import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { smallMaterial } from './tests/epub/smallBrief.js';
import { pseudoTranslate } from './tests/print/helpers.js';
import { epubFormat } from './engine/formats/epub/index.js';
const material = smallMaterial();
const blt = pseudoTranslate(material, 'blt');
const out = process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), 'epub-'));
const cache = new Map<string, Promise<unknown>>();
const disposers: Array<() => Promise<void>> = [];
const t0 = Date.now();
const entries = await epubFormat.build({
  material, languages: ['vi', 'blt'], materialFor: (l) => (l === 'blt' ? blt : material), outDir: out, settings: {}, projectDir: null,
  progress: (u) => console.log(u.label), warn: (d) => console.log('WARN', d), signal: new AbortController().signal,
  shared: { get: (key, create, dispose) => { if (!cache.has(key)) { const p = create(); cache.set(key, p); disposers.push(async () => dispose(await p as never)); } return cache.get(key) as never; } },
});
for (const d of disposers) await d();
console.log(JSON.stringify(entries, null, 1), out, Date.now() - t0, 'ms');
