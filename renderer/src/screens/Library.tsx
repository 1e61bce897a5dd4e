/**
 * The library: every project and unfinished draft, search, and the two ways
 * to start — a brief file from disk, or the bundled sample.
 */
import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client.js';
import { ErrorNote, formatDate, languageName, ProgressBar, useLoad } from '../components/common.js';
import { useAppState } from '../state.js';

export function Library() {
  const { t, i18n } = useTranslation();
  const { go, info, announce } = useAppState();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const list = useLoad(() => call('projects.list', query.trim() ? { query: query.trim() } : {}), [query]);

  async function fromSample() {
    setBusy(true);
    setError(null);
    try {
      const { project } = await call('projects.createFromSample', {});
      announce(t('library.created', { title: project.title }));
      go('editor', project.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function fromFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await call('projects.createFromBrief', { fileName: file.name, text: await file.text() });
      if (result.project) {
        announce(t('library.created', { title: result.project.title }));
        go('editor', result.project.id);
      } else if (result.draftId) {
        announce(t('library.draftKept'));
        go('editor', `draft:${result.draftId}`);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const projects = list.data?.projects ?? [];
  const drafts = list.data?.drafts ?? [];
  return (
    <section className="screen" aria-labelledby="library-title">
      <header className="screen-head">
        <h1 id="library-title">{t('library.title')}</h1>
        <div className="actions">
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="open-brief">
            {t('library.openBrief')}
          </button>
          <input ref={fileInput} type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" hidden onChange={fromFile} aria-label={t('library.openBrief')} />
          <button type="button" className="primary" onClick={fromSample} disabled={busy} data-testid="create-sample">
            {t('library.fromSample')}
          </button>
        </div>
      </header>
      <p className="muted">{t('library.intro')}</p>
      <ErrorNote error={error ?? list.error} />
      <label className="field search">
        <span>{t('library.search')}</span>
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('library.searchPlaceholder')} data-testid="search" />
      </label>

      {drafts.length > 0 && (
        <>
          <h2>{t('library.drafts')}</h2>
          <ul className="cards">
            {drafts.map((d) => (
              <li key={d.draftId} className="card draft">
                <h3>{d.fileName}</h3>
                <p className="muted">{t('library.draftErrors', { count: d.errors })} · {formatDate(d.updatedAt, i18n.language)}</p>
                <button type="button" onClick={() => go('editor', `draft:${d.draftId}`)}>{t('library.continueDraft')}</button>
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>{t('library.projects')}</h2>
      {!list.loading && projects.length === 0 && <p data-testid="no-projects">{query ? t('library.noMatch') : t('library.empty')}</p>}
      <ul className="cards" data-testid="project-list">
        {projects.map((p) => (
          <li key={p.id} className="card" data-testid={`project-${p.id}`}>
            <h3>{p.title}</h3>
            <p className="muted">
              <code>{p.id}</code> · {t('library.updated', { date: formatDate(p.updatedAt, i18n.language) })}
              {p.hasDraft && <> · <strong className="warn-text">{t('library.hasDraft')}</strong></>}
            </p>
            {p.translations.length > 0 && (
              <ul className="mini-progress">
                {p.translations.map((c) => (
                  <li key={c.language}>
                    <span>{languageName(c.language, info?.languages, i18n.language)}</span>
                    <ProgressBar value={c.percent / 100} label={t('library.translated', { language: c.language })} />
                  </li>
                ))}
              </ul>
            )}
            <div className="actions">
              <button type="button" className="primary" onClick={() => go('editor', p.id)}>{t('library.edit')}</button>
              <button type="button" onClick={() => go('previews', p.id)}>{t('nav.previews')}</button>
              <button type="button" onClick={() => go('translations', p.id)}>{t('nav.translations')}</button>
              <button type="button" onClick={() => go('render', p.id)}>{t('nav.render')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
