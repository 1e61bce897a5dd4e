/**
 * The studio as staff use it, in Debian's Chromium against `luat-studio serve`:
 * create a project from the sample, break and fix a line in the editor, play
 * the video preview, translate a line, set the render farm, render a booklet. Each screen is saved
 * as a screenshot in test-results/ui/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, stopStarted } from '../helpers/farm.js';
import { ensureUiBuilt, launchChromium, shotPath, SHOTS, startServe, type Served } from './harness.js';

const PROJECT = 'ket-hon-dung-tuoi';
let served: Served;
let browser: Browser;
let page: Page;
/** This serve's own cache folder: the storage test clears it, and other test files' builds use the run's. */
const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'ui-cache-'));
const keptPicture = path.join(cacheDir, 'video-pictures', 'shipped-x', 'browser-y', 'k.jpeg');

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: shotPath(name) });
}

beforeAll(async () => {
  ensureUiBuilt();
  mkdirSync(path.dirname(keptPicture), { recursive: true });
  writeFileSync(keptPicture, Buffer.alloc(2 * 1024 * 1024));
  [served, browser] = await Promise.all([startServe({ LUAT_STUDIO_CACHE: cacheDir }), launchChromium()]);
  // Office screens: 1366×768.
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  await page.goto(served.url);
  // First contentful paint of the library, measured from the moment `serve` was spawned.
  const fcp = await page.evaluate(() => new Promise<{ fcp: number; origin: number }>((resolve) => {
    const done = (entry: PerformanceEntry) => resolve({ fcp: entry.startTime, origin: performance.timeOrigin });
    const seen = performance.getEntriesByName('first-contentful-paint')[0];
    if (seen) return done(seen);
    new PerformanceObserver((list) => done(list.getEntries()[0]!)).observe({ type: 'paint', buffered: true });
  }));
  const firstPaintSinceSpawn = fcp.origin + fcp.fcp - (performance.timeOrigin + served.spawnedAt);
  const report = { serveStartMs: Math.round(served.startMs), fcpAfterNavigationMs: Math.round(fcp.fcp), firstPaintSinceSpawnMs: Math.round(firstPaintSinceSpawn) };
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(path.join(SHOTS, 'first-paint.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`first paint: ${JSON.stringify(report)}`);
});

afterAll(async () => {
  stopStarted();
  await browser?.close();
  await served?.stop();
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('Luật Studio in the browser', () => {
  it('refuses the API without the token; the page trades the printed token once, keeps no cookie and drops it from the address', async () => {
    const anonymous = await fetch(`${served.origin}/api/projects.list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    await page.getByTestId('nav-library').waitFor();
    expect(await page.context().cookies()).toEqual([]);
    await expect.poll(() => page.url()).toBe(`${served.origin}/`);
    // The printed URL worked once: opened again it no longer gives a session.
    const again = await fetch(`${served.origin}/session`, { method: 'POST', headers: { authorization: `Bearer ${served.token}` } });
    expect(again.status).toBe(401);
  });

  it('creates a project from the bundled sample', async () => {
    await page.getByTestId('no-projects').waitFor();
    await shot('01-library-empty');
    await page.getByTestId('create-sample').click();
    await page.waitForURL(`**/#/editor/${PROJECT}`);
    await page.getByTestId('outline').waitFor();
    await expect.poll(() => page.getByTestId('current-project').innerText()).toContain('Kết hôn đúng tuổi');
    await page.getByTestId('nav-library').click();
    await page.getByTestId(`project-${PROJECT}`).waitFor();
    await shot('02-library');
  });

  it('marks a broken line in the editor and clears the mark when it is fixed', async () => {
    await page.getByTestId(`project-${PROJECT}`).getByRole('button', { name: 'Soạn thảo' }).click();
    await page.getByTestId('outline').waitFor();
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(0);
    // Line 2 is `id: ket-hon-dung-tuoi`; an id may hold only a-z, 0-9 and hyphens.
    await page.locator('.cm-line').nth(1).click();
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await page.locator('.cm-lint-marker-error').first().waitFor();
    await expect.poll(() => page.getByTestId('error-count').innerText()).not.toBe('0');
    const problem = page.getByTestId('problem').first();
    expect(await problem.innerText()).toContain('dòng 2');
    await shot('03-editor-error');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.cm-lint-marker-error').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('error-count').innerText()).toBe('0');
    await shot('04-editor-fixed');
  });

  it('plays the situation video in the preview', async () => {
    await page.getByTestId('nav-previews').click();
    await page.getByTestId('preview-tab-booklet').waitFor();
    await shot('05-previews-booklet');
    await page.getByTestId('preview-tab-video').click();
    const player = page.getByTestId('video-player');
    await player.waitFor();
    await expect.poll(() => player.innerText(), { timeout: 15_000 }).toMatch(/0:00 \/ \d+:\d\d/);
    await player.hover();
    await page.getByRole('button', { name: 'Play video' }).click();
    await page.getByRole('button', { name: 'Pause video' }).waitFor();
    await expect.poll(() => player.innerText(), { timeout: 15_000 }).toMatch(/0:0[1-9] \/ /);
    await shot('06-previews-video');
  });

  it('raises completeness when a translation is typed', async () => {
    await page.getByTestId('nav-translations').click();
    const percent = page.getByTestId('completeness-percent');
    await percent.waitFor();
    expect(await percent.innerText()).toBe('0%');
    const bar = page.getByTestId('completeness-bar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('0');
    const first = page.getByTestId('translation-input').first();
    await first.fill('Phụ đề thử nghiệm tiếng Thái');
    await page.keyboard.press('Tab');
    await expect.poll(() => percent.innerText()).not.toBe('0%');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(await page.getByTestId('row-state').first().innerText()).toBe('Đã dịch');
    await shot('07-translations');
  });

  it('records a line with the microphone, and shows the settings', async () => {
    await page.getByTestId('nav-voice').click();
    await page.getByTestId('voice-row').first().waitFor();
    await expect.poll(() => page.getByTestId('ffmpeg-state').innerText(), { timeout: 30_000 }).toBe('Sẵn sàng ghi âm.');
    await shot('08-voice');
    // Chromium's fake microphone plays a beep: record it, convert it with ffmpeg.wasm, keep it.
    const row = page.getByTestId('voice-row').first();
    await row.getByTestId('record').click();
    await row.getByTestId('stop-recording').waitFor();
    await page.waitForTimeout(1500);
    await row.getByTestId('stop-recording').click();
    await row.getByTestId('take-audio').waitFor({ timeout: 30_000 });
    await shot('08b-voice-take');
    await row.getByTestId('keep-take').click();
    await page.locator('[data-testid=clip-state], .error-note').first().waitFor({ timeout: 30_000 });
    await shot('08c-voice-kept');
    expect(await page.locator('.error-note').count(), await page.locator('.error-note').allInnerTexts().then((t) => t.join())).toBe(0);
    expect(await row.getByTestId('clip-state').innerText()).toBe('Đã ghi âm');
    const clipUrl = await row.locator('audio').first().getAttribute('src');
    const type = await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-type'), clipUrl);
    expect(type).toBe('audio/wav');
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('save-settings').waitFor();
    await shot('09-settings');
  });

  it('render farm settings: a bad queue address refused in Vietnamese, the connection tested, saved; the render screen offers the farm', async () => {
    // Here rather than in a file of its own: one serve and one Chromium fewer (CI budget).
    await page.getByTestId('nav-settings').click();
    const queue = page.getByTestId('farm-queue');
    await queue.fill('may-chu:6379');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.locator('.settings > .error-note').innerText()).toContain('Địa chỉ hàng đợi "may-chu:6379" không hợp lệ');
    await queue.fill('redis://127.0.0.1:1');
    await page.getByTestId('farm-test').click();
    await expect.poll(() => page.getByTestId('farm-settings').locator('.error-note').innerText()).toContain('Không kết nối được hàng đợi Redis ở 127.0.0.1:1');
    // A Redis that answers, with no worker on it yet: the test says so and what to run.
    const redis = await startRedis(mkdtempSync(path.join(os.tmpdir(), 'ui-redis-')));
    await queue.fill(redis);
    await page.getByTestId('farm-test').click();
    await expect.poll(() => page.getByTestId('farm-workers').innerText()).toContain('Chưa có máy dựng nào chờ việc');
    expect(await page.getByTestId('farm-reachable').innerText()).toContain(`Kết nối được hàng đợi ở ${redis.replace('redis://', '')}`);
    await page.getByTestId('farm-settings').screenshot({ path: shotPath('farm-settings-reachable') });
    await queue.fill('redis://127.0.0.1:1');
    await page.getByTestId('farm-split').fill('60');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.locator('.settings > .error-note').count()).toBe(0);
    await page.getByTestId('farm-settings').screenshot({ path: shotPath('farm-settings') });
    const words = await page.getByTestId('farm-settings').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('input').forEach((n) => n.remove());
      return copy.innerText;
    });
    expect(words).not.toMatch(/\b(Render|farm|queue|shared|Split|Test|connection|Choose|seconds)\b/);
    // Read back from the engine when the screen opens again, not from the form.
    await page.getByTestId('nav-library').click();
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('farm-queue').inputValue()).toBe('redis://127.0.0.1:1');
    expect(await page.getByTestId('farm-split').inputValue()).toBe('60');
    await page.getByTestId('nav-render').click();
    const onFarm = page.getByTestId('render-on-farm');
    await onFarm.waitFor();
    expect(await onFarm.locator('..').innerText()).toContain('Dựng trên nhiều máy (redis://127.0.0.1:1)');
    expect(await onFarm.isChecked()).toBe(false);
  });

  it('storage on this PC: what the studio keeps, its size in Vietnamese, and a clear that frees it', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('nav-settings').click();
    const storage = page.getByTestId('storage-settings');
    const pictures = storage.getByTestId('storage-video-pictures');
    await expect.poll(() => pictures.getByTestId('storage-size').innerText()).toBe('2 MB');
    expect(await pictures.innerText()).toContain('Hình, phụ đề và đoạn video đã dựng');
    await storage.screenshot({ path: shotPath('storage-settings') });
    // The folder's own name aside (a path, not words).
    const words = (await storage.innerText()).replace(path.resolve(cacheDir), '');
    expect(words).not.toMatch(/\b(Storage|Clear|Pictures|captions|cache|speech|build)\b/);
    await pictures.getByTestId('storage-clear').click();
    // Asked first, in the app's own dialog, with what clearing costs.
    const dialog = page.getByTestId('confirm-dialog');
    await expect.poll(() => dialog.innerText()).toContain('Xoá «Hình, phụ đề và đoạn video đã dựng»?');
    expect(await dialog.innerText()).toContain('lần dựng video sau làm lại từ đầu');
    expect(existsSync(keptPicture)).toBe(true);
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => pictures.getByTestId('storage-size').innerText()).toBe('0 B');
    expect(await pictures.getByTestId('storage-clear').isDisabled()).toBe(true);
    expect(existsSync(keptPicture)).toBe(false);
    await expect.poll(() => page.getByTestId('toast').innerText()).toContain('Đã xoá, lấy lại 2 MB.');
    await storage.screenshot({ path: shotPath('storage-settings-cleared') });
  });

  it('renders a booklet: progress reaches done and the file exists', async () => {
    await page.getByTestId('nav-render').click();
    const booklet = page.getByTestId('format-booklet');
    await booklet.waitFor();
    expect(await booklet.isEnabled(), 'the booklet format is registered in engine/build/registry.ts').toBe(true);
    await booklet.check();
    await page.getByTestId(`language-vi`).check();
    await page.getByTestId('start-render').click();
    const job = page.getByTestId('job').first();
    await job.waitFor();
    await shot('10-render-running');
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 150_000, interval: 500 }).toMatch(/done|failed/);
    expect(await job.locator('.error-text').count(), await job.innerText()).toBe(0);
    expect(await job.getByTestId('job-progress').getAttribute('aria-valuenow')).toBe('100');
    const links = job.getByTestId('output-link');
    expect(await links.count()).toBeGreaterThan(0);
    await shot('11-render-done');
    const pdfName = (await links.allInnerTexts()).find((n) => n.endsWith('.pdf'));
    expect(pdfName).toBeDefined();
    const file = path.join(served.library, 'projects', PROJECT, 'outputs', pdfName!);
    expect(existsSync(file)).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    // The same file is served to the UI under its link.
    const href = await links.filter({ hasText: pdfName! }).getAttribute('href');
    const served_ = await page.evaluate(async (url) => (await fetch(url!)).headers.get('content-type'), href);
    expect(served_).toBe('application/pdf');
  });

  it('shows the booklet as the pages the format prints', async () => {
    await page.getByTestId('nav-previews').click();
    await page.getByTestId('preview-tab-booklet').click();
    await page.getByTestId('build-preview').click();
    const pages = page.locator('[data-testid=pdf-pages] canvas');
    await expect.poll(() => pages.count(), { timeout: 120_000, interval: 500 }).toBeGreaterThan(1);
    // pdf.js drew the page: the cover is not a blank canvas.
    const distinctColours = await pages.first().evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      const seen = new Set<number>();
      for (let i = 0; i < data.length && seen.size < 50; i += 4 * 97) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size;
    });
    expect(distinctColours).toBeGreaterThan(5);
    await shot('12-previews-booklet-pages');
  });
});
