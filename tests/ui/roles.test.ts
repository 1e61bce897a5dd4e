/**
 * Each role's whole job in the app, in Debian's Chromium against one
 * `luat-studio serve` (Vietnamese), one browser for the file:
 *  - the editor starts a BLANK project with the guided form, edits the front
 *    matter with the form, is stopped before losing an edit, sees the outline
 *    survive a typo, and renders a booklet that opens as a PDF;
 *  - the translator exports XLIFF from the grid and imports it back;
 *  - the publisher approves the build (files and hashes), publishes it to a
 *    real local WordPress with the queue in view, reads the history and
 *    downloads the period report.
 * Screenshots go to test-results/ui/roles-*.png to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWordPress, type WordPressServer } from '../../scripts/wordpress/start.js';
import { wordPressEnv, wpGet } from '../publish/wordpress.js';
import { ensureUiBuilt, launchChromium, shotPath, startServe, type Served } from './harness.js';

const PROJECT = 'mua-ban-dat-dung-luat';
let served: Served;
let browser: Browser;
let page: Page;
let wp: WordPressServer;
const downloads = mkdtempSync(path.join(os.tmpdir(), 'luat-ui-dl-'));

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: shotPath(`roles-${name}`), fullPage: false });
}

/** Everything the browser shows in Vietnamese mode must not be English words the engine or the UI forgot. */
async function noEnglish(): Promise<void> {
  // File names and paths (links, code) may hold format ids; the words around them may not.
  const text = await page.locator('#content').evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('a, code, input, textarea, .cm-editor').forEach((n) => n.remove());
    document.body.append(copy);
    const words = copy.innerText;
    copy.remove();
    return words;
  });
  expect(text).not.toMatch(/\b(booklet|screen|print|poster|queued|running|done|failed|Untitled|Error)\b/);
}

async function save(download: Download): Promise<string> {
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

beforeAll(async () => {
  ensureUiBuilt();
  [wp, browser] = await Promise.all([startWordPress(), launchChromium()]);
  served = await startServe(wordPressEnv(wp));
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN', acceptDownloads: true });
  await page.goto(served.url);
}, 150_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  await wp?.stop();
});

describe('every role in the app', { timeout: 200_000 }, () => {
  it('editor: a blank project from the guided form, edited with the form, guarded, rendered and opened', async () => {
    await page.getByTestId('no-projects').waitFor();
    await page.getByTestId('new-project').click();
    const form = page.getByTestId('new-project-form');
    await form.getByTestId('fm-title').fill('Mua bán đất đúng luật');
    // The id is made from the Vietnamese title.
    expect(await form.getByTestId('fm-id').inputValue()).toBe(PROJECT);
    await form.getByTestId('fm-issuer').fill('Sở Tư pháp tỉnh Lào Cai');
    await form.getByTestId('fm-target-blt').check();
    await form.getByTestId('fm-ref').fill('31/2024/QH15');
    await form.getByTestId('fm-law-title').fill('Luật Đất đai');
    await form.getByTestId('fm-articles').fill('Điều 45; Điều 47');
    await form.getByTestId('fm-effective').fill('2024-08-01');
    await form.getByTestId('fm-messages').fill('Mua bán đất phải lập hợp đồng có công chứng.\nĐăng ký biến động tại Văn phòng đăng ký đất đai.');
    await shot('01-new-project');
    await form.getByTestId('create-blank').click();
    await page.waitForURL(`**/#/editor/${PROJECT}`);
    await page.getByTestId('outline').waitFor();
    expect(await page.getByTestId('error-count').innerText()).toBe('0');
    // Language names, not codes.
    expect(await page.getByTestId('outline').innerText()).toContain('Tiếng Việt');
    // A visible confirmation, not only for screen readers.
    await expect.poll(() => page.getByTestId('toast').innerText()).toContain('Mua bán đất đúng luật');

    // The front-matter form edits the YAML of the text.
    await page.getByTestId('side-form').click();
    await page.getByTestId('front-form').getByTestId('fm-subtitle').fill('Hỏi đáp cho người dân');
    await expect.poll(() => page.locator('.cm-content').innerText()).toContain('subtitle: Hỏi đáp cho người dân');
    await expect.poll(() => page.getByTestId('editor-status').innerText()).toBe('Có thay đổi chưa lưu');
    await shot('02-front-matter-form');

    // Leaving with an unsaved edit asks first; "stay" keeps the edit.
    await page.getByTestId('nav-library').click();
    await page.getByTestId('confirm-dialog').getByTestId('confirm-cancel').waitFor();
    await shot('03-unsaved-guard');
    await page.getByTestId('confirm-cancel').click();
    expect(page.url()).toContain(`#/editor/${PROJECT}`);
    expect(await page.locator('.cm-content').innerText()).toContain('Hỏi đáp cho người dân');

    // One typo: the outline stays, marked as the last valid one.
    await page.getByTestId('side-outline').click();
    await page.locator('.cm-line').nth(1).click();
    await page.keyboard.press('End');
    await page.keyboard.type('!');
    await page.getByTestId('outline-old').waitFor();
    expect(await page.getByTestId('outline').innerText()).toContain('Mua bán đất đúng luật');
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.getByTestId('error-count').innerText()).toBe('0');
    await page.getByTestId('save-brief').click();
    await expect.poll(() => page.getByTestId('editor-status').innerText()).toBe('Đã lưu. Nội dung dự án đã được cập nhật.');

    // Render the booklet in Vietnamese and open it.
    await page.getByTestId('nav-render').click();
    await page.getByTestId('format-booklet').check();
    await page.getByTestId('language-vi').check();
    await page.getByTestId('start-render').click();
    const job = page.getByTestId('job').first();
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 150_000, interval: 250 }).toMatch(/done|failed/);
    expect(await job.locator('.error-text').count(), await job.innerText()).toBe(0);
    const link = job.getByTestId('output-link').filter({ hasText: '.pdf' }).first();
    const href = await link.getAttribute('href');
    const opened = page.waitForEvent('popup');
    await link.click();
    const viewer = await opened;
    expect(viewer.url()).toContain(href!);
    await viewer.close();
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url!);
      return { type: res.headers.get('content-type'), head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
    }, href);
    expect(pdf).toEqual({ type: 'application/pdf', head: '%PDF-' });
    // Output rows name the language and the variant in Vietnamese.
    expect(await job.getByTestId('outputs').innerText()).toContain('Tiếng Việt');
    await noEnglish();
    await shot('04-booklet-rendered');
  });

  it('translator: the grid, an XLIFF export and its import back', async () => {
    await page.getByTestId('nav-translations').click();
    const percent = page.getByTestId('completeness-percent');
    await percent.waitFor();
    expect(await percent.innerText()).toBe('0%');
    await page.getByTestId('translation-input').first().fill('ꪀꪱ ꪣꪺ ꪒꪲꪙ');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.getByTestId('toast').innerText()).toContain('Đã lưu');
    const exported = page.waitForEvent('download');
    await page.getByTestId('export-xliff').click();
    const xliffFile = await save(await exported);
    const xliff = readFileSync(xliffFile, 'utf8');
    expect(xliff).toContain('urn:oasis:names:tc:xliff:document:2.0');
    expect(xliff).toContain('ꪀꪱ ꪣꪺ ꪒꪲꪙ');
    // The translator fills every empty target (here: the source words behind a Tai Viet mark, figures kept).
    const filled = xliff.replace(/<source>((?:(?!<\/source>)[\s\S])*)<\/source>(\s*)<\/segment>/g, (_m, src: string, ws: string) => `<source>${src}</source><target>ꪼ ${src}</target>${ws}</segment>`);
    expect(filled).not.toBe(xliff);
    const back = path.join(downloads, 'back.xlf');
    writeFileSync(back, filled);
    await page.locator('input[type=file][accept=".xlf,.xliff,.po"]').setInputFiles(back);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    expect(await report.innerText()).toMatch(/Đã nhập: [1-9]\d* bản dịch mới/);
    await expect.poll(() => percent.innerText()).toBe('100%');
    await shot('05-translations-imported');
  });

  it('publisher: approves the build, publishes it to WordPress, reads the history and downloads the report', async () => {
    await page.getByTestId('nav-publish').click();
    const files = page.getByTestId('build-file');
    await files.first().waitFor();
    expect(await page.getByTestId('no-approval').isVisible()).toBe(true);
    expect(await files.first().getAttribute('data-state')).toBe('added');
    expect(await page.getByTestId('publish').isDisabled()).toBe(true);
    await page.getByTestId('approve-by').fill('Nguyễn Thị Hoa');
    await page.getByTestId('approve-role').fill('Trưởng phòng Phổ biến giáo dục pháp luật');
    await page.getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('approval-state').innerText()).toBe('Bản phẩm hiện tại đúng là bản đã được duyệt.');
    expect(await page.getByTestId('approval').innerText()).toContain('Nguyễn Thị Hoa (Trưởng phòng Phổ biến giáo dục pháp luật)');
    expect(await files.first().getAttribute('data-state')).toBe('same');
    await shot('06-approved');

    await page.getByTestId('channel-wordpress').check();
    await page.getByTestId('publish').click();
    const job = page.getByTestId('publish-job').first();
    await job.waitFor({ timeout: 20_000 });
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 30_000, interval: 250 }).toMatch(/done|failed/);
    expect(await job.getAttribute('data-status'), await job.innerText()).toBe('done');
    const url = await job.getByTestId('published-url').innerText();
    expect(url.startsWith(wp.url)).toBe(true);
    const posts = await wpGet(wp, '/wp/v2/posts', { status: 'publish' });
    expect(posts.some((p: { link: string; title: { raw: string } }) => p.title.raw.includes('Mua bán đất đúng luật'))).toBe(true);
    await expect.poll(() => page.getByTestId('history-event').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('publish-history').innerText()).toContain('đã đăng');
    await shot('07-published');

    const got: Promise<Download>[] = [];
    page.on('download', (d) => got.push(Promise.resolve(d)));
    await page.getByTestId('make-report').click();
    await page.getByTestId('report-result').waitFor({ timeout: 90_000 });
    await expect.poll(() => got.length).toBe(3);
    const names = (await Promise.all(got)).map((d) => d.suggestedFilename()).sort();
    expect(names.map((n) => path.extname(n))).toEqual(['.csv', '.pdf', '.xlsx']);
    const csv = readFileSync(await save((await Promise.all(got)).find((d) => d.suggestedFilename().endsWith('.csv'))!), 'utf8');
    expect(csv).toContain(PROJECT);
    const pdfFile = await save((await Promise.all(got)).find((d) => d.suggestedFilename().endsWith('.pdf'))!);
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Pages:\s+[1-9]/);
    expect(await page.getByTestId('report-result').innerText()).toMatch(/1 tài liệu/);
    await noEnglish();
    await shot('08-report');
  });

  it('library: the sample asks before it overwrites; rename, duplicate, delete to the bin and restore', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('create-sample').click();
    await page.waitForURL('**/#/editor/ket-hon-dung-tuoi');
    await page.getByTestId('nav-library').click();
    await page.getByTestId('create-sample').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.getByTestId('confirm-ok').waitFor();
    expect(await dialog.innerText()).toContain('Kết hôn đúng tuổi');
    await shot('09-sample-asks');
    await dialog.getByTestId('confirm-cancel').click();
    expect(page.url()).toContain('#/library');

    const card = page.getByTestId(`project-${PROJECT}`);
    await card.getByTestId('rename').click();
    await card.getByTestId('rename-input').fill('Mua bán đất: hỏi và đáp');
    await card.getByTestId('rename-save').click();
    await expect.poll(() => card.locator('h3').innerText()).toBe('Mua bán đất: hỏi và đáp');
    await card.getByTestId('duplicate').click();
    await page.getByTestId(`project-${PROJECT}-2`).waitFor();
    await page.getByTestId(`project-${PROJECT}-2`).getByTestId('delete').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId(`bin-${PROJECT}-2`).waitFor();
    expect(await page.getByTestId(`project-${PROJECT}-2`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('toast').innerText()).toContain('thùng rác');
    await shot('10-bin');
    await page.getByTestId(`bin-${PROJECT}-2`).getByTestId('restore').click();
    await page.getByTestId(`project-${PROJECT}-2`).waitFor();
    expect(await page.getByTestId('bin').count()).toBe(0);
  });
});
