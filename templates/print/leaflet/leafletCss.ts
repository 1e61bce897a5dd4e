/**
 * The leaflet's two looks: "classic" (deep brand-coloured cover and back,
 * serif titles) and "modern" (light sheet, bold colour blocks, sans titles).
 * Sizes are millimetres of the A4 sheet; type sizes scale with --fit.
 */
import { alpha, type Theme } from '../theme.js';
import { blockCss } from '../common.js';

export const LEAFLET_STYLES = ['classic', 'modern'] as const;
export type LeafletStyle = (typeof LEAFLET_STYLES)[number];

/** Panel widths in mm, left to right, on each side of the sheet. */
export const LEAFLET_PANELS = { outside: [97, 100, 100], inside: [100, 100, 97] } as const;
export const LEAFLET_SHEET = { widthMm: 297, heightMm: 210 };
/** Screen pages: every panel as a 100 × 210 mm page. */
export const LEAFLET_SCREEN_PAGE = { widthMm: 100, heightMm: 210 };

/** Inside columns: padding and gap chosen so each column sits inside its panel, clear of the folds. */
const INSIDE = { top: 11, bottom: 11, left: 9, right: 8, gap: 19 };
const INSIDE_COLUMN_MM = (LEAFLET_SHEET.widthMm - INSIDE.left - INSIDE.right - 2 * INSIDE.gap) / 3;

export function leafletCss(t: Theme, style: LeafletStyle, variant: 'print' | 'screen'): string {
  return base(t) + blockCss(t) + (variant === 'print' ? printLayout(t) : screenLayout()) + (style === 'classic' ? classic(t) : modern(t));
}

function base(t: Theme): string {
  return `
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
* { box-sizing: border-box; }
body { margin: 0; font-synthesis: none; }
.leaflet { font-family: ${t.sans}; color: ${t.ink}; line-height: 1.42; }
.leaflet a { color: inherit; text-decoration: none; }
.panel { position: relative; height: ${LEAFLET_SHEET.heightMm}mm; overflow: hidden; }
.front-box, .flap-box, .back-box { position: absolute; inset: 0; overflow: hidden; display: flex; flex-direction: column; }

/* Front cover. */
.front-top { display: flex; align-items: center; gap: 3mm; padding: 12mm 10mm 0; }
.front-masthead { font-size: 6.6pt; line-height: 1.35; }
.brand-name { font-weight: 700; }
.kicker { text-transform: uppercase; letter-spacing: 0.12em; font-size: 5.8pt; margin-top: 0.8mm; }
.front-main { flex: 1; display: flex; flex-direction: column; justify-content: center; padding: 4mm 10mm; }
.front-title { font-size: calc(var(--fit, 1) * 25pt); line-height: 1.15; font-weight: 800; }
.front-rule { width: 18mm; height: 1.1mm; margin: 6mm 0 4mm; }
.front-subtitle { font-size: calc(var(--fit, 1) * 11pt); line-height: 1.35; }
.front-issuer { padding: 4mm 10mm 10mm; font-size: calc(var(--fit, 1) * 8.6pt); font-weight: 600; }
.front-issuer .year { font-weight: 400; opacity: 0.85; }
.brocade { display: block; }

/* Inner flap: key messages. */
.flap-box { padding: 13mm 9mm 11mm 10mm; justify-content: center; }
.flap-title { font-size: calc(var(--fit, 1) * 15pt); margin: 0 0 5mm; line-height: 1.2; }
.key-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: calc(var(--fit, 1) * 4mm); }
.key-list li { display: flex; gap: 3mm; align-items: flex-start; }
.key-num { flex: none; width: calc(var(--fit, 1) * 9mm); height: calc(var(--fit, 1) * 9mm); border-radius: 50%; display: flex; align-items: center; justify-content: center; font-weight: 800; font-size: calc(var(--fit, 1) * 12pt); }
.key-text { flex: 1; font-size: calc(var(--fit, 1) * 10.6pt); font-weight: 600; line-height: 1.38; }

/* Inside: explanations and Q&A, flowing through three columns. */
.inside-flow { font-size: calc(var(--fit, 1) * 9pt); }
.inside-flow p { margin: 0 0 0.55em; orphans: 2; widows: 2; }
.sec { margin-bottom: 1.1em; }
.sec-title { font-size: 1.4em; line-height: 1.2; margin: 0 0 0.45em; break-after: avoid; }
.inside-flow h3 { font-size: 1.08em; margin: 0.6em 0 0.3em; break-after: avoid; }
.cite { font-size: 0.8em; line-height: 1.35; color: ${t.muted}; margin: 0 0 0.7em; padding: 0.35em 0.6em; border-left: 0.8mm solid ${t.accent}; background: ${t.accentSoft}; break-inside: avoid; break-after: avoid; }
.cite-label { font-weight: 700; color: ${t.primaryDeep}; margin-right: 0.3em; }
.cite-item { display: block; }
.cite-label + .cite-item { display: inline; }
.bullets, .steps { list-style: none; margin: 0 0 0.7em; padding: 0; }
.bullets li, .steps li { display: flex; gap: 0.55em; align-items: flex-start; margin-bottom: 0.35em; break-inside: avoid; }
.bullet { flex: none; width: 0.42em; height: 0.42em; margin-top: 0.5em; transform: rotate(45deg); background: ${t.accent}; }
.item-text { flex: 1; }
.step-num { flex: none; width: 1.6em; height: 1.6em; border-radius: 50%; background: ${t.primary}; color: #fff; font-weight: 700; font-size: 0.9em; display: flex; align-items: center; justify-content: center; }
.qa { break-inside: avoid; margin-bottom: 0.8em; }
.qa-q, .qa-a { display: flex; gap: 0.5em; align-items: flex-start; }
.qa-q { font-weight: 700; color: ${t.primaryDeep}; margin-bottom: 0.3em; }
.qa-badge { flex: none; min-width: 1.75em; height: 1.6em; padding: 0 0.25em; border-radius: 0.35em; display: flex; align-items: center; justify-content: center; font-size: 0.8em; font-weight: 800; }
.qa-q .qa-badge { background: ${t.primary}; color: #fff; }
.qa-a .qa-badge { background: ${t.accent}; color: ${t.primaryDeep}; }
.qa-text { flex: 1; }

/* Back: help, QR, legal basis, issuer. */
.back-box { padding: 12mm 10mm 10mm; gap: calc(var(--fit, 1) * 5mm); font-size: calc(var(--fit, 1) * 8pt); }
.label { font-size: 0.78em; font-weight: 700; letter-spacing: 0.13em; text-transform: uppercase; margin-bottom: 0.5em; }
.hotline-text { font-size: 1.9em; font-weight: 800; line-height: 1.18; }
.qr-row { display: flex; gap: 4mm; align-items: center; }
.qr-box { flex: none; background: #fff; padding: 1.4mm; border-radius: 1.8mm; line-height: 0; }
.portal { word-break: break-all; font-size: 0.95em; }
.doc { margin-bottom: 0.7em; }
.doc-title { font-weight: 700; }
.doc-meta, .doc-articles { font-size: 0.92em; opacity: 0.9; }
.issuer { margin-top: auto; }
.issuer-text { font-weight: 700; font-size: 1.15em; }
.edition { opacity: 0.85; margin-top: 0.4em; }
`;
}

function printLayout(t: Theme): string {
  const [flap, back, front] = LEAFLET_PANELS.outside;
  return `
@page { size: ${LEAFLET_SHEET.widthMm}mm ${LEAFLET_SHEET.heightMm}mm; margin: 0; }
.sheet { position: relative; width: ${LEAFLET_SHEET.widthMm}mm; height: ${LEAFLET_SHEET.heightMm}mm; overflow: hidden; break-after: page; }
.sheet:last-child { break-after: auto; }
.outside { display: grid; grid-template-columns: ${flap}mm ${back}mm ${front}mm; }
.inside-flow { position: absolute; inset: 0; padding: ${INSIDE.top}mm ${INSIDE.right}mm ${INSIDE.bottom}mm ${INSIDE.left}mm; column-count: 3; column-gap: ${INSIDE.gap}mm; column-fill: auto; overflow: hidden; }
.fold-marks .tick { position: absolute; width: 0; height: 3.5mm; border-left: 0.3pt solid ${alpha(t.ink, 0.45)}; }
.fold-marks .top { top: 0; }
.fold-marks .bottom { bottom: 0; }
.outside .fold-marks .t1 { left: ${flap}mm; }
.outside .fold-marks .t2 { left: ${flap + back}mm; }
.inside .fold-marks .t1 { left: ${LEAFLET_PANELS.inside[0]}mm; }
.inside .fold-marks .t2 { left: ${LEAFLET_PANELS.inside[0] + LEAFLET_PANELS.inside[1]}mm; }
`;
}

function screenLayout(): string {
  const { widthMm, heightMm } = LEAFLET_SCREEN_PAGE;
  // The inside runs over pages as wide as a print column, so it breaks where the columns do.
  const side = (widthMm - INSIDE_COLUMN_MM) / 2;
  return `
@page { size: ${widthMm}mm ${heightMm}mm; margin: 0; }
@page inside { margin: ${INSIDE.top}mm ${side}mm ${INSIDE.bottom}mm ${side}mm; }
.panel { width: ${widthMm}mm; break-after: page; }
.inside-flow { page: inside; break-after: page; }
`;
}

function classic(t: Theme): string {
  return `
.style-classic .front, .style-classic .back { background: ${t.primary}; color: #fff; }
.style-classic .front { background: radial-gradient(circle at 80% 15%, ${alpha('#ffffff', 0.1)} 0, ${alpha('#ffffff', 0)} 50%), ${t.primary}; }
.style-classic .front-box::before { content: ''; position: absolute; inset: 5mm; border: 0.45mm solid ${t.accent}; pointer-events: none; }
.style-classic .front-masthead, .style-classic .front-issuer { color: ${t.accentSoft}; }
.style-classic .front-title, .style-classic .flap-title, .style-classic .sec-title { font-family: ${t.serif}; font-weight: 700; }
.style-classic .front-rule { background: ${t.accent}; }
.style-classic .front-subtitle { font-family: ${t.serif}; font-style: italic; color: ${t.accentSoft}; }
.style-classic .front-bottom { background: ${t.primaryDeep}; }
.style-classic .flap { background: ${t.primarySoft}; }
.style-classic .flap-title, .style-classic .sec-title { color: ${t.primaryDeep}; }
.style-classic .key-num { background: ${t.primary}; color: #fff; font-family: ${t.serif}; }
.style-classic .key-text { color: ${t.primaryDeep}; }
.style-classic .back .label { color: ${t.accent}; }
.style-classic .hotline-text { color: ${t.accentSoft}; font-family: ${t.serif}; }
.style-classic .inside, .style-classic .inside-flow { background: ${t.paper}; }
.style-classic .sec-title { border-bottom: 0.5pt solid ${t.rule}; padding-bottom: 0.25em; }
`;
}

function modern(t: Theme): string {
  return `
.style-modern .front { background: ${t.paper}; color: ${t.ink}; }
.style-modern .front-box::before { content: ''; position: absolute; left: 0; top: 0; width: 100%; height: 72%; background: linear-gradient(160deg, ${t.primary}, ${t.primaryDeep}); clip-path: polygon(0 0, 100% 0, 100% 84%, 0 100%); }
.style-modern .front-top, .style-modern .front-main { position: relative; color: #fff; }
.style-modern .front-main { flex: none; height: 118mm; justify-content: flex-start; padding-top: 14mm; }
.style-modern .front-bottom { margin-top: auto; position: relative; }
.style-modern .front-issuer { color: ${t.primaryDeep}; }
.style-modern .front-rule { background: ${t.accent}; border-radius: 1mm; height: 1.5mm; }
.style-modern .front-subtitle { color: ${alpha('#ffffff', 0.92)}; font-weight: 500; }
.style-modern .flap { background: ${t.primary}; color: #fff; }
.style-modern .flap-title { color: ${t.accent}; font-weight: 800; }
.style-modern .key-num { background: ${t.accent}; color: ${t.primaryDeep}; }
.style-modern .sec-title { color: ${t.primaryDeep}; font-weight: 800; }
.style-modern .sec-title::before { content: ''; display: block; width: 10mm; height: 1.2mm; border-radius: 0.6mm; background: ${t.accent}; margin-bottom: 0.35em; }
.style-modern .qa { background: ${t.primarySoft}; border-radius: 1.6mm; padding: 0.6em 0.7em; }
.style-modern .back { background: ${t.primaryDeep}; color: #fff; }
.style-modern .back .label { color: ${t.accent}; }
`;
}
