/**
 * The quiz format: per language a question bank (./generate.ts) written four
 * ways — an offline HTML quiz, a printable PDF with answer key, an H5P content
 * package and a Moodle XML file. Registered in engine/build/registry.ts.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import yazl from 'yazl';
import type { BuildContext, OutputFormat } from '../../build/format.js';
import { describeOutput } from '../../build/outputs.js';
import { StudioError, throwIfCancelled } from '../../errors.js';
import { assertGlyphs } from '../../fonts/index.js';
import { writeFileDurably, writeStreamDurably } from '../../fs/durable.js';
import type { OutputEntry } from '../../model/records.js';
import { sharedBrowser } from '../../render/browser.js';
import { finishPdf } from '../print/pdfTools.js';
import { filesMadeAt } from '../../build/settings.js';
import { outputPath } from '../print/render.js';
import { generateQuiz, type QuizBank } from './generate.js';
import { h5pFiles } from './h5p.js';
import { quizHtml } from './html.js';
import { quizLabels, type QuizLabels } from './labels.js';
import { moodleXml } from './moodle.js';
import { printQuiz, quizPrintHtml } from './print.js';
import { QuizSettings } from './settings.js';

export { generateQuiz } from './generate.js';

/** Zip entries dated alike, so rebuilding the same bank gives the same package. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

function readSettings(settings: Record<string, unknown>): QuizSettings {
  const parsed = QuizSettings.safeParse(settings['quiz'] ?? {});
  if (!parsed.success) throw new StudioError('quiz.badSettings', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
  return parsed.data;
}

/** The bank of one language with only the rules the settings allow. */
export function quizBank(ctx: Pick<BuildContext, 'material' | 'materialFor'>, language: string, settings: QuizSettings): QuizBank {
  const bank = generateQuiz(ctx.materialFor(language), language, ctx.material);
  return { ...bank, items: bank.items.filter((i) => settings.rules.includes(i.rule)) };
}

export const quizFormat: OutputFormat = {
  name: 'quiz',
  async build(ctx) {
    const settings = readSettings(ctx.settings);
    const outputs: OutputEntry[] = [];
    let done = 0;
    for (const language of ctx.languages) {
      throwIfCancelled(ctx.signal);
      ctx.progress({ label: `quiz · ${language}`, language, done, total: ctx.languages.length });
      const bank = quizBank(ctx, language, settings);
      // A brief with nothing to ask about (no Q&A, messages, cited figures or questions) makes no quiz, and says so.
      if (bank.items.length === 0) ctx.warn({ severity: 'warning', code: 'quiz.noItems', params: { language } });
      else outputs.push(...(await buildQuizEdition(ctx, bank, settings)));
      done++;
      ctx.progress({ label: `quiz · ${language}`, language, done, total: ctx.languages.length });
    }
    return outputs;
  },
};

async function buildQuizEdition(ctx: BuildContext, bank: QuizBank, settings: QuizSettings): Promise<OutputEntry[]> {
  const language = bank.language;
  const material = ctx.materialFor(language);
  const labels: QuizLabels = quizLabels(language);
  const file = (variant: string, ext: string) => outputPath(ctx.outDir, 'quiz', language, material.id, variant, ext);
  const entry = { format: 'quiz', language };
  const outputs: OutputEntry[] = [];

  const htmlFile = file('html', 'html');
  await writeFileDurably(htmlFile, await quizHtml(material, bank, labels, settings.passPercentage));
  outputs.push(await describeOutput(ctx.outDir, htmlFile, { ...entry, variant: 'html' }));

  await assertGlyphs(material, language, { extra: Object.entries(labels).filter(([, v]) => typeof v === 'string').map(([k, v]) => ({ id: `quiz.${k}`, text: v as string })) });
  const browser = await sharedBrowser(ctx);
  throwIfCancelled(ctx.signal);
  const pdfBytes = await printQuiz(browser, await quizPrintHtml(material, bank, labels));
  const doc = await PDFDocument.load(pdfBytes);
  finishPdf(doc, {
    title: `${labels.title}: ${material.title.text}`,
    author: material.issuer.text,
    subject: labels.title,
    keywords: [material.id, 'quiz', ...material.legalBasis.map((d) => d.ref), language],
    language,
    madeAt: filesMadeAt(ctx.settings),
  });
  const pdfFile = file('print', 'pdf');
  await writeFileDurably(pdfFile, await doc.save());
  const size = doc.getPage(0).getSize();
  outputs.push(await describeOutput(ctx.outDir, pdfFile, { ...entry, variant: 'print', pages: doc.getPageCount(), width: Math.round(size.width), height: Math.round(size.height) }));

  const { h5pJson, contentJson } = h5pFiles(material, bank, labels, settings.passPercentage);
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(h5pJson, null, 2)), 'h5p.json', { mtime: FIXED_MTIME });
  zip.addBuffer(Buffer.from(JSON.stringify(contentJson, null, 2)), 'content/content.json', { mtime: FIXED_MTIME });
  zip.end();
  const h5pFile = file('h5p', 'h5p');
  await writeStreamDurably(h5pFile, zip.outputStream);
  outputs.push(await describeOutput(ctx.outDir, h5pFile, { ...entry, variant: 'h5p' }));

  const moodleFile = file('moodle', 'xml');
  await writeFileDurably(moodleFile, moodleXml(material, bank, labels));
  outputs.push(await describeOutput(ctx.outDir, moodleFile, { ...entry, variant: 'moodle' }));
  return outputs;
}
