/**
 * From a React template to a page in the build's Chromium: static markup
 * plus the @font-face rules of our own fonts, loaded, fitted, then printed
 * or captured by the caller.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { FitProblem } from '../../build/format.js';
import { StudioError } from '../../errors.js';
import { FONT_ORIGIN, fontFaceCss, linkedFontBytes, printChains, type FontFamilyId } from '../../fonts/index.js';
import { FIT_SCRIPT, type FitReport } from '../../../templates/print/fitScript.js';
import { TABLE_CHECK_SCRIPT, type TableTooWide } from '../../../templates/print/common.js';
import { safeFileName } from '../../platform/windowsPaths.js';
import { escapeHtml } from '../../text/escapeHtml.js';

export interface PageHtmlOptions<P> {
  component: FunctionComponent<P>;
  props: P;
  /** Languages on the page: the first is the document language; all decide the font chains. */
  languages: string[];
  title: string;
}

/** A complete HTML document for a template, for openPage(): its @font-face rules link our font files (served by the page's route). */
export async function pageHtml<P extends object>({ component, props, languages, title }: PageHtmlOptions<P>): Promise<string> {
  const body = renderToStaticMarkup(createElement(component, props));
  const families = [...new Set(printChains(languages).flat())] as FontFamilyId[];
  const fonts = await fontFaceCss(families, body, { linked: true });
  const lang = languages[0] ?? 'vi';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${fonts}</style></head><body>${body}</body></html>`;
}


/**
 * Pages given back with releasePage(), per browser, for the next openPage:
 * opening a page costs 0.4–0.8 s in Chromium here (a browser context and a
 * renderer), loading a document into an open one about 25 ms. A check or a
 * build opens a dozen pages one after another.
 */
const idlePages = new WeakMap<Browser, Page[]>();
const MAX_IDLE_PAGES = 2;

/**
 * Opens a page of the given CSS pixel size with the document loaded and its
 * fonts ready. Pages meant for PDF are laid out for print media from the
 * start, so text is measured (fitText) in the layout that gets printed.
 * Give it back with releasePage() (closing it works too, without the reuse).
 */
export async function openPage(
  browser: Browser,
  html: string,
  options: { viewport: { width: number; height: number }; media: 'print' | 'screen' },
): Promise<Page> {
  const page = idlePages.get(browser)?.pop() ?? (await newFontServingPage(browser, options.viewport));
  try {
    await page.setViewportSize(options.viewport);
    await page.emulateMedia({ media: options.media });
    await page.setContent(html, { waitUntil: 'load' });
    // Load every face, not only those the DOM asked for: text in page-margin
    // boxes (page numbers) does not trigger a load, and with font-display:
    // block it would print invisible.
    await page.evaluate('Promise.all([...document.fonts].map((f) => f.load())).then(() => document.fonts.ready).then(() => true)');
  } catch (error) {
    await page.close().catch(() => {});
    throw error;
  }
  return page;
}

async function newFontServingPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  await page.route(`${FONT_ORIGIN}**`, async (route) => {
    const bytes = linkedFontBytes(route.request().url());
    if (!bytes) return route.fulfill({ status: 404 });
    // The page's document has no origin of its own, so the font answer says any page may use it.
    return route.fulfill({ status: 200, body: await bytes, headers: { 'content-type': 'font/woff2', 'access-control-allow-origin': '*' } });
  });
  return page;
}

/**
 * Done with a page from openPage: it goes back to its browser's idle pages
 * on a blank document (a new window, so nothing of the last document's
 * scripts or state reaches the next one), or is closed if that fails.
 */
export async function releasePage(page: Page): Promise<void> {
  const browser = page.context().browser();
  const idle = browser ? (idlePages.get(browser) ?? []) : null;
  if (!browser || !idle || idle.length >= MAX_IDLE_PAGES || page.isClosed()) {
    await page.close().catch(() => {});
    return;
  }
  try {
    await page.goto('about:blank');
  } catch {
    await page.close().catch(() => {});
    return;
  }
  idle.push(page);
  idlePages.set(browser, idle);
}

/** Shrinks type in every data-fit box; returns what could not fit. */
export async function fitText(page: Page): Promise<FitReport> {
  return (await page.evaluate(FIT_SCRIPT)) as FitReport;
}

/** The boxes of a page that did not fit, for `check` (engine/build/fit.ts). */
export function fitProblems(report: FitReport, where: { format: string; variant: string; language: string }): FitProblem[] {
  return report.failures.map((f) => ({ ...where, box: f.box, unitIds: f.unitIds }));
}

/** Lays a page out as the build does, measures its boxes and closes it. */
export async function measurePage(
  open: () => Promise<Page>,
  where: { format: string; variant: string; language: string },
): Promise<FitProblem[]> {
  const page = await open();
  try {
    return fitProblems(await fitText(page), where);
  } finally {
    await releasePage(page);
  }
}

/** Throws StudioError('print.textDoesNotFit') for the first box whose text cannot fit. */
export function assertFits(report: FitReport, where: { format: string; variant: string; language: string }): void {
  const failure = report.failures[0];
  if (!failure) return;
  throw new StudioError('print.textDoesNotFit', {
    ...where,
    box: failure.box,
    unitId: failure.unitIds[0] ?? '',
    units: failure.unitIds.join(', '),
  });
}

/**
 * Throws StudioError('table.tooWide') for the first table wider than its
 * box (too many columns, or a word too long for its column): printed, it would
 * be cut off. The message names the table's line in the brief.
 */
export async function assertTablesFit(page: Page, where: { format: string; variant: string; language: string }): Promise<void> {
  const wide = (await page.evaluate(TABLE_CHECK_SCRIPT)) as TableTooWide[];
  const first = wide[0];
  if (!first) return;
  throw new StudioError('table.tooWide', { ...where, line: first.line, columns: first.columns });
}

/** Prints the page with its CSS @page sizes. Screen editions are tagged and carry the heading outline. */
export async function printPdf(page: Page, options: { accessible: boolean }): Promise<Uint8Array> {
  const pdf = await page.pdf({
    preferCSSPageSize: true,
    printBackground: true,
    tagged: options.accessible,
    outline: options.accessible,
  });
  return new Uint8Array(pdf);
}


/** DIR/<format>/<language>/<material.id>-<format>-<variant>.<ext>, with names Windows accepts. */
export function outputPath(outDir: string, format: string, language: string, materialId: string, variant: string, ext: string): string {
  return path.join(outDir, safeFileName(format), safeFileName(language), safeFileName(`${materialId}-${format}-${variant}.${ext}`));
}
