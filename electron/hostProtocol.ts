/**
 * Messages between the Electron main process and the engine process
 * (electron/engineHost.ts). The engine runs in its own process so rendering
 * and encoding never block the window; main only relays.
 */
import type { ApiResult, StudioEvent } from '../engine/api/contract.js';

export type ToHost =
  | { type: 'call'; id: number; method: string; input: unknown }
  /** A `/files/…` URL from the page → the file's path, if the engine allows it. */
  | { type: 'locate'; id: number; url: string }
  | { type: 'shutdown' };

export type FromHost =
  | { type: 'ready'; libraryDir: string }
  /** The engine could not start (e.g. the library is locked by another program); message is translated. */
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: ApiResult }
  | { type: 'located'; id: number; path: string | null }
  | { type: 'event'; event: StudioEvent };
