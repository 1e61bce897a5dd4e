/**
 * The editable deck: a PPTX made with PptxGenJS, one slide per Slide, the
 * narration as each slide's speaker notes. Text boxes are real text (staff
 * edit them in PowerPoint, LibreOffice Impress or WPS), set in Arial, which
 * every office PC has and which sets Vietnamese; Tai Viet text names Noto
 * Sans Tai Viet (the font the studio ships; install it with the deck).
 */
import JSZip from 'jszip';
import pptxgenjs from 'pptxgenjs';
import { scriptsOf } from '../../fonts/index.js';
import { speakerNotes, type Slide } from './slides.js';

// The package's types describe its CommonJS build; Node's import gives the ES build, whose default is the class.
type PptxClass = typeof pptxgenjs.default;
const PptxGenJS: PptxClass = (pptxgenjs as unknown as { default?: PptxClass }).default ?? (pptxgenjs as unknown as PptxClass);
type TextRun = { text: string; options: Record<string, unknown> };

const INK = '1F2A44';
const ACCENT = 'C0392B';
const MUTED = '5D6D7E';

function faceFor(language: string): string {
  return scriptsOf(language).includes('Tai_Viet') ? 'Noto Sans Tai Viet' : 'Arial';
}

export async function buildPptx(slides: Slide[], meta: { title: string; issuer: string; language: string; madeAt: Date }): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9'; // 10 × 5.625 in
  pptx.title = meta.title;
  pptx.author = meta.issuer;
  pptx.company = meta.issuer;
  const fontFace = faceFor(meta.language);
  const text = { fontFace, color: INK, lang: meta.language } as const;

  for (const [i, s] of slides.entries()) {
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    slide.addShape(pptx.ShapeType.rect, { x: 0, y: 0, w: 10, h: 0.12, fill: { color: ACCENT }, line: { color: ACCENT } });
    if (s.kind === 'title') {
      slide.addText(s.title.text, { ...text, x: 0.6, y: 1.2, w: 8.8, h: 1.5, fontSize: 36, bold: true, align: 'center', valign: 'middle', fit: 'shrink' });
      if (s.subtitle) slide.addText(s.subtitle.text, { ...text, x: 0.6, y: 2.8, w: 8.8, h: 0.9, fontSize: 20, color: MUTED, align: 'center', fit: 'shrink' });
      slide.addText(s.items.map((it) => it.text).join('\n'), { ...text, x: 0.6, y: 4.1, w: 8.8, h: 0.7, fontSize: 18, bold: true, align: 'center' });
    } else {
      const heading = s.subtitle ? `${s.title.text} — ${s.subtitle.text}` : s.title.text;
      slide.addText(heading, { ...text, x: 0.5, y: 0.3, w: 9, h: 0.8, fontSize: 26, bold: true, color: ACCENT, fit: 'shrink' });
      const big = s.kind === 'keyMessage' || s.kind === 'closing';
      const runs = s.items.flatMap((it, k) => {
        const lineBreak = k < s.items.length - 1;
        const bullet = s.kind === 'section' ? { bullet: true } : {};
        const parts: TextRun[] = [];
        if (it.label) parts.push({ text: `${it.label}: `, options: { ...text, bold: true, ...bullet } });
        parts.push({ text: it.text, options: { ...text, ...(it.label ? {} : bullet), breakLine: lineBreak } });
        return parts;
      });
      slide.addText(runs as Parameters<typeof slide.addText>[0], {
        x: 0.5, y: 1.2, w: 9, h: s.footer ? 3.6 : 4.1,
        fontSize: big ? 28 : 18, valign: big ? 'middle' : 'top', align: big ? 'center' : 'left', paraSpaceAfter: 8, fit: 'shrink',
      });
      if (s.footer) slide.addText(s.footer, { ...text, x: 0.5, y: 4.9, w: 9, h: 0.5, fontSize: 12, italic: true, color: MUTED, fit: 'shrink' });
    }
    const notes = speakerNotes(slides, i);
    if (notes) slide.addNotes(notes);
  }
  const data = await pptx.write({ outputType: 'nodebuffer', compression: true });
  return withDate(Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array), meta.madeAt);
}

/**
 * PptxGenJS stamps the clock into the deck: every zip entry's time and
 * docProps/core.xml's created and modified. They get the build's date
 * (engine/build/settings.ts filesMadeAt), so the same slides make the same
 * bytes. JSZip (which PptxGenJS writes with) keeps each entry's compressed
 * data as it is.
 */
async function withDate(deck: Buffer, madeAt: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(deck);
  const w3c = madeAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = await zip.file('docProps/core.xml')?.async('string');
  if (core !== undefined) {
    zip.file('docProps/core.xml', core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${w3c}$2`));
  }
  for (const entry of Object.values(zip.files)) entry.date = madeAt;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
