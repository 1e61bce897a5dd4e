/**
 * Messages between the process that answers the API (engine/api/service.ts)
 * and a render process (./renderHost.ts), over a forked child's IPC channel.
 * The render process reads the library as it is on disk; the two writes a
 * render makes to the library (start and finish of its history record) are
 * asked of the parent, the library's single writer.
 */
import type { OutputEntry } from '../model/records.js';
import type { AppSettings } from '../app/settingsSchema.js';
import type { RenderFinish, RenderStart } from '../store/library.js';

export interface RenderJobOrder {
  libraryDir: string;
  app: AppSettings;
  projectId: string;
  formats: string[];
  languages: string[];
  aspects: string[];
  outDir: string;
  purpose: 'render' | 'preview';
}

export type ToRenderHost =
  | { type: 'run'; order: RenderJobOrder }
  | { type: 'cancel' }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; message: string };

export type FromRenderHost =
  | { type: 'progress'; fraction: number; label: string; remainingSec: number | null }
  | { type: 'startRender'; id: number; projectId: string; start: RenderStart }
  | { type: 'finishRender'; id: number; renderId: string; finish: RenderFinish }
  /** failures: formats that failed while the others were built, in the user's language. */
  | { type: 'done'; renderId: string | null; outputs: OutputEntry[]; warnings: string[]; failures: string[] }
  /** message: already in the user's language (a crash log was written by the render process if unexpected). */
  | { type: 'failed'; cancelled: boolean; message: string };
