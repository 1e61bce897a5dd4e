/**
 * The compositions are plain React: the UI previews them with
 * @remotion/player. Build a page with Vite that plays the demo plan in the
 * Player, open it in Chromium, and check that the scene, its puppets and its
 * caption are there at the frame asked for.
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findChromium, HEADLESS_ARGS } from '../../engine/render/chromium.js';
import { ROOT } from '../helpers/briefs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'video-player-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('plays the situation video in @remotion/player, with its puppets and caption at the frame asked for', async () => {
  const templates = path.join(ROOT, 'templates/video/index.ts').split(path.sep).join('/');
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><body style="margin:0"><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>');
  await writeFile(path.join(dir, 'main.tsx'), `
import { createRoot } from 'react-dom/client';
import { Player } from '@remotion/player';
import { SituationVideo, demoPlan } from '${templates}';
const plan = demoPlan('16:9');
createRoot(document.getElementById('root')!).render(
  <Player component={SituationVideo} inputProps={{ plan }} durationInFrames={plan.durationInFrames} fps={plan.fps}
    compositionWidth={plan.width} compositionHeight={plan.height} initialFrame={130} style={{ width: 960, height: 540 }} />,
);`);
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({ configFile: false, root: dir, base: './', logLevel: 'error', plugins: [react()], build: { outDir: path.join(dir, 'dist'), emptyOutDir: true } });

  // Module scripts do not load from file://; serve the build on loopback.
  const dist = path.join(dir, 'dist');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };
  const server: Server = createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/$/, '/index.html')));
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({ executablePath: findChromium(), args: HEADLESS_ARGS.filter((a) => !a.startsWith('--headless')) });
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 540 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => document.body.innerText.includes('Chào bác!'), null, { timeout: 20_000 });
    await page.evaluate(() => document.fonts.ready);
    // Two puppets (their heads are ellipses in the stage SVG), the hearth set, the caption.
    const faces = await page.$$eval('ellipse[rx="42"]', (els) => els.length);
    expect(faces).toBe(2);
    expect(await page.evaluate(() => document.body.innerText)).toContain('sắp làm đám cưới cho Páo.');
    expect(await page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Be Vietnam Pro') && f.status === 'loaded'))).toBe(true);
    if (process.env['VIDEO_TEST_FRAMES']) await page.screenshot({ path: path.join(process.env['VIDEO_TEST_FRAMES'], 'player-130.png') });
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    server.close();
  }
});
