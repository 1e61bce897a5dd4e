/**
 * The words the video cards add around the Material's own text, in the
 * video's language, from the one label catalogue (engine/model/labels.ts)
 * through the build's lookup (BuildContext.labelsFor). `scene` holds "{n}".
 */
import { shippedLabels, SOURCE_LABELS, type LabelTexts } from '../../engine/model/labels.js';
import type { PlanLabels } from './plan.js';

export function videoLabels(texts: LabelTexts): PlanLabels {
  return { scene: texts['video.scene'], hotline: texts['video.hotline'], scanQr: texts['video.scanQr'] };
}

/** The shipped labels (Vietnamese, or English for English), where no label lookup exists. */
export function videoLabelsFor(language: string): PlanLabels {
  return videoLabels(shippedLabels(language) ?? SOURCE_LABELS);
}
