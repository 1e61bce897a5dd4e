/**
 * The window: a navigation rail (one entry per screen, reachable by Tab and
 * by Alt+1…7), the current project's name, and the screen. Heavy screens
 * (the editor, previews, voice) load only when opened, so the library paints first.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from './api/client.js';
import { setUiLanguage } from './i18n.js';
import { ConfirmDialog, StatusLine } from './components/feedback.js';
import { Library } from './screens/Library.js';
import { AppStateProvider, SCREENS, useAppState, useProjectId, type Screen } from './state.js';

const Editor = lazy(() => import('./screens/Editor.js').then((m) => ({ default: m.Editor })));
const Previews = lazy(() => import('./screens/Previews.js').then((m) => ({ default: m.Previews })));
const Translations = lazy(() => import('./screens/Translations.js').then((m) => ({ default: m.Translations })));
const Voice = lazy(() => import('./screens/Voice.js').then((m) => ({ default: m.Voice })));
const Render = lazy(() => import('./screens/Render.js').then((m) => ({ default: m.Render })));
const Publish = lazy(() => import('./screens/Publish.js').then((m) => ({ default: m.Publish })));
const Settings = lazy(() => import('./screens/Settings.js').then((m) => ({ default: m.Settings })));

/** Screens that need a project chosen first. */
const NEEDS_PROJECT: ReadonlySet<Screen> = new Set(['previews', 'translations', 'voice', 'render', 'publish']);

/** The rail's word for a screen (the publisher's screen has its own group in the catalogues). */
export const screenKey = (screen: Screen): string => (screen === 'publish' ? 'publishing.nav' : `nav.${screen}`);

export function App() {
  return (
    <AppStateProvider>
      <Shell />
    </AppStateProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { route, go, info } = useAppState();
  const projectId = useProjectId();
  const [title, setTitle] = useState<string | null>(null);

  useEffect(() => {
    if (info) setUiLanguage(info.locale);
  }, [info]);

  useEffect(() => {
    document.title = t('app.title');
  }, [t]);

  useEffect(() => {
    if (!projectId) return setTitle(null);
    let live = true;
    call('projects.list', {}).then(({ projects }) => {
      if (live) setTitle(projects.find((p) => p.id === projectId)?.title ?? null);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [projectId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = Number(e.key);
      const screen = SCREENS[n - 1];
      if (screen && (!NEEDS_PROJECT.has(screen) || projectId)) {
        e.preventDefault();
        go(screen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, projectId]);

  return (
    <div className="shell">
      <a className="skip-link" href="#content">{t('app.skipToContent')}</a>
      <nav className="rail" aria-label={t('nav.label')}>
        <div className="brand">
          <span className="brand-name">{t('app.title')}</span>
          <span className="brand-project" data-testid="current-project">{title ?? t('nav.noProject')}</span>
        </div>
        <ul>
          {SCREENS.map((screen, i) => {
            const disabled = NEEDS_PROJECT.has(screen) && !projectId;
            return (
              <li key={screen}>
                <button
                  type="button"
                  className={route.screen === screen ? 'rail-item active' : 'rail-item'}
                  aria-current={route.screen === screen ? 'page' : undefined}
                  disabled={disabled}
                  title={disabled ? t('nav.chooseProjectFirst') : `Alt+${i + 1}`}
                  onClick={() => go(screen)}
                  data-testid={`nav-${screen}`}
                >
                  {t(screenKey(screen))}
                </button>
              </li>
            );
          })}
        </ul>
        <RunningJob />
      </nav>
      <main id="content" className="content" tabIndex={-1}>
        <Suspense fallback={<p className="muted">{t('app.loading')}</p>}>
          <CurrentScreen screen={route.screen} projectId={projectId} />
        </Suspense>
      </main>
      <StatusLine />
      <ConfirmDialog />
    </div>
  );
}

/** The render running now, whatever screen is shown: what, how far, and about how long is left. */
function RunningJob() {
  const { t } = useTranslation();
  const { jobs, go } = useAppState();
  const job = jobs.find((j) => j.status === 'running');
  if (!job) return null;
  const percent = Math.floor(job.fraction * 100);
  const left = job.remainingSec ?? null;
  const remaining = left === null ? '' : left < 90
    ? t('renderJob.seconds', { count: Math.max(1, Math.round(left)) })
    : t('renderJob.minutes', { count: Math.round(left / 60) });
  return (
    <button type="button" className="rail-job" onClick={() => go('render', job.projectId)} data-testid="running-job">
      <span>{t('renderJob.running', { title: job.title, percent })}</span>
      <progress max={1} value={job.fraction} aria-label={job.label} />
      {remaining && <small>{t('renderJob.remaining', { time: remaining })}</small>}
    </button>
  );
}

function CurrentScreen({ screen, projectId }: { screen: Screen; projectId: string | null }) {
  const { t } = useTranslation();
  const { go } = useAppState();
  if (NEEDS_PROJECT.has(screen) && !projectId) {
    return (
      <section className="screen">
        <h1>{t(screenKey(screen))}</h1>
        <p>{t('nav.chooseProjectFirst')}</p>
        <button type="button" onClick={() => go('library', null)}>{t('nav.library')}</button>
      </section>
    );
  }
  switch (screen) {
    case 'library': return <Library />;
    case 'editor': return <Editor />;
    case 'previews': return <Previews projectId={projectId!} />;
    case 'translations': return <Translations projectId={projectId!} />;
    case 'voice': return <Voice projectId={projectId!} />;
    case 'render': return <Render projectId={projectId!} />;
    case 'publish': return <Publish projectId={projectId!} />;
    case 'settings': return <Settings projectId={projectId} />;
  }
}
