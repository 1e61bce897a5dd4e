/**
 * What every screen shares: the route (in the address hash, so a reload
 * stays put), the engine's app info, the render jobs kept current by pushed
 * events, and a polite live region for messages.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Job, OutputOf } from '../../engine/api/contract.js';
import { call, subscribe } from './api/client.js';

export const SCREENS = ['library', 'editor', 'previews', 'translations', 'voice', 'render', 'settings'] as const;
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
  announce(message: string): void;
  message: string;
}

const Ctx = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [jobs, setJobs] = useState<Job[]>([]);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const onHash = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

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
    window.location.hash = routeHash(next);
  }, [route.target]);

  const announce = useCallback((text: string) => {
    setMessage('');
    // A new value even when the text repeats, so screen readers say it again.
    requestAnimationFrame(() => setMessage(text));
  }, []);

  const value = useMemo(() => ({ route, go, info, jobs, refreshJobs, announce, message }), [route, go, info, jobs, refreshJobs, announce, message]);
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
