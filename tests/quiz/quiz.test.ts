/**
 * The quiz format, built once (Vietnamese and a complete English translation)
 * from a small brief with Q&A, key messages, cited figures and a `# Câu hỏi`
 * section, then checked with real tools: the generation rules, the H5P
 * package (unzip), the Moodle XML (python3 xml.etree), the HTML quiz answered
 * in Chromium offline, and the printed quiz read with pdftotext.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBriefFile, importBriefText } from '../../engine/brief/import.js';
import { findFormatDescriptor, formatDescriptors } from '../../engine/build/registry.js';
import { BLANK, findFigures, generateQuiz, type QuizBank } from '../../engine/formats/quiz/generate.js';
import { quizFormat } from '../../engine/formats/quiz/index.js';
import type { Material } from '../../engine/model/material.js';
import type { OutputEntry, TranslationRecord } from '../../engine/model/records.js';
import { listTextUnits } from '../../engine/model/units.js';
import { launchBrowser } from '../../engine/render/browser.js';
import { exportXliff } from '../../engine/translations/xliff.js';
import { exportPo } from '../../engine/translations/po.js';
import { localizeMaterial } from '../../engine/translations/localize.js';
import { makeContext, pseudoTranslate } from '../print/helpers.js';

const BRIEF = path.join(import.meta.dirname, 'fixtures', 'brief.md');

let browser: Browser;
let vi: Material;
let en: Material;
let outDir: string;
let outputs: OutputEntry[];
let bankVi: QuizBank;
let bankEn: QuizBank;

const file = (language: string, variant: string, ext: string) => path.join(outDir, 'quiz', language, `quiz-ket-hon-quiz-${variant}.${ext}`);
const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
const squash = (s: string) => s.replace(/\s+/g, ' ');

/** A complete English "translation": every unit prefixed, figures kept as written. */
function translate(material: Material): TranslationRecord[] {
  return listTextUnits(material).map(({ unit }) => ({ unitId: unit.id, language: 'en', text: `EN ${unit.text}`, sourceText: unit.text, stale: false, updatedAt: '2026-01-01T00:00:00.000Z' }));
}

beforeAll(async () => {
  const imported = await importBriefFile(BRIEF);
  if (!imported.material) throw new Error(JSON.stringify(imported.diagnostics));
  vi = imported.material;
  en = localizeMaterial(vi, 'en', translate(vi));
  bankVi = generateQuiz(vi, 'vi');
  bankEn = generateQuiz(en, 'en', vi);
  browser = await launchBrowser();
  outDir = mkdtempSync(path.join(os.tmpdir(), 'luat-quiz-'));
  const ctx = makeContext({ browser, materials: { vi, en }, languages: ['vi', 'en'], outDir });
  outputs = await quizFormat.build(ctx);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('the # Câu hỏi section', () => {
  it('becomes typed question units with stable ids, in translations too', () => {
    const quiz = vi.sections.find((s) => s.kind === 'quiz');
    expect(quiz?.kind).toBe('quiz');
    if (quiz?.kind !== 'quiz') return;
    expect(quiz.citations).toEqual([{ ref: '52/2014/QH13', article: 'Điều 5 khoản 2' }]);
    const [choice, tf] = quiz.questions;
    expect(choice!.type).toBe('choice');
    expect(choice!.options.map((o) => [o.unit.text, o.correct])).toEqual([
      ['Phong tục được pháp luật cho phép', false],
      ['Tảo hôn, cưỡng ép kết hôn', true],
      ['Việc riêng của gia đình', false],
    ]);
    expect(tf).toMatchObject({ type: 'truefalse', answer: true, options: [] });
    const roles = listTextUnits(vi).filter((e) => e.sectionId === quiz.id).map((e) => e.role);
    expect(roles).toEqual(['heading', 'quizPrompt', 'quizOption', 'quizOption', 'quizOption', 'quizPrompt']);
    // Ids survive an edit elsewhere in the brief.
    const edited = importBriefText(readFileSync(BRIEF, 'utf8').replace('Việc kết hôn do nam và nữ', 'Việc kết hôn do nam, nữ'));
    const again = edited.material!.sections.find((s) => s.kind === 'quiz');
    expect(again?.kind === 'quiz' && again.questions.map((q) => q.id)).toEqual(quiz.questions.map((q) => q.id));
    // The units go to translators.
    const xliff = exportXliff(vi, 'en', []);
    const po = exportPo(vi, 'en', []);
    for (const q of quiz.questions) {
      expect(xliff).toContain(`id="${q.prompt.id}"`);
      expect(po).toContain(q.prompt.id);
    }
  });

  it('reports mistakes at their line: no citation, no right answer, two right answers, bad lĩnh vực', () => {
    const base = readFileSync(BRIEF, 'utf8');
    const broken = base
      .replace('<!-- legal: 52/2014/QH13 Điều 5 khoản 2 -->\n', '')
      .replace('   - [x] Tảo hôn, cưỡng ép kết hôn', '   - [ ] Tảo hôn, cưỡng ép kết hôn')
      .replace('   - [ ] Sai', '   - [x] Sai')
      .replace('linh_vuc: [hon-nhan-gia-dinh, ho-tich]', 'linh_vuc: [hon-nhan-gia-dinh, bong-da]');
    const { material, diagnostics } = importBriefText(broken);
    expect(material).toBeNull();
    const codes = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code}@${d.line}`);
    const lineOf = (needle: string) => broken.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(codes).toEqual(expect.arrayContaining([
      `fm.linhVuc@${lineOf('linh_vuc')}`,
      `quiz.noCitation@${lineOf('# Câu hỏi')}`,
      `quiz.noCorrect@${lineOf('Cha mẹ ép')}`,
      `quiz.manyCorrect@${lineOf('Pháp luật cấm tảo hôn')}`,
    ]));
    expect(vi.subjects).toEqual(['hon-nhan-gia-dinh', 'ho-tich']);
  });
});

describe('generation rules', () => {
  const briefTexts = () => listTextUnits(vi).map((e) => e.unit.text);

  it('makes items by every rule, each citing articles of the legal basis', () => {
    expect(new Set(bankVi.items.map((i) => i.rule))).toEqual(new Set(['qa', 'message', 'swap', 'figure', 'manual']));
    const articles = new Set(vi.legalBasis.flatMap((d) => d.articles.map((a) => `${d.ref} ${a}`)));
    for (const item of bankVi.items) {
      expect(item.citations.length, item.id).toBeGreaterThan(0);
      for (const c of item.citations) expect(articles.has(`${c.ref} ${c.article}`), item.id).toBe(true);
    }
    expect(new Set(bankVi.items.map((i) => i.id)).size).toBe(bankVi.items.length);
  });

  it('Q&A: right = the exact answer, wrong = answers of other pairs', () => {
    const qa = vi.sections.find((s) => s.kind === 'qa');
    if (qa?.kind !== 'qa') throw new Error('no qa');
    const answers = qa.pairs.map((p) => p.answer.text);
    for (const pair of qa.pairs) {
      const item = bankVi.items.find((i) => i.id === `qa.${pair.id}`)!;
      expect(item.prompt).toBe(pair.question.text);
      expect(item.options.filter((o) => o.correct).map((o) => o.text)).toEqual([pair.answer.text]);
      for (const o of item.options) expect(answers).toContain(o.text);
    }
    // Q&A without its own citation cites the section sharing its figure ("18 tuổi" → Điều 8).
    const first = bankVi.items.find((i) => i.id === `qa.${qa.pairs[0]!.id}`)!;
    expect(first.citations).toEqual([{ ref: '52/2014/QH13', article: 'Điều 8' }]);
  });

  it('figures: blank in the sentence, the exact figure right, distractors are figures of the brief with the same unit', () => {
    const figures = bankVi.items.filter((i) => i.rule === 'figure');
    expect(figures.length).toBeGreaterThanOrEqual(2);
    const briefFigures = new Set(briefTexts().flatMap((t) => findFigures(t).map((f) => f.text)));
    for (const item of figures) {
      expect(item.prompt).toContain(BLANK);
      const right = item.options.find((o) => o.correct)!.text;
      // Putting the right figure back gives a sentence of the brief, word for word.
      expect(briefTexts().some((t) => t.includes(item.prompt.replace(BLANK, right)))).toBe(true);
      for (const o of item.options) expect(briefFigures.has(o.text)).toBe(true);
      expect(new Set(item.options.map((o) => o.text.split(' ')[1])).size).toBe(1);
    }
    // "05 ngày" has no other figure in days: no item with a made-up distractor.
    expect(figures.some((i) => i.options.some((o) => o.text.startsWith('05')))).toBe(false);
  });

  it('key messages: the statement is true as written; a swap of one figure for another of the brief is false', () => {
    const messages = vi.sections.find((s) => s.kind === 'keyMessages');
    if (messages?.kind !== 'keyMessages') throw new Error('no key messages');
    for (const m of messages.messages) expect(bankVi.items.find((i) => i.id === `message.${m.id}`)).toMatchObject({ prompt: m.text, answer: true });
    const swap = bankVi.items.find((i) => i.rule === 'swap')!;
    expect(swap.answer).toBe(false);
    expect(swap.prompt).not.toBe(messages.messages[0]!.text);
    const changed = findFigures(swap.prompt).map((f) => f.text).filter((f) => !messages.messages[0]!.text.includes(f));
    expect(changed).toHaveLength(1);
    expect(briefTexts().some((t) => t.includes(changed[0]!))).toBe(true);
  });

  it('a complete translation gives the same items in that language, citing the same articles', () => {
    expect(bankEn.items.map((i) => i.id)).toEqual(bankVi.items.map((i) => i.id));
    expect(bankEn.items.map((i) => i.citations)).toEqual(bankVi.items.map((i) => i.citations));
    for (const item of bankEn.items) expect(item.prompt.startsWith('EN ') || item.prompt.includes('EN ')).toBe(true);
    // Tai Dam words for the units ("tuổi") differ from unit to unit here: figures are found by value, the items stay the same.
    const blt = generateQuiz(pseudoTranslate(vi, 'blt'), 'blt', vi);
    expect(blt.items.map((i) => i.id)).toEqual(bankVi.items.map((i) => i.id));
    blt.items.forEach((item, i) => {
      const source = bankVi.items[i]!;
      expect(item.answer).toBe(source.answer);
      const digits = (t: string) => t.replace(/\D/g, '');
      expect(item.options).toHaveLength(source.options.length);
      if (item.rule === 'figure') expect(item.options.map((o) => `${o.correct}:${digits(o.text)}`)).toEqual(source.options.map((o) => `${o.correct}:${digits(o.text)}`));
    });
  });
});

describe('the built files', () => {
  it('registers through the registry and writes four files per language', () => {
    expect(findFormatDescriptor('quiz')?.variants.map((v) => v.id)).toEqual(['html', 'print', 'h5p', 'moodle']);
    expect(formatDescriptors().filter((d) => d.name === 'quiz')).toHaveLength(1);
    expect(outputs.map((o) => `${o.language}:${o.variant}`).sort()).toEqual(
      ['en:h5p', 'en:html', 'en:moodle', 'en:print', 'vi:h5p', 'vi:html', 'vi:moodle', 'vi:print'],
    );
  });

  it('H5P: h5p.json + content/content.json, a QuestionSet of MultiChoice and TrueFalse', () => {
    const f = file('vi', 'h5p', 'h5p');
    const listing = execFileSync('unzip', ['-Z1', f], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(listing).toEqual(['content/content.json', 'h5p.json']);
    const h5p = JSON.parse(execFileSync('unzip', ['-p', f, 'h5p.json'], { encoding: 'utf8' }));
    const content = JSON.parse(execFileSync('unzip', ['-p', f, 'content/content.json'], { encoding: 'utf8' }));
    expect(h5p.mainLibrary).toBe('H5P.QuestionSet');
    expect(h5p.language).toBe('vi');
    const deps = h5p.preloadedDependencies.map((d: { machineName: string; majorVersion: number; minorVersion: number }) => `${d.machineName} ${d.majorVersion}.${d.minorVersion}`);
    expect(deps).toEqual(['H5P.QuestionSet 1.20', 'H5P.MultiChoice 1.16', 'H5P.TrueFalse 1.8']);
    expect(content.questions).toHaveLength(bankVi.items.length);
    content.questions.forEach((q: { library: string; subContentId: string; params: Record<string, unknown> }, i: number) => {
      const item = bankVi.items[i]!;
      expect(deps).toContain(q.library);
      expect(q.subContentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
      if (item.type === 'truefalse') {
        expect(q.library).toBe('H5P.TrueFalse 1.8');
        expect(q.params['correct']).toBe(item.answer ? 'true' : 'false');
        expect(q.params['question']).toContain(item.citations[0]!.article);
      } else {
        expect(q.library).toBe('H5P.MultiChoice 1.16');
        const answers = q.params['answers'] as { text: string; correct: boolean; tipsAndFeedback: { chosenFeedback: string } }[];
        expect(answers.filter((a) => a.correct)).toHaveLength(1);
        expect(answers.find((a) => a.correct)!.text).toBe(`<div>${item.options.find((o) => o.correct)!.text}</div>`);
        expect(answers[0]!.tipsAndFeedback.chosenFeedback).toContain(item.citations[0]!.ref);
      }
    });
    expect(content.passPercentage).toBe(50);
  });

  it('Moodle XML parses (python3 xml.etree) into the bank: one right answer each, the citation as feedback', () => {
    const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
out = []
for q in root.findall('question'):
    if q.get('type') == 'category':
        continue
    out.append({'type': q.get('type'), 'id': q.findtext('idnumber'), 'text': q.findtext('questiontext/text'),
                'feedback': q.findtext('generalfeedback/text'),
                'answers': [[a.findtext('text'), a.get('fraction')] for a in q.findall('answer')]})
print(json.dumps({'root': root.tag, 'questions': out}))
`;
    const parsed = JSON.parse(execFileSync('python3', ['-c', script, file('vi', 'moodle', 'xml')], { encoding: 'utf8' }));
    expect(parsed.root).toBe('quiz');
    expect(parsed.questions).toHaveLength(bankVi.items.length);
    parsed.questions.forEach((q: { type: string; id: string; text: string; feedback: string; answers: [string, string][] }, i: number) => {
      const item = bankVi.items[i]!;
      expect(q.id).toBe(item.id);
      expect(q.type).toBe(item.type === 'choice' ? 'multichoice' : 'truefalse');
      expect(q.text).toBe(`<p>${item.prompt}</p>`);
      expect(q.feedback).toContain(`${item.citations[0]!.ref} ${item.citations[0]!.article}`);
      const right = q.answers.filter(([, f]) => f === '100').map(([t]) => t);
      expect(right).toEqual([item.type === 'choice' ? `<p>${item.options.find((o) => o.correct)!.text}</p>` : String(item.answer)]);
    });
  });

  it('the HTML quiz is answered offline in Chromium: feedback per item and the score', async () => {
    const html = readFileSync(file('vi', 'html', 'html'), 'utf8');
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, offline: true });
    const requests: string[] = [];
    await context.route(/^(?!file:).*/, (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    const page = await context.newPage();
    try {
      await page.goto(pathToFileURL(file('vi', 'html', 'html')).href);
      expect(await page.locator('.item').count()).toBe(bankVi.items.length);
      // Answer all right but the first, which gets a wrong answer.
      for (const [i, item] of bankVi.items.entries()) {
        const right = item.type === 'truefalse' ? (item.answer ? 0 : 1) : item.options.findIndex((o) => o.correct);
        const pick = i === 0 ? (right === 0 ? 1 : 0) : right;
        await page.locator(`#q${i + 1} label`).nth(pick).tap();
      }
      await page.getByRole('button', { name: 'Chấm điểm' }).tap();
      const total = bankVi.items.length;
      await expect.poll(() => page.locator('#score').textContent()).toContain(`Bạn trả lời đúng ${total - 1}/${total} câu.`);
      expect(await page.locator('#q1').getAttribute('class')).toContain('wrong');
      expect(await page.locator('#q1 .feedback').textContent()).toMatch(/^Chưa đúng\. Đáp án: /);
      expect(await page.locator('#q2 .feedback').textContent()).toBe('Đúng rồi.');
      expect(await page.locator('#q2 .cite').textContent()).toContain(bankVi.items[1]!.citations[0]!.article);
      await page.getByRole('button', { name: 'Làm lại' }).tap();
      expect(await page.locator('#score').textContent()).toBe('');
      expect(await page.locator('input:checked').count()).toBe(0);
      expect(requests).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the English quiz carries the translation and English words', () => {
    const html = readFileSync(file('en', 'html', 'html'), 'utf8');
    expect(html).toContain('lang="en"');
    expect(html).toContain(`EN ${bankVi.items[0]!.prompt}`);
    expect(html).toContain('>True<');
    expect(html).not.toContain('Chấm điểm');
  });

  it('the printed quiz has every question and, after them, the answer key with citations', () => {
    const text = squash(pdfText(file('vi', 'print', 'pdf')));
    const key = text.indexOf('Đáp án Căn cứ');
    expect(key).toBeGreaterThan(0);
    const questions = text.slice(0, key);
    const answers = text.slice(key);
    bankVi.items.forEach((item, i) => {
      expect(questions).toContain(`Câu ${i + 1}. ${item.prompt.slice(0, 30)}`);
      const right = item.type === 'truefalse' ? (item.answer ? 'Đúng' : 'Sai') : `${'ABCD'[item.options.findIndex((o) => o.correct)]}.`;
      expect(answers).toMatch(new RegExp(`Câu ${i + 1} ${right.replace('.', '\\.')}`));
    });
    for (const c of new Set(bankVi.items.flatMap((i) => i.citations.map((c) => c.article)))) expect(answers).toContain(c);
    expect(execFileSync('pdfinfo', [file('vi', 'print', 'pdf')], { encoding: 'utf8' })).toMatch(/Page size:.*\(A4\)/);
  });
});

describe('a brief with nothing to ask about', () => {
  it('makes no quiz and warns, without failing the build', async () => {
    const text = readFileSync(BRIEF, 'utf8');
    const bare = text.slice(0, text.indexOf('# Thông điệp chính')) + '# Ghi chú\n\nTài liệu tham khảo.\n';
    const { material } = importBriefText(bare);
    const ctx = makeContext({ browser, materials: { vi: material! }, languages: ['vi'] });
    expect(await quizFormat.build(ctx)).toEqual([]);
    expect(ctx.warnings.map((w) => w.code)).toEqual(['quiz.noItems']);
  });
});
