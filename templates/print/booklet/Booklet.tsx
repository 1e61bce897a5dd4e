/**
 * The e-booklet (sổ tay), A5 portrait: cover, contents (when long), the
 * sections in order with their citations, the legal basis, the back cover.
 * Chromium paginates it (CSS @page, page numbers in the page margin); the
 * engine adds what CSS cannot (metadata, page labels, imposition).
 * One or two languages: with two, every unit is set side by side.
 */
import type { ReactNode } from 'react';
import type { Material, Section, SituationSection } from '../../../engine/model/material.js';
import { QrCode } from '../../shared/QrCode.js';
import { Bi, BrocadeBand, Citations, Logo, contentBlocks, makeTextsOf, qaPairs, twoDigits, type BriefImages, type TextsOf } from '../common.js';
import { fillLabel, formatDate, type PrintLabels } from '../labels.js';
import type { Theme } from '../theme.js';
import { bookletCss, type BookletStyle } from './bookletCss.js';

export interface TocEntry {
  /** Anchor id of the heading. */
  id: string;
  titles: string[];
  page: number;
}

export interface BookletProps {
  /** The Material in each language on the page: one, or the source then a minority language. */
  materials: Material[];
  languages: string[];
  style: BookletStyle;
  theme: Theme;
  labels: PrintLabels;
  brand: { name: string | null; logoSrc: string | null };
  /** ISO date printed on the back cover. */
  editionDate: string;
  /** Contents with page numbers, or null for no contents page. */
  toc: TocEntry[] | null;
  /** The brief's pictures by `src` (data: URLs the format read); absent: none. */
  images?: BriefImages;
}

/** Sections a booklet prints: everything but the audiobook plan (for the audio book) and the hand-written quiz (for the quiz format). */
export function printedSections(material: Material): Section[] {
  return material.sections.filter((s) => s.kind !== 'audiobook' && s.kind !== 'quiz');
}

export const LEGAL_ANCHOR = 'can-cu-phap-ly';
export const TOC_ANCHOR = 'muc-luc';

/**
 * The anchors of the top-level headings (h1) in page order. Chromium builds
 * the PDF outline from these headings; the engine pairs its entries with
 * these anchors to learn each section's page.
 */
export function bookletHeadingAnchors(material: Material, withToc: boolean): string[] {
  return [...(withToc ? [TOC_ANCHOR] : []), ...printedSections(material).map((s) => s.id), LEGAL_ANCHOR];
}

/** Headings for the contents page, in the page's language(s). */
export function bookletTocTitles(materials: Material[], labels: PrintLabels): Array<{ id: string; titles: string[] }> {
  const texts = makeTextsOf(materials);
  const first = materials[0]!;
  return [
    ...printedSections(first).map((s) => ({ id: s.id, titles: sectionTitles(s, texts, labels) })),
    { id: LEGAL_ANCHOR, titles: [labels.legalBasis] },
  ];
}

function sectionTitles(section: Section, texts: TextsOf, labels: PrintLabels): string[] {
  if (section.kind === 'situation') return texts(section.title).map((t) => `${labels.situation}: ${t}`);
  return texts(section.heading);
}

export function BookletDocument(props: BookletProps) {
  const { materials, languages, labels, toc } = props;
  const material = materials[0]!;
  const texts = makeTextsOf(materials);
  const bilingual = materials.length > 1;
  let number = 0;
  return (
    <div className={`booklet style-${props.style}${bilingual ? ' bilingual' : ''}`}>
      <style>{bookletCss(props.theme, props.style)}</style>
      <Cover {...props} texts={texts} />
      {toc ? <Contents toc={toc} labels={labels} /> : null}
      <main>
        {printedSections(material).map((section) => {
          number++;
          return (
            <Sec key={section.id} section={section} number={number} material={material} texts={texts} languages={languages} labels={labels} images={props.images ?? {}} />
          );
        })}
        <LegalBasis material={material} texts={texts} languages={languages} labels={labels} />
      </main>
      <BackCover {...props} texts={texts} />
    </div>
  );
}

function Cover({ materials, texts, languages, brand, theme, labels, editionDate }: BookletProps & { texts: TextsOf }) {
  const m = materials[0]!;
  const titles = texts(m.title);
  const subtitles = m.subtitle ? texts(m.subtitle) : [];
  return (
    <div className="cover">
      <div className="cover-frame" />
      <div className="cover-top">
        <Logo src={brand.logoSrc} color={theme.accent} ring={theme.accent} size="15mm" alt={brand.name ?? m.issuer.text} />
        <div className="masthead">
          {brand.name ? <div className="brand-name">{brand.name}</div> : null}
          <div className="masthead-kind">{labels.legalEducation}</div>
        </div>
      </div>
      <div className="cover-body" data-fit="cover" data-fit-min="0.55">
        {titles.map((t, i) => (
          <div key={i} className={`cover-title cover-title-${i}`} lang={languages[i]} data-unit={m.title.id}>
            {t}
          </div>
        ))}
        <div className="cover-rule" />
        {m.subtitle
          ? subtitles.map((t, i) => (
              <div key={i} className={`cover-subtitle cover-subtitle-${i}`} lang={languages[i]} data-unit={m.subtitle!.id}>
                {t}
              </div>
            ))
          : null}
      </div>
      <div className="cover-bottom">
        <BrocadeBand id="cover-band" color={theme.accent} soft={theme.primaryDeep} height={14} />
        <div className="cover-issuer">
          {texts(m.issuer).map((t, i) => (
            <div key={i} lang={languages[i]} data-unit={m.issuer.id}>
              {t}
            </div>
          ))}
          <div className="cover-year">{editionDate.slice(0, 4)}</div>
        </div>
      </div>
    </div>
  );
}

function Contents({ toc, labels }: { toc: TocEntry[]; labels: PrintLabels }) {
  return (
    <nav className="toc">
      <h1 id={TOC_ANCHOR} className="toc-title">
        {labels.contents}
      </h1>
      <ol className="toc-list" data-fit="toc" data-fit-min="0.7">
        {toc.map((entry) => (
          <li key={entry.id}>
            <a href={`#${entry.id}`}>
              <span className="toc-text">
                {entry.titles.map((t, i) => (
                  <span key={i} className={`toc-t toc-t-${i}`}>
                    {t}
                  </span>
                ))}
              </span>
              <span className="toc-leader" />
              <span className="toc-page">{entry.page}</span>
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SectionHeading({ section, number, texts, languages, labels }: { section: Section; number: number; texts: TextsOf; languages: string[]; labels: PrintLabels }) {
  const unit = section.kind === 'situation' ? section.title : section.heading;
  return (
    <header className="sec-head">
      <div className="sec-num">{twoDigits(number)}</div>
      <h1 id={section.id}>
        {section.kind === 'situation' ? <span className="sec-kicker">{labels.situation}: </span> : null}
        {texts(unit).map((t, i) => (
          <span key={i} className={`h-text h-text-${i}`} lang={languages[i]} data-unit={unit.id}>
            {i > 0 ? ' ' : ''}
            {t}
          </span>
        ))}
      </h1>
    </header>
  );
}

interface SecProps {
  section: Section;
  number: number;
  material: Material;
  texts: TextsOf;
  languages: string[];
  labels: PrintLabels;
  images: BriefImages;
}

/**
 * A section. Its heading, citations and first block are kept on one page
 * (a heading alone at the foot of a page reads as a mistake).
 */
function Sec({ section, number, material, texts, languages, labels, images }: SecProps) {
  const [first, ...rest] = sectionBlocks(section, texts, languages, labels, images);
  return (
    <section className={`sec sec-${section.kind}`}>
      <div className="keep">
        <SectionHeading section={section} number={number} texts={texts} languages={languages} labels={labels} />
        <Citations material={material} texts={texts} citations={section.citations} label={labels.citedLaw} />
        {first}
      </div>
      {rest}
    </section>
  );
}

/** The section's body as separate blocks, so the first can stay with the heading. */
function sectionBlocks(section: Section, texts: TextsOf, languages: string[], labels: PrintLabels, images: BriefImages): ReactNode[] {
  const bi = { texts, languages };
  switch (section.kind) {
    case 'keyMessages':
      return [
        <ol key="key" className="key-list">
          {section.messages.map((m, i) => (
            <li key={m.id}>
              <span className="key-num">{i + 1}</span>
              <Bi unit={m} {...bi} className="key-text" />
            </li>
          ))}
        </ol>,
      ];
    case 'content':
      return contentBlocks(section.blocks, bi, 'h2', images);
    case 'qa':
      return qaPairs(section.pairs, bi, labels);
    case 'situation':
      return [
        <div key="cast" className="cast">
          <div className="cast-label">{labels.characters}</div>
          {section.characters.map((c) => (
            <div key={c.id} className="cast-row">
              <span className="speaker">{c.name}</span>
              {c.description ? <Bi unit={c.description} {...bi} as="div" className="cast-desc" /> : null}
            </div>
          ))}
        </div>,
        ...section.scenes.map((scene) => (
          <Scene key={scene.id} scene={scene} section={section} texts={texts} languages={languages} labels={labels} />
        )),
      ];
    case 'audiobook':
    case 'quiz':
      return [];
  }
}

interface SceneProps {
  scene: SituationSection['scenes'][number];
  section: SituationSection;
  texts: TextsOf;
  languages: string[];
  labels: PrintLabels;
}

/** A scene as a little play; its title stays with its first line. */
function Scene({ scene, section, texts, languages, labels }: SceneProps) {
  const bi = { texts, languages };
  const lines = scene.lines.map((line) => {
    const who = section.characters.find((c) => c.id === line.characterId);
    return (
      <div key={line.unit.id} className={`line${who?.role === 'narrator' ? ' narrator' : ''}`}>
        <span className="speaker">{who?.name ?? line.speakerAsWritten}</span>
        <Bi unit={line.unit} {...bi} as="div" className="line-text" />
      </div>
    );
  });
  return (
    <div className="scene">
      <div className="keep">
        <h2 className="scene-title">
          <span className="scene-num">
            {fillLabel(labels.scene, { n: scene.number })}
          </span>
          {texts(scene.title).map((t, i) => (
            <span key={i} className={`h-text h-text-${i}`} lang={languages[i]} data-unit={scene.title.id}>
              {i > 0 ? ' ' : ''}
              {t}
            </span>
          ))}
        </h2>
        {scene.setting ? <Bi unit={scene.setting.unit} {...bi} className="scene-setting" /> : null}
        {lines[0]}
      </div>
      {lines.slice(1)}
    </div>
  );
}

function LegalBasis({ material, texts, languages, labels }: { material: Material; texts: TextsOf; languages: string[]; labels: PrintLabels }) {
  return (
    <section className="sec legal">
      <header className="sec-head">
        <div className="sec-num">§</div>
        <h1 id={LEGAL_ANCHOR}>
          <span className="h-text">{labels.legalBasis}</span>
        </h1>
      </header>
      <p className="legal-intro">{labels.legalBasisIntro}</p>
      {material.legalBasis.map((doc) => (
        <div key={doc.ref} className="doc">
          <Bi unit={doc.title} texts={texts} languages={languages} as="div" className="doc-title" />
          <div className="doc-meta">
            <span>
              {labels.documentNumber} <b>{doc.ref}</b>
            </span>
            <span>
              {labels.effectiveFrom} <b>{formatDate(doc.effective)}</b>
            </span>
          </div>
          <div className="doc-articles">
            {doc.articles.map((a) => (
              <span key={a} className="chip">
                {a}
              </span>
            ))}
          </div>
        </div>
      ))}
    </section>
  );
}

function BackCover({ materials, texts, languages, theme, labels, editionDate, brand }: BookletProps & { texts: TextsOf }) {
  const m = materials[0]!;
  return (
    <div className="back">
      <BrocadeBand id="back-band" color={theme.accent} soft={theme.primaryDeep} height={14} />
      <div className="back-body" data-fit="back" data-fit-min="0.6">
        {m.hotline ? (
          <div className="back-hotline">
            <div className="back-label">{labels.hotline}</div>
            {texts(m.hotline).map((t, i) => (
              <div key={i} className={`hotline-text hotline-text-${i}`} lang={languages[i]} data-unit={m.hotline!.id}>
                {t}
              </div>
            ))}
          </div>
        ) : null}
        {m.portalUrl ? (
          <div className="back-qr">
            <div className="qr-box">
              <QrCode value={m.portalUrl} size="30mm" color={theme.primaryDeep} margin={2} title={m.portalUrl} />
            </div>
            <div className="qr-caption">
              <div className="back-label">{labels.scanQr}</div>
              <a className="portal" href={m.portalUrl} data-unit="meta.portalUrl">
                {m.portalUrl}
              </a>
            </div>
          </div>
        ) : null}
        <div className="back-issuer">
          <div className="back-label">{labels.issuedBy}</div>
          {brand.name ? <div className="brand-name">{brand.name}</div> : null}
          {texts(m.issuer).map((t, i) => (
            <div key={i} className="issuer-text" lang={languages[i]} data-unit={m.issuer.id}>
              {t}
            </div>
          ))}
          <div className="edition">
            {labels.edition}: {formatDate(editionDate)}
          </div>
        </div>
      </div>
    </div>
  );
}
