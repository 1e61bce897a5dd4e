/**
 * Each format as it will come out: booklet and leaflet pages and each
 * infographic size (built into the project's preview folder by the format
 * itself), the video played live, and the audiobook with its chapters.
 */
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PreviewFile } from '../../../engine/api/contract.js';
import { call, fileHref } from '../api/client.js';
import { ErrorNote, languageName, ProgressBar, useLoad } from '../components/common.js';
import { useAppState } from '../state.js';
import { formatName, variantName } from '../formats.js';

const PdfPages = lazy(() => import('./PdfPages.js').then((m) => ({ default: m.PdfPages })));
const VideoPreview = lazy(() => import('./VideoPreview.js').then((m) => ({ default: m.VideoPreview })));

export function Previews({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  // One tab per format the engine describes, in its order.
  const tabs = (info?.formats ?? []).map((f) => f.name);
  const [chosenTab, setTab] = useState<string | null>(null);
  const tab = chosenTab ?? tabs[0] ?? '';
  const tabInfo = info?.formats.find((f) => f.name === tab);
  const summary = useLoad(() => call('translations.summary', { projectId }), [projectId]);
  const material = useLoad(() => call('preview.material', { projectId }), [projectId]);
  const source = (material.data?.material as { sourceLanguage?: string } | undefined)?.sourceLanguage ?? null;
  const [language, setLanguage] = useState<string | null>(null);
  const current = language ?? source;
  const complete = (summary.data?.languages ?? []).filter((c) => c.percent === 100).map((c) => c.language);
  const available = tabInfo?.available ?? false;

  return (
    <section className="screen" aria-labelledby="previews-title">
      <header className="screen-head">
        <h1 id="previews-title">{t('previews.title')}</h1>
        {source && (
          <label className="field inline">
            <span>{t('previews.language')}</span>
            <select value={current ?? ''} onChange={(e) => setLanguage(e.target.value)}>
              {[source, ...complete].map((l) => <option key={l} value={l}>{languageName(l, info?.languages, i18n.language)}</option>)}
            </select>
          </label>
        )}
      </header>
      <div role="tablist" aria-label={t('previews.formats')} className="tabs">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls="preview-panel"
            className={tab === name ? 'tab active' : 'tab'}
            onClick={() => setTab(name)}
            onKeyDown={(e) => {
              const i = tabs.indexOf(name);
              const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
              if (next) {
                setTab(next);
                document.getElementById(`tab-${next}`)?.focus();
              }
            }}
            tabIndex={tab === name ? 0 : -1}
            data-testid={`preview-tab-${name}`}
          >
            {formatName(info?.formats, name, i18n.language)}
          </button>
        ))}
      </div>
      <div id="preview-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        <ErrorNote error={material.error} />
        {current && tabInfo && (
          <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
            {tabInfo?.preview === 'player' ? (
              <VideoPreview projectId={projectId} language={current} />
            ) : available ? (
              <BuiltPreview key={`${tab}-${current}`} projectId={projectId} format={tab} language={current} />
            ) : (
              <p className="notice" data-testid="format-not-yet">{t('previews.notYet', { format: formatName(info?.formats, tab, i18n.language) })}</p>
            )}
          </Suspense>
        )}
      </div>
    </section>
  );
}

/** A format built into the preview folder; rebuilt on request (it takes seconds, not milliseconds). */
function BuiltPreview({ projectId, format, language }: { projectId: string; format: string; language: string }) {
  const { t } = useTranslation();
  const { jobs, info } = useAppState();
  const preview = info?.formats.find((f) => f.name === format)?.preview;
  const files = useLoad(() => call('preview.files', { projectId, format, language }), [projectId, format, language]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const job = useMemo(() => jobs.find((j) => j.id === (jobId ?? files.data?.job?.id)) ?? files.data?.job ?? null, [jobs, jobId, files.data]);
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  const { reload } = files;
  useEffect(() => {
    if (job?.status === 'done') void reload();
  }, [job?.status, reload]);

  async function build() {
    setError(null);
    try {
      const started = await call('preview.build', { projectId, format, language });
      setJobId(started.id);
    } catch (e) {
      setError(e);
    }
  }

  const list = files.data?.files ?? [];
  return (
    <div>
      <div className="toolbar">
        <button type="button" className="primary" onClick={build} disabled={running} data-testid="build-preview">
          {list.length ? t('previews.rebuild') : t('previews.build')}
        </button>
        {running && job && <ProgressBar value={job.fraction} label={t('previews.building')} testId="preview-progress" />}
      </div>
      {job?.status === 'failed' && <p className="error-text">{job.error}</p>}
      <ErrorNote error={error ?? files.error} />
      {!running && list.length === 0 && <p className="muted">{t('previews.none')}</p>}
      {preview === 'audio' ? <AudioFiles files={list} /> : <PrintFiles format={format} files={list} />}
    </div>
  );
}

function PrintFiles({ format, files }: { format: string; files: PreviewFile[] }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  const variantLabel = (variant: string) => variantName(info?.formats, format, variant, i18n.language);
  const pdfs = files.filter((f) => f.kind === 'pdf');
  const images = files.filter((f) => f.kind === 'image');
  // Read-along books, slide decks and lecture videos: played here or opened with the reader they need.
  const videos = files.filter((f) => f.kind === 'video');
  const others = files.filter((f) => f.kind === 'other');
  const [variant, setVariant] = useState<string | null>(null);
  const chosen = pdfs.find((f) => f.variant === variant) ?? pdfs[0] ?? null;
  return (
    <>
      {pdfs.length > 1 && (
        <label className="field inline">
          <span>{t('previews.variant')}</span>
          <select value={chosen?.variant ?? ''} onChange={(e) => setVariant(e.target.value)}>
            {pdfs.map((f) => <option key={f.url} value={f.variant}>{variantLabel(f.variant)}</option>)}
          </select>
        </label>
      )}
      {chosen && <PdfPages url={chosen.url} title={variantLabel(chosen.variant)} />}
      {images.length > 0 && (
        <div className="image-previews">
          {images.map((f) => (
            <figure key={f.url}>
              <img src={fileHref(f.url)} alt={t('previews.imageAlt', { variant: variantLabel(f.variant) })} style={{ maxWidth: 360, maxHeight: 480 }} />
              <figcaption>{variantLabel(f.variant)}{f.width && f.height ? ` · ${f.width}×${f.height}` : ''}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {videos.map((f) => (
        <figure key={f.url}>
          <video controls preload="metadata" src={fileHref(f.url)} aria-label={t('builtFiles.videoOf', { variant: variantLabel(f.variant) })} style={{ maxWidth: 640 }} />
          <figcaption>{variantLabel(f.variant)}</figcaption>
        </figure>
      ))}
      {others.length > 0 && (
        <ul className="built-files">
          {others.map((f) => (
            <li key={f.url}>
              <a href={fileHref(f.url)} download>{t('builtFiles.open', { variant: variantLabel(f.variant) })}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AudioFiles({ files }: { files: PreviewFile[] }) {
  const { t, i18n } = useTranslation();
  const { info } = useAppState();
  const variantLabel = (variant: string) => variantName(info?.formats, files[0]?.format ?? '', variant, i18n.language);
  return (
    <>
      {files.filter((f) => f.kind === 'audio').map((f) => <AudioWithChapters key={f.url} file={f} label={t('previews.audioOf', { variant: variantLabel(f.variant) })} />)}
    </>
  );
}

function AudioWithChapters({ file, label }: { file: PreviewFile; label: string }) {
  const { t } = useTranslation();
  const [audio, setAudio] = useState<HTMLAudioElement | null>(null);
  return (
    <div className="audiobook">
      <audio ref={setAudio} controls src={fileHref(file.url)} aria-label={label} preload="metadata" />
      {(file.chapters ?? []).length > 0 && (
        <ol className="chapters">
          {file.chapters!.map((c) => (
            <li key={`${c.startSec}-${c.title}`}>
              <button type="button" className="link" onClick={() => { if (audio) { audio.currentTime = c.startSec; void audio.play(); } }}>
                {c.title}
              </button>{' '}
              <span className="muted small">{t('previews.at', { time: clock(c.startSec) })}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function clock(seconds: number): string {
  const s = Math.floor(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
