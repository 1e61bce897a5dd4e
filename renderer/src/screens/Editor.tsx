/**
 * Write or fix a brief: the text on the left, checked as you type; the
 * problems and an outline of the Material on the right. Saving a brief with
 * errors keeps it as a draft (never lost); the Material changes only when
 * the brief is valid.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefRef, OutputOf, Validation } from '../../../engine/api/contract.js';
import { call } from '../api/client.js';
import { ErrorNote } from '../components/common.js';
import { useAppState } from '../state.js';
import { BriefEditor, type BriefEditorHandle } from './BriefEditor.js';

const VALIDATE_DELAY_MS = 350;

function refOf(target: string): BriefRef {
  return target.startsWith('draft:') ? { draftId: target.slice('draft:'.length) } : { projectId: target };
}

export function Editor() {
  const { t } = useTranslation();
  const { route, go } = useAppState();
  const target = route.target;
  const [opened, setOpened] = useState<OutputOf<'briefs.open'> | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setOpened(null);
    setError(null);
    if (!target) return;
    let live = true;
    call('briefs.open', refOf(target)).then((o) => live && setOpened(o), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [target]);

  if (!target) {
    return (
      <section className="screen">
        <h1>{t('nav.editor')}</h1>
        <p>{t('nav.chooseProjectFirst')}</p>
        <button type="button" onClick={() => go('library', null)}>{t('nav.library')}</button>
      </section>
    );
  }
  if (error) return <section className="screen"><h1>{t('nav.editor')}</h1><ErrorNote error={error} /></section>;
  if (!opened) return <section className="screen"><p className="muted">{t('app.loading')}</p></section>;
  return <EditorBody key={target} opened={opened} />;
}

function EditorBody({ opened }: { opened: OutputOf<'briefs.open'> }) {
  const { t } = useTranslation();
  const { go, announce } = useAppState();
  const editor = useRef<BriefEditorHandle>(null);
  const [text, setText] = useState(opened.text);
  const [lastSaved, setLastSaved] = useState(opened.isDraft ? null : opened.text);
  const [validation, setValidation] = useState<Validation>(opened.validation);
  const [checking, setChecking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<string>(opened.isDraft ? t('editor.draftRestored') : '');
  const [error, setError] = useState<unknown>(null);
  const ticket = useRef(0);
  const textRef = useRef(text);
  textRef.current = text;

  useEffect(() => {
    const mine = ++ticket.current;
    setChecking(true);
    const timer = setTimeout(() => {
      call('briefs.validate', { text }).then(
        (v) => {
          if (mine !== ticket.current) return;
          setValidation(v);
          setChecking(false);
        },
        (e) => mine === ticket.current && (setError(e), setChecking(false)),
      );
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const save = useCallback(async () => {
    setSaving(true);
    setError(null);
    try {
      const result = await call('briefs.save', { ref: opened.ref, text: textRef.current });
      setValidation(result.validation);
      if (result.saved === 'brief') {
        setLastSaved(textRef.current);
        setStatus(t('editor.saved'));
        announce(t('editor.saved'));
        if ('projectId' in result.ref && 'draftId' in opened.ref) go('editor', result.ref.projectId);
      } else {
        setStatus(t('editor.savedAsDraft'));
        announce(t('editor.savedAsDraft'));
      }
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }, [opened.ref, t, announce, go]);

  const errors = validation.diagnostics.filter((d) => d.severity === 'error');
  const warnings = validation.diagnostics.filter((d) => d.severity === 'warning');
  const dirty = text !== lastSaved;
  const outline = validation.outline;

  return (
    <section className="screen editor-screen" aria-labelledby="editor-title">
      <header className="screen-head">
        <h1 id="editor-title">{outline?.title ?? t('nav.editor')}</h1>
        <div className="actions">
          <span className="muted" data-testid="editor-status">
            {checking ? t('editor.checking') : dirty ? t('editor.unsaved') : status}
          </span>
          <button type="button" className="primary" onClick={save} disabled={saving} data-testid="save-brief" title="Ctrl+S">
            {t('editor.save')}
          </button>
          {'projectId' in opened.ref && (
            <button type="button" onClick={() => go('previews', (opened.ref as { projectId: string }).projectId)}>{t('nav.previews')}</button>
          )}
        </div>
      </header>
      <ErrorNote error={error} />
      <div className="editor-layout">
        <BriefEditor
          ref={editor}
          initialText={opened.text}
          label={t('editor.textLabel')}
          diagnostics={validation.diagnostics}
          onChange={setText}
          onSave={save}
        />
        <aside className="editor-side">
          <h2>
            {t('editor.problems')}{' '}
            <span className="badge error" data-testid="error-count">{errors.length}</span>{' '}
            <span className="badge warning" data-testid="warning-count">{warnings.length}</span>
          </h2>
          {validation.diagnostics.length === 0 ? (
            <p className="ok-text" data-testid="no-problems">{t('editor.noProblems')}</p>
          ) : (
            <ul className="problems" data-testid="problems">
              {validation.diagnostics.map((d, i) => (
                <li key={`${d.code}-${d.line}-${d.col}-${i}`} className={d.severity}>
                  <button type="button" onClick={() => editor.current?.goToLine(d.line ?? 1, d.col ?? 1)} data-testid="problem">
                    <span className="where">{d.line ? t('editor.lineCol', { line: d.line, col: d.col ?? 1 }) : t('editor.wholeFile')}</span>{' '}
                    <span className="sev">{t(`editor.severity.${d.severity}`)}</span>: {d.message}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h2>{t('editor.outline')}</h2>
          {outline ? (
            <div className="outline" data-testid="outline">
              <p><strong>{outline.title}</strong>{outline.subtitle ? ` — ${outline.subtitle}` : ''}</p>
              <p className="muted">{outline.issuer} · {t('editor.units', { count: outline.units })}</p>
              <p className="muted">{t('editor.languages', { source: outline.sourceLanguage, targets: outline.targetLanguages.join(', ') || '—' })}</p>
              <ol>
                {outline.sections.map((s) => (
                  <li key={s.id}>
                    <button type="button" className="link" onClick={() => editor.current?.goToLine(s.line)}>
                      {s.heading}
                    </button>{' '}
                    <span className="muted">{t(`editor.kind.${s.kind}`, { count: s.items })}</span>
                  </li>
                ))}
              </ol>
              <h3>{t('editor.legalBasis')}</h3>
              <ul>
                {outline.legalBasis.map((d) => (
                  <li key={d.ref}><code>{d.ref}</code> {d.title}: {d.articles.join('; ')}</li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">{t('editor.noOutline')}</p>
          )}
        </aside>
      </div>
    </section>
  );
}
