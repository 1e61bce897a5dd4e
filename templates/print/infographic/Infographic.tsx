/**
 * Infographics for the portal, Zalo and Facebook groups, and an A3 poster.
 * The layout follows the content: a key message that carries figures (ages,
 * days, amounts) becomes the feature card with the figures set large, copied
 * exactly from its text; the other messages get a pictogram each; a numbered
 * procedure becomes a steps grid where the size has room; the situation's
 * characters stand beside the title; the legal basis, the hotline and a QR
 * code close the page. Every text box shrinks its type within bounds to fit
 * (fitScript); the engine refuses to publish a box that still overflows.
 */
import type { CSSProperties } from 'react';
import { shortTitleOf, type Citation, type Material, type TextUnit } from '../../../engine/model/material.js';
import { keyFiguresOf, type KeyFigure } from '../../../engine/visual/keyFigures.js';
import { QrCode } from '../../shared/QrCode.js';
import { PuppetGroup } from '../../video/puppets/Puppet.js';
import type { PuppetSpec } from '../../video/plan.js';
import { BrocadeBand, groupedCitations, Logo, makeTextsOf } from '../common.js';
import type { PrintLabels } from '../labels.js';
import type { Theme } from '../theme.js';
import { INFOGRAPHIC_SIZES, infographicCss, type InfographicSize, type InfographicStyle } from './infographicCss.js';

/** An icon's drawing (24×24 viewBox, stroke = currentColor), resolved by the engine (engine/visual/pictograms). */
export interface PictogramArt {
  name: string;
  body: string;
}

/** What the engine resolves for the page: icons by text unit id, the cast to draw. */
export interface InfographicVisuals {
  icons: Record<string, PictogramArt>;
  cast: PuppetSpec[];
}

export interface InfographicProps {
  material: Material;
  language: string;
  style: InfographicStyle;
  size: InfographicSize;
  theme: Theme;
  labels: PrintLabels;
  brand: { name: string | null; logoSrc: string | null };
  visuals: InfographicVisuals;
}

export interface ProcedureSteps {
  heading: TextUnit;
  steps: TextUnit[];
}

/** The procedure: the first section whose explanation is a numbered list (its top-level items). */
export function procedureSteps(material: Material): ProcedureSteps | null {
  for (const section of material.sections) {
    if (section.kind !== 'content') continue;
    for (const block of section.blocks) {
      if (block.type === 'list' && block.ordered) {
        return { heading: section.heading, steps: block.items.filter((i) => i.depth === 0).map((i) => i.unit) };
      }
    }
  }
  return null;
}

export function keyMessages(material: Material): { heading: TextUnit; messages: TextUnit[] } | null {
  const section = material.sections.find((s) => s.kind === 'keyMessages');
  return section && section.kind === 'keyMessages' ? { heading: section.heading, messages: section.messages } : null;
}

/** The layout chosen by content, per size: which message is featured, whether the steps are shown. */
export interface InfographicLayout {
  /** Index of the key message whose figures are set large, or -1 when no message has a figure. */
  featured: number;
  figures: KeyFigure[];
  /** The procedure steps, when the size has room for them (story and poster). */
  steps: ProcedureSteps | null;
}

export function chooseLayout(material: Material, size: InfographicSize): InfographicLayout {
  const messages = keyMessages(material)?.messages ?? [];
  let featured = -1;
  let figures: KeyFigure[] = [];
  for (const [i, m] of messages.entries()) {
    const found = keyFiguresOf(m.text);
    // The message with the most figures (two ages beat one), earliest on a tie; at most three are set large.
    if (found.length > figures.length) {
      featured = i;
      figures = found.slice(0, 3);
    }
  }
  const roomy = size === 'story' || size === 'poster';
  return { featured, figures, steps: roomy ? procedureSteps(material) : null };
}

/** Every article of the legal basis, grouped per document, exactly as the brief writes them. */
export function legalBasisCitations(material: Material): Citation[] {
  return material.legalBasis.flatMap((doc) => doc.articles.map((article) => ({ ref: doc.ref, article })));
}

function Icon({ art, className }: { art: PictogramArt | undefined; className: string }) {
  if (!art) return null;
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      data-icon={art.name}
      dangerouslySetInnerHTML={{ __html: art.body }}
    />
  );
}

/** The situation's characters side by side, feet on one ground line, turned towards the middle. */
function Cast({ cast }: { cast: PuppetSpec[] }) {
  if (cast.length === 0) return null;
  const step = 150;
  const width = step * (cast.length - 1) + 240;
  // Friendly faces (EXPRESSION_ORDER: 2 = happy): the cast greets the reader, nobody speaks.
  const idle = { b: 0, e: 0, m: 0, g: 0, x: 2 };
  return (
    <svg className="ig-cast" viewBox={`${-120} -440 ${width} 460`} preserveAspectRatio="xMidYMax meet" aria-hidden="true">
      <ellipse cx={(width - 240) / 2} cy={4} rx={width / 2 - 10} ry={16} className="ig-ground" />
      {cast.map((spec, i) => (
        <g key={i} transform={`translate(${i * step} 0)`}>
          <PuppetGroup spec={spec} state={{ ...idle, g: i === 0 ? 3 : 0 }} facing={i < cast.length / 2 ? 'right' : 'left'} />
        </g>
      ))}
    </svg>
  );
}

export function InfographicDocument({ material, language, style, size, theme, labels, brand, visuals }: InfographicProps) {
  const texts = makeTextsOf([material]);
  const text = (unit: TextUnit) => texts(unit)[0]!;
  const dims = INFOGRAPHIC_SIZES[size];
  const key = keyMessages(material);
  const layout = chooseLayout(material, size);
  const featured = key && layout.featured >= 0 ? key.messages[layout.featured]! : null;
  const others = key ? key.messages.filter((_, i) => i !== layout.featured) : [];
  const citations = groupedCitations(material, texts, legalBasisCitations(material)).map((v) => v[0]!);
  const rootStyle = { '--u': String(dims.widthPx / 1080) } as CSSProperties;
  const number = (unit: TextUnit) => (key ? key.messages.indexOf(unit) + 1 : 0);
  return (
    <div className={`ig ig-${size} style-${style}${visuals.cast.length ? ' has-cast' : ''}`} style={rootStyle} lang={language}>
      <style>{infographicCss(theme, style, size)}</style>
      <header className="ig-head">
        <Logo src={brand.logoSrc} color={theme.accent} ring={theme.accent} size="calc(var(--u) * 76px)" alt={brand.name ?? material.issuer.text} />
        <div className="ig-masthead">
          <div className="ig-issuer" data-unit={brand.name ? undefined : material.issuer.id}>
            {brand.name ?? text(material.issuer)}
          </div>
          <div className="ig-kicker">{labels.legalEducation}</div>
        </div>
      </header>
      <section className="ig-hero">
        <div className="ig-title-box" data-fit="title" data-fit-min="0.55">
          <h1 className="ig-title" data-unit={shortTitleOf(material).id}>
            {text(shortTitleOf(material))}
          </h1>
        </div>
        <Cast cast={visuals.cast} />
      </section>
      <div className="ig-messages" data-fit="messages" data-fit-min="0.6" data-fit-max="1.15">
        {featured ? (
          <div className="ig-feature">
            <div className="ig-figures">
              {layout.figures.map((f, i) => (
                <div key={i} className="ig-figure">
                  <span className="ig-figure-value">{f.value}</span>
                  {f.unit ? <span className="ig-figure-unit">{f.unit}</span> : null}
                </div>
              ))}
            </div>
            <div className="ig-feature-text">
              <span className="ig-num">{number(featured)}</span>
              <p className="ig-msg-text" data-unit={featured.id}>
                {text(featured)}
              </p>
            </div>
          </div>
        ) : null}
        <div className={`ig-cards ig-cards-${others.length}`}>
          {others.map((m) => (
            <div key={m.id} className="ig-card">
              <div className="ig-card-icon">
                <Icon art={visuals.icons[m.id]} className="ig-icon" />
                <span className="ig-num">{number(m)}</span>
              </div>
              <p className="ig-msg-text" data-unit={m.id}>
                {text(m)}
              </p>
            </div>
          ))}
        </div>
      </div>
      {layout.steps ? (
        <section className="ig-steps" data-fit="steps" data-fit-min="0.55" data-fit-max="1.1">
          <h2 className="ig-steps-title" data-unit={layout.steps.heading.id}>
            {text(layout.steps.heading)}
          </h2>
          <ol className={`ig-step-grid ig-step-grid-${layout.steps.steps.length}`}>
            {layout.steps.steps.map((s, i) => (
              <li key={s.id} className="ig-step">
                <div className="ig-step-head">
                  <span className="ig-step-num">{i + 1}</span>
                  <Icon art={visuals.icons[s.id]} className="ig-step-icon" />
                </div>
                <p className="ig-step-text" data-unit={s.id}>
                  {text(s)}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <div className="ig-cite" data-fit="citation" data-fit-min="0.6">
        <span className="ig-cite-label">{labels.legalBasis}</span>
        {citations.map((c, i) => (
          <span key={i} className="ig-cite-item" data-unit={material.legalBasis[i]?.title.id}>
            {c}
          </span>
        ))}
      </div>
      <footer className="ig-foot" data-fit="footer" data-fit-min="0.5">
        <div className="ig-help">
          {material.hotline ? (
            <>
              <div className="ig-label">{labels.hotline}</div>
              <div className="ig-hotline" data-unit={material.hotline.id}>
                {text(material.hotline)}
              </div>
            </>
          ) : null}
        </div>
        {material.portalUrl ? (
          <div className="ig-qr">
            <div className="ig-qr-caption">
              {labels.scanQr}
              <div className="ig-url">{material.portalUrl}</div>
            </div>
            <div className="ig-qr-box">
              <QrCode value={material.portalUrl} size={Math.round((size === 'square' ? 112 : 132) * (dims.widthPx / 1080))} color={theme.primaryDeep} margin={1} title={material.portalUrl} />
            </div>
          </div>
        ) : null}
      </footer>
      <BrocadeBand id={`ig-band-${size}`} color={theme.accent} soft={theme.primaryDeep} height={Math.round(22 * (dims.widthPx / 1080))} />
    </div>
  );
}
