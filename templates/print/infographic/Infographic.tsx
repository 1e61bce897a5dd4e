/**
 * Infographics for the portal, Zalo and Facebook groups, and an A3 poster:
 * the key messages, the procedure steps and the hotline with a QR code to
 * the portal page. Every text box shrinks its type within bounds to fit
 * (fitScript); the engine refuses to publish a box that still overflows.
 */
import type { CSSProperties } from 'react';
import { shortTitleOf, type Material, type TextUnit } from '../../../engine/model/material.js';
import { QrCode } from '../../shared/QrCode.js';
import { BrocadeBand, Logo, makeTextsOf } from '../common.js';
import type { PrintLabels } from '../labels.js';
import type { Theme } from '../theme.js';
import { INFOGRAPHIC_SIZES, infographicCss, type InfographicSize, type InfographicStyle } from './infographicCss.js';

export interface InfographicProps {
  material: Material;
  language: string;
  style: InfographicStyle;
  size: InfographicSize;
  theme: Theme;
  labels: PrintLabels;
  brand: { name: string | null; logoSrc: string | null };
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

export function InfographicDocument({ material, language, style, size, theme, labels, brand }: InfographicProps) {
  const text = (unit: TextUnit) => makeTextsOf([material])(unit)[0]!;
  const dims = INFOGRAPHIC_SIZES[size];
  const key = keyMessages(material);
  const procedure = procedureSteps(material);
  const rootStyle = { '--u': String(dims.widthPx / 1080) } as CSSProperties;
  return (
    <div className={`ig ig-${size} style-${style}`} style={rootStyle} lang={language}>
      <style>{infographicCss(theme, style, size)}</style>
      <header className="ig-head">
        <Logo src={brand.logoSrc} color={theme.accent} ring={theme.accent} size="calc(var(--u) * 84px)" alt={brand.name ?? material.issuer.text} />
        <div className="ig-masthead">
          <div className="ig-issuer" data-unit={brand.name ? undefined : material.issuer.id}>
            {brand.name ?? text(material.issuer)}
          </div>
          <div className="ig-kicker">{labels.legalEducation}</div>
        </div>
      </header>
      <div className="ig-title-box" data-fit="title" data-fit-min="0.6">
        <div className="ig-title" data-unit={shortTitleOf(material).id}>
          {text(shortTitleOf(material))}
        </div>
      </div>
      <div className="ig-body">
        {key ? (
          <div className="ig-messages" data-fit="messages" data-fit-min="0.55" data-fit-max="1.2">
            <div className="ig-box-title" data-unit={key.heading.id}>
              {text(key.heading)}
            </div>
            <ol className="ig-key-list">
              {key.messages.map((m, i) => (
                <li key={m.id}>
                  <span className="ig-key-num">{i + 1}</span>
                  <span className="ig-key-text" data-unit={m.id}>
                    {text(m)}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
        {procedure ? (
          <div className="ig-steps" data-fit="steps" data-fit-min="0.55" data-fit-max="1.2">
            <div className="ig-box-title" data-unit={procedure.heading.id}>
              {text(procedure.heading)}
            </div>
            <ol className="ig-step-list">
              {procedure.steps.map((s, i) => (
                <li key={s.id}>
                  <span className="ig-step-num">{i + 1}</span>
                  <span className="ig-step-text" data-unit={s.id}>
                    {text(s)}
                  </span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
      <footer className="ig-foot" data-fit="footer" data-fit-min="0.6">
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
            <div className="ig-qr-box">
              <QrCode value={material.portalUrl} size={Math.round(150 * (dims.widthPx / 1080))} color={theme.primaryDeep} margin={2} title={material.portalUrl} />
            </div>
            <div className="ig-qr-caption">
              {labels.scanQr}
              <div className="ig-url">{material.portalUrl}</div>
            </div>
          </div>
        ) : null}
      </footer>
      <BrocadeBand id={`ig-band-${size}`} color={theme.accent} soft={theme.primaryDeep} height={Math.round(22 * (dims.widthPx / 1080))} />
    </div>
  );
}
