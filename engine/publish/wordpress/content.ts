/**
 * The portal post's HTML, from the Material in the post's language and the
 * media already uploaded: videos with their poster and subtitles, the
 * infographic, the audio book player, every section with its legal
 * citations, the Q&A, the situations' dialogue as a transcript, download
 * links, and the legal basis with effective dates.
 *
 * Every piece of text is escaped: a brief is user input and a portal is a
 * public website. Only tags WordPress lets authors post (its kses "post"
 * list) are used, so an editor's account without unfiltered_html sees the
 * same post.
 */
import type { Block, Citation, ImageBlock, Material, Section, TableBlock } from '../../model/material.js';
import { nestListItems, type ListNode } from '../../model/lists.js';
import type { OutputEntry } from '../../model/records.js';
import { fillLabel, formatDate, labelsFor } from '../../../templates/print/labels.js';
import { extensionOfPath } from '../preflight.js';
import { publishLabels } from '../labels.js';
import { escapeHtml } from '../../text/escapeHtml.js';
import { quizLabels } from '../../formats/quiz/labels.js';

export interface UploadedMedia {
  output: OutputEntry;
  url: string;
}

const VIDEO = new Set(['mp4', 'webm', 'm4v', 'mov']);
const IMAGE = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif']);
const AUDIO = new Set(['mp3', 'm4a', 'ogg', 'wav']);

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function companion(media: readonly UploadedMedia[], of: OutputEntry, suffix: string): UploadedMedia | undefined {
  return media.find((m) => m.output.format === of.format && m.output.language === of.language && m.output.variant === `${of.variant}.${suffix}`);
}

function isCompanion(media: readonly UploadedMedia[], m: UploadedMedia): boolean {
  const dot = m.output.variant.lastIndexOf('.');
  return dot > 0 && media.some((o) => o.output.format === m.output.format && o.output.variant === m.output.variant.slice(0, dot));
}

function citationsHtml(material: Material, citations: readonly Citation[], language: string): string {
  if (citations.length === 0) return '';
  const byRef = new Map<string, string[]>();
  for (const c of citations) byRef.set(c.ref, [...(byRef.get(c.ref) ?? []), c.article]);
  const parts = [...byRef].map(([ref, articles]) => {
    const doc = material.legalBasis.find((d) => d.ref === ref);
    return `${articles.join(', ')}, ${doc ? `${doc.title.text} ` : ''}(${ref})`;
  });
  return `<p class="luat-citation"><em>${escapeHtml(labelsFor(language).citedLaw)}: ${escapeHtml(parts.join('; '))}</em></p>`;
}

/** Items come flattened with a depth; each level gets its own <ol>/<ul> (a numbered list may hold a bulleted one). */
function listHtml(nodes: readonly ListNode[], ordered: boolean): string {
  const tag = ordered ? 'ol' : 'ul';
  const start = ordered && nodes[0] && nodes[0].item.number !== 1 ? ` start="${nodes[0].item.number}"` : '';
  const items = nodes.map(({ item, children }) => {
    const sub = children.length > 0 ? listHtml(children, children[0]!.item.ordered) : '';
    return `<li>${escapeHtml(item.unit.text)}${sub}</li>`;
  });
  return `<${tag}${start}>${items.join('')}</${tag}>`;
}

/** A table with its header row in <thead>; every cell escaped. */
function tableHtml(table: TableBlock): string {
  const cell = (unit: { text: string } | null, col: number, tag: 'th' | 'td') => {
    const align = table.align[col];
    const style = align ? ` style="text-align: ${align}"` : '';
    return `<${tag}${tag === 'th' ? ' scope="col"' : ''}${style}>${unit ? escapeHtml(unit.text) : ''}</${tag}>`;
  };
  const head = `<thead><tr>${table.header.map((u, c) => cell(u, c, 'th')).join('')}</tr></thead>`;
  const body = `<tbody>${table.rows.map((row) => `<tr>${row.map((u, c) => cell(u, c, 'td')).join('')}</tr>`).join('')}</tbody>`;
  return `<figure class="wp-block-table luat-table"><table>${head}${body}</table></figure>`;
}

/** A picture of the brief already uploaded to the media library (with its alt text), by `src` as written. */
export type UploadedImages = ReadonlyMap<string, string>;

/** The picture with its alt text; one not uploaded (no URL) is left out rather than linked to a file the site lacks. */
function imageHtml(block: ImageBlock, images: UploadedImages): string {
  const url = images.get(block.src);
  if (!url) return '';
  return `<figure class="wp-block-image luat-brief-image"><img src="${escapeHtml(url)}" alt="${escapeHtml(block.unit.text)}"><figcaption>${escapeHtml(block.unit.text)}</figcaption></figure>`;
}

function blocksHtml(blocks: readonly Block[], images: UploadedImages): string {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph') out.push(`<p>${escapeHtml(block.unit.text)}</p>`);
    else if (block.type === 'subheading') out.push(`<h3>${escapeHtml(block.unit.text)}</h3>`);
    else if (block.type === 'table') out.push(tableHtml(block));
    else if (block.type === 'image') out.push(imageHtml(block, images));
    else out.push(listHtml(nestListItems(block.items), block.ordered));
  }
  return out.join('\n');
}

function videoHtml(media: readonly UploadedMedia[], video: UploadedMedia, language: string): string {
  const poster = companion(media, video.output, 'poster');
  const vtt = companion(media, video.output, 'vtt');
  const attrs = [`controls`, `preload="metadata"`, `src="${escapeHtml(video.url)}"`];
  if (poster) attrs.push(`poster="${escapeHtml(poster.url)}"`);
  if (video.output.width) attrs.push(`width="${video.output.width}"`, `height="${video.output.height}"`);
  const track = vtt ? `<track kind="subtitles" srclang="${escapeHtml(language)}" src="${escapeHtml(vtt.url)}" default>` : '';
  return `<figure class="luat-video"><video ${attrs.join(' ')}>${track}</video></figure>`;
}

function sectionHtml(material: Material, section: Section, language: string, media: readonly UploadedMedia[], images: UploadedImages): string {
  const labels = labelsFor(language);
  const extra = publishLabels(language);
  const heading = section.kind === 'situation' ? `${labels.situation}: ${section.title.text}` : section.heading.text;
  const parts = [`<h2>${escapeHtml(heading)}</h2>`, citationsHtml(material, section.citations, language)];
  switch (section.kind) {
    case 'keyMessages':
      parts.push(`<ul class="luat-key-messages">${section.messages.map((m) => `<li><strong>${escapeHtml(m.text)}</strong></li>`).join('')}</ul>`);
      break;
    case 'content':
      parts.push(blocksHtml(section.blocks, images));
      break;
    case 'qa':
      // A structured FAQ: one core/details block per pair (WordPress 6.3+), plain <details> for older sites.
      parts.push('<!-- wp:group {"className":"luat-faq"} -->\n<div class="wp-block-group luat-faq">');
      for (const pair of section.pairs) {
        parts.push(`<!-- wp:details {"className":"luat-faq-item"} -->\n<details class="wp-block-details luat-faq-item"><summary>${escapeHtml(labels.question)}: ${escapeHtml(pair.question.text)}</summary>`
          + `<!-- wp:paragraph -->\n<p><strong>${escapeHtml(labels.answer)}:</strong> ${escapeHtml(pair.answer.text)}</p>\n<!-- /wp:paragraph --></details>\n<!-- /wp:details -->`);
      }
      parts.push('</div>\n<!-- /wp:group -->');
      break;
    case 'quiz': {
      // The hand-written questions are the quiz's: the post links the quiz (the offline HTML where the site takes it, else the printable one).
      const quiz = media.find((m) => m.output.format === 'quiz' && m.output.variant === 'html')
        ?? media.find((m) => m.output.format === 'quiz' && m.output.variant === 'print');
      if (!quiz) return '';
      return `<p class="luat-quiz"><a href="${escapeHtml(quiz.url)}">${escapeHtml(quizLabels(language).takeQuiz)}</a></p>`;
    }
    case 'situation': {
      const videos = media.filter((m) => m.output.format === 'video' && VIDEO.has(extensionOfPath(m.output.path))
        && (m.output.variant.includes(':') ? m.output.variant.startsWith(`${section.id}:`) : true));
      for (const v of videos) parts.push(videoHtml(media, v, language));
      const names = new Map(section.characters.map((c) => [c.id, c.name]));
      const lines = section.scenes.flatMap((scene) => [
        `<p><strong>${escapeHtml(`${fillLabel(labels.scene, { n: scene.number })}: ${scene.title.text}`)}</strong></p>`,
        ...scene.lines.map((l) => `<p>${escapeHtml(names.get(l.characterId) ?? l.speakerAsWritten)}: ${escapeHtml(l.unit.text)}</p>`),
      ]);
      parts.push(`<details class="luat-transcript"><summary>${escapeHtml(extra.transcript)}</summary>${lines.join('')}</details>`);
      break;
    }
    case 'audiobook': {
      const audio = media.find((m) => m.output.format === 'audiobook' && AUDIO.has(extensionOfPath(m.output.path)) && !isCompanion(media, m));
      if (audio) parts.push(`<figure class="luat-audio"><audio controls preload="metadata" src="${escapeHtml(audio.url)}"></audio></figure>`);
      break;
    }
  }
  return parts.filter(Boolean).join('\n');
}

export function postExcerpt(material: Material): string {
  if (material.subtitle) return material.subtitle.text;
  const messages = material.sections.find((s) => s.kind === 'keyMessages');
  return messages && messages.kind === 'keyMessages' ? messages.messages.map((m) => m.text).join(' ') : material.title.text;
}

/** The post body. `material` is already in `language`. */
export function postHtml(material: Material, language: string, media: readonly UploadedMedia[], images: UploadedImages = new Map()): string {
  const labels = labelsFor(language);
  const extra = publishLabels(language);
  const parts: string[] = [];
  if (material.subtitle) parts.push(`<p class="luat-subtitle"><strong>${escapeHtml(material.subtitle.text)}</strong></p>`);

  const situationIds = new Set(material.sections.filter((s) => s.kind === 'situation').map((s) => s.id));
  // Videos not tied to a situation section shown below go first, with the infographic.
  const looseVideos = media.filter((m) => m.output.format === 'video' && VIDEO.has(extensionOfPath(m.output.path))
    && !isCompanion(media, m) && situationIds.size === 0);
  for (const v of looseVideos) parts.push(videoHtml(media, v, language));
  for (const image of media.filter((m) => IMAGE.has(extensionOfPath(m.output.path)) && !isCompanion(media, m))) {
    parts.push(`<figure class="luat-image"><img src="${escapeHtml(image.url)}" alt="${escapeHtml(material.title.text)}"${image.output.width ? ` width="${image.output.width}" height="${image.output.height}"` : ''}></figure>`);
  }

  for (const section of material.sections) parts.push(sectionHtml(material, section, language, media, images));

  const downloads = media.filter((m) => !isCompanion(media, m) && !IMAGE.has(extensionOfPath(m.output.path)));
  if (downloads.length > 0) {
    parts.push(`<h2>${escapeHtml(extra.downloads)}</h2>`);
    parts.push(`<ul class="luat-downloads">${downloads.map((m) => {
      const name = `${extra.formatName(m.output.format)} (${extra.variantName(m.output.format, m.output.variant)})`;
      const meta = `${extensionOfPath(m.output.path).toUpperCase()}, ${sizeText(m.output.bytes)}${m.output.pages ? `, ${m.output.pages} ${extra.pages}` : ''}`;
      return `<li><a href="${escapeHtml(m.url)}">${escapeHtml(name)}</a> — ${escapeHtml(meta)}</li>`;
    }).join('')}</ul>`);
  }

  parts.push(`<h2>${escapeHtml(labels.legalBasis)}</h2>`);
  parts.push(`<ul class="luat-legal-basis">${material.legalBasis.map((d) =>
    `<li>${escapeHtml(d.title.text)} — ${escapeHtml(labels.documentNumber)} ${escapeHtml(d.ref)} (${escapeHtml(d.articles.join(', '))}); ${escapeHtml(labels.effectiveFrom)} ${escapeHtml(formatDate(d.effective))}</li>`).join('')}</ul>`);
  const footer = [`${labels.issuedBy}: ${material.issuer.text}`];
  if (material.hotline) footer.push(`${labels.hotline}: ${material.hotline.text}`);
  parts.push(`<p class="luat-issuer">${footer.map(escapeHtml).join('<br>')}</p>`);
  return parts.join('\n');
}
