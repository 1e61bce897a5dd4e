/**
 * The e-booklet (sổ tay): per language a screen PDF (single A5 pages, links,
 * outline, tagged) and a print PDF (saddle-stitch imposition on A4
 * landscape), plus a bilingual edition (source beside each minority language).
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Browser, Page } from 'playwright-core';
import type { BuildContext, FitProblem, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { assertGlyphs, cssFontStacks } from '../../fonts/index.js';
import type { Material } from '../../model/material.js';
import type { OutputEntry } from '../../model/records.js';
import { sharedBrowser } from '../../render/browser.js';
import {
  BookletDocument,
  bookletHeadingAnchors,
  bookletTocTitles,
  type BookletProps,
  type TocEntry,
} from '../../../templates/print/booklet/Booklet.js';
import { allLabelTexts, fillLabel, labelsFor, printLabels, type PrintLabels } from '../../../templates/print/labels.js';
import { joinLabels } from '../../model/labels.js';
import { makeTheme } from '../../../templates/print/theme.js';
import { addBleedAndCropMarks, imposeSaddleStitch, readOutline, finishPdf, setPageLabels, type PdfMetadata } from './pdfTools.js';
import { assertFits, assertTablesFit, fitText, measurePage, openPage, outputPath, pageHtml, printPdf, releasePage } from './render.js';
import { writeFileDurably } from '../../fs/durable.js';
import { writeCmykPdfX } from './pdfx.js';
import { printImages, resolvePrintSettings, type ResolvedPrintSettings } from './settings.js';
import { filesMadeAt } from '../../build/settings.js';
import { bookletComicPages, insertBeforeBackCover } from '../comic/bookletPages.js';

/** Past this many pages a booklet gets a contents page. */
export const CONTENTS_AFTER_PAGES = 8;
/** A4 landscape, in PDF points. */
export const SHEET_A4_LANDSCAPE = { width: 841.89, height: 595.28 };
/** A5 page in CSS pixels (96 per inch), the viewport the booklet is laid out in. */
const A5_VIEWPORT = { width: 559, height: 794 };

export const bookletFormat: OutputFormat = {
  name: 'booklet',
  async build(ctx) {
    const settings = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const source = ctx.material.sourceLanguage;
    const editions: string[][] = [
      ...ctx.languages.map((l) => [l]),
      ...ctx.languages.filter((l) => l !== source).map((l) => [source, l]),
    ];
    const browser = await sharedBrowser(ctx);
    const comic = settings.booklet.comicPages ? bookletComicPages(ctx, browser, settings) : undefined;
    const outputs: OutputEntry[] = [];
    let done = 0;
    for (const languages of editions) {
      throwIfCancelled(ctx.signal);
      const label = `booklet · ${languages.join('+')}`;
      ctx.progress({ label, done, total: editions.length });
      outputs.push(...(await buildBookletEdition(ctx, browser, settings, languages, comic)));
      done++;
      ctx.progress({ label, done, total: editions.length });
    }
    return outputs;
  },
  async measureFit(ctx) {
    const settings = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const browser = await sharedBrowser(ctx);
    const problems: FitProblem[] = [];
    for (const language of ctx.languages) {
      throwIfCancelled(ctx.signal);
      const material = ctx.materialFor(language);
      const props = { ...bookletProps(settings, [material], [language], labelsFor(language)), images: await printImages(ctx, material) };
      problems.push(...(await measurePage(() => openBookletPage(browser, props), { format: 'booklet', variant: 'screen', language })));
    }
    return problems;
  },
};

function bookletProps(settings: ResolvedPrintSettings, materials: Material[], languages: string[], labels: PrintLabels): BookletProps {
  return {
    materials,
    languages,
    style: settings.styles.booklet,
    theme: makeTheme({ ...settings.brand, fonts: cssFontStacks(languages) }),
    labels,
    brand: { name: settings.brand.name, logoSrc: settings.brand.logoSrc },
    editionDate: settings.editionDate,
    toc: null,
  };
}

/** A booklet edition laid out in A5 with its fonts loaded: what build prints and check measures. */
async function openBookletPage(browser: Browser, props: BookletProps): Promise<Page> {
  const html = await pageHtml({
    component: BookletDocument,
    props,
    languages: props.languages,
    title: props.materials.map((m) => m.title.text).join(' / '),
  });
  return openPage(browser, html, { viewport: A5_VIEWPORT, media: 'print' });
}

/** Both PDFs of one edition: one language, or two side by side. */
export async function buildBookletEdition(
  ctx: Pick<BuildContext, 'materialFor' | 'labelsFor' | 'outDir' | 'signal'> & Partial<Pick<BuildContext, 'briefDir' | 'projectDir'>>,
  browser: Browser,
  settings: ResolvedPrintSettings,
  languages: string[],
  /** The optional comic pages (settings.booklet.comicPages), for one-language editions. */
  comicPages?: (language: string) => Promise<Uint8Array[]>,
): Promise<OutputEntry[]> {
  const materials = languages.map((l) => ctx.materialFor(l));
  const material = materials[0]!;
  // A bilingual edition shows both languages' labels, as it shows both texts.
  const labelTexts = languages.map((l) => ctx.labelsFor(l));
  const labels = printLabels(labelTexts.length > 1 ? joinLabels(labelTexts[0]!, labelTexts[1]!) : labelTexts[0]!);
  for (const [i, language] of languages.entries()) {
    await assertGlyphs(materials[i]!, language, { extra: allLabelTexts(labels), fontLanguages: languages });
  }
  const props = { ...bookletProps(settings, materials, languages, labels), images: await printImages(ctx, material) };
  const languageTag = languages.join('+');
  let screen = await renderWithContents(browser, props, languageTag, ctx.signal);
  if (comicPages && languages.length === 1) screen = await insertBeforeBackCover(screen, await comicPages(languages[0]!));
  throwIfCancelled(ctx.signal);

  const meta = bookletMetadata(materials, languages, filesMadeAt(settings));
  const screenDoc = await PDFDocument.load(screen);
  const pageCount = screenDoc.getPageCount();
  finishPdf(screenDoc, meta);
  setPageLabels(screenDoc, [
    { startIndex: 0, prefix: labels.cover },
    { startIndex: 1, style: 'D', first: 2 },
    { startIndex: pageCount - 1, prefix: labels.backCover },
  ]);
  const screenBytes = await screenDoc.save();

  const imposed = await imposeSaddleStitch(screenDoc, SHEET_A4_LANDSCAPE, A5_VIEWPORT.width * 0.75);
  finishPdf(imposed.doc, { ...meta, keywords: [...meta.keywords, 'print', 'saddle-stitch'] });
  setPageLabels(imposed.doc, sheetLabels(imposed.sides.length, labels));
  // The two A5 pages side by side are the trim: the A4 sheet's spare paper around them is not bled.
  const a5 = screenDoc.getPage(0).getSize();
  await addBleedAndCropMarks(imposed.doc, () => ({
    x: SHEET_A4_LANDSCAPE.width / 2 - a5.width, y: (SHEET_A4_LANDSCAPE.height - a5.height) / 2, width: 2 * a5.width, height: a5.height,
  }));
  const printBytes = await imposed.doc.save();
  throwIfCancelled(ctx.signal);

  const first = screenDoc.getPage(0).getSize();
  const screenFile = outputPath(ctx.outDir, 'booklet', languageTag, material.id, 'screen', 'pdf');
  const printFile = outputPath(ctx.outDir, 'booklet', languageTag, material.id, 'print', 'pdf');
  await writeFileDurably(screenFile, screenBytes);
  await writeFileDurably(printFile, printBytes);
  // The CMYK PDF/X-3 file, when the print settings ask: beside the RGB one, not in the manifest's variants.
  if (settings.cmykPdfX) await writeCmykPdfX(printFile, meta);
  return [
    await describeOutput(ctx.outDir, screenFile, {
      format: 'booklet',
      language: languageTag,
      variant: 'screen',
      pages: pageCount,
      width: Math.round(first.width),
      height: Math.round(first.height),
    }),
    await describeOutput(ctx.outDir, printFile, {
      format: 'booklet',
      language: languageTag,
      variant: 'print',
      pages: imposed.sides.length,
      // The finished size (TrimBox): two A5 pages side by side; the file is this plus the bleed.
      width: Math.round(2 * a5.width),
      height: Math.round(a5.height),
    }),
  ];
}

/**
 * Prints the booklet; if it runs past CONTENTS_AFTER_PAGES, prints it again
 * with a contents page whose numbers come from where Chromium put each
 * heading (read back from the PDF outline), and checks they held.
 */
async function renderWithContents(browser: Browser, props: BookletProps, languageTag: string, signal: AbortSignal): Promise<Uint8Array> {
  const material = props.materials[0]!;
  let pdf = await renderBookletPdf(browser, props, languageTag);
  let pages = await headingPages(pdf, material, false);
  if (pages.count <= CONTENTS_AFTER_PAGES) return pdf;
  const titles = bookletTocTitles(props.materials, props.labels);
  // The contents page comes right after the cover and pushes everything else one page on.
  let toc: TocEntry[] = titles.map((t) => ({ ...t, page: (pages.byAnchor.get(t.id) ?? 0) + 2 }));
  for (let attempt = 0; attempt < 3; attempt++) {
    throwIfCancelled(signal);
    pdf = await renderBookletPdf(browser, { ...props, toc }, languageTag);
    pages = await headingPages(pdf, material, true);
    const actual = titles.map((t) => ({ ...t, page: (pages.byAnchor.get(t.id) ?? 0) + 1 }));
    if (actual.every((entry, i) => entry.page === toc[i]!.page)) return pdf;
    toc = actual;
  }
  throw new StudioError('print.internal', { detail: 'contents page numbers did not settle' });
}

async function renderBookletPdf(browser: Browser, props: BookletProps, languageTag: string): Promise<Uint8Array> {
  const page = await openBookletPage(browser, props);
  try {
    const where = { format: 'booklet', variant: 'screen', language: languageTag };
    const report = await fitText(page);
    // A table too wide is named by its line first: shrinking type cannot fix it.
    await assertTablesFit(page, where);
    assertFits(report, where);
    return await printPdf(page, { accessible: true });
  } finally {
    await releasePage(page);
  }
}

/** Page count, and the 0-based page of each top-level heading, paired with the template's anchors. */
async function headingPages(pdf: Uint8Array, material: Material, withToc: boolean): Promise<{ count: number; byAnchor: Map<string, number> }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const top = readOutline(doc).filter((item) => item.depth === 0);
  const anchors = bookletHeadingAnchors(material, withToc);
  if (top.length !== anchors.length) {
    throw new StudioError('print.internal', { detail: `outline has ${top.length} headings, template ${anchors.length}` });
  }
  return { count: doc.getPageCount(), byAnchor: new Map(anchors.map((a, i) => [a, top[i]!.pageIndex])) };
}

function bookletMetadata(materials: Material[], languages: string[], madeAt: Date): PdfMetadata {
  const m = materials[0]!;
  return {
    title: materials.map((x) => x.title.text).join(' / '),
    author: m.issuer.text,
    subject: m.subtitle?.text ?? m.title.text,
    keywords: [m.id, 'sổ tay', 'phổ biến pháp luật', ...m.legalBasis.map((d) => d.ref), ...m.audience, ...languages],
    language: languages[0]!,
    madeAt,
  };
}

function sheetLabels(sides: number, labels: PrintLabels) {
  return Array.from({ length: sides }, (_, i) => ({
    startIndex: i,
    prefix: fillLabel(i % 2 === 0 ? labels.sheetFront : labels.sheetBack, { n: Math.floor(i / 2) + 1 }),
  }));
}
