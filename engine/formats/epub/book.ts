/**
 * The read-along book's documents, as text: one XHTML page per part of the
 * brief (title page, each section, legal basis), the navigation document, the
 * style sheet, one SMIL media overlay per narrated page and the package
 * document. Pure: ./index.ts narrates, encodes and zips.
 *
 * Every text unit is one element whose `id` is the unit id (prefixed "u-" only
 * when the id is not a valid XML name); in a bilingual book the second
 * language's copy has `<id>--<language>`. A media overlay `<par>` points at
 * that element and at the stretch of the narration that speaks it. Stretches
 * tile the narration: a unit's clip starts after the previous unit's clip
 * (so "Hỏi:" or "Chương 2." said before it highlights it) and ends where the
 * next one starts (its pause included), so the reading system plays the
 * whole narration while the highlight moves unit by unit (EPUB Media Overlays
 * 3.2: `media:duration` per overlay and in total, `media:active-class`).
 */
import type { Material, Section, TextUnit } from '../../model/material.js';
import { nestListItems, type ListNode } from '../../model/lists.js';
import { escapeHtml } from '../../text/escapeHtml.js';
import { legalBasisOf } from '../audiobook/script.js';
import { formatDate, type PrintLabels } from '../../../templates/print/labels.js';

export const ACTIVE_CLASS = 'la-active';

export interface NarrationTrack {
  /** Path of the audio inside EPUB/, e.g. "audio/narration-vi.mp3". */
  audioHref: string;
  durationSec: number;
  /** The narration's lines in playing order: unit id (null for the book's own phrases) and times. */
  lines: Array<{ target: string | null; startSec: number; endSec: number }>;
}

export interface FontResource {
  /** Path inside EPUB/, e.g. "fonts/be-vietnam-pro-vietnamese-400-normal.woff2". */
  href: string;
  family: string;
  weight: number;
  style: 'normal' | 'italic';
  unicodeRange: string;
}

export interface EditionInput {
  /** One language, or the source and a translation side by side. */
  languages: string[];
  /** The Material in each of `languages`, same order. */
  materials: Material[];
  /** The labels of each of `languages` (the build's label lookup), same order. */
  labels: PrintLabels[];
  /** The narration of each language, or null where none could be voiced. */
  narrations: Array<NarrationTrack | null>;
  fonts: FontResource[];
  /** CSS font-family value for the text. */
  fontStack: string;
  /** "urn:uuid:…", stable for one material and edition. */
  identifier: string;
  /** dcterms:modified, "YYYY-MM-DDThh:mm:ssZ". */
  modified: string;
}

export interface Par {
  id: string;
  textSrc: string;
  audioSrc: string;
  clipBegin: number;
  clipEnd: number;
}

export interface Page {
  /** Item id and file name stem: "p01". */
  id: string;
  title: string;
  xhtml: string;
  pars: Par[];
}

export interface EpubDocuments {
  /** Text files by their path inside the container (mimetype and binaries excluded). */
  files: Map<string, string>;
  pages: Page[];
  /** Total narration in the overlays, milliseconds. */
  totalMs: number;
}

/** An XML name for a unit id (ids are slugs with dots, so this is almost always the id itself). */
export function elementId(unitId: string, language?: string): string {
  const base = /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(unitId) ? unitId : `u-${unitId.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  return language ? `${base}--${language}` : base;
}

/** SMIL clock value, full form: "0:01:02.345". */
export function clock(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h}:${String(m).padStart(2, '0')}:${s.toFixed(3).padStart(6, '0')}`;
}

/**
 * Each narrated unit's stretch of the narration, in seconds (see the file
 * comment): only units in `shown` count; other lines belong to the unit after them.
 */
export function unitClips(track: NarrationTrack, shown: Set<string>): Map<string, { begin: number; end: number }> {
  const lines = track.lines;
  const unitAt = lines.flatMap((l, i) => (l.target !== null && shown.has(l.target) ? [i] : []));
  const out = new Map<string, { begin: number; end: number }>();
  const beginOf = (k: number) => (k === 0 ? lines[0]!.startSec : lines[unitAt[k - 1]! + 1]!.startSec);
  for (const [k, i] of unitAt.entries()) {
    const begin = beginOf(k);
    const end = k + 1 < unitAt.length ? beginOf(k + 1) : track.durationSec;
    if (!out.has(lines[i]!.target!)) out.set(lines[i]!.target!, { begin, end: Math.max(end, begin) });
  }
  return out;
}

type UnitMap = Map<string, string>;

function unitTexts(material: Material): UnitMap {
  const map: UnitMap = new Map();
  const add = (u: { id: string; text: string } | null | undefined) => {
    if (u) map.set(u.id, u.text);
  };
  add(material.title);
  add(material.subtitle);
  add(material.issuer);
  add(material.hotline);
  for (const d of material.legalBasis) add(d.title);
  for (const s of material.sections) {
    add(s.heading);
    if (s.kind === 'content') {
      for (const b of s.blocks) {
        if (b.type === 'list') b.items.forEach((i) => add(i.unit));
        else if (b.type === 'table') [...b.header, ...b.rows.flat()].forEach(add);
        else add(b.unit);
      }
    }
    if (s.kind === 'keyMessages') s.messages.forEach(add);
    if (s.kind === 'qa') for (const p of s.pairs) [p.question, p.answer].forEach(add);
    if (s.kind === 'situation') {
      add(s.title);
      for (const c of s.characters) add(c.description);
      for (const sc of s.scenes) {
        add(sc.title);
        add(sc.setting?.unit);
        for (const l of sc.lines) add(l.unit);
      }
    }
  }
  return map;
}

/** Writes one page's body, recording each unit element in document order. */
/** A table cell: the unit (each language's copy) inside it, or nothing for an empty cell. */
function cellOf(w: PageWriter, cell: TextUnit | null, tag: 'th' | 'td'): void {
  w.raw(`<${tag}>`);
  if (cell) w.unit(cell.id, (el) => el('span'));
  w.raw(`</${tag}>`);
}

/** A list nested as written, numbered per level ("value" keeps the author's numbers). */
function listOf(w: PageWriter, nodes: ListNode[]): void {
  if (nodes.length === 0) return;
  const ordered = nodes[0]!.item.ordered;
  w.raw(ordered ? '<ol>' : '<ul>');
  for (const node of nodes) {
    w.raw(ordered ? `<li value="${node.item.number}">` : '<li>');
    w.unit(node.item.unit.id, (el) => el('p'));
    listOf(w, node.children);
    w.raw('</li>');
  }
  w.raw(ordered ? '</ol>' : '</ul>');
}

class PageWriter {
  readonly html: string[] = [];
  readonly units: Array<{ unitId: string; language: number; elementId: string }> = [];
  constructor(private readonly edition: { languages: string[]; texts: UnitMap[] }) {}

  get bilingual(): boolean {
    return this.edition.languages.length > 1;
  }

  /** The unit's element in one language: `<tag id lang>text</tag>`. */
  element(tag: string, unitId: string, language: number, attrs = ''): string {
    const lang = this.edition.languages[language]!;
    const id = elementId(unitId, language === 0 ? undefined : lang);
    const text = this.edition.texts[language]!.get(unitId) ?? this.edition.texts[0]!.get(unitId) ?? '';
    this.units.push({ unitId, language, elementId: id });
    return `<${tag} id="${id}" lang="${lang}" xml:lang="${lang}"${attrs}>${escapeHtml(text)}</${tag}>`;
  }

  /** The unit in every language of the edition, each made by `wrap` (given the unit's element), paired when bilingual. */
  unit(unitId: string, wrap: (element: (tag: string, attrs?: string) => string, language: number) => string): void {
    const copies = this.edition.languages.map((_, i) => wrap((tag, attrs = '') => this.element(tag, unitId, i, attrs), i));
    this.html.push(this.bilingual ? `<div class="pair">${copies.join('')}</div>` : copies[0]!);
  }

  /** lang and xml:lang of the edition's language at `language`. */
  langAttrs(language: number): string {
    const lang = this.edition.languages[language]!;
    return ` lang="${lang}" xml:lang="${lang}"`;
  }

  raw(html: string): void {
    this.html.push(html);
  }
}

function xhtmlPage(title: string, language: string, body: string, cssHref: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${language}" xml:lang="${language}">
<head>
<meta charset="utf-8"/>
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" type="text/css" href="${cssHref}"/>
</head>
<body>
${body}
</body>
</html>
`;
}

/** Every document of one edition. */
export function buildDocuments(input: EditionInput): EpubDocuments {
  const { languages, materials } = input;
  const primary = materials[0]!;
  const { labels } = input;
  const edition = { languages, texts: materials.map(unitTexts) };
  const sectionsOf = (m: Material) => m.sections.filter((s) => s.kind !== 'audiobook');
  const pages: Array<{ title: string; writer: PageWriter; kind: string }> = [];

  // Title page.
  const cover = new PageWriter(edition);
  cover.raw('<section epub:type="titlepage" class="titlepage" id="page">');
  cover.raw(`<p class="kicker">${escapeHtml(labels[0]!.legalEducation)}</p>`);
  cover.unit(primary.title.id, (el) => `<h1>${el('span')}</h1>`);
  if (primary.subtitle) cover.unit(primary.subtitle.id, (el) => el('p', ' class="subtitle"'));
  if (primary.issuer) cover.unit(primary.issuer.id, (el) => el('p', ' class="issuer"'));
  cover.raw('</section>');
  pages.push({ title: primary.title.text, writer: cover, kind: 'titlepage' });

  for (const [index, section] of sectionsOf(primary).entries()) {
    const w = new PageWriter(edition);
    const translated = materials.map((m) => sectionsOf(m)[index] ?? section);
    writeSection(w, section, translated, materials, labels);
    pages.push({ title: section.kind === 'situation' ? section.title.text : section.heading.text, writer: w, kind: 'chapter' });
  }

  // Legal basis and hotline.
  const legal = new PageWriter(edition);
  legal.raw(`<section epub:type="appendix" id="page"><h1>${escapeHtml(labels[0]!.legalBasis)}</h1>`);
  legal.raw(`<p class="intro">${escapeHtml(labels[0]!.legalBasisIntro)}</p><ul class="legal">`);
  for (const doc of primary.legalBasis) {
    legal.raw('<li>');
    legal.unit(doc.title.id, (el) => `<p class="law">${el('span')}</p>`);
    legal.raw(
      `<p class="law-meta">${escapeHtml(labels[0]!.documentNumber)}: ${escapeHtml(doc.ref)}; ${escapeHtml(doc.articles.join('; '))}; ` +
        `${escapeHtml(labels[0]!.effectiveFrom)} ${escapeHtml(formatDate(doc.effective))}</p>`,
    );
    legal.raw('</li>');
  }
  legal.raw('</ul>');
  if (primary.hotline) {
    legal.raw(`<h2>${escapeHtml(labels[0]!.hotline)}</h2>`);
    legal.unit(primary.hotline.id, (el) => el('p', ' class="hotline"'));
  }
  if (primary.portalUrl) legal.raw(`<p class="portal"><a href="${escapeHtml(primary.portalUrl)}">${escapeHtml(primary.portalUrl)}</a></p>`);
  legal.raw('</section>');
  pages.push({ title: labels[0]!.legalBasis, writer: legal, kind: 'appendix' });

  // Overlays: each narrated unit's clip, in document order.
  const clipsByLanguage = input.narrations.map((track, i) => {
    if (!track) return null;
    const shown = new Set(pages.flatMap((p) => p.writer.units.filter((u) => u.language === i).map((u) => u.unitId)));
    return unitClips(track, shown);
  });
  const files = new Map<string, string>();
  const built: Page[] = [];
  let totalMs = 0;
  for (const [n, page] of pages.entries()) {
    const id = `p${String(n + 1).padStart(2, '0')}`;
    const body = page.kind === 'chapter' ? `<section epub:type="chapter" id="page">\n${page.writer.html.join('\n')}\n</section>` : page.writer.html.join('\n');
    const xhtml = xhtmlPage(page.title, languages[0]!, body, '../css/book.css');
    const pars: Par[] = [];
    for (const u of page.writer.units) {
      const clip = clipsByLanguage[u.language]?.get(u.unitId);
      const track = input.narrations[u.language];
      if (!clip || !track) continue;
      pars.push({
        id: `par-${u.elementId}`,
        textSrc: `../text/${id}.xhtml#${u.elementId}`,
        audioSrc: `../${track.audioHref}`,
        clipBegin: Math.round(clip.begin * 1000),
        clipEnd: Math.round(clip.end * 1000),
      });
    }
    files.set(`EPUB/text/${id}.xhtml`, xhtml);
    if (pars.length > 0) {
      files.set(`EPUB/smil/${id}.smil`, smil(id, pars));
      totalMs += overlayMs(pars);
    }
    built.push({ id, title: page.title, xhtml, pars });
  }
  files.set('EPUB/nav.xhtml', nav(built, labels[0]!.contents, languages[0]!));
  files.set('EPUB/css/book.css', css(input));
  files.set('EPUB/package.opf', packageDocument(input, built, totalMs));
  files.set('META-INF/container.xml', CONTAINER);
  return { files, pages: built, totalMs };
}

function writeSection(w: PageWriter, section: Section, translated: Section[], materials: Material[], labels: PrintLabels[]): void {
  const heading = section.kind === 'situation' ? section.title.id : section.heading.id;
  w.unit(heading, (el) => `<h1>${el('span')}</h1>`);
  if (section.citations.length > 0) {
    const lines = translated.map((s, i) => {
      const basis = legalBasisOf(materials[i]!, s)
        .map((b) => `${b.articles.join(', ')} ${b.title}`)
        .join('; ');
      const lang = i > 0 ? w.langAttrs(i) : '';
      return `<p class="cited"${lang}>${escapeHtml(labels[i]!.citedLaw)}: ${escapeHtml(basis)}</p>`;
    });
    // The citations are the brief's own words (articles exactly as written); once per language.
    w.raw(lines.join(''));
  }
  switch (section.kind) {
    case 'keyMessages':
      w.raw('<ol class="messages">');
      for (const m of section.messages) {
        w.raw('<li>');
        w.unit(m.id, (el) => el('p'));
        w.raw('</li>');
      }
      w.raw('</ol>');
      return;
    case 'content':
      for (const block of section.blocks) {
        if (block.type === 'paragraph') w.unit(block.unit.id, (el) => el('p'));
        else if (block.type === 'subheading') w.unit(block.unit.id, (el) => `<h2>${el('span')}</h2>`);
        else if (block.type === 'table') {
          w.raw('<table><thead><tr>');
          for (const cell of block.header) cellOf(w, cell, 'th');
          w.raw('</tr></thead><tbody>');
          for (const row of block.rows) {
            w.raw('<tr>');
            for (const cell of row) cellOf(w, cell, 'td');
            w.raw('</tr>');
          }
          w.raw('</tbody></table>');
        } else if (block.type === 'image') {
          // The book carries the picture's words, not its bytes: its alt text, read along like a paragraph.
          w.unit(block.unit.id, (el) => el('p'));
        } else listOf(w, nestListItems(block.items));
      }
      return;
    case 'qa':
      for (const pair of section.pairs) {
        w.raw('<div class="qa">');
        w.unit(pair.question.id, (el, i) => `<p class="q"><b>${escapeHtml(labels[i]!.question)}:</b> ${el('span')}</p>`);
        w.unit(pair.answer.id, (el, i) => `<p class="a"><b>${escapeHtml(labels[i]!.answer)}:</b> ${el('span')}</p>`);
        w.raw('</div>');
      }
      return;
    case 'situation': {
      w.raw(`<h2>${escapeHtml(labels[0]!.characters)}</h2><ul class="cast">`);
      for (const c of section.characters) {
        w.raw('<li>');
        if (c.description) w.unit(c.description.id, (el) => `<p><b>${escapeHtml(c.name)}</b> — ${el('span')}</p>`);
        else w.raw(`<p><b>${escapeHtml(c.name)}</b></p>`);
        w.raw('</li>');
      }
      w.raw('</ul>');
      const names = new Map(section.characters.map((c) => [c.id, c.name]));
      for (const scene of section.scenes) {
        w.unit(scene.title.id, (el) => `<h2>${el('span')}</h2>`);
        if (scene.setting) w.unit(scene.setting.unit.id, (el) => el('p', ' class="setting"'));
        for (const line of scene.lines) {
          w.unit(line.unit.id, (el) => `<p class="line"><b>${escapeHtml(names.get(line.characterId) ?? line.speakerAsWritten)}:</b> ${el('span')}</p>`);
        }
      }
      return;
    }
    case 'audiobook':
      return;
  }
}

function overlayMs(pars: Par[]): number {
  return pars.reduce((sum, p) => sum + (p.clipEnd - p.clipBegin), 0);
}

function smil(pageId: string, pars: Par[]): string {
  const body = pars
    .map(
      (p) =>
        `<par id="${p.id}"><text src="${p.textSrc}"/><audio src="${p.audioSrc}" clipBegin="${clock(p.clipBegin)}" clipEnd="${clock(p.clipEnd)}"/></par>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">
<body>
<seq id="seq-${pageId}" epub:textref="../text/${pageId}.xhtml#page">
${body}
</seq>
</body>
</smil>
`;
}

function nav(pages: Page[], contents: string, language: string): string {
  const items = pages.map((p) => `<li><a href="text/${p.id}.xhtml">${escapeHtml(p.title)}</a></li>`).join('\n');
  return xhtmlPage(contents, language, `<nav epub:type="toc" id="toc"><h1>${escapeHtml(contents)}</h1>\n<ol>\n${items}\n</ol>\n</nav>`, 'css/book.css');
}

function css(input: EditionInput): string {
  const faces = input.fonts
    .map(
      (f) =>
        `@font-face { font-family: '${f.family}'; font-style: ${f.style}; font-weight: ${f.weight}; src: url(../${f.href}) format('woff2'); unicode-range: ${f.unicodeRange}; }`,
    )
    .join('\n');
  return `${faces}
body { font-family: ${input.fontStack}; line-height: 1.5; margin: 0 5%; }
h1 { font-size: 1.5em; font-weight: 700; margin: 1em 0 0.5em; }
h2 { font-size: 1.2em; font-weight: 700; margin: 1em 0 0.4em; }
.titlepage { text-align: center; margin-top: 20%; }
.kicker { text-transform: uppercase; letter-spacing: 0.05em; font-size: 0.85em; }
.subtitle { font-size: 1.15em; }
.issuer { margin-top: 2em; font-weight: 700; }
.cited, .law-meta, .intro { font-size: 0.9em; color: #444; }
.pair { border-left: 3px solid #c8d6e5; padding-left: 0.6em; margin: 0.6em 0; }
.pair > *:nth-child(2) { color: #333; }
.qa { margin: 0.8em 0; }
.line b, .q b, .a b { font-weight: 700; }
.setting { font-style: italic; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #888; padding: 0.2em 0.4em; vertical-align: top; text-align: left; }
.${ACTIVE_CLASS} { background-color: #ffe066; color: #000; }
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`;

function packageDocument(input: EditionInput, pages: Page[], totalMs: number): string {
  const primary = input.materials[0]!;
  const title = input.materials.map((m) => m.title.text).filter((t, i, all) => all.indexOf(t) === i).join(' — ');
  const meta: string[] = [
    `<dc:identifier id="uid">${escapeHtml(input.identifier)}</dc:identifier>`,
    `<dc:title>${escapeHtml(title)}</dc:title>`,
    ...input.languages.map((l) => `<dc:language>${escapeHtml(l)}</dc:language>`),
    `<dc:creator>${escapeHtml(primary.issuer.text)}</dc:creator>`,
    `<dc:publisher>${escapeHtml(primary.issuer.text)}</dc:publisher>`,
    `<meta property="dcterms:modified">${input.modified}</meta>`,
  ];
  const narrated = pages.filter((p) => p.pars.length > 0);
  if (narrated.length > 0) {
    for (const p of narrated) meta.push(`<meta property="media:duration" refines="#mo-${p.id}">${clock(overlayMs(p.pars))}</meta>`);
    meta.push(`<meta property="media:duration">${clock(totalMs)}</meta>`);
    meta.push(`<meta property="media:active-class">${ACTIVE_CLASS}</meta>`);
  }
  const items: string[] = [
    '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '<item id="css" href="css/book.css" media-type="text/css"/>',
  ];
  for (const p of pages) {
    const overlay = p.pars.length > 0 ? ` media-overlay="mo-${p.id}"` : '';
    items.push(`<item id="${p.id}" href="text/${p.id}.xhtml" media-type="application/xhtml+xml"${overlay}/>`);
    if (p.pars.length > 0) items.push(`<item id="mo-${p.id}" href="smil/${p.id}.smil" media-type="application/smil+xml"/>`);
  }
  for (const [i, track] of input.narrations.entries()) {
    if (track && narrated.some((p) => p.pars.some((par) => par.audioSrc === `../${track.audioHref}`))) {
      items.push(`<item id="audio-${i}" href="${track.audioHref}" media-type="audio/mpeg"/>`);
    }
  }
  for (const [i, f] of input.fonts.entries()) items.push(`<item id="font-${i}" href="${f.href}" media-type="font/woff2"/>`);
  const spine = pages.map((p) => `<itemref idref="${p.id}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="${input.languages[0]}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${meta.join('\n')}
</metadata>
<manifest>
${items.join('\n')}
</manifest>
<spine>
${spine}
</spine>
</package>
`;
}
