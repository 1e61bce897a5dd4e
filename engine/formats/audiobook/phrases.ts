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
