/**
 * The words the print templates add around the Material's own text, in the
 * edition's language. They come from the one label catalogue
 * (engine/model/labels.ts) through the build's lookup (BuildContext.labelsFor),
 * so a translator reaches them and a minority-language edition shows its own.
 * `scene`, `sheetFront` and `sheetBack` hold a `{n}` filled in with fillLabel.
 */
import { fillLabel, shippedLabels, SOURCE_LABELS, type LabelTexts } from '../../engine/model/labels.js';

export { fillLabel };

export interface PrintLabels {
  contents: string;
  legalBasis: string;
  legalBasisIntro: string;
  citedLaw: string;
  question: string;
  answer: string;
  effectiveFrom: string;
  documentNumber: string;
  hotline: string;
  scanQr: string;
  edition: string;
  situation: string;
  characters: string;
  /** "Cảnh {n}" */
  scene: string;
  legalEducation: string;
  issuedBy: string;
  cover: string;
  backCover: string;
  /** "Tờ {n} mặt trước" */
  sheetFront: string;
  /** "Tờ {n} mặt sau" */
  sheetBack: string;
  leafletOutside: string;
  leafletInside: string;
}

/** The print labels out of an edition's label texts. */
export function printLabels(texts: LabelTexts): PrintLabels {
  return {
    contents: texts['print.contents'],
    legalBasis: texts['print.legalBasis'],
    legalBasisIntro: texts['print.legalBasisIntro'],
    citedLaw: texts['print.citedLaw'],
    question: texts['print.question'],
    answer: texts['print.answer'],
    effectiveFrom: texts['print.effectiveFrom'],
    documentNumber: texts['print.documentNumber'],
    hotline: texts['print.hotline'],
    scanQr: texts['print.scanQr'],
    edition: texts['print.edition'],
    situation: texts['print.situation'],
    characters: texts['print.characters'],
    scene: texts['print.scene'],
    legalEducation: texts['print.legalEducation'],
    issuedBy: texts['print.issuedBy'],
    cover: texts['print.cover'],
    backCover: texts['print.backCover'],
    sheetFront: texts['print.sheetFront'],
    sheetBack: texts['print.sheetBack'],
    leafletOutside: texts['print.leafletOutside'],
    leafletInside: texts['print.leafletInside'],
  };
}

/**
 * The shipped labels (Vietnamese, or English for English), for callers outside a
 * build that have no label lookup (publishing). Formats use printLabels(ctx.labelsFor(language)).
 */
export function labelsFor(language: string): PrintLabels {
  return printLabels(shippedLabels(language) ?? SOURCE_LABELS);
}

/** Every label string, for the glyph check. */
export function allLabelTexts(labels: PrintLabels): Array<{ id: string; text: string }> {
  return Object.entries(labels).map(([key, text]) => ({ id: `label.${key}`, text: fillLabel(text, { n: 1 }) }));
}

/** 2015-01-01 → 01/01/2015, as Vietnamese documents write dates. */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
