/**
 * What every screen shares: the route (in the address hash, so a reload
 * stays put), the engine's app info, the render jobs kept current by pushed
 * events, messages (a visible status line that screen readers also hear),
 * an in-app confirmation dialog, and the unsaved-work guard: a screen with
 * unsaved edits says so, and every navigation (in the app, the browser's
 * back button, closing the window) asks first.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, OutputOf } from '../../engine/api/contract.js';
import { call, subscribe } from './api/client.js';

export const SCREENS = ['library', 'editor', 'previews', 'translations', 'voice', 'render', 'publish', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  /** A project id, or `draft:<id>` for a brief that has no project yet (editor only). */
  target: string | null;
}

export function parseHash(hash: string): Route {
  const [screen, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const known = (SCREENS as readonly string[]).includes(screen ?? '') ? (screen as Screen) : 'library';
  const target = rest.length ? decodeURIComponent(rest.join('/')) : null;
  return { screen: known, target };
}

export function routeHash(route: Route): string {
  return `#/${route.screen}${route.target ? `/${encodeURIComponent(route.target)}` : ''}`;
}

type AppInfo = OutputOf<'app.info'>;

interface AppState {
  route: Route;
  go(screen: Screen, target?: string | null): void;
  info: AppInfo | null;
  jobs: Job[];
  refreshJobs(): Promise<void>;
  /** Shows a message in the visible status line (and says it to screen readers). */
  announce(message: string, kind?: 'ok' | 'error'): void;
  message: string;
  messageKind: 'ok' | 'error';
  /** Asks in the app's own dialog; resolves true when the person confirms. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  pending: (ConfirmRequest & { resolve(ok: boolean): void }) | null;
  /** A screen reports whether it holds unsaved edits under `key`. */
  setUnsaved(key: string, dirty: boolean): void;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  ok: string;
  cancel?: string;
  danger?: boolean;
}

const Ctx = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [message, setMessage] = useState('');
  const [messageKind, setMessageKind] = useState<'ok' | 'error'>('ok');
  const [pending, setPending] = useState<AppState['pending']>(null);
  const unsaved = useRef(new Set<string>());
  const routeRef = useRef(route);
  routeRef.current = route;
  const { t } = useTranslation();

  const confirm = useCallback((request: ConfirmRequest) => new Promise<boolean>((resolve) => {
    setPending({ ...request, resolve: (ok) => { setPending(null); resolve(ok); } });
  }), []);

  const setUnsaved = useCallback((key: string, dirty: boolean) => {
    if (dirty) unsaved.current.add(key);
    else unsaved.current.delete(key);
  }, []);

  /** True when nothing is unsaved, or the person chose to leave it. */
  const mayLeave = useCallback(async () => {
    if (unsaved.current.size === 0) return true;
    const ok = await confirm({ title: t('guard.title'), message: t('guard.message'), ok: t('guard.leave'), cancel: t('guard.stay'), danger: true });
    if (ok) unsaved.current.clear();
    return ok;
  }, [confirm, t]);

  useEffect(() => {
    const onHash = () => {
      const next = parseHash(window.location.hash);
      const current = routeRef.current;
      if (unsaved.current.size === 0 || (next.screen === current.screen && next.target === current.target)) {
        setRoute(next);
        return;
      }
      // The browser's back button or a typed address: put the page back, then ask.
      const wanted = window.location.hash;
      window.history.replaceState(null, '', routeHash(current));
      void mayLeave().then((ok) => {
        if (ok) window.location.hash = wanted;
      });
    };
    const onUnload = (event: BeforeUnloadEvent) => {
      if (unsaved.current.size === 0) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('beforeunload', onUnload);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [mayLeave]);

  useEffect(() => {
    call('app.info', {}).then(setInfo, () => undefined);
  }, []);

  const refreshJobs = useCallback(async () => {
    const { jobs: list } = await call('render.jobs', {});
    setJobs(list);
  }, []);

  useEffect(() => {
    const unsubscribe = subscribe((event) => {
      if (event.type !== 'job') return;
      setJobs((current) => {
        const i = current.findIndex((j) => j.id === event.job.id);
        if (i < 0) return [...current, event.job];
        const next = current.slice();
        next[i] = event.job;
        return next;
      });
    });
    refreshJobs().catch(() => undefined);
    return unsubscribe;
  }, [refreshJobs]);

  const go = useCallback((screen: Screen, target?: string | null) => {
    const next: Route = { screen, target: target === undefined ? route.target : target };
    if (next.screen === route.screen && next.target === route.target) return;
    void mayLeave().then((ok) => {
      if (ok) window.location.hash = routeHash(next);
    });
  }, [route.target, route.screen, mayLeave]);

  const announce = useCallback((text: string, kind: 'ok' | 'error' = 'ok') => {
    setMessage('');
    setMessageKind(kind);
    // A new value even when the text repeats, so screen readers say it again.
    requestAnimationFrame(() => setMessage(text));
  }, []);

  const value = useMemo(
    () => ({ route, go, info, jobs, refreshJobs, announce, message, messageKind, confirm, pending, setUnsaved }),
    [route, go, info, jobs, refreshJobs, announce, message, messageKind, confirm, pending, setUnsaved],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(Ctx);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}

/** The route's project id, when it names a project (not a draft). */
export function useProjectId(): string | null {
  const { route } = useAppState();
  return route.target && !route.target.startsWith('draft:') ? route.target : null;
}
