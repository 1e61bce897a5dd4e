/**
 * The few words the audiobook says itself (chapter announcements, the intro
 * and outro lead-ins) and the chapter labels written into its metadata.
 *
 * They come from the label catalogue (engine/model/labels.ts) in the book's
 * language, so a translator reaches them. Spoken phrases are said only in
 * languages a speech engine speaks; in a language narrated from recordings
 * alone the book is made of the recorded units, and its chapter labels are
 * the language's translated labels.
 */
import { fillLabel, shippedLabels, SOURCE_LABELS, type LabelTexts } from '../../model/labels.js';

export interface Phrases {
  /** Spoken before a chapter's title, and its label in chapter metadata: "Chương 1". */
  chapter(n: number): string;
  /** Metadata title of the opening part. */
  intro: string;
  /** Metadata title of the closing part. */
  outro: string;
  /** Spoken before the issuer's name. */
  issuedBy: string;
  /** Spoken before the hotline. */
  hotline: string;
  /** Spoken before the portal's address. */
  portal: string;
  /** Spoken last. */
  end: string;
  /** Genre label on the cover and in metadata. */
  audiobook: string;
  /** Said first, before the title. */
  welcome: string;
  /** Said before "end". */
  thanks: string;
  /** Said before a question and before its answer. */
  question: string;
  answer: string;
  /** A section's legal basis, read once after its heading: "Căn cứ Điều 8 và Điều 9 Luật Hôn nhân và gia đình". */
  basis(documents: Array<{ articles: string[]; title: string }>): string;
}

function joinList(items: string[], and: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}

/** The book's phrases out of an edition's label texts (engine/model/labels.ts, BuildContext.labelsFor). */
export function phrasesFrom(texts: LabelTexts): Phrases {
  return {
    chapter: (n) => fillLabel(texts['audio.chapter'], { n }),
    intro: texts['audio.intro'],
    outro: texts['audio.outro'],
    issuedBy: texts['audio.issuedBy'],
    hotline: texts['audio.hotline'],
    portal: texts['audio.portal'],
    end: texts['audio.end'],
    audiobook: texts['audio.audiobook'],
    welcome: texts['audio.welcome'],
    thanks: texts['audio.thanks'],
    question: texts['audio.question'],
    answer: texts['audio.answer'],
    basis: (docs) => fillLabel(texts['audio.basis'], {
      documents: docs.map((d) => fillLabel(texts['audio.basisDocument'], { articles: joinList(d.articles, texts['audio.and']), title: d.title })).join('; '),
    }),
  };
}

/** The shipped phrases for `language` (Vietnamese, English), or null: other languages' come from their translated labels. */
export function spokenPhrases(language: string): Phrases | null {
  const shipped = shippedLabels(language);
  return shipped ? phrasesFrom(shipped) : null;
}

/** Shipped labels for metadata where no label lookup is given: the language's own, else Vietnamese. */
export function metadataLabels(language: string): Phrases {
  return spokenPhrases(language) ?? phrasesFrom(SOURCE_LABELS);
}

/** A portal URL as it is read aloud: its host and path, without the scheme. */
export function speakableUrl(url: string): string {
  try {
    const u = new URL(url);
    const rest = u.pathname === '/' ? '' : u.pathname;
    return `${u.hostname}${rest}`.replace(/\/$/, '');
  } catch {
    return url;
  }
}
