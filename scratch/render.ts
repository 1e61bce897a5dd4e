import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { infographicFormat } from '../engine/formats/print/index.js';
import { launchBrowser } from '../engine/render/browser.js';
import { makeContext, sampleMaterial } from '../tests/print/helpers.js';
const style = process.argv[2] ?? 'classic';
const browser = await launchBrowser();
const vi = await sampleMaterial();
const ctx = makeContext({ browser, materials: { vi }, languages: ['vi'], settings: { styles: { infographic: style } } });
const out = await infographicFormat.build(ctx);
const dir = 'test-results/infographic';
mkdirSync(dir, { recursive: true });
for (const o of out) {
  const f = path.join(ctx.outDir, o.path);
  if (f.endsWith('.png')) copyFileSync(f, `${dir}/${style}-${o.variant}.png`);
  else execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', f, `${dir}/${style}-${o.variant}`]);
}
console.log(out.map((o) => o.altText)[0]);
await browser.close();
