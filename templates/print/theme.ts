/**
 * Colours and type for the print templates, derived from a project's brand
 * kit (primary and accent colour). Pure functions: the UI preview and the
 * engine build the same theme from the same settings.
 */

export interface Theme {
  primary: string;
  /** Darker primary for text on light paper and deep backgrounds. */
  primaryDeep: string;
  /** Very light primary tint for panels. */
  primarySoft: string;
  accent: string;
  accentSoft: string;
  /** Body text. */
  ink: string;
  /** Secondary text: citations, captions. */
  muted: string;
  paper: string;
  rule: string;
  /** CSS font-family stacks (built by the engine from its font chain). */
  sans: string;
  serif: string;
}

export interface ThemeInput {
  primaryColor: string;
  accentColor: string;
  fonts: { sans: string; serif: string };
}

export function makeTheme({ primaryColor, accentColor, fonts }: ThemeInput): Theme {
  return {
    primary: primaryColor,
    primaryDeep: mix(primaryColor, '#000000', 0.35),
    primarySoft: mix(primaryColor, '#ffffff', 0.92),
    accent: accentColor,
    accentSoft: mix(accentColor, '#ffffff', 0.82),
    ink: '#221c1a',
    muted: '#6a605b',
    paper: '#fffdf9',
    rule: mix(accentColor, '#ffffff', 0.45),
    sans: fonts.sans,
    serif: fonts.serif,
  };
}

/** Mixes two #rrggbb colours; `amount` is the share of `b`. */
export function mix(a: string, b: string, amount: number): string {
  const pa = parseHex(a);
  const pb = parseHex(b);
  const out = pa.map((v, i) => Math.round(v * (1 - amount) + (pb[i] ?? 0) * amount));
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** A colour with alpha, for overlays and patterns. */
export function alpha(hex: string, a: number): string {
  const [r, g, b] = parseHex(hex);
  return `rgba(${r}, ${g}, ${b}, ${a})`;
}
