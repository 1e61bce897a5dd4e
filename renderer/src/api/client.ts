/**
 * The UI's one way to the engine: the StudioApi, over Electron IPC when the
 * preload put `window.studio` there, else over the local HTTP bridge of
 * `luat-studio serve` (same origin). Over HTTP no cookie is used: the page
 * trades the printed URL's one-time token for a session token (POST /session),
 * keeps it in sessionStorage (this tab, this run) and sends it in the
 * Authorization header with every call and the event stream. File URLs come
 * signed by the bridge, so images, audio and video load them as they are.
 * Only types come from the engine: the renderer never imports Node.
 */
import type { ApiResult, InputOf, MethodName, OutputOf, StudioEvent } from '../../../engine/api/contract.js';

/** Settings that name a program, a folder or a file: only the desktop app sets them, through its own file dialog. */
export type LocalPathKey = 'chromiumPath' | 'outputDir' | 'logoPath' | 'farmSharedDir';

/** What electron/preload.ts exposes. */
export interface StudioBridge {
  call(method: string, input: unknown): Promise<ApiResult>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  /** Opens an output with the system's program. */
  openFile(url: string): Promise<void>;
  /** Shows an output in the file manager. */
  revealFile(url: string): Promise<void>;
  /** Asks the user for a program, folder or file with the system's dialog; the main process checks and saves it. */
  choosePath?(key: LocalPathKey, projectId?: string): Promise<ApiResult | null>;
}

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

/** An error from the engine, already in the user's language. */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

const bridge = (): StudioBridge | undefined => window.studio;

export function transportName(): 'ipc' | 'http' {
  return bridge() ? 'ipc' : 'http';
}

const SESSION_KEY = 'luat-studio-session';
let session: Promise<string | null> | null = null;

/** The session token: from this tab's storage, or traded once for the printed URL's token. */
function sessionToken(): Promise<string | null> {
  session ??= (async () => {
    const params = new URLSearchParams(window.location.search);
    const launch = params.get('token');
    if (launch) {
      // The token leaves the address bar (and the history) before anything else happens.
      params.delete('token');
      const rest = params.toString();
      window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`);
      const response = await fetch('/session', { method: 'POST', headers: { Authorization: `Bearer ${launch}` }, credentials: 'omit' });
      const result = (await response.json().catch(() => null)) as ApiResult<{ token: string }> | null;
      if (result?.ok) {
        window.sessionStorage.setItem(SESSION_KEY, result.value.token);
        return result.value.token;
      }
      if (result && !result.ok) throw new ApiCallError(result.error.code, result.error.message);
    }
    return window.sessionStorage.getItem(SESSION_KEY);
  })();
  // A failed exchange is not remembered: the next call says why again.
  session.catch(() => {
    session = null;
  });
  return session;
}

async function authHeaders(): Promise<Record<string, string>> {
  const token = await sessionToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>> {
  let result: ApiResult;
  const ipc = bridge();
  if (ipc) {
    result = await ipc.call(method, input);
  } else {
    let response: Response;
    try {
      response = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(await authHeaders()) },
        credentials: 'omit',
        body: JSON.stringify(input),
      });
    } catch (error) {
      if (error instanceof ApiCallError) throw error;
      throw new ApiCallError('api.offline', '');
    }
    result = (await response.json().catch(() => ({ ok: false, error: { code: 'api.badResponse', message: '' } }))) as ApiResult;
  }
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value as OutputOf<M>;
}

type Listener = (event: StudioEvent) => void;
const listeners = new Set<Listener>();
let streaming = false;
let ipcUnsubscribe: (() => void) | null = null;

/** Reads the bridge's event stream with fetch (an EventSource cannot send the Authorization header); reconnects when it drops. */
async function streamEvents(): Promise<void> {
  for (let delay = 1000; ; delay = Math.min(delay * 2, 15_000)) {
    try {
      const response = await fetch('/api/events', { headers: await authHeaders(), credentials: 'omit', cache: 'no-store' });
      if (response.ok && response.body) {
        delay = 1000;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
            if (data) {
              const event = JSON.parse(data) as StudioEvent;
              listeners.forEach((l) => l(event));
            }
          }
        }
      }
    } catch {
      // Offline for a moment (the studio restarting): try again.
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Job progress pushed by the engine (an event stream over HTTP, an IPC channel in the app). */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  const ipc = bridge();
  if (ipc && !ipcUnsubscribe) {
    ipcUnsubscribe = ipc.onEvent((event) => listeners.forEach((l) => l(event)));
  } else if (!ipc && !streaming) {
    streaming = true;
    void streamEvents();
  }
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Where the page loads a file the engine named (`/files/…`). Both transports
 * serve files from the UI's own origin (the bridge, which signs the URLs it
 * hands out, over HTTP; the app:// scheme in Electron), so the URL is used as it is.
 */
export function fileHref(url: string): string {
  return url;
}

export async function openFile(url: string): Promise<void> {
  const ipc = bridge();
  if (ipc) await ipc.openFile(url);
  else window.open(url, '_blank', 'noopener');
}

export async function revealFile(url: string): Promise<boolean> {
  const ipc = bridge();
  if (!ipc) return false;
  await ipc.revealFile(url);
  return true;
}

export function canReveal(): boolean {
  return bridge() !== undefined;
}

/** True in the desktop app, where the browser, the output folder and the logo can be chosen with a file dialog. */
export function canChoosePaths(): boolean {
  return typeof bridge()?.choosePath === 'function';
}

/** The desktop app's file dialog for a path setting; null when cancelled or not available. */
export async function choosePath(key: LocalPathKey, projectId?: string): Promise<OutputOf<'settings.get'> | null> {
  const chosen = await bridge()?.choosePath?.(key, projectId);
  if (!chosen) return null;
  if (!chosen.ok) throw new ApiCallError(chosen.error.code, chosen.error.message);
  return chosen.value as OutputOf<'settings.get'>;
}
