/**
 * The UI's one way to the engine: the StudioApi, over Electron IPC when the
 * preload put `window.studio` there, else over the local HTTP bridge of
 * `luat-studio serve` (same origin, the token travels in an HttpOnly cookie).
 * Only types come from the engine: the renderer never imports Node.
 */
import type { ApiResult, InputOf, MethodName, OutputOf, StudioEvent } from '../../../engine/api/contract.js';

/** What electron/preload.ts exposes. */
export interface StudioBridge {
  call(method: string, input: unknown): Promise<ApiResult>;
  onEvent(listener: (event: StudioEvent) => void): () => void;
  /** Opens an output with the system's program. */
  openFile(url: string): Promise<void>;
  /** Shows an output in the file manager. */
  revealFile(url: string): Promise<void>;
  /** The desktop's folder dialog (Electron only); null when the person cancels. */
  chooseFolder?(): Promise<string | null>;
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
        headers: { 'Content-Type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(input),
      });
    } catch {
      throw new ApiCallError('api.offline', '');
    }
    result = (await response.json().catch(() => ({ ok: false, error: { code: 'api.badResponse', message: '' } }))) as ApiResult;
  }
  if (!result.ok) throw new ApiCallError(result.error.code, result.error.message);
  return result.value as OutputOf<M>;
}

type Listener = (event: StudioEvent) => void;
const listeners = new Set<Listener>();
let source: EventSource | null = null;
let ipcUnsubscribe: (() => void) | null = null;

/** Job progress pushed by the engine (SSE over HTTP, an IPC channel in the app). */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  const ipc = bridge();
  if (ipc && !ipcUnsubscribe) {
    ipcUnsubscribe = ipc.onEvent((event) => listeners.forEach((l) => l(event)));
  } else if (!ipc && !source) {
    source = new EventSource('/api/events');
    source.addEventListener('job', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as StudioEvent;
      listeners.forEach((l) => l(event));
    });
  }
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Where the page loads a file the engine named (`/files/…`). Both transports
 * serve files from the UI's own origin (the bridge over HTTP, the app://
 * scheme in Electron), so the URL is used as it is.
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

/** A folder chosen in the desktop's own dialog; unavailable in the browser (outputs are downloaded there). */
export function canChooseFolder(): boolean {
  return typeof bridge()?.chooseFolder === 'function';
}

export async function chooseFolder(): Promise<string | null> {
  const ipc = bridge();
  return ipc?.chooseFolder ? ipc.chooseFolder() : null;
}
