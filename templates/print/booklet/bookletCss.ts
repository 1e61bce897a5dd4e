/**
 * The booklet's two looks. "classic": deep brand colour, serif headings, a
 * new page per section, like a ministry's printed handbook. "modern": light
 * pages, bold sans headings, sections running on, like a city's service guide.
 * Both print A5 with page numbers in the page margin (Chromium's @page boxes).
 */
import { alpha, type Theme } from '../theme.js';
import { blockCss } from '../common.js';

export const BOOKLET_STYLES = ['classic', 'modern'] as const;
export type BookletStyle = (typeof BOOKLET_STYLES)[number];

export const A5 = { widthMm: 148, heightMm: 210 };

export function bookletCss(t: Theme, style: BookletStyle): string {
  return base(t) + blockCss(t) + (style === 'classic' ? classic(t) : modern(t));
}

function base(t: Theme): string {
  return `
@page { size: ${A5.widthMm}mm ${A5.heightMm}mm; margin: 16mm 14mm 19mm 14mm; }
@page cover { margin: 0; }
@page back { margin: 0; }
@page cover { @bottom-center { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
@page back { @bottom-center { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.keep { break-inside: avoid; }
* { box-sizing: border-box; }
body { margin: 0; font-synthesis: none; }
.booklet { font-family: ${t.sans}; font-size: 10pt; line-height: 1.5; color: ${t.ink}; text-rendering: optimizeLegibility; font-kerning: normal; }
.booklet p { margin: 0 0 2.6mm; orphans: 2; widows: 2; text-align: left; }
.booklet h1, .booklet h2 { break-after: avoid; margin: 0; }
.booklet a { color: inherit; text-decoration: none; }
.bilingual { font-size: 8.8pt; }
.bi { display: grid; grid-template-columns: 1fr 1fr; column-gap: 4.5mm; break-inside: avoid; margin-bottom: 2.4mm; }
.bi > .bi-cell { margin: 0; }
.bi > .bi-1 { border-left: 0.35pt solid ${t.rule}; padding-left: 4.5mm; }
.bi.item-text, .bi.qa-text, .bi.line-text, .bi.cast-desc, .bi.key-text, .bi.doc-title { margin-bottom: 0; }

/* Cover and back cover: full bleed, their own named pages. */
.cover, .back { width: ${A5.widthMm}mm; height: ${A5.heightMm}mm; position: relative; overflow: hidden; display: flex; flex-direction: column; }
.cover { page: cover; break-after: page; }
.back { page: back; break-before: page; }
.cover-top { display: flex; align-items: center; gap: 4mm; padding: 17mm 17mm 0; position: relative; }
.masthead { font-size: 7.2pt; line-height: 1.35; }
.brand-name { font-weight: 700; }
.masthead-kind { text-transform: uppercase; letter-spacing: 0.12em; font-size: 6.4pt; margin-top: 1mm; }
.cover-body { flex: 1; display: flex; flex-direction: column; justify-content: center; padding: 6mm 17mm; overflow: hidden; position: relative; }
.cover-title { font-size: calc(var(--fit, 1) * 27pt); line-height: 1.16; font-weight: 800; }
.cover-title-1 { font-size: calc(var(--fit, 1) * 17pt); font-weight: 600; margin-top: 3mm; }
.cover-rule { width: 22mm; height: 1.1mm; margin: 7mm 0 5mm; }
.cover-subtitle { font-size: calc(var(--fit, 1) * 12pt); line-height: 1.35; }
.cover-subtitle-1 { margin-top: 2mm; font-size: calc(var(--fit, 1) * 10pt); }
.cover-bottom { position: relative; }
.cover-issuer { padding: 5mm 17mm 14mm; font-size: 9pt; font-weight: 600; line-height: 1.35; display: flex; flex-direction: column; gap: 0.8mm; }
.cover-year { font-weight: 400; opacity: 0.85; }
.brocade { display: block; }

/* Contents. */
.toc { break-after: page; }
.toc-title { font-size: 18pt; margin-bottom: 8mm !important; }
.toc-list { list-style: none; margin: 0; padding: 0; height: 150mm; overflow: hidden; font-size: calc(var(--fit, 1) * 10.5pt); }
.toc-list li { margin-bottom: 3.4mm; break-inside: avoid; }
.toc-list a { display: flex; align-items: baseline; gap: 2mm; }
.toc-text { display: flex; flex-direction: column; }
.toc-t-1 { font-size: 0.86em; color: ${t.muted}; }
.toc-leader { flex: 1; border-bottom: 0.8pt dotted ${t.rule}; transform: translateY(-1mm); min-width: 6mm; }
.toc-page { font-weight: 700; font-variant-numeric: tabular-nums; min-width: 6mm; text-align: right; color: ${t.primary}; }

/* Sections. */
.sec-head { display: flex; align-items: flex-start; gap: 3.5mm; margin-bottom: 3mm; break-after: avoid; }
.sec-head h1 { display: flex; flex-direction: column; }
.h-text-1 { font-size: 0.72em; font-weight: 600; margin-top: 1mm; opacity: 0.85; }
.sec-kicker { display: block; font-family: ${t.sans}; font-size: 6.8pt; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; color: ${t.accent}; margin-bottom: 1mm; }
.cite { font-size: 7.6pt; line-height: 1.4; color: ${t.muted}; margin: 0 0 4.5mm; padding: 1.8mm 2.6mm; border-left: 0.9mm solid ${t.accent}; background: ${t.accentSoft}; break-inside: avoid; break-after: avoid; }
.cite-label { font-weight: 700; color: ${t.primaryDeep}; margin-right: 1.4mm; }
.cite-item { display: block; }
.cite-label + .cite-item { display: inline; }
.booklet h2 { font-size: 10.5pt; color: ${t.primaryDeep}; margin: 4mm 0 2mm; }

/* Key messages: set apart. */
.key-list { list-style: none; padding: 0; margin: 0 0 4mm; }
.key-list li { display: flex; gap: 3.5mm; align-items: flex-start; padding: 3.4mm 3.6mm; margin-bottom: 2.6mm; border-radius: 2mm; break-inside: avoid; }
.key-num { flex: none; width: 8mm; height: 8mm; border-radius: 50%; display: flex; align-items: center; justify-content: center; font-weight: 800; font-size: 11pt; }
.key-text { margin: 0; font-weight: 600; font-size: 10.4pt; line-height: 1.42; flex: 1; }
.bilingual .key-text { font-size: 9.2pt; }

/* Lists. */
.bullets, .steps { list-style: none; padding: 0; margin: 0 0 3mm; }
.bullets li, .steps li { display: flex; gap: 2.6mm; align-items: flex-start; margin-bottom: 1.8mm; break-inside: avoid; }
.bullets li.depth-1 { margin-left: 5mm; }
.bullet { flex: none; width: 1.7mm; height: 1.7mm; margin-top: 1.9mm; transform: rotate(45deg); background: ${t.accent}; }
.item-text { flex: 1; }
.steps li { padding: 2.4mm 0; margin: 0; border-bottom: 0.4pt solid ${alpha(t.primary, 0.18)}; }
.steps li:last-child { border-bottom: none; }
.step-num { flex: none; width: 6.4mm; height: 6.4mm; border-radius: 50%; background: ${t.primary}; color: #fff; font-weight: 700; font-size: 8.6pt; display: flex; align-items: center; justify-content: center; }

/* Questions and answers. */
.qa { break-inside: avoid; margin-bottom: 4mm; }
.qa-q, .qa-a { display: flex; gap: 2.8mm; align-items: flex-start; }
.qa-q { font-weight: 700; color: ${t.primaryDeep}; margin-bottom: 1.6mm; }
.qa-badge { flex: none; min-width: 6.6mm; height: 6.6mm; padding: 0 1mm; border-radius: 1.4mm; display: flex; align-items: center; justify-content: center; font-size: 7.6pt; font-weight: 800; }
.qa-q .qa-badge { background: ${t.primary}; color: #fff; }
.qa-a .qa-badge { background: ${t.accent}; color: ${t.primaryDeep}; }
.qa-text { flex: 1; margin: 0; }

/* The situation, set as a little play. */
.cast { margin-bottom: 4mm; padding: 3mm 3.4mm; background: ${t.primarySoft}; border-radius: 2mm; break-inside: avoid; }
.cast-label { font-size: 6.8pt; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; color: ${t.primary}; margin-bottom: 1.4mm; }
.cast-row { display: flex; gap: 2mm; font-size: 8.6pt; margin-bottom: 0.8mm; }
.cast-row .speaker { min-width: 17mm; }
.cast-desc { flex: 1; margin: 0; }
.scene { margin-bottom: 4mm; }
.scene-title { display: flex; flex-direction: column; font-size: 10.5pt !important; }
.scene-num { font-size: 6.8pt; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; color: ${t.accent}; }
.scene-setting { font-style: italic; color: ${t.muted}; font-size: 8.6pt; }
.line { display: flex; gap: 2.6mm; margin-bottom: 1.6mm; break-inside: avoid; }
.line .speaker { flex: none; width: 19mm; font-weight: 700; color: ${t.primary}; font-size: 8.6pt; padding-top: 0.3mm; }
.line-text { flex: 1; margin: 0; }
.line.narrator .line-text { font-style: italic; color: ${t.muted}; }

/* Legal basis. */
.legal { break-before: page; }
.legal-intro { color: ${t.muted}; font-size: 8.6pt; }
.doc { padding: 3.2mm 0; border-top: 0.5pt solid ${t.rule}; break-inside: avoid; }
.doc-title { font-weight: 700; font-size: 10.4pt; color: ${t.primaryDeep}; margin: 0 0 1mm; }
.doc-meta { display: flex; flex-wrap: wrap; gap: 1mm 5mm; font-size: 8pt; color: ${t.muted}; margin-bottom: 1.6mm; }
.doc-meta b { color: ${t.ink}; }
.doc-articles { display: flex; flex-wrap: wrap; gap: 1.2mm; }
.chip { font-size: 7.6pt; padding: 0.5mm 2mm; border-radius: 3mm; background: ${t.primarySoft}; color: ${t.primaryDeep}; border: 0.4pt solid ${alpha(t.primary, 0.25)}; }

/* Back cover. */
.back-body { flex: 1; display: flex; flex-direction: column; justify-content: center; gap: 9mm; padding: 14mm 17mm; overflow: hidden; font-size: calc(var(--fit, 1) * 9pt); }
.back-label { font-size: 6.6pt; font-weight: 700; letter-spacing: 0.14em; text-transform: uppercase; margin-bottom: 1.6mm; }
.hotline-text { font-size: calc(var(--fit, 1) * 17pt); font-weight: 800; line-height: 1.2; }
.hotline-text-1 { font-size: calc(var(--fit, 1) * 12pt); font-weight: 600; margin-top: 1.5mm; }
.back-qr { display: flex; gap: 5mm; align-items: center; }
.qr-box { flex: none; background: #fff; padding: 1.6mm; border-radius: 2mm; line-height: 0; }
.portal { font-size: calc(var(--fit, 1) * 8pt); word-break: break-all; }
.issuer-text { font-weight: 700; font-size: calc(var(--fit, 1) * 10.5pt); }
.edition { margin-top: 2mm; opacity: 0.85; }
`;
}

function classic(t: Theme): string {
  return `
@page { @bottom-center { content: counter(page); font-family: ${t.serif}; font-size: 8.6pt; color: ${t.primary}; } }
.style-classic .cover, .style-classic .back { background: ${t.primary}; color: #fff; }
.style-classic .cover { background: radial-gradient(circle at 85% 18%, ${alpha('#ffffff', 0.09)} 0, ${alpha('#ffffff', 0)} 46%), ${t.primary}; }
.style-classic .cover-frame { position: absolute; inset: 7mm; border: 0.5mm solid ${t.accent}; outline: 0.25mm solid ${alpha(t.accent, 0.6)}; outline-offset: -1.6mm; pointer-events: none; }
.style-classic .masthead { color: ${t.accentSoft}; }
.style-classic .cover-title { font-family: ${t.serif}; font-weight: 700; }
.style-classic .cover-rule { background: ${t.accent}; }
.style-classic .cover-subtitle { font-family: ${t.serif}; font-style: italic; color: ${t.accentSoft}; }
.style-classic .cover-bottom { background: ${t.primaryDeep}; }
.style-classic .cover-issuer { color: ${t.accentSoft}; }
.style-classic .toc-title, .style-classic .sec-head h1 { font-family: ${t.serif}; color: ${t.primaryDeep}; }
.style-classic .sec { break-before: page; }
.style-classic .sec:first-child { break-before: auto; }
.style-classic .sec-head { flex-direction: column; gap: 1mm; padding-bottom: 3mm; border-bottom: 0.6pt solid ${t.rule}; margin-bottom: 4mm; }
.style-classic .sec-num { font-family: ${t.serif}; font-size: 24pt; line-height: 1; color: ${t.accent}; font-weight: 700; }
.style-classic .sec-head h1 { font-size: 16pt; line-height: 1.22; }
.style-classic .key-list li { background: ${t.primarySoft}; border-left: 1.2mm solid ${t.primary}; border-radius: 0 2mm 2mm 0; }
.style-classic .key-num { background: ${t.primary}; color: #fff; font-family: ${t.serif}; }
.style-classic .key-text { color: ${t.primaryDeep}; }
.style-classic .back-label { color: ${t.accent}; }
.style-classic .back-body { color: #fff; }
.style-classic .hotline-text { color: ${t.accentSoft}; }
.style-classic .issuer-text, .style-classic .hotline-text { font-family: ${t.serif}; }
`;
}

function modern(t: Theme): string {
  return `
@page :right { @bottom-right { content: counter(page); font-family: ${t.sans}; font-weight: 700; font-size: 8pt; color: #fff; background: ${t.primary}; width: 9mm; height: 6mm; margin-bottom: 7mm; border-radius: 1.5mm; text-align: center; vertical-align: middle; } }
@page :left { @bottom-left { content: counter(page); font-family: ${t.sans}; font-weight: 700; font-size: 8pt; color: #fff; background: ${t.primary}; width: 9mm; height: 6mm; margin-bottom: 7mm; border-radius: 1.5mm; text-align: center; vertical-align: middle; } }
.style-modern .cover { background: ${t.paper}; color: ${t.ink}; }
.style-modern .cover::before { content: ''; position: absolute; left: 0; top: 0; width: 100%; height: 68%; background: linear-gradient(160deg, ${t.primary} 0%, ${t.primaryDeep} 100%); clip-path: polygon(0 0, 100% 0, 100% 86%, 0 100%); }
.style-modern .cover-top, .style-modern .cover-body { color: #fff; }
.style-modern .cover-body { justify-content: flex-start; padding-top: 16mm; flex: none; height: 104mm; }
.style-modern .masthead { color: #fff; }
.style-modern .cover-rule { background: ${t.accent}; height: 1.6mm; width: 16mm; border-radius: 1mm; }
.style-modern .cover-subtitle { color: ${alpha('#ffffff', 0.9)}; font-weight: 500; }
.style-modern .cover-bottom { margin-top: auto; }
.style-modern .cover-issuer { color: ${t.primaryDeep}; padding-top: 0; padding-bottom: 6mm; }
.style-modern .cover-year { color: ${t.muted}; }
.style-modern .cover .brocade { margin-bottom: 0; }
.style-modern .cover-frame { display: none; }
.style-modern .toc-title, .style-modern .sec-head h1 { font-weight: 800; color: ${t.primaryDeep}; }
.style-modern .sec { margin-bottom: 7mm; }
.style-modern .sec-situation { break-before: page; }
.style-modern .sec-num { flex: none; min-width: 9.5mm; height: 9.5mm; border-radius: 2.2mm; background: ${t.accent}; color: ${t.primaryDeep}; font-weight: 800; font-size: 11pt; display: flex; align-items: center; justify-content: center; }
.style-modern .sec-head h1 { font-size: 14.5pt; line-height: 1.22; padding-top: 0.6mm; }
.style-modern .key-list { display: grid; gap: 2.6mm; }
.style-modern .key-list li { margin: 0; background: ${t.primary}; color: #fff; border-radius: 2.6mm; }
.style-modern .key-num { background: ${t.accent}; color: ${t.primaryDeep}; }
.style-modern .key-list .bi > .bi-1 { border-left-color: ${alpha('#ffffff', 0.4)}; }
.style-modern .qa { background: ${t.primarySoft}; border-radius: 2.4mm; padding: 3mm 3.2mm; }
.style-modern .back { background: ${t.primaryDeep}; color: #fff; }
.style-modern .back-label { color: ${t.accent}; }
.style-modern .hotline-text { color: #fff; }
`;
}
