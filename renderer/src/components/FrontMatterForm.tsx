/**
 * The brief's front matter as a form — title, issuer, languages, the legal
 * basis with its dates — so nobody has to write YAML. Used beside the source
 * editor (it edits the same text) and by the blank-project form.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../state.js';
import type { FrontMatterFields, LegalBasisRow } from './briefText.js';
import { languageName } from './common.js';

const emptyRow = (): LegalBasisRow => ({ ref: '', title: '', articles: [], effective: '' });

const splitArticles = (text: string) => text.split(';').map((a) => a.trim()).filter(Boolean);

/** Articles typed as "Điều 8; Điều 9": applied as typed, the typed text kept while it means the same list. */
function ArticlesInput({ value, onCommit, label }: { value: string[]; onCommit(v: string[]): void; label: string }) {
  const joined = value.join('; ');
  const [draft, setDraft] = useState(joined);
  useEffect(() => {
    setDraft((typed) => (splitArticles(typed).join('; ') === joined ? typed : joined));
  }, [joined]);
  return (
    <input
      value={draft}
      aria-label={label}
      onChange={(e) => {
        setDraft(e.target.value);
        onCommit(splitArticles(e.target.value));
      }}
      data-testid="fm-articles"
    />
  );
}

export function FrontMatterForm({ value, onChange, showId = true }: { value: FrontMatterFields; onChange(next: FrontMatterFields): void; showId?: boolean }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  const set = <K extends keyof FrontMatterFields>(key: K, v: FrontMatterFields[K]) => onChange({ ...value, [key]: v });
  const setRow = (i: number, row: Partial<LegalBasisRow>) => set('legalBasis', value.legalBasis.map((r, k) => (k === i ? { ...r, ...row } : r)));
  const targets = (info?.languages ?? []).filter((l) => l.code !== value.sourceLanguage);

  return (
    <div className="front-form" data-testid="front-form">
      <label className="field">
        <span>{t('briefForm.title')}</span>
        <input value={value.title} onChange={(e) => set('title', e.target.value)} required data-testid="fm-title" />
      </label>
      <label className="field">
        <span>{t('briefForm.subtitle')}</span>
        <input value={value.subtitle} onChange={(e) => set('subtitle', e.target.value)} data-testid="fm-subtitle" />
      </label>
      <label className="field">
        <span>{t('briefForm.issuer')}</span>
        <input value={value.issuer} onChange={(e) => set('issuer', e.target.value)} required placeholder={t('briefForm.issuerHint')} data-testid="fm-issuer" />
      </label>
      {showId && (
        <label className="field">
          <span>{t('briefForm.id')}</span>
          <input value={value.id} onChange={(e) => set('id', e.target.value)} pattern="[a-z0-9]+(-[a-z0-9]+)*" required data-testid="fm-id" />
          <small className="muted">{t('briefForm.idHint')}</small>
        </label>
      )}
      <fieldset>
        <legend>{t('briefForm.targets')}</legend>
        <div className="chips">
          {targets.map((l) => (
            <label key={l.code}>
              <input
                type="checkbox"
                checked={value.targetLanguages.includes(l.code)}
                onChange={(e) => set('targetLanguages', e.target.checked ? [...value.targetLanguages, l.code] : value.targetLanguages.filter((c) => c !== l.code))}
                data-testid={`fm-target-${l.code}`}
              />
              {languageName(l.code, info?.languages, i18n.language)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('briefForm.legalBasis')}</legend>
        {value.legalBasis.map((row, i) => (
          <div key={i} className="legal-row" data-testid="fm-legal-row">
            <label className="field"><span>{t('briefForm.ref')}</span>
              <input value={row.ref} onChange={(e) => setRow(i, { ref: e.target.value })} placeholder="52/2014/QH13" data-testid="fm-ref" />
            </label>
            <label className="field"><span>{t('briefForm.lawTitle')}</span>
              <input value={row.title} onChange={(e) => setRow(i, { title: e.target.value })} placeholder={t('briefForm.lawTitleHint')} data-testid="fm-law-title" />
            </label>
            <label className="field"><span>{t('briefForm.articles')}</span>
              <ArticlesInput value={row.articles} onCommit={(articles) => setRow(i, { articles })} label={t('briefForm.articles')} />
            </label>
            <label className="field"><span>{t('briefForm.effective')}</span>
              <input type="date" value={row.effective} onChange={(e) => setRow(i, { effective: e.target.value })} data-testid="fm-effective" />
            </label>
            <button type="button" className="link" onClick={() => set('legalBasis', value.legalBasis.filter((_, k) => k !== i))}>{t('briefForm.removeLaw')}</button>
          </div>
        ))}
        <button type="button" onClick={() => set('legalBasis', [...value.legalBasis, emptyRow()])} data-testid="fm-add-law">{t('briefForm.addLaw')}</button>
      </fieldset>
      <label className="field">
        <span>{t('briefForm.hotline')}</span>
        <input value={value.hotline} onChange={(e) => set('hotline', e.target.value)} data-testid="fm-hotline" />
      </label>
    </div>
  );
}
