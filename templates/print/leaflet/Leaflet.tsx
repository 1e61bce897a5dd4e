/**
 * The e-leaflet (tờ gấp): an A4 landscape sheet folded in three (roll fold).
 *
 * Print variant, two pages for duplex printing (flip on the short edge):
 *   outside: [inner flap 97mm | back 100mm | front 100mm]
 *   inside:  [panel 1 100mm   | panel 2 100mm | panel 3 97mm]
 * Panel 3 is the back of the inner flap and folds in first; the front
 * cover ends up on top. Screen variant: the six panels as pages in reading
 * order: front, inner flap, inside 1–3, back.
 *
 * The inside runs as three columns; every box shrinks its type (fitScript)
 * rather than overflow, and says so when it cannot.
 */
import type { CSSProperties } from 'react';
import type { Material, Section } from '../../../engine/model/material.js';
import { QrCode } from '../../shared/QrCode.js';
import { Bi, BrocadeBand, Citations, Logo, contentBlocks, makeTextsOf, qaPairs, type BriefImages, type TextsOf } from '../common.js';
import { formatDate, type PrintLabels } from '../labels.js';
import type { Theme } from '../theme.js';
import { leafletCss, type LeafletStyle } from './leafletCss.js';

export interface LeafletProps {
  material: Material;
  language: string;
  style: LeafletStyle;
  theme: Theme;
  labels: PrintLabels;
  brand: { name: string | null; logoSrc: string | null };
  editionDate: string;
  variant: 'print' | 'screen';
  /** Screen variant: the type scale the print variant's inside settled on, so both read alike. */
  insideScale?: number;
  /** The brief's pictures by `src` (data: URLs the format read); absent: none. */
  images?: BriefImages;
}

/** Sections on the inside of the leaflet: the explanations and the Q&A. */
export function leafletInsideSections(material: Material): Section[] {
  return material.sections.filter((s) => s.kind === 'content' || s.kind === 'qa');
}

export function LeafletDocument(props: LeafletProps) {
  const texts = makeTextsOf([props.material]);
  const p = { ...props, texts };
  const css = <style>{leafletCss(props.theme, props.style, props.variant)}</style>;
  if (props.variant === 'print') {
    return (
      <div className={`leaflet style-${props.style} print`}>
        {css}
        <div className="sheet outside">
          <div className="panel flap"><Flap {...p} /></div>
          <div className="panel back"><Back {...p} /></div>
          <div className="panel front"><Front {...p} /></div>
          <FoldMarks />
        </div>
        <div className="sheet inside">
          <Inside {...p} />
          <FoldMarks />
        </div>
      </div>
    );
  }
  return (
    <div className={`leaflet style-${props.style} screen`}>
      {css}
      <div className="panel front"><Front {...p} /></div>
      <div className="panel flap"><Flap {...p} /></div>
      <Inside {...p} />
      <div className="panel back"><Back {...p} /></div>
    </div>
  );
}

type P = LeafletProps & { texts: TextsOf };

/** Short ticks at the folds, in the trim margin, to fold by hand accurately. */
function FoldMarks() {
  return (
    <div className="fold-marks" aria-hidden="true">
      <span className="tick t1 top" />
      <span className="tick t2 top" />
      <span className="tick t1 bottom" />
      <span className="tick t2 bottom" />
    </div>
  );
}

function Front({ material, texts, language, theme, labels, brand, editionDate }: P) {
  return (
    <div className="front-box" data-fit="front" data-fit-min="0.6">
      <div className="front-top">
        <Logo src={brand.logoSrc} color={theme.accent} ring={theme.accent} size="14mm" alt={brand.name ?? material.issuer.text} />
        <div className="front-masthead">
          {brand.name ? <div className="brand-name">{brand.name}</div> : null}
          <div className="kicker">{labels.legalEducation}</div>
        </div>
      </div>
      <div className="front-main">
        <div className="front-title" lang={language} data-unit={material.title.id}>
          {texts(material.title)[0]}
        </div>
        <div className="front-rule" />
        {material.subtitle ? (
          <div className="front-subtitle" data-unit={material.subtitle.id}>
            {texts(material.subtitle)[0]}
          </div>
        ) : null}
      </div>
      <div className="front-bottom">
        <BrocadeBand id="front-band" color={theme.accent} soft={theme.primaryDeep} height={12} />
        <div className="front-issuer">
          <span data-unit={material.issuer.id}>{texts(material.issuer)[0]}</span>
          <span className="year"> · {editionDate.slice(0, 4)}</span>
        </div>
      </div>
    </div>
  );
}

function Flap({ material, texts, language }: P) {
  const key = material.sections.find((s) => s.kind === 'keyMessages');
  return (
    <div className="flap-box" data-fit="flap" data-fit-min="0.6" data-fit-max="1.3">
      {key && key.kind === 'keyMessages' ? (
        <>
          <h2 className="flap-title" data-unit={key.heading.id}>
            {texts(key.heading)[0]}
          </h2>
          <ol className="key-list">
            {key.messages.map((m, i) => (
              <li key={m.id}>
                <span className="key-num">{i + 1}</span>
                <Bi unit={m} texts={texts} languages={[language]} as="div" className="key-text" />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </div>
  );
}

function Inside({ material, texts, language, labels, variant, insideScale, images }: P) {
  const bi = { texts, languages: [language] };
  const style = variant === 'screen' && insideScale ? ({ '--fit': String(insideScale) } as CSSProperties) : undefined;
  return (
    <div className="inside-flow" style={style} {...(variant === 'print' ? { 'data-fit': 'inside', 'data-fit-min': '0.78', 'data-fit-max': '1.35' } : {})}>
      {leafletInsideSections(material).map((section) => (
        <section key={section.id} className={`sec sec-${section.kind}`}>
          <h2 className="sec-title" data-unit={section.heading.id}>
            {texts(section.heading)[0]}
          </h2>
          <Citations material={material} texts={texts} citations={section.citations} label={labels.citedLaw} />
          {section.kind === 'content'
            ? contentBlocks(section.blocks, bi, 'h3', images)
            : null}
          {section.kind === 'qa'
            ? qaPairs(section.pairs, bi, labels)
            : null}
        </section>
      ))}
    </div>
  );
}

function Back({ material, texts, theme, labels, brand, editionDate }: P) {
  return (
    <div className="back-box" data-fit="back" data-fit-min="0.6">
      {material.hotline ? (
        <div className="hotline">
          <div className="label">{labels.hotline}</div>
          <div className="hotline-text" data-unit={material.hotline.id}>
            {texts(material.hotline)[0]}
          </div>
        </div>
      ) : null}
      {material.portalUrl ? (
        <div className="qr-row">
          <div className="qr-box">
            <QrCode value={material.portalUrl} size="24mm" color={theme.primaryDeep} margin={2} title={material.portalUrl} />
          </div>
          <div>
            <div className="label">{labels.scanQr}</div>
            <a className="portal" href={material.portalUrl} data-unit="meta.portalUrl">
              {material.portalUrl}
            </a>
          </div>
        </div>
      ) : null}
      <div className="legal">
        <div className="label">{labels.legalBasis}</div>
        {material.legalBasis.map((doc) => (
          <div key={doc.ref} className="doc">
            <div className="doc-title" data-unit={doc.title.id}>
              {texts(doc.title)[0]}
            </div>
            <div className="doc-meta">
              {doc.ref} · {labels.effectiveFrom} {formatDate(doc.effective)}
            </div>
            <div className="doc-articles">{doc.articles.join(' · ')}</div>
          </div>
        ))}
      </div>
      <div className="issuer">
        <div className="label">{labels.issuedBy}</div>
        {brand.name ? <div className="brand-name">{brand.name}</div> : null}
        <div className="issuer-text" data-unit={material.issuer.id}>
          {texts(material.issuer)[0]}
        </div>
        <div className="edition">
          {labels.edition}: {formatDate(editionDate)}
        </div>
      </div>
    </div>
  );
}
