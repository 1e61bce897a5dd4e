/**
 * What pdf-lib does after Chromium has printed: document metadata (and
 * bytes that depend on the content only), page
 * labels, reading back the outline Chromium built from the headings (to
 * learn which page each section landed on), saddle-stitch imposition, and
 * the print shop's bleed and crop marks.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFString,
  LineCapStyle,
  beginMarkedContent,
  clip,
  concatTransformationMatrix,
  drawObject,
  endMarkedContent,
  endPath,
  lineTo,
  moveTo,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setLineCap,
  setLineWidth,
  setStrokingCmykColor,
  stroke,
  type PDFObject,
  type PDFOperator,
} from '@cantoo/pdf-lib';

export interface PdfMetadata {
  title: string;
  /** The issuer. */
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 tag of the main language. */
  language: string;
  /** Its creation and modification date: the build's, never the clock's (engine/build/settings.ts filesMadeAt). */
  madeAt: Date;
}

const CREATOR = 'Luật Studio';

/**
 * What the file says about itself (title, author, language, dates). It also
 * renumbers Chromium's element ids (below), so that the same content gives
 * the same bytes.
 */
export function finishPdf(doc: PDFDocument, meta: PdfMetadata): void {
  renumberNodeIds(doc);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator(CREATOR);
  doc.setProducer(`${CREATOR} (Chromium, pdf-lib)`);
  doc.setCreationDate(meta.madeAt);
  doc.setModificationDate(meta.madeAt);
}

/**
 * A tagged PDF from Chromium names structure elements (a table's header
 * cells, which data cells point at with /Headers, and the ID tree) after DOM
 * node ids, "node00001174": a count of the nodes the page's process made
 * before, which differs from run to run with what it drew earlier. They are
 * renumbered from 1 in their own order (same width, so the ID tree's sorted
 * keys and limits stay sorted), so a rebuild of the same content makes the
 * same bytes.
 */
function renumberNodeIds(doc: PDFDocument): void {
  const NODE_ID = /^node(\d{8})$/;
  const numberOf = (value: PDFObject): number | null => {
    const text = value instanceof PDFString ? value.asString() : value instanceof PDFHexString ? value.decodeText() : null;
    const match = text === null ? null : NODE_ID.exec(text);
    return match ? Number(match[1]) : null;
  };
  // Walks direct objects (streams' contents hold no ids), calling `at` for each id with a way to replace it.
  const walk = (value: PDFObject, at: (n: number, replace: (id: PDFString) => void) => void): void => {
    if (value instanceof PDFDict) {
      for (const [key, inner] of value.entries()) {
        const n = numberOf(inner);
        if (n !== null) at(n, (id) => value.set(key, id));
        else walk(inner, at);
      }
    } else if (value instanceof PDFArray) {
      value.asArray().forEach((inner, i) => {
        const n = numberOf(inner);
        if (n !== null) at(n, (id) => value.set(i, id));
        else walk(inner, at);
      });
    }
  };
  const objects = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const found = new Set<number>();
  for (const object of objects) walk(object, (n) => found.add(n));
  if (found.size === 0) return;
  const renumbered = new Map([...found].sort((a, b) => a - b).map((n, i) => [n, PDFString.of(`node${String(i + 1).padStart(8, '0')}`)]));
  for (const object of objects) walk(object, (n, replace) => replace(renumbered.get(n)!));
}

/** A page-label range: from `startIndex` on, pages read `prefix` + a number in `style` (none: prefix only). */
export interface PageLabelRange {
  startIndex: number;
  prefix?: string;
  /** D: 1, 2, 3 … ; omitted: no number. */
  style?: 'D';
  /** First number of the range. */
  first?: number;
}

export function setPageLabels(doc: PDFDocument, ranges: PageLabelRange[]): void {
  const nums: PDFObject[] = [];
  for (const range of [...ranges].sort((a, b) => a.startIndex - b.startIndex)) {
    const dict = doc.context.obj({}) as PDFDict;
    if (range.style) dict.set(PDFName.of('S'), PDFName.of(range.style));
    if (range.prefix) dict.set(PDFName.of('P'), PDFHexString.fromText(range.prefix));
    if (range.first !== undefined && range.first !== 1) dict.set(PDFName.of('St'), PDFNumber.of(range.first));
    nums.push(PDFNumber.of(range.startIndex), dict);
  }
  const numsArray = doc.context.obj(nums);
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: numsArray }));
}

export interface OutlineItem {
  title: string;
  /** 0-based page index, or -1 when the destination is not a page of this document. */
  pageIndex: number;
  depth: number;
}

/** The outline (bookmarks) in document order, as Chromium wrote it from the headings. */
export function readOutline(doc: PDFDocument): OutlineItem[] {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return [];
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const items: OutlineItem[] = [];
  const walk = (first: PDFObject | undefined, depth: number) => {
    let node = first instanceof PDFRef ? doc.context.lookupMaybe(first, PDFDict) : undefined;
    let guard = 0;
    while (node && guard++ < 10_000) {
      const title = node.lookup(PDFName.of('Title'));
      const text = title instanceof PDFHexString || title instanceof PDFString ? title.decodeText() : '';
      items.push({ title: text, pageIndex: destinationPage(node, pageIndex), depth });
      walk(node.get(PDFName.of('First')), depth + 1);
      const next = node.get(PDFName.of('Next'));
      node = next instanceof PDFRef ? doc.context.lookupMaybe(next, PDFDict) : undefined;
    }
  };
  walk(outlines.get(PDFName.of('First')), 0);
  return items;
}

function destinationPage(item: PDFDict, pageIndex: Map<string, number>): number {
  let dest = item.lookup(PDFName.of('Dest'));
  if (!dest) {
    const action = item.lookupMaybe(PDFName.of('A'), PDFDict);
    dest = action?.lookup(PDFName.of('D'));
  }
  if (dest instanceof PDFArray) {
    const page = dest.get(0);
    if (page instanceof PDFRef) return pageIndex.get(page.toString()) ?? -1;
  }
  return -1;
}

/**
 * The page sequence of a saddle-stitched booklet: the pages in order, then
 * blanks (null) to a multiple of four, with the back cover kept last.
 */
export function paddedSequence(pageCount: number): Array<number | null> {
  const padded = Math.ceil(pageCount / 4) * 4;
  const blanks = padded - pageCount;
  const body = Array.from({ length: pageCount - 1 }, (_, i) => i as number | null);
  return [...body, ...Array<null>(blanks).fill(null), pageCount - 1];
}

/**
 * Which two pages go on each side of each sheet, left then right, sheets in
 * nesting order (outermost first), front side before back side. For 8 pages:
 * [8,1] [2,7] [6,3] [4,5] (1-based), the classic saddle-stitch order.
 */
export function saddleStitchSides<T>(sequence: T[]): Array<[T, T]> {
  const n = sequence.length;
  if (n % 4 !== 0) throw new Error(`saddle stitch needs a multiple of 4 pages, got ${n}`);
  const sides: Array<[T, T]> = [];
  for (let s = 0; s < n / 4; s++) {
    sides.push([sequence[n - 1 - 2 * s]!, sequence[2 * s]!]);
    sides.push([sequence[2 * s + 1]!, sequence[n - 2 - 2 * s]!]);
  }
  return sides;
}

export interface ImposedBooklet {
  doc: PDFDocument;
  sides: Array<[number | null, number | null]>;
}

/**
 * Two booklet pages side by side on each sheet side (A5 pages on A4
 * landscape), in saddle-stitch order, ready for duplex printing flipped on
 * the short edge, folding and stapling.
 */
export async function imposeSaddleStitch(
  source: PDFDocument,
  sheetSize: { width: number; height: number },
  paintedWidth?: number,
): Promise<ImposedBooklet> {
  const doc = await PDFDocument.create();
  const pageCount = source.getPageCount();
  const sides = saddleStitchSides(paddedSequence(pageCount));
  const embedded = await doc.embedPages(source.getPages());
  for (const [left, right] of sides) {
    const sheet = doc.addPage([sheetSize.width, sheetSize.height]);
    [left, right].forEach((index, slot) => {
      if (index === null) return;
      const page = embedded[index]!;
      // Chromium paints a page whole CSS pixels wide and rounds the PDF page up: the last fraction of a
      // point on the right is unpainted paper. Stretched by that fraction (< 0.2 %), the painting meets
      // the spine and the outer trim, so no white hairline shows on a cover that runs to the edge.
      const xScale = paintedWidth && paintedWidth < page.width ? page.width / paintedWidth : 1;
      const x = sheetSize.width / 2 + (slot === 0 ? -page.width : 0);
      const y = (sheetSize.height - page.height) / 2;
      sheet.drawPage(page, { x, y, xScale, yScale: 1 });
    });
  }
  return { doc, sides };
}

/** The print shops' bleed: 3 mm past the trim on every side, in PDF points. */
export const BLEED_MM = 3;
export const BLEED_PT = (BLEED_MM * 72) / 25.4;
/** Crop marks stop this far short of the trim corner, so a trim a little off never shows one. */
const MARK_GAP_PT = 0.75;

/**
 * Makes every page of a print PDF ready for a print shop: the sheet grows by
 * BLEED_PT on each side (MediaBox = BleedBox), the old page becomes the
 * TrimBox, the edges are mirrored out into the bleed so backgrounds that run
 * to the edge (the red covers) keep running past the cut, and crop marks sit
 * in the corners outside the trim on both axes (cut away with the bleed).
 *
 * Done in place, page by page: the page keeps its content stream, its
 * StructParents and its annotations, so a tagged PDF stays tagged. What is
 * added is wrapped as /Artifact, outside the structure tree. The mirrored
 * copy is the page drawn once more as a form XObject, clipped to each strip.
 * Any print format (booklet, leaflet, poster, comic) calls this before saving.
 */
export async function addBleedAndCropMarks(doc: PDFDocument, trimOf?: (index: number) => Box): Promise<void> {
  const b = BLEED_PT;
  for (const [index, page] of doc.getPages().entries()) {
    // The trim is the page, or (imposed sheets) the part of it the pages cover: paper left over is not bled.
    const media = page.getMediaBox();
    const { x: x0, y: y0, width: w, height: h } = trimOf?.(index) ?? media;
    const mirror = await doc.embedPage(page);
    const name = page.node.newXObject('LuatBleed', mirror.ref);
    // The XObject draws the page with its MediaBox corner at the origin; `reflect` puts it back,
    // reflected about the trim line(s) it is given (null: not reflected on that axis). The MediaBox
    // corner, not the trim's: on an imposed sheet the trim starts inside the sheet.
    const reflect = (aboutX: number | null, aboutY: number | null): [number, number, number, number, number, number] => [
      aboutX === null ? 1 : -1, 0, 0, aboutY === null ? 1 : -1,
      aboutX === null ? media.x : 2 * aboutX - media.x,
      aboutY === null ? media.y : 2 * aboutY - media.y,
    ];
    const left = x0, right = x0 + w, bottom = y0, top = y0 + h;
    const strips: Array<[[number, number, number, number], [number, number, number, number, number, number]]> = [
      [[left - b, bottom, b, h], reflect(left, null)],
      [[right, bottom, b, h], reflect(right, null)],
      [[left, bottom - b, w, b], reflect(null, bottom)],
      [[left, top, w, b], reflect(null, top)],
      [[left - b, bottom - b, b, b], reflect(left, bottom)],
      [[right, bottom - b, b, b], reflect(right, bottom)],
      [[left - b, top, b, b], reflect(left, top)],
      [[right, top, b, b], reflect(right, top)],
    ];
    const ops: PDFOperator[] = [beginMarkedContent('Artifact')];
    for (const [[cx, cy, cw, ch], m] of strips) {
      ops.push(pushGraphicsState(), rectangle(cx, cy, cw, ch), clip(), endPath(), concatTransformationMatrix(...m), drawObject(name), popGraphicsState());
    }
    ops.push(...cropMarkOps({ x: x0, y: y0, width: w, height: h }, b), endMarkedContent());
    page.pushOperators(...ops);
    const bleed = { x: x0 - b, y: y0 - b, width: w + 2 * b, height: h + 2 * b };
    page.setMediaBox(bleed.x, bleed.y, bleed.width, bleed.height);
    page.setCropBox(bleed.x, bleed.y, bleed.width, bleed.height);
    page.setBleedBox(bleed.x, bleed.y, bleed.width, bleed.height);
    page.setTrimBox(x0, y0, w, h);
  }
}

/** Eight short hairlines in registration colour on a white underlay, in the four corners outside the trim. */
export interface Box { x: number; y: number; width: number; height: number }

function cropMarkOps(trim: Box, bleed: number): PDFOperator[] {
  const corners = [
    [trim.x, trim.y, -1, -1],
    [trim.x + trim.width, trim.y, 1, -1],
    [trim.x, trim.y + trim.height, -1, 1],
    [trim.x + trim.width, trim.y + trim.height, 1, 1],
  ] as const;
  const lines = (): PDFOperator[] =>
    corners.flatMap(([cx, cy, dx, dy]) => [
      // Along the trim's horizontal edge, out from the corner; then along its vertical edge.
      moveTo(cx + dx * MARK_GAP_PT, cy), lineTo(cx + dx * bleed, cy),
      moveTo(cx, cy + dy * MARK_GAP_PT), lineTo(cx, cy + dy * bleed),
    ]);
  return [
    pushGraphicsState(),
    setLineCap(LineCapStyle.Butt),
    setLineWidth(1.2), setStrokingCmykColor(0, 0, 0, 0), ...lines(), stroke(),
    setLineWidth(0.3), setStrokingCmykColor(1, 1, 1, 1), ...lines(), stroke(),
    popGraphicsState(),
  ];
}
