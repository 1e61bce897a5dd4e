/**
 * The comic strip (truyện tranh): per situation and language, the video's
 * sets, puppets and lines as panels with speech balloons and caption boxes,
 * printed as an A4 and an A5 PDF (Chromium's print path, ../print/render.ts;
 * with 3 mm bleed, crop marks and a CMYK PDF/X-3 beside it when asked, as the
 * other print PDFs)
 * and captured as 1080×1350 carousel slides, each with its alternative text.
 * Registered in engine/build/registry.ts.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import type { Browser, Page } from 'playwright-core';
import type { BuildContext, FitContext, FitProblem, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { assertGlyphs, cssFontStacks } from '../../fonts/index.js';
import { writeFileDurably } from '../../fs/durable.js';
import { shippedLabels, SOURCE_LABELS, type LabelTexts } from '../../model/labels.js';
import type { SituationSection } from '../../model/material.js';
import type { OutputEntry } from '../../model/records.js';
import { sharedBrowser } from '../../render/browser.js';
import { addBleedAndCropMarks, finishPdf } from '../print/pdfTools.js';
import { filesMadeAt } from '../../build/settings.js';
import { writeCmykPdfX } from '../print/pdfx.js';
import { assertFits, fitProblems, fitText, openPage, outputPath, pageHtml, printPdf, releasePage } from '../print/render.js';
import { resolvePrintSettings } from '../print/settings.js';
import { ComicPagesDocument, ComicSlidesDocument } from '../../../templates/comic/Comic.js';
import type { ComicTheme } from '../../../templates/comic/comicCss.js';
import { comicSlides, PAPER_GEOMETRY, SLIDE, type ComicPaper } from '../../../templates/comic/layout.js';
import type { ComicStory } from '../../../templates/comic/story.js';
import { TAILS_SCRIPT } from '../../../templates/comic/tailsScript.js';
import { slideAltTexts } from './altText.js';
import { ComicSettings } from './settings.js';
import { comicStory, comicSituations } from './story.js';

export { comicStory } from './story.js';

function readSettings(settings: Record<string, unknown>): ComicSettings {
  const parsed = ComicSettings.safeParse(settings['comic'] ?? {});
  if (!parsed.success) throw new StudioError('comic.badSettings', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  return parsed.data;
}

type StoryContext = Pick<BuildContext, 'material' | 'materialFor' | 'settings'> & { labelsFor(language: string): LabelTexts };

function storyFor(ctx: StoryContext, section: SituationSection, language: string, warn: BuildContext['warn']): ComicStory {
  return comicStory({
    source: ctx.material, sourceSection: section, material: ctx.materialFor(language), language,
    labels: ctx.labelsFor(language), settings: ctx.settings, warn,
  });
}

/** "a4" for the only situation; "s2:a4" when a brief has several (the manifest's situation prefix). */
function variantName(index: number, count: number, variant: string): string {
  return count > 1 ? `s${index + 1}:${variant}` : variant;
}

export const comicFormat: OutputFormat = {
  name: 'comic',
  async build(ctx) {
    const options = readSettings(ctx.settings);
    const situations = comicSituations(ctx.material);
    if (situations.length === 0) {
      ctx.warn({ severity: 'warning', code: 'comic.noSituation', params: { language: ctx.material.sourceLanguage } });
      return [];
    }
    const theme = await comicTheme(ctx);
    const { cmykPdfX } = await resolvePrintSettings(ctx.settings, ctx.projectDir);
    const browser = await sharedBrowser(ctx);
    const outputs: OutputEntry[] = [];
    const total = ctx.languages.length * situations.length;
    let done = 0;
    for (const language of ctx.languages) {
      for (const [index, section] of situations.entries()) {
        throwIfCancelled(ctx.signal);
        const label = `comic · ${language}`;
        ctx.progress({ label, language, done, total });
        // Warnings about sets and puppets are the video's own; the comic shares its staging and says nothing twice.
        const story = storyFor(ctx, section, language, () => {});
        await assertGlyphs(ctx.materialFor(language), language, { extra: Object.entries(story.labels).map(([k, v]) => ({ id: `comic.${k}`, text: v })) });
        const name = (variant: string) => variantName(index, situations.length, variant);
        for (const paper of options.papers) {
          outputs.push(await writeComicPdf(ctx, browser, story, theme, paper, name(paper), cmykPdfX));
        }
        if (options.carousel) outputs.push(...(await writeCarousel(ctx, browser, story, theme, name('carousel'))));
        done++;
        ctx.progress({ label, language, done, total });
      }
    }
    return outputs;
  },
  async measureFit(ctx) {
    const theme = await comicTheme(ctx);
    const browser = await sharedBrowser(ctx);
    const problems: FitProblem[] = [];
    const storyCtx: StoryContext = { ...ctx, labelsFor: (l) => shippedLabels(l) ?? SOURCE_LABELS };
    for (const language of ctx.languages) {
      for (const section of comicSituations(ctx.material)) {
        throwIfCancelled(ctx.signal);
        const story = storyFor(storyCtx, section, language, () => {});
        problems.push(...(await measureComic(browser, story, theme, ctx)));
      }
    }
    return problems;
  },
};

async function comicTheme(ctx: Pick<FitContext, 'settings' | 'projectDir' | 'material' | 'languages'>): Promise<(language: string) => ComicTheme> {
  const print = await resolvePrintSettings(ctx.settings, ctx.projectDir);
  return (language) => ({ primary: print.brand.primaryColor, accent: print.brand.accentColor, font: cssFontStacks([language]).sans });
}

/** Every size laid out as build lays it out; the boxes that do not fit, for `check`. */
async function measureComic(browser: Browser, story: ComicStory, theme: (l: string) => ComicTheme, ctx: Pick<FitContext, 'signal' | 'settings'>): Promise<FitProblem[]> {
  const options = readSettings(ctx.settings);
  const problems: FitProblem[] = [];
  const open = [
    ...options.papers.map((paper) => ({ variant: paper as string, page: () => openComicPages(browser, story, theme(story.language), paper) })),
    ...(options.carousel ? [{ variant: 'carousel', page: () => openComicSlides(browser, story, theme(story.language)) }] : []),
  ];
  for (const { variant, page: openIt } of open) {
    throwIfCancelled(ctx.signal);
    const page = await openIt();
    try {
      problems.push(...fitProblems(await fitText(page), { format: 'comic', variant, language: story.language }));
    } finally {
      await releasePage(page);
    }
  }
  return problems;
}

/** The pages of one paper size, laid out, fonts loaded: what build prints and check measures. */
export async function openComicPages(browser: Browser, story: ComicStory, theme: ComicTheme, paper: ComicPaper): Promise<Page> {
  const g = PAPER_GEOMETRY[paper];
  const html = await pageHtml({ component: ComicPagesDocument, props: { story, paper, theme }, languages: [story.language], title: story.title });
  return openPage(browser, html, { viewport: { width: g.width, height: g.height }, media: 'print' });
}

async function openComicSlides(browser: Browser, story: ComicStory, theme: ComicTheme): Promise<Page> {
  const html = await pageHtml({ component: ComicSlidesDocument, props: { story, theme }, languages: [story.language], title: story.title });
  return openPage(browser, html, { viewport: { width: SLIDE.width, height: SLIDE.height }, media: 'screen' });
}

/** Fits every balloon (refusing a line that cannot fit: never clipped), then draws the tails at the fitted size. */
async function fitAndDrawTails(page: Page, where: { format: string; variant: string; language: string }): Promise<void> {
  assertFits(await fitText(page), where);
  await page.evaluate(TAILS_SCRIPT);
}

/** The comic's pages of one paper size as a PDF (also the booklet's optional comic pages). */
export async function comicPdf(browser: Browser, story: ComicStory, theme: ComicTheme, paper: ComicPaper, variant: string): Promise<Uint8Array> {
  const page = await openComicPages(browser, story, theme, paper);
  try {
    await fitAndDrawTails(page, { format: 'comic', variant, language: story.language });
    return await printPdf(page, { accessible: true });
  } finally {
    await releasePage(page);
  }
}

async function writeComicPdf(
  ctx: Pick<BuildContext, 'outDir' | 'material' | 'settings'>,
  browser: Browser,
  story: ComicStory,
  theme: (l: string) => ComicTheme,
  paper: ComicPaper,
  variant: string,
  cmykPdfX: boolean,
): Promise<OutputEntry> {
  const doc = await PDFDocument.load(await comicPdf(browser, story, theme(story.language), paper, variant));
  finishPdf(doc, {
    title: `${story.labels.comic}: ${story.title}`,
    author: story.issuer,
    subject: story.materialTitle,
    keywords: [ctx.material.id, 'comic', ...ctx.material.legalBasis.map((d) => d.ref), story.language],
    language: story.language,
    madeAt: filesMadeAt(ctx.settings),
  });
  // For the print shop, as the booklet and leaflet: 3 mm bleed, crop marks, TrimBox/BleedBox; the manifest names the trimmed page.
  const size = doc.getPage(0).getSize();
  await addBleedAndCropMarks(doc);
  const file = outputPath(ctx.outDir, 'comic', story.language, ctx.material.id, variant, 'pdf');
  await writeFileDurably(file, await doc.save());
  if (cmykPdfX) await writeCmykPdfX(file, { title: `${story.labels.comic}: ${story.title}`, madeAt: filesMadeAt(ctx.settings) });
  return describeOutput(ctx.outDir, file, {
    format: 'comic', language: story.language, variant,
    pages: doc.getPageCount(), width: Math.round(size.width), height: Math.round(size.height),
  });
}

async function writeCarousel(
  ctx: Pick<BuildContext, 'outDir' | 'material' | 'signal'>,
  browser: Browser,
  story: ComicStory,
  theme: (l: string) => ComicTheme,
  variant: string,
): Promise<OutputEntry[]> {
  const alts = slideAltTexts(story);
  const count = comicSlides(story).length;
  const page = await openComicSlides(browser, story, theme(story.language));
  const shots: Uint8Array[] = [];
  try {
    await fitAndDrawTails(page, { format: 'comic', variant, language: story.language });
    for (let i = 0; i < count; i++) {
      throwIfCancelled(ctx.signal);
      shots.push(new Uint8Array(await page.screenshot({ type: 'png', clip: { x: 0, y: i * SLIDE.height, width: SLIDE.width, height: SLIDE.height }, fullPage: true })));
    }
  } finally {
    await releasePage(page);
  }
  const outputs: OutputEntry[] = [];
  for (const [i, bytes] of shots.entries()) {
    const slideVariant = `${variant}-${String(i + 1).padStart(2, '0')}`;
    const file = outputPath(ctx.outDir, 'comic', story.language, ctx.material.id, slideVariant, 'png');
    await writeFileDurably(file, bytes);
    outputs.push(await describeOutput(ctx.outDir, file, {
      format: 'comic', language: story.language, variant: slideVariant,
      width: SLIDE.width, height: SLIDE.height, altText: alts[i]!,
    }));
  }
  return outputs;
}

