/**
 * Infographic looks and sizes. Lengths are written for a 1080 px wide
 * canvas and multiplied by --u (canvas width / 1080), so one design serves
 * the feed, square and story images and the A3 poster.
 * "classic": deep brand colour ground, gold figures, serif title, light cards.
 * "modern": light ground, a colour band behind the title, colour cards.
 * Titles and messages wrap balanced (text-wrap: balance), so no line ends
 * with one lonely word.
 */
import { alpha, type Theme } from '../theme.js';

export const INFOGRAPHIC_STYLES = ['classic', 'modern'] as const;
export type InfographicStyle = (typeof INFOGRAPHIC_STYLES)[number];

export const INFOGRAPHIC_SIZES = {
  /** Facebook/Zalo feed, portrait 4:5. */
  feed: { widthPx: 1080, heightPx: 1350, kind: 'png' },
  square: { widthPx: 1080, heightPx: 1080, kind: 'png' },
  /** Stories, 9:16. */
  story: { widthPx: 1080, heightPx: 1920, kind: 'png' },
  /** A3 portrait at 96 px per inch, printed to PDF. */
  poster: { widthPx: 1123, heightPx: 1587, kind: 'pdf' },
} as const;
export type InfographicSize = keyof typeof INFOGRAPHIC_SIZES;

/** px scaled to the canvas. */
const u = (px: number) => `calc(var(--u) * ${px}px)`;
/** px scaled to the canvas and to the box's fit. */
const f = (px: number) => `calc(var(--fit, 1) * var(--u) * ${px}px)`;

export function infographicCss(t: Theme, style: InfographicStyle, size: InfographicSize): string {
  const { widthPx, heightPx } = INFOGRAPHIC_SIZES[size];
  const page =
    size === 'poster'
      ? `@page { size: 297mm 420mm; margin: 0; } .ig { width: 297mm; height: 420mm; }`
      : `.ig { width: ${widthPx}px; height: ${heightPx}px; }`;
  return page + base(t, size) + (style === 'classic' ? classic(t) : modern(t));
}

function base(t: Theme, size: InfographicSize): string {
  const square = size === 'square';
  const tall = size === 'story';
  const pad = 60;
  return `
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
* { box-sizing: border-box; }
body { margin: 0; font-synthesis: none; }
p, h1, h2 { margin: 0; }
.ig { position: relative; overflow: hidden; display: flex; flex-direction: column; font-family: ${t.sans}; color: ${t.ink}; line-height: 1.28; padding: ${u(tall ? 96 : square ? 44 : 54)} ${u(pad)} 0; }
.ig-head { display: flex; align-items: center; gap: ${u(20)}; flex: none; }
.ig-masthead { min-width: 0; }
.ig-issuer { font-size: ${u(square ? 24 : 26)}; font-weight: 700; }
.ig-kicker { font-size: ${u(square ? 16 : 18)}; letter-spacing: 0.12em; text-transform: uppercase; margin-top: ${u(5)}; font-weight: 600; }
.ig-hero { flex: none; display: flex; align-items: flex-end; gap: ${u(16)}; height: ${u(square ? 210 : tall ? 360 : 270)}; margin: ${u(square ? 6 : tall ? 30 : 12)} 0 ${u(square ? 14 : 20)}; }
.ig-title-box { flex: 1; min-width: 0; height: 100%; display: flex; align-items: center; overflow: hidden; }
.ig-title { font-size: ${f(square ? 66 : tall ? 84 : 74)}; line-height: 1.1; font-weight: 800; text-wrap: balance; letter-spacing: -0.01em; }
.ig-cast { flex: none; height: 100%; width: ${u(square ? 280 : tall ? 380 : 300)}; overflow: visible; }
.ig:not(.has-cast) .ig-cast { display: none; }
.ig-messages { flex: 1.25 1 0; min-height: 0; overflow: hidden; display: flex; flex-direction: column; gap: ${f(18)}; }
.ig-feature { flex: none; display: flex; align-items: stretch; border-radius: ${u(28)}; overflow: hidden; }
.ig-figures { flex: none; display: flex; gap: ${f(8)}; padding: ${f(22)} ${f(28)}; align-items: center; }
.ig-figure { display: flex; flex-direction: column; align-items: center; padding: 0 ${f(10)}; }
.ig-figure + .ig-figure { border-left: ${u(3)} solid currentColor; border-left-color: inherit; }
.ig-figure-value { font-size: ${f(square ? 104 : 124)}; line-height: 0.95; font-weight: 800; letter-spacing: -0.03em; font-variant-numeric: lining-nums; }
.ig-figure-unit { font-size: ${f(30)}; font-weight: 700; text-transform: uppercase; letter-spacing: 0.08em; margin-top: ${f(4)}; }
.ig-feature-text { flex: 1; min-width: 0; display: flex; align-items: center; gap: ${f(16)}; padding: ${f(24)} ${f(30)} ${f(24)} ${f(26)}; }
.ig-msg-text { font-size: ${f(square ? 30 : 34)}; font-weight: 700; line-height: 1.24; text-wrap: balance; min-width: 0; }
.ig-num { flex: none; width: ${f(44)}; height: ${f(44)}; border-radius: 50%; display: flex; align-items: center; justify-content: center; font-size: ${f(24)}; font-weight: 800; }
.ig-cards { flex: 1 1 auto; min-height: 0; display: grid; gap: ${f(18)}; grid-template-columns: ${square ? 'repeat(auto-fit, minmax(0, 1fr))' : '1fr'}; align-content: start; }
.ig-card { display: flex; ${square ? 'flex-direction: column;' : ''} align-items: ${square ? 'flex-start' : 'center'}; gap: ${f(square ? 12 : 24)}; border-radius: ${u(24)}; padding: ${f(square ? 20 : 22)} ${f(28)}; }
.ig-card-icon { flex: none; position: relative; width: ${f(square ? 80 : 100)}; height: ${f(square ? 80 : 100)}; border-radius: 50%; display: flex; align-items: center; justify-content: center; }
.ig-icon { width: 62%; height: 62%; }
.ig-card-icon .ig-num { position: absolute; right: ${f(-8)}; top: ${f(-8)}; width: ${f(36)}; height: ${f(36)}; font-size: ${f(19)}; }
.ig-card .ig-msg-text { font-size: ${f(square ? 26 : 31)}; }
.ig-steps { flex: 1 1 0; min-height: 0; overflow: hidden; margin-top: ${u(22)}; border-radius: ${u(28)}; padding: ${f(26)} ${f(30)}; }
.ig-steps-title { font-size: ${f(30)}; font-weight: 800; margin-bottom: ${f(16)}; text-wrap: balance; }
.ig-step-grid { list-style: none; margin: 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: ${f(16)} ${f(22)}; }
.ig-step { display: flex; flex-direction: column; gap: ${f(10)}; min-width: 0; }
.ig-step-head { display: flex; align-items: center; gap: ${f(12)}; }
.ig-step-num { flex: none; width: ${f(44)}; height: ${f(44)}; border-radius: ${f(12)}; display: flex; align-items: center; justify-content: center; font-size: ${f(24)}; font-weight: 800; }
.ig-step-icon { width: ${f(50)}; height: ${f(50)}; flex: none; }
.ig-step-text { font-size: ${f(24)}; line-height: 1.3; }
.ig-cite { flex: none; max-height: ${u(square ? 62 : tall ? 120 : 84)}; overflow: hidden; margin-top: ${u(square ? 12 : 20)}; font-size: ${f(square ? 15 : 17)}; line-height: 1.35; }
.ig-cite-label { font-weight: 800; text-transform: uppercase; letter-spacing: 0.1em; margin-right: ${f(8)}; }
.ig-cite-item + .ig-cite-item::before { content: ' · '; }
.ig-foot { flex: none; height: ${u(square ? 150 : tall ? 260 : 170)}; display: flex; align-items: center; gap: ${u(28)}; overflow: hidden; margin-top: ${u(square ? 10 : 16)}; padding-bottom: ${u(tall ? 80 : 0)}; }
.ig-help { flex: 1; min-width: 0; }
.ig-label { font-size: ${f(19)}; letter-spacing: 0.13em; text-transform: uppercase; font-weight: 700; margin-bottom: ${f(6)}; }
.ig-hotline { font-size: ${f(square ? 34 : 38)}; font-weight: 800; line-height: 1.15; text-wrap: balance; }
.ig-qr { flex: none; display: flex; align-items: center; gap: ${u(16)}; }
.ig-qr-box { background: #fff; padding: ${u(8)}; border-radius: ${u(14)}; line-height: 0; }
.ig-qr-caption { width: ${u(180)}; font-size: ${f(18)}; font-weight: 600; line-height: 1.3; text-align: right; }
.ig-url { font-size: ${f(14)}; font-weight: 400; word-break: break-all; margin-top: ${f(6)}; opacity: 0.85; }
.ig .brocade { flex: none; margin: ${u(18)} ${u(-pad)} 0; width: calc(100% + ${u(pad * 2)}); }
`;
}

function classic(t: Theme): string {
  return `
.style-classic { background: radial-gradient(circle at 85% 12%, ${alpha('#ffffff', 0.13)} 0, ${alpha('#ffffff', 0)} 42%), linear-gradient(170deg, ${t.primary} 0%, ${t.primaryDeep} 100%); color: #fff; }
.style-classic .ig-kicker, .style-classic .ig-label, .style-classic .ig-cite-label { color: ${t.accent}; }
.style-classic .ig-title { font-family: ${t.serif}; font-weight: 700; }
.style-classic .ig-ground { fill: ${alpha('#000000', 0.22)}; }
.style-classic .ig-feature { background: ${t.paper}; color: ${t.ink}; box-shadow: 0 ${u(12)} ${u(34)} ${alpha('#000000', 0.28)}; }
.style-classic .ig-figures { background: ${t.accent}; color: ${t.primaryDeep}; border-color: ${alpha(t.primaryDeep, 0.3)}; }
.style-classic .ig-figure + .ig-figure { border-left-color: ${alpha(t.primaryDeep, 0.3)}; }
.style-classic .ig-figure-value { font-family: ${t.serif}; }
.style-classic .ig-num { background: ${t.primary}; color: #fff; }
.style-classic .ig-card { background: ${alpha('#000000', 0.2)}; border: ${u(2)} solid ${alpha(t.accent, 0.45)}; }
.style-classic .ig-card-icon { background: ${t.accent}; color: ${t.primaryDeep}; }
.style-classic .ig-card-icon .ig-num { background: #fff; color: ${t.primaryDeep}; }
.style-classic .ig-steps { background: ${t.paper}; color: ${t.ink}; }
.style-classic .ig-steps-title { color: ${t.primaryDeep}; }
.style-classic .ig-step-num { background: ${t.primary}; color: #fff; }
.style-classic .ig-step-icon { color: ${t.primary}; }
.style-classic .ig-cite { color: ${alpha('#ffffff', 0.88)}; }
.style-classic .ig-hotline { font-family: ${t.serif}; }
`;
}

function modern(t: Theme): string {
  return `
.style-modern { background: ${t.paper}; }
.style-modern::before { content: ''; position: absolute; left: 0; top: 0; right: 0; height: 36%; background: linear-gradient(150deg, ${t.primary}, ${t.primaryDeep}); clip-path: polygon(0 0, 100% 0, 100% 80%, 0 100%); }
.style-modern > * { position: relative; }
.style-modern .ig-head, .style-modern .ig-title { color: #fff; }
.style-modern .ig-kicker { color: ${t.accent}; }
.style-modern .ig-ground { fill: ${alpha('#000000', 0.2)}; }
.style-modern .ig-feature { background: #fff; box-shadow: 0 ${u(10)} ${u(30)} ${alpha(t.primaryDeep, 0.22)}; }
.style-modern .ig-figures { background: ${t.primary}; color: #fff; }
.style-modern .ig-figure + .ig-figure { border-left-color: ${alpha('#ffffff', 0.4)}; }
.style-modern .ig-num { background: ${t.accent}; color: ${t.primaryDeep}; }
.style-modern .ig-card { background: #fff; border: ${u(3)} solid ${t.primarySoft}; }
.style-modern .ig-card-icon { background: ${t.primarySoft}; color: ${t.primary}; }
.style-modern .ig-steps { background: ${t.primarySoft}; }
.style-modern .ig-steps-title { color: ${t.primaryDeep}; }
.style-modern .ig-step-num { background: ${t.primary}; color: #fff; }
.style-modern .ig-step-icon { color: ${t.primary}; }
.style-modern .ig-foot, .style-modern .ig-cite { color: ${t.primaryDeep}; }
.style-modern .ig-label, .style-modern .ig-cite-label { color: ${t.primary}; }
.style-modern .ig-qr-box { border: ${u(3)} solid ${t.primarySoft}; }
`;
}
