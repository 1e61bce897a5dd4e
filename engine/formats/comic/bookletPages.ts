/**
 * The booklet's optional comic pages (`booklet.comicPages`, off by default):
 * the comic's A5 pages, the booklet's own page size, put in before its back
 * cover. A brief without a situation adds nothing.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Browser } from 'playwright-core';
import type { BuildContext } from '../../build/format.js';
import { cssFontStacks } from '../../fonts/index.js';
import type { ResolvedPrintSettings } from '../print/settings.js';
import { comicPdf } from './index.js';
import { comicSituations, comicStory } from './story.js';

/** The comic's A5 pages in `language`, one PDF per situation; none for a brief without a situation. */
export function bookletComicPages(
  ctx: Pick<BuildContext, 'material' | 'materialFor' | 'labelsFor' | 'settings'>,
  browser: Browser,
  settings: ResolvedPrintSettings,
): (language: string) => Promise<Uint8Array[]> {
  return async (language) => {
    const out: Uint8Array[] = [];
    for (const section of comicSituations(ctx.material)) {
      const story = comicStory({
        source: ctx.material, sourceSection: section, material: ctx.materialFor(language), language,
        labels: ctx.labelsFor(language), settings: ctx.settings, warn: () => {},
      });
      const theme = { primary: settings.brand.primaryColor, accent: settings.brand.accentColor, font: cssFontStacks([language]).sans };
      out.push(await comicPdf(browser, story, theme, 'a5', 'booklet'));
    }
    return out;
  };
}

/** The booklet PDF with the comic's pages before its last page (the back cover). */
export async function insertBeforeBackCover(booklet: Uint8Array, inserts: Uint8Array[]): Promise<Uint8Array> {
  if (inserts.length === 0) return booklet;
  const doc = await PDFDocument.load(booklet, { updateMetadata: false });
  let at = doc.getPageCount() - 1;
  for (const bytes of inserts) {
    const comic = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = await doc.copyPages(comic, comic.getPageIndices());
    for (const page of pages) doc.insertPage(at++, page);
  }
  return doc.save();
}
