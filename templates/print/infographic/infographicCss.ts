/**
 * Infographic looks and sizes. Lengths are written for a 1080 px wide
 * canvas and multiplied by --u (canvas width / 1080), so one design serves
 * the feed, square and story images and the A3 poster.
 * "classic": deep brand colour ground, gold numbers, serif title.
 * "modern": light ground, colour cards, bold sans.
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
  return `
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
* { box-sizing: border-box; }
body { margin: 0; font-synthesis: none; }
.ig { position: relative; overflow: hidden; display: flex; flex-direction: column; font-family: ${t.sans}; color: ${t.ink}; line-height: 1.3; padding: ${u(tall ? 110 : 64)} ${u(64)} 0; }
.ig-head { display: flex; align-items: center; gap: ${u(22)}; flex: none; }
.ig-masthead { min-width: 0; }
.ig-issuer { font-size: ${u(27)}; font-weight: 700; }
.ig-kicker { font-size: ${u(19)}; letter-spacing: 0.12em; text-transform: uppercase; margin-top: ${u(6)}; font-weight: 600; }
.ig-title-box { flex: none; height: ${u(square ? 170 : tall ? 330 : 230)}; display: flex; align-items: center; overflow: hidden; margin: ${u(tall ? 40 : 22)} 0 ${u(tall ? 34 : 18)}; }
.ig-title { font-size: ${f(square ? 62 : 74)}; line-height: 1.12; font-weight: 800; }
.ig-body { flex: 1; min-height: 0; display: flex; flex-direction: ${square ? 'row' : 'column'}; gap: ${u(square ? 24 : tall ? 34 : 24)}; }
.ig-messages, .ig-steps { flex: 1 1 0; min-height: 0; min-width: 0; overflow: hidden; border-radius: ${u(26)}; padding: ${u(30)} ${u(34)}; }
.ig-messages { flex-grow: 1.15; }
.ig-box-title { font-size: ${f(30)}; font-weight: 800; margin-bottom: ${f(18)}; }
.ig-key-list, .ig-step-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: ${f(18)}; }
.ig-key-list li, .ig-step-list li { display: flex; gap: ${f(20)}; align-items: flex-start; }
.ig-key-num { flex: none; width: ${f(62)}; height: ${f(62)}; border-radius: 50%; display: flex; align-items: center; justify-content: center; font-size: ${f(36)}; font-weight: 800; }
.ig-key-text { font-size: ${f(36)}; font-weight: 700; line-height: 1.26; padding-top: ${f(6)}; min-width: 0; }
.ig-step-num { flex: none; width: ${f(46)}; height: ${f(46)}; border-radius: ${f(12)}; display: flex; align-items: center; justify-content: center; font-size: ${f(26)}; font-weight: 800; }
.ig-step-text { font-size: ${f(27)}; line-height: 1.3; padding-top: ${f(5)}; min-width: 0; }
.ig-foot { flex: none; height: ${u(tall ? 320 : 220)}; display: flex; align-items: center; gap: ${u(34)}; overflow: hidden; margin-top: ${u(24)}; padding-bottom: ${u(tall ? 90 : 0)}; }
.ig-help { flex: 1; min-width: 0; }
.ig-label { font-size: ${f(21)}; letter-spacing: 0.13em; text-transform: uppercase; font-weight: 700; margin-bottom: ${f(8)}; }
.ig-hotline { font-size: ${f(40)}; font-weight: 800; line-height: 1.15; }
.ig-qr { flex: none; display: flex; align-items: center; gap: ${u(18)}; }
.ig-qr-box { background: #fff; padding: ${u(10)}; border-radius: ${u(16)}; line-height: 0; }
.ig-qr-caption { width: ${u(190)}; font-size: ${f(19)}; font-weight: 600; line-height: 1.3; }
.ig-url { font-size: ${f(15)}; font-weight: 400; word-break: break-all; margin-top: ${f(6)}; opacity: 0.85; }
.ig .brocade { flex: none; margin: ${u(22)} ${u(-64)} 0; width: calc(100% + ${u(128)}); }
`;
}

function classic(t: Theme): string {
  return `
.style-classic { background: radial-gradient(circle at 88% 8%, ${alpha('#ffffff', 0.1)} 0, ${alpha('#ffffff', 0)} 40%), ${t.primary}; color: #fff; }
.style-classic .ig-kicker { color: ${t.accent}; }
.style-classic .ig-title { font-family: ${t.serif}; font-weight: 700; }
.style-classic .ig-messages { background: ${alpha('#000000', 0.16)}; border: ${u(2)} solid ${alpha(t.accent, 0.55)}; }
.style-classic .ig-box-title { color: ${t.accent}; }
.style-classic .ig-key-num { background: ${t.accent}; color: ${t.primaryDeep}; font-family: ${t.serif}; }
.style-classic .ig-steps { background: ${t.paper}; color: ${t.ink}; }
.style-classic .ig-steps .ig-box-title { color: ${t.primaryDeep}; }
.style-classic .ig-step-num { background: ${t.primary}; color: #fff; }
.style-classic .ig-label { color: ${t.accent}; }
.style-classic .ig-hotline { font-family: ${t.serif}; }
`;
}

function modern(t: Theme): string {
  return `
.style-modern { background: ${t.paper}; }
.style-modern::before { content: ''; position: absolute; left: 0; top: 0; right: 0; height: 34%; background: linear-gradient(150deg, ${t.primary}, ${t.primaryDeep}); clip-path: polygon(0 0, 100% 0, 100% 78%, 0 100%); }
.style-modern > * { position: relative; }
.style-modern .ig-head, .style-modern .ig-title { color: #fff; }
.style-modern .ig-kicker { color: ${t.accent}; }
.style-modern .ig-messages { background: ${t.primary}; color: #fff; box-shadow: 0 ${u(10)} ${u(30)} ${alpha(t.primaryDeep, 0.25)}; }
.style-modern .ig-box-title { color: ${t.accent}; }
.style-modern .ig-key-num { background: ${t.accent}; color: ${t.primaryDeep}; }
.style-modern .ig-steps { background: #fff; border: ${u(3)} solid ${t.primarySoft}; }
.style-modern .ig-steps .ig-box-title { color: ${t.primaryDeep}; }
.style-modern .ig-step-num { background: ${t.accentSoft}; color: ${t.primaryDeep}; }
.style-modern .ig-foot { color: ${t.primaryDeep}; }
.style-modern .ig-label { color: ${t.primary}; }
.style-modern .ig-qr-box { border: ${u(3)} solid ${t.primarySoft}; }
`;
}
