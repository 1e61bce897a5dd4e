/**
 * The offline quiz: ONE HTML file with its CSS, script and (for scripts a phone
 * may lack, e.g. Tai Viet) its fonts inline, so it can be sent as a file over
 * Zalo and opened on a phone with no network. A Content-Security-Policy forbids
 * every network request. The questions are plain HTML (readable without
 * script); the script checks the answers in the page and shows the score.
 * Every text of the brief is escaped.
 */
import { escapeHtml } from '../../text/escapeHtml.js';
import { cssFontStacks, fontFaceCss, printChains, type FontFamilyId } from '../../fonts/index.js';
import type { Material } from '../../model/material.js';
import { citationText, type QuizBank } from './generate.js';
import type { QuizLabels } from './labels.js';

/** Languages every phone has fonts for; others get their fonts inlined. */
const SYSTEM_FONT_LANGUAGES = new Set(['vi', 'en']);

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:17px/1.5 var(--font);color:#1b1b1b;background:#f4f6f8}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.4em;margin:.2em 0}
.sub{color:#555;margin:0 0 .8em}
ol.items{list-style:none;padding:0;margin:0}
.item{background:#fff;border-radius:10px;padding:12px 14px;margin:0 0 12px;box-shadow:0 1px 2px rgba(0,0,0,.12)}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:600;padding:0;margin-bottom:.4em}
.num{display:block;color:#0b5cab;font-size:.85em;font-weight:700}
.hint{margin:.2em 0 .4em;color:#555;font-size:.9em}
label{display:flex;gap:.6em;align-items:flex-start;padding:.55em .6em;margin:.3em 0;border:1px solid #ccd3da;border-radius:8px;cursor:pointer;min-height:44px}
label input{margin-top:.3em;width:1.2em;height:1.2em;flex:none}
.cite{font-size:.85em;color:#555;margin:.5em 0 0}
.feedback{margin:.4em 0 0;font-weight:600}
.item.right{outline:3px solid #1e8e3e}.item.right .feedback{color:#1e8e3e}
.item.wrong{outline:3px solid #c5221f}.item.wrong .feedback{color:#c5221f}
label.answer{background:#e6f4ea;border-color:#1e8e3e}
button{font:inherit;font-weight:700;padding:.7em 1.4em;border:0;border-radius:8px;background:#0b5cab;color:#fff;min-height:48px;margin:4px 8px 4px 0}
button.secondary{background:#5f6368}
#score{font-size:1.2em;font-weight:700}
.note{color:#666;font-size:.8em;margin-top:2em}
`;

/** Runs in the page: reads the answers from #quiz-data, marks each item, shows the score. */
const SCRIPT = `
(function(){
var data=JSON.parse(document.getElementById('quiz-data').textContent);
var form=document.getElementById('quiz'),score=document.getElementById('score'),retry=document.getElementById('retry');
form.addEventListener('submit',function(e){
  e.preventDefault();var right=0;
  data.items.forEach(function(item,i){
    var li=document.getElementById('q'+(i+1));var chosen=form.querySelector('input[name="q'+(i+1)+'"]:checked');
    var ok=chosen&&Number(chosen.value)===item.answer;if(ok)right++;
    li.classList.remove('right','wrong');li.classList.add(ok?'right':'wrong');
    li.querySelector('.feedback').textContent=ok?data.labels.right:(chosen?item.wrong:item.unanswered);
    var labels=li.querySelectorAll('label');for(var k=0;k<labels.length;k++)labels[k].classList.toggle('answer',k===item.answer);
  });
  var pct=data.items.length?Math.round(100*right/data.items.length):0;
  score.textContent=data.labels.score.replace('{score}',right).replace('{total}',data.items.length)+' '+(pct>=data.pass?data.labels.passed:data.labels.notPassed);
  score.setAttribute('data-score',String(right));retry.hidden=false;score.scrollIntoView({block:'center'});
});
retry.addEventListener('click',function(){form.reset();score.textContent='';score.removeAttribute('data-score');retry.hidden=true;
  var lis=document.querySelectorAll('.item');for(var i=0;i<lis.length;i++){lis[i].classList.remove('right','wrong');lis[i].querySelector('.feedback').textContent='';}
  var ls=document.querySelectorAll('label.answer');for(var j=0;j<ls.length;j++)ls[j].classList.remove('answer');window.scrollTo(0,0);});
})();
`;

/** JSON safe inside a <script> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export async function quizHtml(material: Material, bank: QuizBank, labels: QuizLabels, passPercentage: number): Promise<string> {
  const e = escapeHtml;
  const items = bank.items.map((item, i) => {
    const n = i + 1;
    const options = item.type === 'truefalse' ? [labels.true, labels.false] : item.options.map((o) => o.text);
    const inputs = options.map((text, k) => `<label><input type="radio" name="q${n}" value="${k}"><span>${e(text)}</span></label>`).join('');
    const hint = item.type === 'truefalse' ? `<p class="hint">${e(labels.statement)}</p>` : '';
    return `<li class="item" id="q${n}" data-id="${e(item.id)}"><fieldset><legend><span class="num">${e(labels.question(n))}</span>${e(item.prompt)}</legend>${hint}${inputs}<p class="cite">${e(labels.citedLaw)}: ${e(citationText(item.citations))}</p><p class="feedback" aria-live="polite"></p></fieldset></li>`;
  });
  const data = {
    pass: passPercentage,
    labels: { right: labels.right, passed: labels.passed, notPassed: labels.notPassed, score: labels.score('{score}', '{total}') },
    items: bank.items.map((item) => {
      const answer = item.type === 'truefalse' ? (item.answer ? 0 : 1) : item.options.findIndex((o) => o.correct);
      const answerText = item.type === 'truefalse' ? (item.answer ? labels.true : labels.false) : item.options[answer]!.text;
      return { answer, wrong: labels.wrong(answerText), unanswered: labels.unanswered(answerText) };
    }),
  };
  const body = `<main><h1>${e(material.title.text)}</h1><p class="sub">${e(labels.title)} · ${e(material.issuer.text)}</p><p>${e(labels.intro)}</p>`
    + `<form id="quiz"><ol class="items">${items.join('')}</ol>`
    + `<button type="submit" id="check">${e(labels.check)}</button><button type="button" id="retry" class="secondary" hidden>${e(labels.retry)}</button>`
    + `<p id="score" role="status" aria-live="polite"></p></form><p class="note">${e(labels.offline)}</p></main>`;
  let fonts = '';
  if (!SYSTEM_FONT_LANGUAGES.has(bank.language)) {
    const families = [...new Set(printChains([bank.language]).flat())] as FontFamilyId[];
    fonts = await fontFaceCss(families, body);
  }
  const fontVar = `:root{--font:${cssFontStacks([bank.language]).sans}, system-ui, sans-serif}`;
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; img-src data:; form-action 'none'";
  return `<!doctype html><html lang="${e(bank.language)}"><head><meta charset="utf-8">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="${csp}">`
    + `<title>${e(`${labels.title}: ${material.title.text}`)}</title><style>${fonts}${fontVar}${CSS}</style></head>`
    + `<body>${body}<script type="application/json" id="quiz-data">${scriptJson(data)}</script><script>${SCRIPT}</script></body></html>`;
}
