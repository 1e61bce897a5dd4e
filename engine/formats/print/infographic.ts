/**
 * Infographics: per language a PNG for the feed (1080×1350), the square
 * (1080×1080) and stories (1080×1920), and an A3 poster PDF.
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
import { InfographicDocument, keyMessages, type InfographicProps } from '../../../templates/print/infographic/Infographic.js';
import { INFOGRAPHIC_SIZES, type InfographicSize } from '../../../templates/print/infographic/infographicCss.js';
import { allLabelTexts, labelsFor, printLabels, type PrintLabels } from '../../../templates/print/labels.js';
import { makeTheme } from '../../../templates/print/theme.js';
import { addBleedAndCropMarks, finishPdf } from './pdfTools.js';
import { writeCmykPdfX } from './pdfx.js';
import { assertFits, fitText, measurePage, openPage, outputPath, pageHtml, printPdf, releasePage } from './render.js';
import { writeFileDurably } from '../../fs/durable.js';
import { resolvePrintSettings, type ResolvedPrintSettings } from './settings.js';
import { filesMadeAt } from '../../build/settings.js';
import { infographicAltText, infographicVisuals } from './infographicVisuals.js';
import type { InfographicVisuals } from '../../../templates/print/infographic/Infographic.js';

export const INFOGRAPHIC_VARIANTS: InfographicSize[] = ['feed', 'square', 'story', 'poster'];

export const infographicFormat: OutputFormat = {
  name: 'infographic',
  async build(ctx) {
    const settings = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const browser = await sharedBrowser(ctx);
    const visuals = infographicVisuals(ctx.material, ctx.settings);
    const outputs: OutputEntry[] = [];
    const total = ctx.languages.length * INFOGRAPHIC_VARIANTS.length;
    let done = 0;
    for (const language of ctx.languages) {
      for (const size of INFOGRAPHIC_VARIANTS) {
        throwIfCancelled(ctx.signal);
        const label = `infographic · ${language} · ${size}`;
        ctx.progress({ label, language, done, total });
        outputs.push(await buildInfographic(ctx, browser, settings, language, size, visuals));
        done++;
        ctx.progress({ label, language, done, total });
      }
    }
    return outputs;
  },
  async measureFit(ctx) {
    const settings = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const browser = await sharedBrowser(ctx);
    const visuals = infographicVisuals(ctx.material, ctx.settings);
    const problems: FitProblem[] = [];
    for (const language of ctx.languages) {
      const material = ctx.materialFor(language);
      if (!keyMessages(material)) continue;
      for (const size of INFOGRAPHIC_VARIANTS) {
        throwIfCancelled(ctx.signal);
        problems.push(...(await measurePage(
          async () => (await openInfographicPage(browser, settings, material, language, size, labelsFor(language), visuals)).page,
          { format: 'infographic', variant: size, language },
        )));
      }
    }
    return problems;
  },
};

/** The infographic's page in `size`, laid out and with its fonts loaded: what build prints and check measures. */
export async function openInfographicPage(
  browser: Browser,
  settings: ResolvedPrintSettings,
  material: Material,
  language: string,
  size: InfographicSize,
  labels: PrintLabels,
  visuals: InfographicVisuals,
): Promise<{ page: Page; dims: (typeof INFOGRAPHIC_SIZES)[InfographicSize] }> {
  const props: InfographicProps = {
    material,
    language,
    style: settings.styles.infographic,
    size,
    theme: makeTheme({ ...settings.brand, fonts: cssFontStacks([language]) }),
    labels,
    brand: { name: settings.brand.name, logoSrc: settings.brand.logoSrc },
    visuals,
  };
  const dims = INFOGRAPHIC_SIZES[size];
  const html = await pageHtml({ component: InfographicDocument, props, languages: [language], title: material.title.text });
  const page = await openPage(browser, html, { viewport: { width: dims.widthPx, height: dims.heightPx }, media: dims.kind === 'pdf' ? 'print' : 'screen' });
  return { page, dims };
}

export async function buildInfographic(
  ctx: Pick<BuildContext, 'materialFor' | 'labelsFor' | 'outDir' | 'signal'>,
  browser: Browser,
  settings: ResolvedPrintSettings,
  language: string,
  size: InfographicSize,
  visuals: InfographicVisuals,
): Promise<OutputEntry> {
  const material = ctx.materialFor(language);
  if (!keyMessages(material)) throw new StudioError('print.noKeyMessages', { materialId: material.id });
  const labels = printLabels(ctx.labelsFor(language));
  await assertGlyphs(material, language, { extra: allLabelTexts(labels) });
  const { page, dims } = await openInfographicPage(browser, settings, material, language, size, labels, visuals);
  const isPdf = dims.kind === 'pdf';
  let bytes: Uint8Array;
  let width: number = dims.widthPx;
  let height: number = dims.heightPx;
  try {
    assertFits(await fitText(page), { format: 'infographic', variant: size, language });
    if (isPdf) {
      const doc = await PDFDocument.load(await printPdf(page, { accessible: true }));
      finishPdf(doc, {
        title: material.title.text,
        author: material.issuer.text,
        subject: material.subtitle?.text ?? material.title.text,
        keywords: [material.id, 'poster', 'infographic', language],
        language,
        madeAt: filesMadeAt(settings),
      });
      const pageSize = doc.getPage(0).getSize();
      width = Math.round(pageSize.width);
      height = Math.round(pageSize.height);
      await addBleedAndCropMarks(doc);
      bytes = await doc.save();
    } else {
      bytes = new Uint8Array(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: dims.widthPx, height: dims.heightPx } }));
    }
  } finally {
    await releasePage(page);
  }
  throwIfCancelled(ctx.signal);
  const file = outputPath(ctx.outDir, 'infographic', language, material.id, size, isPdf ? 'pdf' : 'png');
  await writeFileDurably(file, bytes);
  // The A3 poster's CMYK PDF/X-3, when the print settings ask: beside it, as the booklet's and the leaflet's.
  if (isPdf && settings.cmykPdfX) await writeCmykPdfX(file, { title: material.title.text, madeAt: filesMadeAt(settings) });
  return describeOutput(ctx.outDir, file, {
    format: 'infographic',
    language,
    variant: size,
    ...(isPdf ? { pages: 1 } : {}),
    width,
    height,
    altText: infographicAltText(material, size, labels),
  });
}
