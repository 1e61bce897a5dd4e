/**
 * The `# Câu hỏi` section: questions written by hand for the quiz format.
 *
 *     # Câu hỏi
 *     <!-- legal: 52/2014/QH13 Điều 8 -->
 *
 *     1. Nữ từ đủ bao nhiêu tuổi thì được kết hôn?
 *        - [ ] 16 tuổi
 *        - [x] 18 tuổi
 *     2. Đăng ký kết hôn tại xã được miễn lệ phí.
 *        - [x] Đúng
 *        - [ ] Sai
 *
 * Each item of the numbered list is a question; its nested list holds the
 * options, `[x]` marking the one correct answer. Two options "Đúng"/"Sai" make a
 * true/false question. The section's `legal` directive is the citation of every
 * question in it, and is required (every quiz item cites its article).
 * Works with or without GFM task lists (remark-gfm sets `checked` and drops the box).
 */
import type { List, ListItem, RootContent } from 'mdast';
import type { QuizOption, QuizQuestion, Section } from '../model/material.js';
import { ParseContext, blockText, startOf } from './context.js';
import type { RawSection, SectionBase } from './sections.js';

export const QUIZ_HEADING = 'câu hỏi';

const BOX = /^\[( |x|X)\][ \t]+/u;
const TRUE_WORD = 'đúng';
const FALSE_WORD = 'sai';

export function parseQuiz(ctx: ParseContext, rs: RawSection, base: SectionBase, slotBase: string): Section | null {
  if (base.citations.length === 0 && !rs.directives.some((d) => d.key === 'legal')) {
    ctx.bag.error('quiz.noCitation', startOf(rs.heading));
  }
  const questions: QuizQuestion[] = [];
  for (const node of rs.body) {
    if (node.type !== 'list') {
      ctx.bag.warning('quiz.ignored', startOf(node));
      continue;
    }
    for (const item of node.children) {
      const question = parseQuestion(ctx, item, base.id, slotBase);
      if (question) questions.push(question);
    }
  }
  if (questions.length === 0) {
    ctx.bag.error('quiz.empty', startOf(rs.heading));
    return null;
  }
  return { kind: 'quiz', ...base, questions };
}

function parseQuestion(ctx: ParseContext, item: ListItem, sectionId: string, slotBase: string): QuizQuestion | null {
  const promptText = item.children.filter((c) => c.type !== 'list').map((c) => blockText(c as RootContent)).filter(Boolean).join('\n');
  const loc = startOf(item);
  if (!promptText) {
    ctx.bag.error('quiz.emptyQuestion', loc);
    return null;
  }
  const optionList = item.children.find((c): c is List => c.type === 'list');
  if (!optionList) {
    ctx.bag.error('quiz.noOptions', loc);
    return null;
  }
  const raw = optionList.children.map((o) => {
    const text = o.children.map((c) => blockText(c as RootContent)).filter(Boolean).join('\n');
    const box = BOX.exec(text);
    const checked = typeof o.checked === 'boolean' ? o.checked : box ? box[1] !== ' ' : false;
    return { text: box ? text.slice(box[0].length).trim() : text, correct: checked, loc: startOf(o) };
  }).filter((o) => o.text !== '');
  const correct = raw.filter((o) => o.correct).length;
  if (raw.length < 2) {
    ctx.bag.error('quiz.fewOptions', loc);
    return null;
  }
  if (correct !== 1) {
    ctx.bag.error(correct === 0 ? 'quiz.noCorrect' : 'quiz.manyCorrect', loc);
    return null;
  }
  const prompt = ctx.leafUnit(sectionId, slotBase, 'quiz', promptText, loc);
  const id = prompt.id.replace('.quiz-', '.question-');
  const words = raw.map((o) => o.text.replace(/[.!]$/u, '').trim().toLocaleLowerCase('vi'));
  if (raw.length === 2 && words.includes(TRUE_WORD) && words.includes(FALSE_WORD)) {
    const answer = words[raw.findIndex((o) => o.correct)] === TRUE_WORD;
    return { id, type: 'truefalse', prompt, options: [], answer };
  }
  const options: QuizOption[] = raw.map((o) => ({ unit: ctx.leafUnit(prompt.id, slotBase, 'opt', o.text, o.loc), correct: o.correct }));
  return { id, type: 'choice', prompt, options, answer: null };
}
