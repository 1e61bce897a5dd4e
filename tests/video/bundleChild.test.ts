/**
 * Webpack runs in a child process (engine/formats/video/bundleChild.mjs) so
 * its garbage leaves with it: a bundle comes back with every file it read
 * (the bundle cache keys on them), a broken template comes back as an error
 * naming the file, and no bundler process is left either way.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleInChild } from '../../engine/formats/video/remotion.js';
import { ROOT } from '../helpers/briefs.js';

// Inside the repository, so webpack resolves `remotion` from its node_modules.
const dir = path.join(ROOT, 'test-results', `bundle-child-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** This process's bundler children, after giving one that has answered a moment to exit. */
async function bundlerChildren(): Promise<string[]> {
  const list = () => execFileSync('ps', ['-eo', 'ppid=,args='], { encoding: 'utf8' })
    .split('\n').filter((line) => line.trim().startsWith(`${process.pid} `) && line.includes('bundleChild.mjs'));
  for (let i = 0; i < 50 && list().length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  return list();
}

describe('bundling in a child process', () => {
  it('returns the bundle and every file webpack read, and leaves no bundler process', async () => {
    const entry = path.join(dir, 'good', 'entry.tsx');
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(path.join(path.dirname(entry), 'Scene.tsx'), 'export const Scene = () => null;\n');
    writeFileSync(entry, "import { registerRoot } from 'remotion';\nimport { Scene } from './Scene.js';\nregisterRoot(Scene);\n");
    const percents: number[] = [];
    const out = path.join(dir, 'good-out');
    const { serveUrl, inputs } = await bundleInChild(entry, out, (p) => percents.push(p));
    expect(serveUrl).toContain(out);
    expect(readdirSync(out)).toContain('index.html');
    expect(inputs).toContain(entry);
    expect(inputs).toContain(path.join(path.dirname(entry), 'Scene.tsx'));
    expect(percents.length).toBeGreaterThan(0);
    expect(await bundlerChildren()).toEqual([]);
  }, 180_000);

  it('rejects a broken template with webpack\'s message naming the file, and leaves no bundler process', async () => {
    const entry = path.join(dir, 'broken', 'entry.tsx');
    mkdirSync(path.dirname(entry), { recursive: true });
    writeFileSync(entry, "import { registerRoot } from 'remotion';\nregisterRoot(() => <div>;\n");
    await expect(bundleInChild(entry, path.join(dir, 'broken-out'))).rejects.toThrow(/entry\.tsx/);
    expect(await bundlerChildren()).toEqual([]);
  }, 180_000);
});
