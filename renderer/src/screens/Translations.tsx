/**
 * One target language at a time: the source beside the translation, row by
 * row, with completeness above and stale rows marked. A row is saved when
 * its field loses focus. XLIFF (or PO) goes out to translators and comes back in.
 */
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf, TranslationRow } from '../../../engine/api/contract.js';
import { call } from '../api/client.js';
import { downloadText, ErrorNote, languageName, ProgressBar, useLoad } from '../components/common.js';
import { useAppState } from '../state.js';

type Filter = 'all' | 'missing' | 'stale';

export function Translations({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  const summary = useLoad(() => call('translations.summary', { projectId }), [projectId]);
  const languages = summary.data?.languages ?? [];
  const [language, setLanguage] = useState<string | null>(null);
  const current = language ?? languages[0]?.language ?? null;

  return (
    <section className="screen" aria-labelledby="translations-title">
      <header className="screen-head">
        <h1 id="translations-title">{t('translations.title')}</h1>
        {languages.length > 0 && (
          <label className="field inline">
            <span>{t('translations.language')}</span>
            <select value={current ?? ''} onChange={(e) => setLanguage(e.target.value)} data-testid="translation-language">
              {languages.map((l) => (
                <option key={l.language} value={l.language}>{languageName(l.language, info?.languages, i18n.language)} — {l.percent}%</option>
              ))}
            </select>
          </label>
        )}
      </header>
      <ErrorNote error={summary.error} />
      {!summary.loading && languages.length === 0 && <p>{t('translations.noTargets')}</p>}
      {current && <Grid key={current} projectId={projectId} language={current} onChanged={() => void summary.reload()} />}
    </section>
  );
}

function Grid({ projectId, language, onChanged }: { projectId: string; language: string; onChanged(): void }) {
  const { t } = useTranslation();
  const { announce } = useAppState();
  const grid = useLoad(() => call('translations.grid', { projectId, language }), [projectId, language]);
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<unknown>(null);
  const [report, setReport] = useState<OutputOf<'translations.import'> | null>(null);
  const importInput = useRef<HTMLInputElement>(null);
  const data = grid.data;

  async function save(row: TranslationRow, text: string) {
    if (!data || text === row.target) return;
    setError(null);
    try {
      const result = await call('translations.put', { projectId, language, unitId: row.unitId, text });
      grid.setData({ ...data, rows: data.rows.map((r) => (r.unitId === row.unitId ? result.row : r)), completeness: result.completeness });
      announce(t('translations.savedRow', { percent: result.completeness.percent }));
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  async function confirm(row: TranslationRow, note: string) {
    if (!data) return;
    setError(null);
    try {
      const result = await call('translations.confirmFigures', { projectId, language, unitId: row.unitId, note });
      grid.setData({ ...data, rows: data.rows.map((r) => (r.unitId === row.unitId ? result.row : r)), completeness: result.completeness });
      announce(t('translations.confirm.done', { percent: result.completeness.percent }));
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  async function exportFile(format: 'xliff' | 'po') {
    setError(null);
    try {
      const file = await call('translations.export', { projectId, language, format });
      downloadText(file.fileName, file.content, format === 'po' ? 'text/x-gettext-translation' : 'application/xliff+xml');
    } catch (e) {
      setError(e);
    }
  }

  async function importFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setError(null);
    try {
      const result = await call('translations.import', { projectId, language, fileName: file.name, content: await file.text() });
      setReport(result);
      await grid.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  if (!data) return <><ErrorNote error={grid.error} />{grid.loading && <p className="muted">{t('app.loading')}</p>}</>;
  const c = data.completeness;
  const rows = data.rows.filter((r) => filter === 'all' || r.state === filter);
  return (
    <>
      <div className="completeness" data-testid="completeness">
        <ProgressBar value={c.percent / 100} label={t('translations.completeness')} testId="completeness-bar" />
        <p>
          <strong data-testid="completeness-percent">{c.percent}%</strong>{' '}
          {t('translations.counts', { translated: c.translated, total: c.total, stale: c.stale, missing: c.missing })}
        </p>
        {c.labelsMissing && c.labelsMissing.length > 0 && (
          <p className="warn-text" data-testid="labels-missing">{t('translations.confirm.labelsMissing', { count: c.labelsMissing.length, ids: c.labelsMissing.join(', ') })}</p>
        )}
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => exportFile('xliff')} data-testid="export-xliff">{t('translations.exportXliff')}</button>
        <button type="button" onClick={() => exportFile('po')}>{t('translations.exportPo')}</button>
        <button type="button" onClick={() => importInput.current?.click()} data-testid="import-xliff">{t('translations.import')}</button>
        <input ref={importInput} type="file" accept=".xlf,.xliff,.po" hidden onChange={importFile} aria-label={t('translations.import')} />
        <fieldset className="segmented">
          <legend className="sr-only">{t('translations.filter')}</legend>
          {(['all', 'missing', 'stale'] as const).map((f) => (
            <label key={f}>
              <input type="radio" name="filter" checked={filter === f} onChange={() => setFilter(f)} />
              {t(`translations.filters.${f}`)}
            </label>
          ))}
        </fieldset>
      </div>
      <ErrorNote error={error} />
      {report && (
        <div className="notice" role="status" data-testid="import-report">
          <p>{t('translations.imported', { applied: report.applied, stale: report.stale, unchanged: report.unchanged, rejected: report.rejected.length })}</p>
          {report.problems.map((p, i) => <p key={i} className="error-text">{p.line ? `${p.line}: ` : ''}{p.message}</p>)}
          {report.rejected.slice(0, 10).map((r, i) => <p key={i} className="warn-text">{r.message}</p>)}
          <button type="button" onClick={() => setReport(null)}>{t('app.close')}</button>
        </div>
      )}
      <table className="grid" data-testid="translation-grid">
        <thead>
          <tr>
            <th scope="col">{t('translations.source', { language: data.sourceLanguage })}</th>
            <th scope="col">{t('translations.target', { language })}</th>
            <th scope="col">{t('translations.state')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.unitId} className={`row-${row.state}`} data-testid="translation-row" data-unit={row.unitId}>
              <td>
                <div className="muted small">{t(`roles.${row.role}`, { defaultValue: row.role })}{row.context ? ` · ${row.context}` : ''}</div>
                <div lang={data.sourceLanguage}>{row.source}</div>
                {row.translatedFrom && <div className="stale-from small">{t('translations.translatedFrom', { text: row.translatedFrom })}</div>}
              </td>
              <td>
                <RowEditor row={row} language={language} onSave={(text) => save(row, text)} label={t('translations.targetLabel', { text: row.source.slice(0, 60) })} />
              </td>
              <td>
                <span className={`badge ${row.state}`} data-testid="row-state">{t(`translations.states.${row.state}`)}</span>
                {row.state === 'review' && <ConfirmFigures onConfirm={(note) => confirm(row, note)} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RowEditor({ row, language, label, onSave }: { row: TranslationRow; language: string; label: string; onSave(text: string): void }) {
  const [value, setValue] = useState(row.target);
  useEffect(() => setValue(row.target), [row.target]);
  return (
    <textarea
      lang={language}
      value={value}
      aria-label={label}
      rows={Math.min(6, Math.max(2, Math.ceil(row.source.length / 60)))}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onSave(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onSave(value);
        }
      }}
      data-testid="translation-input"
    />
  );
}

/** For a row whose figures differ from the source: confirm they do so on purpose, with a note (who, why). */
function ConfirmFigures({ onConfirm }: { onConfirm(note: string): Promise<void> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  if (!open) {
    return <button type="button" className="small" onClick={() => setOpen(true)} data-testid="confirm-figures">{t('translations.confirm.button')}</button>;
  }
  return (
    <form
      className="confirm-figures"
      onSubmit={(e) => {
        e.preventDefault();
        if (note.trim() === '') return;
        void onConfirm(note.trim()).then(() => setOpen(false));
      }}
    >
      <label className="field">
        <span>{t('translations.confirm.note')}</span>
        <textarea value={note} rows={2} onChange={(e) => setNote(e.target.value)} placeholder={t('translations.confirm.placeholder')} data-testid="confirm-note" />
      </label>
      <button type="submit" disabled={note.trim() === ''} data-testid="confirm-submit">{t('translations.confirm.submit')}</button>
      <button type="button" onClick={() => setOpen(false)}>{t('translations.confirm.cancel')}</button>
    </form>
  );
}
