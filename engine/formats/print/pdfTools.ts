/**
 * What pdf-lib does after Chromium has printed: document metadata, page
 * labels, reading back the outline Chromium built from the headings (to
 * learn which page each section landed on), and saddle-stitch imposition.
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
  type PDFObject,
} from '@cantoo/pdf-lib';

export interface PdfMetadata {
  title: string;
  /** The issuer. */
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47 tag of the main language. */
  language: string;
}

const CREATOR = 'Luật Studio';

export function setMetadata(doc: PDFDocument, meta: PdfMetadata, date: Date = new Date()): void {
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator(CREATOR);
  doc.setProducer(`${CREATOR} (Chromium, pdf-lib)`);
  doc.setCreationDate(date);
  doc.setModificationDate(date);
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
export async function imposeSaddleStitch(source: PDFDocument, sheetSize: { width: number; height: number }): Promise<ImposedBooklet> {
  const doc = await PDFDocument.create();
  const pageCount = source.getPageCount();
  const sides = saddleStitchSides(paddedSequence(pageCount));
  const embedded = await doc.embedPages(source.getPages());
  for (const [left, right] of sides) {
    const sheet = doc.addPage([sheetSize.width, sheetSize.height]);
    [left, right].forEach((index, slot) => {
      if (index === null) return;
      const page = embedded[index]!;
      const x = sheetSize.width / 2 + (slot === 0 ? -page.width : 0);
      const y = (sheetSize.height - page.height) / 2;
      sheet.drawPage(page, { x, y });
    });
  }
  return { doc, sides };
}
