#!/usr/bin/env node
// Makes the Word template staff fill in, media/templates/mau-ban-thao.docx,
// from the template brief media/templates/mau-ban-thao.md with the studio's
// own briefToDocx (engine/app/docx.ts), so the template always follows the
// conventions the importer reads (docs/brief-format.md, "Soạn bằng Word").
// Run: node scripts/make-word-template.mjs   (tests/docx checks it is current)
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { briefToDocx } = await tsImport('../engine/app/docx.ts', import.meta.url);
const brief = await readFile(path.join(root, 'media/templates/mau-ban-thao.md'), 'utf8');
const out = path.join(root, 'media/templates/mau-ban-thao.docx');
await writeFile(out, await briefToDocx(null, brief));
process.stdout.write(`${path.relative(root, out)}\n`);
