/**
 * The poster and the puppets' faces, measured in Chromium (no video render):
 * a page built with Vite draws the poster of each aspect at full size and a
 * sheet of faces. Text blocks must not overlap or touch, must keep to the safe
 * area and the opaque title band, the scene must start below the band, and
 * every flag in the set must be whole. Screenshots go to
 * test-results/video-polish/ to be looked at.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, HEADLESS_ARGS } from '../../engine/render/chromium.js';
import { safeBox } from '../../templates/video/layout.js';
import { ASPECT_SIZES, type AspectName } from '../../templates/video/plan.js';
import { ROOT } from '../helpers/briefs.js';

const SHOTS = path.resolve('test-results/video-polish');
let dir: string;
let server: Server;
let port: number;
let browser: Browser;

/** Posters to draw: the aspect, the first scene's set, and an issuer long enough to wrap where it can. */
const POSTERS: { aspect: AspectName; background: string; issuer: string }[] = [
  { aspect: '16:9', background: 'commune-office', issuer: 'Sở Tư pháp tỉnh Sơn La' },
  { aspect: '9:16', background: 'commune-office', issuer: 'Sở Tư pháp tỉnh Sơn La — Phòng Phổ biến, giáo dục pháp luật' },
  { aspect: '1:1', background: 'classroom', issuer: 'Sở Tư pháp tỉnh Sơn La — Phòng Phổ biến, giáo dục pháp luật' },
];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'video-poster-test-'));
  const templates = path.join(ROOT, 'templates/video').split(path.sep).join('/');
  await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><html><body style="margin:0"><div id="root"></div><script type="module" src="./main.tsx"></script></body></html>');
  await writeFile(path.join(dir, 'main.tsx'), `
import { createRoot } from 'react-dom/client';
import { SituationPoster, FrameView, demoPlan } from '${templates}/index.ts';
import { frameState } from '${templates}/frameState.ts';
import { PuppetGroup, EXPRESSION_ORDER } from '${templates}/puppets/index.ts';
const q = new URLSearchParams(location.search);
const root = createRoot(document.getElementById('root')!);
if (q.get('view') === 'poster') {
  const plan = demoPlan(q.get('aspect') as never);
  const scene = plan.segments[1] as any;
  scene.background = q.get('background');
  (plan.segments[0] as any).issuer = q.get('issuer');
  root.render(<div style={{ position: 'relative', width: plan.width, height: plan.height, overflow: 'hidden' }}><SituationPoster plan={plan} /></div>);
} else if (q.get('view') === 'frame') {
  const plan = demoPlan('16:9');
  const scene = plan.segments[1] as any;
  scene.lines[0].expression = 'stern';
  scene.lines[1].expression = 'worried';
  root.render(<div style={{ position: 'relative', width: plan.width, height: plan.height, overflow: 'hidden' }}><FrameView plan={plan} state={frameState(plan, Number(q.get('frame')))} /></div>);
} else {
  const spec = { archetype: 'man', dress: 'upland', gender: 'male' } as const;
  root.render(<div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 240px)', background: '#f1e2bd' }}>
    {[0, 2].flatMap((m) => EXPRESSION_ORDER.map((x, i) => (
      <svg key={x + m} data-face={x} data-mouth={m} width={240} height={240} viewBox="-62 -420 124 124">
        <PuppetGroup spec={spec} facing="right" state={{ b: 0, e: 0, m, g: 0, x: i }} />
      </svg>
    )))}
  </div>);
}`);
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({ configFile: false, root: dir, base: './', logLevel: 'error', plugins: [react()], build: { outDir: path.join(dir, 'dist'), emptyOutDir: true } });
  const dist = path.join(dir, 'dist');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff' };
  server = createServer((req, res) => {
    const file = path.join(dist, decodeURIComponent((req.url ?? '/').split('?')[0]!.replace(/^\/$/, '/index.html')));
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  browser = await chromium.launch({ executablePath: findChromium(), args: HEADLESS_ARGS.filter((a) => !a.startsWith('--headless')) });
  await mkdir(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  await rm(dir, { recursive: true, force: true });
});

interface Rect { x: number; y: number; width: number; height: number }
const bottom = (r: Rect) => r.y + r.height;
const right = (r: Rect) => r.x + r.width;
const inside = (r: Rect, box: Rect) => r.x >= box.x - 0.5 && r.y >= box.y - 0.5 && right(r) <= right(box) + 0.5 && bottom(r) <= bottom(box) + 0.5;

describe('the poster', () => {
  for (const poster of POSTERS) {
    it(`${poster.aspect} on the ${poster.background} set: solid band, text apart and inside the safe area, scene below, flags whole`, async () => {
      const { width, height } = ASPECT_SIZES[poster.aspect];
      const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 0.5 });
      try {
        const query = new URLSearchParams({ view: 'poster', ...poster });
        await page.goto(`http://127.0.0.1:${port}/?${query}`);
        await page.waitForSelector('[data-poster="title"]');
        await page.evaluate(() => document.fonts.ready);
        const m = await page.evaluate(() => {
          const box = (el: Element) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
          const get = (name: string) => document.querySelector(`[data-poster="${name}"]`)!;
          /** The ink of a block: the union of its text's line boxes, not the block's own box. */
          const ink = (el: Element) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            const rects = [...range.getClientRects()].filter((r) => r.width > 0);
            const x = Math.min(...rects.map((r) => r.left));
            const y = Math.min(...rects.map((r) => r.top));
            return { x, y, width: Math.max(...rects.map((r) => r.right)) - x, height: Math.max(...rects.map((r) => r.bottom)) - y, lines: new Set(rects.map((r) => Math.round(r.top))).size };
          };
          return {
            band: box(get('band')),
            bandColour: getComputedStyle(get('band')).backgroundColor,
            stage: box(get('stage')),
            texts: ['issuer', 'title', 'material'].map((n) => ink(get(n))),
            flags: [...document.querySelectorAll('[data-flag]')].map(box),
            faces: document.querySelectorAll('[data-poster="stage"] ellipse[rx="42"]').length,
          };
        });
        await page.screenshot({ path: path.join(SHOTS, `poster-${poster.aspect.replace(':', 'x')}-${poster.background}.png`) });
        const safe = safeBox(poster.aspect, width, height);
        // Opaque: nothing of the scene can show through the text.
        expect(m.bandColour).toMatch(/^rgb\(/u);
        expect(m.stage.y).toBeGreaterThanOrEqual(bottom(m.band) - 0.5);
        for (const t of m.texts) {
          expect(inside(t, safe), `${JSON.stringify(t)} inside the safe area ${JSON.stringify(safe)}`).toBe(true);
          expect(bottom(t)).toBeLessThanOrEqual(bottom(m.band) - 8);
        }
        // One after another, with air between (a wrapped issuer must not touch the title).
        for (let i = 1; i < m.texts.length; i++) expect(m.texts[i]!.y - bottom(m.texts[i - 1]!)).toBeGreaterThanOrEqual(8);
        if (poster.issuer.length > 40 && poster.aspect === '9:16') expect(m.texts[0]!.lines).toBe(2);
        // A flag is shown whole or not at all (the stage crops the set's top in a wide poster), never cut by an edge.
        expect(m.flags.length).toBeGreaterThan(0);
        for (const f of m.flags) {
          const outside = bottom(f) <= m.stage.y || f.y >= bottom(m.stage) || right(f) <= 0 || f.x >= width;
          expect(inside(f, m.stage) || outside, `flag ${JSON.stringify(f)} whole or hidden, stage ${JSON.stringify(m.stage)}`).toBe(true);
        }
        if (poster.aspect !== '16:9') expect(m.flags.some((f) => inside(f, m.stage))).toBe(true);
        expect(m.faces).toBe(2);
      } finally {
        await page.close();
      }
    });
  }
});

describe('faces', () => {
  it('draws four different faces, each one still opening its mouth to speak', async () => {
    const page = await browser.newPage({ viewport: { width: 960, height: 480 } });
    try {
      await page.goto(`http://127.0.0.1:${port}/?view=faces`);
      await page.waitForSelector('svg[data-face]');
      const faces = await page.$$eval('svg[data-face]', (els) => els.map((el) => ({ face: el.getAttribute('data-face'), mouth: el.getAttribute('data-mouth'), html: el.innerHTML })));
      await page.screenshot({ path: path.join(SHOTS, 'faces.png') });
      const closed = faces.filter((f) => f.mouth === '0').map((f) => f.html);
      expect(new Set(closed).size).toBe(4);
      // Speech draws the open mouth (a filled ellipse) over every expression.
      for (const f of faces.filter((f) => f.mouth === '2')) expect(f.html).toMatch(/<ellipse[^>]*fill="#6e2a2a"/u);
      for (const f of faces.filter((f) => f.mouth === '0')) expect(f.html).not.toMatch(/fill="#6e2a2a"/u);
      // A frame of the demo scene: Bố Páo speaking worried while Chị Hoa keeps the stern face of her line.
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`http://127.0.0.1:${port}/?view=frame&frame=180`);
      await page.waitForSelector('ellipse[rx="42"]');
      await page.screenshot({ path: path.join(SHOTS, 'frame-worried-and-stern.png') });
    } finally {
      await page.close();
    }
  });
});
