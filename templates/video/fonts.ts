/**
 * The typefaces the videos use, bundled (never fetched): Be Vietnam Pro for
 * Vietnamese and Latin-script minority languages, Noto Sans Tai Viet for Tai
 * Dam. The engine measures caption lines with the same files
 * (engine/formats/video/textMeasure.ts), so a line that fits there fits here.
 */
import { useEffect, useState } from 'react';
import { continueRender, delayRender } from 'remotion';
import '@fontsource/be-vietnam-pro/400.css';
import '@fontsource/be-vietnam-pro/600.css';
import '@fontsource/be-vietnam-pro/700.css';
import '@fontsource/noto-sans-tai-viet/400.css';

export { CAPTION_WEIGHT, FONT_FAMILY } from './typography.js';

const SAMPLE = 'Aa Ăă Ââ Đđ Êê Ôô Ơơ Ưư ạảãáàậẩẫấầ';

/** Holds the render until the faces are loaded, so no frame is captured in a fallback font. */
export function useFonts(): void {
  const [handle] = useState(() => (typeof document === 'undefined' ? null : delayRender('Loading fonts')));
  useEffect(() => {
    if (handle === null) return;
    // Every face of every bundled family, every unicode-range subset: a subset first needed in the
    // middle of a render (a Tai Viet line, a curly quote) would otherwise load lazily and the frames
    // captured meanwhile would show a fallback font — a render-farm range that starts mid-video
    // met such a subset at another frame than the one-PC render did.
    const loads: Promise<unknown>[] = [...document.fonts].map((face) => face.load());
    loads.push(...[400, 600, 700].map((w) => document.fonts.load(`${w} 40px 'Be Vietnam Pro'`, SAMPLE)));
    Promise.all(loads)
      .catch(() => undefined)
      .finally(() => continueRender(handle));
  }, [handle]);
}
