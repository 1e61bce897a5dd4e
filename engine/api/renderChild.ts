/**
 * Runs one render job in its own process (bin/render-host.mjs →
 * ./renderHost.ts), so the process answering the API stays responsive.
 * Progress and cancel travel over IPC; the child's two library writes (the
 * render history's start and finish) are made here, by the library's single
 * writer. Cancel asks the child to stop and kills it if it has not within a
 * few seconds; closing the IPC channel (this process ending) ends the child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { OutputEntry } from '../model/records.js';
import { StudioError } from '../errors.js';
import { appPath } from '../platform/appRoot.js';
import type { Library } from '../store/library.js';
import type { FromRenderHost, RenderJobOrder, ToRenderHost } from './renderProtocol.js';

export const RENDER_HOST = appPath('bin', 'render-host.mjs');
/** How long a cancelled render may take to stop by itself before it is killed. */
const CANCEL_GRACE_MS = 3000;

export interface ChildRenderResult {
  renderId: string | null;
  outputs: OutputEntry[];
  warnings: string[];
  /** Formats that failed while the others were built (messages in the user's language). */
  failures: string[];
}

/** The render process's own words for why it failed (already in the user's language). */
export class RenderChildError extends Error {
  constructor(message: string, readonly cancelled: boolean) {
    super(message);
    this.name = 'RenderChildError';
  }
}

export interface ChildRenderOptions {
  order: RenderJobOrder;
  library: Library;
  signal: AbortSignal;
  progress(fraction: number, label: string, remainingSec: number | null): void;
  /** Told the child's pid once it runs (tests, diagnostics). */
  onStart?(pid: number): void;
}

function childEnv(): NodeJS.ProcessEnv {
  // Inside Electron (the engine's utility process), the child is Electron's binary run as plain Node.
  return process.versions['electron'] ? { ...process.env, ELECTRON_RUN_AS_NODE: '1' } : { ...process.env };
}

function forkHost(): ChildProcess {
  return fork(RENDER_HOST, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced', execArgv: [], env: childEnv() });
}

/**
 * The render processes of one service: one per job, and one spare started
 * after each job (its modules loaded, waiting), so the next job starts at
 * once. A spare holds nothing open: it does not keep the studio running.
 */
export class RenderProcesses {
  private spare: ChildProcess | null = null;
  private readonly running = new Set<ChildProcess>();
  private closed = false;

  /** Starts the spare now (e.g. when the UI opens the render screen); idempotent. */
  prewarm(): void {
    if (this.closed || (this.spare && this.spare.connected)) return;
    const child = forkHost();
    child.unref();
    (child.channel as { unref?: () => void } | null | undefined)?.unref?.();
    child.once('exit', () => {
      if (this.spare === child) this.spare = null;
    });
    this.spare = child;
  }

  private take(): ChildProcess {
    const spare = this.spare;
    this.spare = null;
    if (spare?.connected && spare.exitCode === null) {
      spare.ref();
      (spare.channel as { ref?: () => void } | null | undefined)?.ref?.();
      return spare;
    }
    return forkHost();
  }

  run(options: ChildRenderOptions): Promise<ChildRenderResult> {
    if (this.closed) return Promise.reject(new StudioError('build.cancelled'));
    const child = this.take();
    this.running.add(child);
    child.once('exit', () => this.running.delete(child));
    return runIn(child, options).finally(() => this.prewarm());
  }

  /** Kills the spare and every running render (their jobs were cancelled first). */
  close(): void {
    this.closed = true;
    this.spare?.kill('SIGKILL');
    this.spare = null;
    for (const child of this.running) child.kill('SIGKILL');
  }
}

function runIn(child: ChildProcess, options: ChildRenderOptions): Promise<ChildRenderResult> {
  const { order, library, signal } = options;
  return new Promise<ChildRenderResult>((resolve, reject) => {
    if (child.pid !== undefined) options.onStart?.(child.pid);
    let settled = false;
    let renderId: string | null = null;
    let recorded = false;
    let killTimer: ReturnType<typeof setTimeout> | undefined;

    const post = (message: ToRenderHost) => {
      if (child.connected) child.send(message, () => undefined);
    };
    const settle = (outcome: { result: ChildRenderResult } | { error: Error }) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if ('result' in outcome) resolve(outcome.result);
      else reject(outcome.error);
      // The answer is in: closing the channel ends the child.
      if (child.connected) child.disconnect();
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
      killTimer.unref();
    };
    const onAbort = () => {
      post({ type: 'cancel' });
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), CANCEL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort);

    child.on('message', (message: FromRenderHost) => {
      switch (message.type) {
        case 'progress':
          if (!settled) options.progress(message.fraction, message.label, message.remainingSec);
          return;
        case 'startRender':
          library.startRender(message.projectId, message.start).then(
            (id) => {
              renderId = id;
              post({ type: 'reply', id: message.id, ok: true, value: id });
            },
            (error: unknown) => post({ type: 'reply', id: message.id, ok: false, message: String((error as Error)?.message ?? error) }),
          );
          return;
        case 'finishRender':
          library.finishRender(message.renderId, message.finish).then(
            () => {
              recorded = true;
              post({ type: 'reply', id: message.id, ok: true, value: null });
            },
            (error: unknown) => post({ type: 'reply', id: message.id, ok: false, message: String((error as Error)?.message ?? error) }),
          );
          return;
        case 'done':
          settle({ result: { renderId: message.renderId, outputs: message.outputs, warnings: message.warnings, failures: message.failures } });
          return;
        case 'failed':
          settle({ error: new RenderChildError(message.message, message.cancelled) });
          return;
      }
    });
    child.once('error', (error) => settle({ error }));
    child.once('exit', (code, sig) => {
      clearTimeout(killTimer);
      // Killed (or crashed) before it recorded the end of its render: record it here.
      if (renderId && !recorded) {
        const status = signal.aborted ? 'cancelled' : 'failed';
        void library.finishRender(renderId, { status, outputs: [], error: `render process ended (${sig ?? code})` }).catch(() => undefined);
      }
      settle({ error: new StudioError('renderJob.stopped', { code: String(sig ?? code) }) });
    });
    post({ type: 'run', order });
  });
}
