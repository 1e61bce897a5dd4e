/**
 * The printable quiz for communes without internet: A4, the questions with
 * lettered options (A, B, C …) or Đúng/Sai boxes and a line for the name, then
 * on a new page the answer key with each item's citation. Printed through the
 * build's shared Chromium with the print formats' helpers (fonts inlined).
 */
import type { Browser } from 'playwright-core';
import { escapeHtml } from '../../text/escapeHtml.js';
import { cssFontStacks, fontFaceCss, printChains, type FontFamilyId } from '../../fonts/index.js';
import type { Material } from '../../model/material.js';
import { openPage, printPdf, releasePage } from '../print/render.js';
import { citationText, type QuizBank } from './generate.js';
import type { QuizLabels } from './labels.js';

export const LETTERS = 'ABCDEFGHIJ';

const CSS = `
@page{size:A4;margin:16mm 16mm 18mm}
*{box-sizing:border-box}
body{margin:0;font:11.5pt/1.45 var(--font);color:#000}
h1{font-size:17pt;margin:0 0 2pt}
h2{font-size:14pt;margin:0 0 8pt}
.sub{margin:0 0 8pt;color:#333}
.fill{display:flex;gap:24pt;margin:6pt 0 12pt;border-bottom:1px solid #000;padding-bottom:6pt}
.fill span{flex:1}
ol.items{padding-left:0;list-style:none;margin:0}
.item{break-inside:avoid;margin:0 0 10pt}
.prompt{font-weight:600}
.opts{list-style:none;padding-left:14pt;margin:3pt 0}
.opts li{margin:1pt 0}
.box{display:inline-block;width:10pt;height:10pt;border:1px solid #000;margin:0 4pt -1pt 0}
.tf span{margin-right:24pt}
.cite{font-size:9pt;color:#333}
.key{break-before:page}
table{border-collapse:collapse;width:100%;font-size:10.5pt}
th,td{border:1px solid #000;padding:3pt 5pt;text-align:left;vertical-align:top}
td:first-child{white-space:nowrap}
`;

export async function quizPrintHtml(material: Material, bank: QuizBank, labels: QuizLabels): Promise<string> {
  const e = escapeHtml;
  const items = bank.items.map((item, i) => {
    const n = i + 1;
    const body = item.type === 'truefalse'
      ? `<p class="tf"><span><span class="box"></span>${e(labels.true)}</span><span><span class="box"></span>${e(labels.false)}</span></p>`
      : `<ol class="opts">${item.options.map((o, k) => `<li>${LETTERS[k]}. ${e(o.text)}</li>`).join('')}</ol>`;
    return `<li class="item"><div class="prompt">${e(labels.question(n))}. ${e(item.prompt)}</div>${item.type === 'truefalse' ? `<div class="cite">${e(labels.statement)}</div>` : ''}${body}</li>`;
  });
  const rows = bank.items.map((item, i) => {
    const answer = item.type === 'truefalse'
      ? (item.answer ? labels.true : labels.false)
      : (() => {
        const k = item.options.findIndex((o) => o.correct);
        return `${LETTERS[k]}. ${item.options[k]!.text}`;
      })();
    return `<tr><td>${e(labels.question(i + 1))}</td><td>${e(answer)}</td><td>${e(citationText(item.citations))}</td></tr>`;
  });
  const body = `<h1>${e(material.title.text)}</h1><p class="sub">${e(labels.title)} · ${e(labels.issuedBy)}: ${e(material.issuer.text)}</p>`
    + `<div class="fill"><span>${e(labels.name)}: </span><span>${e(labels.date)}: </span><span>${e(labels.scoreLine(bank.items.length))}</span></div>`
    + `<ol class="items">${items.join('')}</ol>`
    + `<section class="key"><h2>${e(labels.answerKey)}</h2><table><thead><tr><th></th><th>${e(labels.answerKey)}</th><th>${e(labels.citedLaw)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
  const families = [...new Set(printChains([bank.language]).flat())] as FontFamilyId[];
  const fonts = await fontFaceCss(families, body);
  return `<!doctype html><html lang="${e(bank.language)}"><head><meta charset="utf-8"><title>${e(`${labels.title}: ${material.title.text}`)}</title>`
    + `<style>${fonts}:root{--font:${cssFontStacks([bank.language]).sans}}${CSS}</style></head><body>${body}</body></html>`;
}

export async function printQuiz(browser: Browser, html: string): Promise<Uint8Array> {
  const page = await openPage(browser, html, { viewport: { width: 794, height: 1123 }, media: 'print' });
  try {
    return await printPdf(page, { accessible: true });
  } finally {
    await releasePage(page);
  }
}
