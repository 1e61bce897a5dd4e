/**
 * The settings' "Render farm" section in Debian's Chromium against
 * `luat-studio serve`: a queue address that is not redis://HOST:PORT is
 * refused with the engine's Vietnamese message and nothing is saved; "Test
 * connection" says clearly that no Redis answers; a good address and the
 * split length are saved and read back; the render screen then offers to
 * render on the farm. Screenshots in test-results/ui/farm-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt, launchChromium, shotPath, startServe, type Served } from './harness.js';

const PROJECT = 'ket-hon-dung-tuoi';
let served: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureUiBuilt();
  [served, browser] = await Promise.all([startServe(), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  await page.goto(served.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('render farm settings in the app', () => {
  it('refuses a bad queue address in Vietnamese, tests the connection, saves a good one', async () => {
    await page.getByTestId('nav-settings').click();
    const queue = page.getByTestId('farm-queue');
    await queue.waitFor();
    await queue.fill('may-chu:6379');
    await page.getByTestId('save-settings').click();
    const alert = page.locator('.settings .error-note');
    await expect.poll(() => alert.innerText()).toContain('Địa chỉ hàng đợi "may-chu:6379" không hợp lệ');
    await page.screenshot({ path: shotPath('farm-01-bad-queue') });

    await queue.fill('redis://127.0.0.1:1');
    await page.getByTestId('farm-test').click();
    await expect.poll(() => page.getByTestId('farm-settings').locator('.error-note').innerText()).toContain('Không kết nối được hàng đợi Redis ở 127.0.0.1:1');
    await page.getByTestId('farm-split').fill('60');
    await page.getByTestId('save-settings').click();
    await expect.poll(() => page.getByTestId('toast').innerText()).toContain('Đã lưu cài đặt');
    await page.screenshot({ path: shotPath('farm-02-saved') });
    // Read back from the engine, not from the form.
    await page.reload();
    await page.getByTestId('nav-settings').click();
    await expect.poll(() => page.getByTestId('farm-queue').inputValue()).toBe('redis://127.0.0.1:1');
    expect(await page.getByTestId('farm-split').inputValue()).toBe('60');
    const words = await page.getByTestId('farm-settings').evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('input').forEach((n) => n.remove());
      return copy.innerText;
    });
    expect(words).not.toMatch(/\b(Render|farm|queue|shared|Split|Test|connection|Choose|seconds)\b/);
  });

  it('offers to render on the farm once a queue is set', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('create-sample').click();
    await page.waitForURL(`**/#/editor/${PROJECT}`);
    await page.getByTestId('nav-render').click();
    const onFarm = page.getByTestId('render-on-farm');
    await onFarm.waitFor();
    expect(await onFarm.locator('..').innerText()).toContain('Dựng trên nhiều máy (redis://127.0.0.1:1)');
    await page.screenshot({ path: shotPath('farm-03-render-switch') });
  });
});
