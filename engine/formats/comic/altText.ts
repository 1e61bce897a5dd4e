/**
 * The alternative text of each carousel slide, in the edition's language:
 * who says what on it, and the citation the story rests on (the closing
 * slide also has the lesson and the hotline). Screen readers, WordPress media
 * and social captions read it.
 */
import { comicSlides, type ComicSlide } from '../../../templates/comic/layout.js';
import type { ComicStory } from '../../../templates/comic/story.js';

function slideWords(slide: ComicSlide, story: ComicStory): string {
  const l = story.labels;
  if (slide.kind === 'cover') {
    return `${l.comic}: ${story.title}. ${story.materialTitle}. ${story.issuer}. ${l.characters}: ${story.characters.map((c) => c.name).join(', ')}.`;
  }
  if (slide.kind === 'lesson') {
    const parts = [`${l.lesson}: ${story.lesson.map((m) => m.text).join(' ')}`];
    if (story.hotline) parts.push(`${l.hotline}: ${story.hotline}`);
    return parts.join(' ');
  }
  return slide.panels.flatMap((panel) => [
    ...(panel.kicker ? [`${panel.kicker}.`] : []),
    ...panel.lines.map((line) => `${line.characterId === null ? l.narrator : line.name}: “${line.text}”`),
  ]).join(' ');
}

/** One text per slide, in slide order. */
export function slideAltTexts(story: ComicStory): string[] {
  return comicSlides(story).map((slide) => {
    const words = slideWords(slide, story);
    return story.citation ? `${words} (${story.labels.legalBasis}: ${story.citation})` : words;
  });
}
