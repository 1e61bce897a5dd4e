/** The comic's styles: black-bordered panels with white gutters, round balloons, yellow caption boxes. */
export interface ComicTheme {
  primary: string;
  accent: string;
  /** CSS font stack for the edition's language. */
  font: string;
}

export function comicCss(theme: ComicTheme, page: { css: string } | null): string {
  return `
${page ? `@page { size: ${page.css}; margin: 0; }` : ''}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${theme.font}; color: #1b1b1b; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.comic-sheet { position: relative; overflow: hidden; background: #ffffff; break-after: page; display: flex; flex-direction: column; }
.comic-sheet:last-child { break-after: auto; }
.comic-row { display: flex; flex: 0 0 auto; }
.comic-panel { position: relative; overflow: hidden; border: 3px solid #1b1b1b; background: #f4ecd8; flex: 0 0 auto; }
.comic-panel > svg { position: absolute; left: 0; top: 0; }
.comic-zone { position: absolute; left: 0; top: 0; right: 0; overflow: hidden; display: flex; flex-direction: column; align-items: flex-start; gap: 0.55em; padding: 0.6em 0.7em; line-height: 1.28; }
.comic-kicker { background: ${theme.primary}; color: #ffffff; font-weight: 700; font-size: 0.82em; padding: 0.2em 0.6em; border: 2px solid #1b1b1b; transform: skew(-6deg); max-width: 100%; }
.comic-caption { background: #fff3b0; border: 2px solid #1b1b1b; padding: 0.35em 0.6em; font-style: italic; max-width: 92%; box-shadow: 0.18em 0.18em 0 rgba(0,0,0,0.35); }
.comic-balloon { position: relative; background: #ffffff; border: 2px solid #1b1b1b; border-radius: 1.4em; padding: 0.45em 0.85em 0.5em; max-width: 72%; box-shadow: 0.12em 0.16em 0 rgba(0,0,0,0.18); }
.comic-balloon[data-align="end"] { align-self: flex-end; }
.comic-balloon[data-align="center"] { align-self: center; }
.comic-name { display: block; font-size: 0.72em; font-weight: 700; color: ${theme.primary}; text-transform: uppercase; letter-spacing: 0.04em; line-height: 1.2; }
.comic-text { display: block; }
.comic-text + .comic-text { margin-top: 0.35em; }
.comic-tails { position: absolute; left: 0; top: 0; pointer-events: none; overflow: visible; }
.comic-box { position: relative; border: 3px solid #1b1b1b; background: #fffaf0; overflow: hidden; flex: 0 0 auto; }
.comic-title-text { position: absolute; left: 0; top: 0; bottom: 0; overflow: hidden; padding: 0.7em 0.9em; display: flex; flex-direction: column; justify-content: center; gap: 0.3em; }
.comic-kind { align-self: flex-start; background: ${theme.accent}; color: #1b1b1b; font-weight: 700; font-size: 0.8em; padding: 0.15em 0.6em; border: 2px solid #1b1b1b; text-transform: uppercase; letter-spacing: 0.06em; }
.comic-title { font-size: 2.1em; font-weight: 800; line-height: 1.1; color: ${theme.primary}; }
.comic-subtitle { font-size: 1em; font-weight: 600; }
.comic-issuer { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.05em; color: #555555; }
.comic-cast { position: absolute; top: 0; bottom: 0; right: 0; background: #f4ecd8; border-left: 3px solid #1b1b1b; }
.comic-cast-name { position: absolute; transform: translateX(-50%); background: #ffffff; border: 1.5px solid #1b1b1b; border-radius: 0.4em; padding: 0.05em 0.4em; font-size: 0.7em; font-weight: 700; white-space: nowrap; }
.comic-lesson { position: absolute; left: 0; right: 0; top: 0; bottom: 0; overflow: hidden; padding: 0.8em 1em; display: flex; flex-direction: column; gap: 0.45em; line-height: 1.3; border-left: 0.7em solid ${theme.primary}; }
.comic-lesson h2 { margin: 0; font-size: 1.35em; color: ${theme.primary}; }
.comic-lesson ol { margin: 0; padding-left: 1.3em; }
.comic-lesson li { margin: 0.15em 0; font-weight: 600; }
.comic-basis { font-size: 0.85em; }
.comic-basis b, .comic-hotline b { color: ${theme.primary}; }
.comic-hotline { font-size: 0.95em; font-weight: 700; }
.comic-slide-bar { display: flex; justify-content: space-between; align-items: center; font-weight: 700; color: #ffffff; background: ${theme.primary}; padding: 0 1em; }
`;
}
