/**
 * Label texts for the test build contexts: the shipped ones for Vietnamese
 * and English, and a stand-in translation for the minority languages (Tai
 * Viet syllables, Hmong words) keeping every {placeholder}, as a translator's
 * label memory would provide.
 */
import { LABELS, shippedLabels, type LabelTexts } from '../../engine/model/labels.js';

const TAI_VIET = ['ꪀꪱꪙ', 'ꪒꪾ', 'ꪶꪀ', 'ꪣꪲ', 'ꪚꪸꪙ', 'ꪕꪮꪉ', 'ꪻꪬ', 'ꪁꪮꪉ', 'ꪭꪱꪉ', 'ꪼꪒ', 'ꪹꪜꪷ', 'ꪎꪴ', 'ꪮꪱꪥ', 'ꪄꪳ'];
const HMONG = ['kev', 'sib', 'yuav', 'raws', 'li', 'txoj', 'cai', 'tus', 'neeg', 'hnub', 'nyoog', 'muaj', 'hluas', 'nkauj'];

/** A made-up translation of one label: a word per source word, placeholders kept. */
export function pseudoLabel(source: string, language: string, salt = 0): string {
  const words = language === 'hnj' ? HMONG : TAI_VIET;
  return source.split(/\s+/).map((w, i) => (/^\{\w+\}\.?$/.test(w) ? w : words[(w.length * 7 + i + salt) % words.length]!)).join(' ');
}

export function testLabels(language: string): LabelTexts {
  return shippedLabels(language) ?? (Object.fromEntries(LABELS.map((l, i) => [l.id, pseudoLabel(l.source, language, i)])) as LabelTexts);
}
