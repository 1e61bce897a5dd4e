/**
 * The few words the audiobook says itself (chapter announcements, the intro
 * and outro lead-ins) and the chapter labels written into its metadata.
 *
 * Spoken phrases exist only in languages a speech engine speaks and we have
 * words for; in a language narrated from recordings alone the book is made of
 * the recorded units, and its metadata labels fall back to Vietnamese, which
 * the staff who file and schedule it read.
 */
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

const PHRASES: Record<string, Phrases> = {
  vi: {
    chapter: (n) => `Chương ${n}`,
    intro: 'Giới thiệu',
    outro: 'Kết thúc',
    issuedBy: 'Đơn vị phát hành',
    hotline: 'Khi cần hỗ trợ, xin gọi',
    portal: 'Xem thêm tại cổng thông tin điện tử',
    end: 'Hết.',
    audiobook: 'Sách nói',
    welcome: 'Xin kính chào quý vị và các bạn. Sau đây là sách nói',
    thanks: 'Cảm ơn quý vị và các bạn đã lắng nghe.',
    question: 'Hỏi',
    answer: 'Đáp',
    basis: (docs) => `Căn cứ ${docs.map((d) => `${joinList(d.articles, 'và')} ${d.title}`).join('; ')}.`,
  },
  en: {
    chapter: (n) => `Chapter ${n}`,
    intro: 'Introduction',
    outro: 'Closing',
    issuedBy: 'Published by',
    hotline: 'For help, call',
    portal: 'Read more at',
    end: 'The end.',
    audiobook: 'Audiobook',
    welcome: 'Welcome. This is the audiobook',
    thanks: 'Thank you for listening.',
    question: 'Question',
    answer: 'Answer',
    basis: (docs) => `Legal basis: ${docs.map((d) => `${joinList(d.articles, 'and')} of the ${d.title}`).join('; ')}.`,
  },
};

/** Spoken phrases for `language`, or null when we have none. */
export function spokenPhrases(language: string): Phrases | null {
  return PHRASES[language.toLowerCase().split('-')[0] ?? ''] ?? null;
}

/** Labels for metadata: the language's own, else Vietnamese. */
export function metadataLabels(language: string): Phrases {
  return spokenPhrases(language) ?? PHRASES['vi']!;
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
