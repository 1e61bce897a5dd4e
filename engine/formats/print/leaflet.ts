/**
 * The e-leaflet (tờ gấp): per language a duplex print PDF (two A4 landscape
 * pages, panels in folding order) and a screen PDF (six panels in reading order).
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Browser, Page } from 'playwright-core';
import type { BuildContext, FitProblem, OutputFormat } from '../../build/format.js';
import type { Material } from '../../model/material.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { assertGlyphs, cssFontStacks } from '../../fonts/index.js';
import type { OutputEntry } from '../../model/records.js';
import { sharedBrowser } from '../../render/browser.js';
import { LeafletDocument, type LeafletProps } from '../../../templates/print/leaflet/Leaflet.js';
import { allLabelTexts, labelsFor, printLabels, type PrintLabels } from '../../../templates/print/labels.js';
import { makeTheme } from '../../../templates/print/theme.js';
import { addBleedAndCropMarks, finishPdf, setPageLabels, type PdfMetadata } from './pdfTools.js';
import { assertFits, assertTablesFit, fitText, measurePage, openPage, outputPath, pageHtml, printPdf, releasePage } from './render.js';
import { writeFileDurably } from '../../fs/durable.js';
import { writeCmykPdfX } from './pdfx.js';
import { printImages, resolvePrintSettings, type ResolvedPrintSettings } from './settings.js';
import { filesMadeAt } from '../../build/settings.js';

/** A4 landscape and one panel page, in CSS pixels. */
const SHEET_VIEWPORT = { width: 1123, height: 794 };
const PANEL_VIEWPORT = { width: 378, height: 794 };
/** Front, inner flap, three inside panels, back. */
export const LEAFLET_SCREEN_PAGES = 6;

export const leafletFormat: OutputFormat = {
  name: 'leaflet',
  async build(ctx) {
    const settings = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const browser = await sharedBrowser(ctx);
    const outputs: OutputEntry[] = [];
    let done = 0;
    for (const language of ctx.languages) {
      throwIfCancelled(ctx.signal);
      ctx.progress({ label: `leaflet · ${language}`, language, done, total: ctx.languages.length });
      outputs.push(...(await buildLeafletEdition(ctx, browser, settings, language)));
      done++;
      ctx.progress({ label: `leaflet · ${language}`, language, done, total: ctx.languages.length });
    }
    return outputs;
  },
  async measureFit(ctx) {
    const settings = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const browser = await sharedBrowser(ctx);
    const problems: FitProblem[] = [];
    // The print sheet decides the type sizes; the screen edition reflows the same panels at the print scale.
    for (const language of ctx.languages) {
      throwIfCancelled(ctx.signal);
      const material = ctx.materialFor(language);
      const props = { ...leafletProps(settings, material, language, labelsFor(language)), images: await printImages(ctx, material) };
      problems.push(...(await measurePage(() => openLeafletPage(browser, props), { format: 'leaflet', variant: 'print', language })));
    }
    return problems;
  },
};

function leafletProps(settings: ResolvedPrintSettings, material: Material, language: string, labels: PrintLabels): LeafletProps {
  return {
    material,
    language,
    style: settings.styles.leaflet,
    theme: makeTheme({ ...settings.brand, fonts: cssFontStacks([language]) }),
    labels,
    brand: { name: settings.brand.name, logoSrc: settings.brand.logoSrc },
    editionDate: settings.editionDate,
    variant: 'print',
  };
}

/** A leaflet edition's page, laid out with its fonts loaded: what build prints and check measures. */
async function openLeafletPage(browser: Browser, props: LeafletProps): Promise<Page> {
  const html = await pageHtml({ component: LeafletDocument, props, languages: [props.language], title: props.material.title.text });
  return openPage(browser, html, { viewport: props.variant === 'print' ? SHEET_VIEWPORT : PANEL_VIEWPORT, media: 'print' });
}

export async function buildLeafletEdition(
  ctx: Pick<BuildContext, 'materialFor' | 'labelsFor' | 'outDir' | 'signal'> & Partial<Pick<BuildContext, 'briefDir' | 'projectDir'>>,
  browser: Browser,
  settings: ResolvedPrintSettings,
  language: string,
): Promise<OutputEntry[]> {
  const material = ctx.materialFor(language);
  const labels = printLabels(ctx.labelsFor(language));
  await assertGlyphs(material, language, { extra: allLabelTexts(labels) });
  const props = { ...leafletProps(settings, material, language, labels), images: await printImages(ctx, material) };
  const where = { format: 'leaflet', language };

  // Print: fit every box, remember the inside's scale for the screen edition.
  const printPage = await openLeafletPage(browser, props);
  let printPdfBytes: Uint8Array;
  let insideScale: number;
  try {
    const report = await fitText(printPage);
    // A table too wide is named by its line first: shrinking type cannot fix it.
    await assertTablesFit(printPage, { ...where, variant: 'print' });
    assertFits(report, { ...where, variant: 'print' });
    insideScale = report.scales['inside'] ?? 1;
    printPdfBytes = await printPdf(printPage, { accessible: true });
  } finally {
    await releasePage(printPage);
  }
  throwIfCancelled(ctx.signal);

  // Screen: the same panels one per page; the inside breaks as the columns did.
  // Column and page breaks can differ by a line, so shrink a little until it takes three pages.
  let screenBytes: Uint8Array | null = null;
  for (let attempt = 0; attempt < 4 && !screenBytes; attempt++) {
    const screenProps: LeafletProps = { ...props, variant: 'screen', insideScale: insideScale * 0.985 ** attempt };
    const page = await openLeafletPage(browser, screenProps);
    try {
      assertFits(await fitText(page), { ...where, variant: 'screen' });
      const pdf = await printPdf(page, { accessible: true });
      if ((await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount() <= LEAFLET_SCREEN_PAGES) screenBytes = pdf;
    } finally {
      await releasePage(page);
    }
  }
  if (!screenBytes) throw new StudioError('print.textDoesNotFit', { ...where, variant: 'screen', box: 'inside', unitId: '', units: '' });
  throwIfCancelled(ctx.signal);

  const meta: PdfMetadata = {
    title: material.title.text,
    author: material.issuer.text,
    subject: material.subtitle?.text ?? material.title.text,
    keywords: [material.id, 'tờ gấp', 'phổ biến pháp luật', ...material.legalBasis.map((d) => d.ref), language],
    language,
    madeAt: filesMadeAt(settings),
  };
  const printDoc = await PDFDocument.load(printPdfBytes);
  finishPdf(printDoc, { ...meta, keywords: [...meta.keywords, 'print', 'duplex'] });
  setPageLabels(printDoc, [
    { startIndex: 0, prefix: labels.leafletOutside },
    { startIndex: 1, prefix: labels.leafletInside },
  ]);
  // The manifest names the trimmed sheet (A4), not the sheet with its bleed.
  const sheet = printDoc.getPage(0).getSize();
  await addBleedAndCropMarks(printDoc);
  const screenDoc = await PDFDocument.load(screenBytes);
  finishPdf(screenDoc, meta);
  setPageLabels(screenDoc, [{ startIndex: 0, style: 'D' }]);

  const printFile = outputPath(ctx.outDir, 'leaflet', language, material.id, 'print', 'pdf');
  const screenFile = outputPath(ctx.outDir, 'leaflet', language, material.id, 'screen', 'pdf');
  await writeFileDurably(printFile, await printDoc.save());
  // The CMYK PDF/X-3 file, when the print settings ask: beside the RGB one, not in the manifest's variants.
  if (settings.cmykPdfX) await writeCmykPdfX(printFile, { title: material.title.text, madeAt: meta.madeAt });
  await writeFileDurably(screenFile, await screenDoc.save());
  const panel = screenDoc.getPage(0).getSize();
  return [
    await describeOutput(ctx.outDir, printFile, {
      format: 'leaflet',
      language,
      variant: 'print',
      pages: printDoc.getPageCount(),
      width: Math.round(sheet.width),
      height: Math.round(sheet.height),
    }),
    await describeOutput(ctx.outDir, screenFile, {
      format: 'leaflet',
      language,
      variant: 'screen',
      pages: screenDoc.getPageCount(),
      width: Math.round(panel.width),
      height: Math.round(panel.height),
    }),
  ];
}
