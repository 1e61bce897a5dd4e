/**
 * Messages between the Electron main process and the engine process
 * (electron/engineHost.ts). The engine runs in its own process (an Electron
 * utility process in the app; a forked Node process in the tests) so
 * rendering and encoding never block the window; main only relays. The
 * engine itself runs each render in a render process of its own.
 */
import type { ApiResult, StudioEvent } from '../engine/api/contract.js';

/** Settings that name a program, a folder or a file: set only after main's own file dialog. */
export type LocalPathKey = 'chromiumPath' | 'outputDir' | 'logoPath' | 'farmSharedDir';
export const LOCAL_PATH_KEYS: readonly LocalPathKey[] = ['chromiumPath', 'outputDir', 'logoPath', 'farmSharedDir'];

export type ToHost =
  | { type: 'call'; id: number; method: string; input: unknown }
  /** A `/files/…` URL from the page → the file's path, if the engine allows it. */
  | { type: 'locate'; id: number; url: string }
  /** A path the user chose in main's file dialog; the engine checks it (exists, kind, executable). */
  | { type: 'setPath'; id: number; key: LocalPathKey; value: string | null; projectId?: string }
  | { type: 'shutdown' };

export type FromHost =
  | { type: 'ready'; libraryDir: string }
  /** The engine could not start (e.g. the library is locked by another program); message is translated. */
  | { type: 'fatal'; message: string }
  | { type: 'result'; id: number; result: ApiResult }
  | { type: 'located'; id: number; path: string | null }
  | { type: 'event'; event: StudioEvent };
