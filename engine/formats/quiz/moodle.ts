/**
 * The question bank as Moodle XML (Question bank → Import → Moodle XML format):
 * a category named for the material, then one `multichoice` (single answer) or
 * `truefalse` question per item. Texts are HTML with the brief's words escaped;
 * the citation is the question's general feedback and its idnumber is the item id.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { escapeHtml } from '../../text/escapeHtml.js';
import type { Material } from '../../model/material.js';
import { citationText, type QuizBank, type QuizItem } from './generate.js';
import type { QuizLabels } from './labels.js';

const html = (text: string) => ({ '@_format': 'html', text: `<p>${escapeHtml(text)}</p>` });

function questionXml(item: QuizItem, n: number, labels: QuizLabels): unknown {
  const common = {
    name: { text: `${String(n).padStart(3, '0')} ${item.prompt}`.slice(0, 250) },
    questiontext: html(item.prompt),
    generalfeedback: html(`${labels.citedLaw}: ${citationText(item.citations)}`),
    defaultgrade: 1,
    penalty: item.type === 'truefalse' ? 1 : 0.3333333,
    hidden: 0,
    idnumber: item.id.slice(0, 100),
  };
  const tags = { tags: { tag: [{ text: item.rule }, ...item.citations.map((c) => ({ text: `${c.ref} ${c.article}` }))] } };
  if (item.type === 'truefalse') {
    return {
      '@_type': 'truefalse',
      ...common,
      answer: [
        { '@_fraction': item.answer ? 100 : 0, '@_format': 'moodle_auto_format', text: 'true', feedback: { text: '' } },
        { '@_fraction': item.answer ? 0 : 100, '@_format': 'moodle_auto_format', text: 'false', feedback: { text: '' } },
      ],
      ...tags,
    };
  }
  return {
    '@_type': 'multichoice',
    ...common,
    single: 'true',
    shuffleanswers: 'true',
    answernumbering: 'ABCD',
    showstandardinstruction: 0,
    correctfeedback: html(labels.right),
    partiallycorrectfeedback: html(labels.right),
    incorrectfeedback: html(labels.wrong(item.options.find((o) => o.correct)!.text)),
    answer: item.options.map((o) => ({ '@_fraction': o.correct ? 100 : 0, '@_format': 'html', text: `<p>${escapeHtml(o.text)}</p>`, feedback: { '@_format': 'html', text: '' } })),
    ...tags,
  };
}

export function moodleXml(material: Material, bank: QuizBank, labels: QuizLabels): string {
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: false, processEntities: true });
  const doc = {
    quiz: {
      question: [
        { '@_type': 'category', category: { text: `$course$/top/${labels.category}/${material.title.text.replace(/\//g, '-')} (${bank.language})` }, info: { '@_format': 'html', text: '' } },
        ...bank.items.map((item, i) => questionXml(item, i + 1, labels)),
      ],
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc) as string}`;
}
