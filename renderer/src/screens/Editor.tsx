/**
 * Write or fix a brief: the text on the left, checked as you type; the
 * problems and an outline of the Material on the right. Saving a brief with
 * errors keeps it as a draft (never lost); the Material changes only when
 * the brief is valid.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BriefRef, Outline, OutputOf, Validation } from '../../../engine/api/contract.js';
import { ApiCallError, call } from '../api/client.js';
import { readFrontMatter, writeFrontMatter } from '../components/briefText.js';
import { ErrorNote, errorText } from '../components/common.js';
import { downloadBase64 } from '../components/files.js';
import { FrontMatterForm } from '../components/FrontMatterForm.js';
import { languageOnly } from '../components/labels.js';
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
  const { t, i18n } = useTranslation();
  const { go, announce, info, setUnsaved } = useAppState();
  const editor = useRef<BriefEditorHandle>(null);
  const [text, setText] = useState(opened.text);
  // What is on disk (the brief, or the draft that holds it): "unsaved" compares against this.
  const [lastSaved, setLastSaved] = useState<string>(opened.text);
  const [lastOutline, setLastOutline] = useState<Outline | null>(opened.validation.outline);
  const [side, setSide] = useState<'outline' | 'form'>('outline');
  const [idChange, setIdChange] = useState<{ from: string; to: string } | null>(null);
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
          if (v.outline) setLastOutline(v.outline);
          setChecking(false);
        },
        (e) => mine === ticket.current && (setError(e), setChecking(false)),
      );
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const dirtyNow = text !== lastSaved;
  useEffect(() => {
    setUnsaved('editor', dirtyNow);
  }, [dirtyNow, setUnsaved]);
  useEffect(() => () => setUnsaved('editor', false), [setUnsaved]);

  const save = useCallback(async () => {
    setSaving(true);
    setError(null);
    const saving = textRef.current;
    try {
      const result = await call('briefs.save', { ref: opened.ref, text: saving });
      setValidation(result.validation);
      setLastSaved(saving);
      if (result.saved === 'brief') {
        setStatus(t('editor.saved'));
        announce(t('editor.saved'));
        if ('projectId' in result.ref && 'draftId' in opened.ref) {
          setUnsaved('editor', false);
          go('editor', result.ref.projectId);
        }
      } else {
        setStatus(t('appui.savedDraftStatus'));
        announce(t('editor.savedAsDraft'));
      }
    } catch (e) {
      if (e instanceof ApiCallError && e.code === 'api.idChanged') {
        const to = readFrontMatter(saving)?.id ?? '';
        setIdChange({ from: 'projectId' in opened.ref ? opened.ref.projectId : '', to });
      } else {
        setError(e);
        announce(errorText(e, t), 'error');
      }
    } finally {
      setSaving(false);
    }
  }, [opened.ref, t, announce, go, setUnsaved]);

  /** The changed id names a new project: create it from this text; the original stays as it was saved. */
  const saveAsNew = useCallback(async () => {
    setError(null);
    try {
      const result = await call('projects.createFromBrief', { fileName: `${idChange?.to ?? 'ban-thao'}.md`, text: textRef.current });
      setIdChange(null);
      setUnsaved('editor', false);
      if (result.project) {
        announce(t('appui.savedAsNew', { title: result.project.title }));
        go('editor', result.project.id);
      } else if (result.draftId) {
        announce(t('library.draftKept'));
        go('editor', `draft:${result.draftId}`);
      }
    } catch (e) {
      setError(e);
    }
  }, [idChange, announce, go, setUnsaved, t]);

  const keepOldId = useCallback(() => {
    const fields = readFrontMatter(textRef.current);
    if (fields && idChange) {
      const next = writeFrontMatter(textRef.current, { ...fields, id: idChange.from });
      if (next !== null) editor.current?.setText(next);
    }
    setIdChange(null);
  }, [idChange]);

  const exportDocx = useCallback(async () => {
    setError(null);
    try {
      const name = 'projectId' in opened.ref ? opened.ref.projectId : 'ban-thao';
      const file = await call('briefs.toDocx', { text: textRef.current, fileName: `${name}.md` });
      downloadBase64(file.fileName, file.base64, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      announce(t('appui.docxExported', { file: file.fileName }));
    } catch (e) {
      setError(e);
    }
  }, [opened.ref, announce, t]);

  const fields = useMemo(() => readFrontMatter(text), [text]);
  const editFields = (next: NonNullable<typeof fields>) => {
    const updated = writeFrontMatter(textRef.current, next);
    if (updated !== null && updated !== textRef.current) {
      editor.current?.setText(updated);
      // Before React renders again: the next keystroke edits this text, not the one before.
      textRef.current = updated;
    }
  };

  const errors = validation.diagnostics.filter((d) => d.severity === 'error');
  const warnings = validation.diagnostics.filter((d) => d.severity === 'warning');
  const dirty = dirtyNow;
  const outline = validation.outline ?? lastOutline;
  const outlineIsOld = !validation.outline && lastOutline !== null;

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
          <button type="button" onClick={exportDocx} data-testid="export-docx">{t('appui.exportDocx')}</button>
          {'projectId' in opened.ref && (
            <button type="button" onClick={() => go('previews', (opened.ref as { projectId: string }).projectId)}>{t('nav.previews')}</button>
          )}
        </div>
      </header>
      <ErrorNote error={error} />
      {idChange && (
        <div className="panel warn" role="alert" data-testid="id-changed">
          <p>{t('appui.idChanged', { from: idChange.from, to: idChange.to })}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={saveAsNew} data-testid="save-as-new">{t('appui.saveAsNew')}</button>
            <button type="button" onClick={keepOldId} data-testid="keep-old-id">{t('appui.keepOldId')}</button>
          </div>
        </div>
      )}
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
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={side === 'outline'} className={side === 'outline' ? 'tab active' : 'tab'} onClick={() => setSide('outline')} data-testid="side-outline">{t('editor.outline')}</button>
            <button type="button" role="tab" aria-selected={side === 'form'} className={side === 'form' ? 'tab active' : 'tab'} onClick={() => setSide('form')} data-testid="side-form">{t('appui.formTab')}</button>
          </div>
          {side === 'form' ? (
            fields ? <FrontMatterForm value={fields} onChange={editFields} /> : <p className="muted" data-testid="no-form">{t('appui.noFrontMatter')}</p>
          ) : outline ? (
            <div className={outlineIsOld ? 'outline old' : 'outline'} data-testid="outline">
              {outlineIsOld && <p className="warn-text small" data-testid="outline-old">{t('appui.outlineOld')}</p>}
              <p><strong>{outline.title}</strong>{outline.subtitle ? ` — ${outline.subtitle}` : ''}</p>
              <p className="muted">{outline.issuer} · {t('editor.units', { count: outline.units })}</p>
              <p className="muted">{t('editor.languages', {
                source: languageOnly(outline.sourceLanguage, info?.languages, i18n.language),
                targets: outline.targetLanguages.map((c) => languageOnly(c, info?.languages, i18n.language)).join(', ') || '—',
              })}</p>
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
