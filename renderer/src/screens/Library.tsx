/**
 * The library: every project and unfinished draft, search, and the ways to
 * start — a blank project (a guided form), a brief file (.md), a Word file,
 * or the bundled sample (which asks before it replaces an edited copy).
 * Projects can be duplicated, renamed and deleted to the bin, and restored.
 */
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError, call } from '../api/client.js';
import { blankBrief, slugOf, type FrontMatterFields } from '../components/briefText.js';
import { ErrorNote, errorText, formatDate, ProgressBar, useLoad } from '../components/common.js';
import { fileToBase64, isZipFile, looksBinary } from '../components/files.js';
import { FrontMatterForm } from '../components/FrontMatterForm.js';
import { languageOnly } from '../components/labels.js';
import { useAppState } from '../state.js';

const blankFields = (): FrontMatterFields => ({
  id: '', title: '', subtitle: '', issuer: '', sourceLanguage: 'vi', targetLanguages: [],
  legalBasis: [{ ref: '', title: '', articles: [], effective: '' }], hotline: '', portalUrl: '',
});

export function Library() {
  const { t, i18n } = useTranslation();
  const { go, info, announce, confirm } = useAppState();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const docxInput = useRef<HTMLInputElement>(null);
  const list = useLoad(() => call('projects.list', query.trim() ? { query: query.trim() } : {}), [query]);
  const bin = useLoad(() => call('projects.bin', {}), []);

  async function act(work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
      announce(errorText(e, t), 'error');
    } finally {
      setBusy(false);
    }
  }

  const fromSample = () => act(async () => {
    let created;
    try {
      created = await call('projects.createFromSample', { replace: false });
    } catch (e) {
      if (!(e instanceof ApiCallError && e.code === 'ui.sampleExists')) throw e;
      const ok = await confirm({ title: t('appui.sampleExistsTitle'), message: e.message, ok: t('appui.sampleReplace'), cancel: t('appui.cancel'), danger: true });
      if (!ok) return;
      created = await call('projects.createFromSample', { replace: true });
    }
    announce(t('library.created', { title: created.project.title }));
    go('editor', created.project.id);
  });

  async function createFrom(fileName: string, text: string) {
    const result = await call('projects.createFromBrief', { fileName, text });
    if (result.project) {
      announce(t('library.created', { title: result.project.title }));
      go('editor', result.project.id);
    } else if (result.draftId) {
      announce(t('library.draftKept'));
      go('editor', `draft:${result.draftId}`);
    }
  }

  const fromDocx = (file: File) => act(async () => {
    const converted = await call('briefs.fromDocx', { fileName: file.name, base64: await fileToBase64(file) });
    await createFrom(file.name.replace(/\.docx$/i, '.md'), converted.text);
  });

  function fromFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    void act(async () => {
      // A Word file picked here is converted, never kept as a draft of binary text.
      if (/\.docx$/i.test(file.name) || (await isZipFile(file))) return fromDocx(file);
      if (await looksBinary(file)) throw new ApiCallError('ui.notText', t('appui.notText', { file: file.name }));
      await createFrom(file.name, await file.text());
    });
  }

  function pickDocx(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) void fromDocx(file);
  }

  const duplicate = (id: string, title: string) => act(async () => {
    const { project } = await call('projects.duplicate', { projectId: id, title: t('appui.copyTitle', { title }) });
    announce(t('appui.duplicated', { title: project.title }));
    await list.reload();
  });

  const rename = (event: FormEvent) => {
    event.preventDefault();
    if (!renaming) return;
    void act(async () => {
      const { project } = await call('projects.rename', { projectId: renaming.id, title: renaming.title.trim() });
      setRenaming(null);
      announce(t('appui.renamed', { title: project.title }));
      await list.reload();
    });
  };

  const remove = (id: string, title: string) => act(async () => {
    const ok = await confirm({ title: t('appui.deleteTitle'), message: t('appui.deleteMessage', { title }), ok: t('appui.delete'), danger: true });
    if (!ok) return;
    await call('projects.delete', { projectId: id });
    announce(t('appui.deleted', { title }));
    await Promise.all([list.reload(), bin.reload()]);
  });

  const restore = (binId: string, title: string) => act(async () => {
    await call('projects.restore', { binId });
    announce(t('appui.restored', { title }));
    await Promise.all([list.reload(), bin.reload()]);
  });

  const projects = list.data?.projects ?? [];
  const drafts = list.data?.drafts ?? [];
  const binned = bin.data?.entries ?? [];
  return (
    <section className="screen" aria-labelledby="library-title">
      <header className="screen-head">
        <h1 id="library-title">{t('library.title')}</h1>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setCreating(true)} disabled={busy} data-testid="new-project">
            {t('appui.newProject')}
          </button>
          <button type="button" onClick={() => fileInput.current?.click()} disabled={busy} data-testid="open-brief">
            {t('library.openBrief')}
          </button>
          <input ref={fileInput} type="file" accept=".md,.markdown,.txt,.docx,text/markdown,text/plain" hidden onChange={fromFile} aria-label={t('library.openBrief')} data-testid="open-brief-input" />
          <button type="button" onClick={() => docxInput.current?.click()} disabled={busy} data-testid="import-docx">
            {t('appui.importDocx')}
          </button>
          <input ref={docxInput} type="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" hidden onChange={pickDocx} aria-label={t('appui.importDocx')} data-testid="import-docx-input" />
          <button type="button" onClick={fromSample} disabled={busy} data-testid="create-sample">
            {t('library.fromSample')}
          </button>
        </div>
      </header>
      <p className="muted">{t('appui.intro')}</p>
      <ErrorNote error={error ?? list.error} />
      {creating && <NewProject onCancel={() => setCreating(false)} onCreate={(fileName, text) => act(() => createFrom(fileName, text))} busy={busy} />}
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
      {!list.loading && projects.length === 0 && <p data-testid="no-projects">{query ? t('library.noMatch') : t('appui.empty')}</p>}
      <ul className="cards" data-testid="project-list">
        {projects.map((p) => (
          <li key={p.id} className="card" data-testid={`project-${p.id}`}>
            {renaming?.id === p.id ? (
              <form onSubmit={rename} className="rename">
                <label className="field"><span>{t('appui.newTitle')}</span>
                  <input value={renaming.title} onChange={(e) => setRenaming({ id: p.id, title: e.target.value })} autoFocus required data-testid="rename-input" />
                </label>
                <button type="submit" className="primary" data-testid="rename-save">{t('appui.renameSave')}</button>
                <button type="button" onClick={() => setRenaming(null)}>{t('appui.cancel')}</button>
              </form>
            ) : <h3>{p.title}</h3>}
            <p className="muted">
              <code>{p.id}</code> · {t('library.updated', { date: formatDate(p.updatedAt, i18n.language) })}
              {p.hasDraft && <> · <strong className="warn-text">{t('library.hasDraft')}</strong></>}
            </p>
            {p.translations.length > 0 && (
              <ul className="mini-progress">
                {p.translations.map((c) => (
                  <li key={c.language}>
                    <span>{languageOnly(c.language, info?.languages, i18n.language)}</span>
                    <ProgressBar value={c.percent / 100} label={t('library.translated', { language: languageOnly(c.language, info?.languages, i18n.language) })} />
                  </li>
                ))}
              </ul>
            )}
            <div className="actions">
              <button type="button" className="primary" onClick={() => go('editor', p.id)}>{t('library.edit')}</button>
              <button type="button" onClick={() => go('previews', p.id)}>{t('nav.previews')}</button>
              <button type="button" onClick={() => go('translations', p.id)}>{t('nav.translations')}</button>
              <button type="button" onClick={() => go('render', p.id)}>{t('nav.render')}</button>
              <button type="button" onClick={() => go('publish', p.id)} data-testid="open-publish">{t('publishing.nav')}</button>
            </div>
            <div className="actions secondary">
              <button type="button" className="link" onClick={() => setRenaming({ id: p.id, title: p.title })} disabled={busy} data-testid="rename">{t('appui.rename')}</button>
              <button type="button" className="link" onClick={() => duplicate(p.id, p.title)} disabled={busy} data-testid="duplicate">{t('appui.duplicate')}</button>
              <button type="button" className="link danger-text" onClick={() => remove(p.id, p.title)} disabled={busy} data-testid="delete">{t('appui.delete')}</button>
            </div>
          </li>
        ))}
      </ul>

      {binned.length > 0 && (
        <>
          <h2>{t('appui.bin')}</h2>
          <ul className="bin" data-testid="bin">
            {binned.map((b) => (
              <li key={b.binId} data-testid={`bin-${b.projectId}`}>
                {b.title} <span className="muted small">· {t('appui.deletedAt', { date: formatDate(b.deletedAt, i18n.language) })}</span>{' '}
                <button type="button" onClick={() => restore(b.binId, b.title)} disabled={busy} data-testid="restore">{t('appui.restore')}</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The blank project: a guided form that writes a valid brief (front matter + the first key messages). */
function NewProject({ onCancel, onCreate, busy }: { onCancel(): void; onCreate(fileName: string, text: string): void; busy: boolean }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<FrontMatterFields>(blankFields);
  const [idTouched, setIdTouched] = useState(false);
  const [messages, setMessages] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  function change(next: FrontMatterFields) {
    if (next.id !== fields.id) setIdTouched(true);
    setFields(idTouched || next.id !== fields.id ? next : { ...next, id: slugOf(next.title) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const keyMessages = messages.split('\n').map((m) => m.trim()).filter(Boolean);
    const laws = fields.legalBasis.filter((r) => r.ref.trim());
    if (!fields.title.trim() || !fields.issuer.trim()) return setProblem(t('appui.needTitleIssuer'));
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(fields.id)) return setProblem(t('appui.badId'));
    if (laws.length === 0 || laws.some((r) => !r.title.trim() || r.articles.length === 0)) return setProblem(t('appui.needLaw'));
    if (keyMessages.length === 0) return setProblem(t('appui.needMessage'));
    setProblem(null);
    onCreate(`${fields.id}.md`, blankBrief({ ...fields, legalBasis: laws }, t('appui.keyMessagesHeading'), keyMessages));
  }

  return (
    <form className="panel new-project" onSubmit={submit} aria-labelledby="new-project-title" data-testid="new-project-form">
      <h2 id="new-project-title">{t('appui.newProject')}</h2>
      <p className="muted">{t('appui.newProjectIntro')}</p>
      <FrontMatterForm value={fields} onChange={change} />
      <label className="field">
        <span>{t('appui.keyMessages')}</span>
        <textarea rows={3} value={messages} onChange={(e) => setMessages(e.target.value)} placeholder={t('appui.keyMessagesHint')} data-testid="fm-messages" />
      </label>
      {problem && <p className="error-note" role="alert">{problem}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="create-blank">{t('appui.create')}</button>
        <button type="button" onClick={onCancel}>{t('appui.cancel')}</button>
      </div>
    </form>
  );
}
