/**
 * The main process's handle on the engine process: start it, call the
 * StudioApi through it, receive its events. No engine code runs in main.
 * How the process is started is given (an EngineSpawner): an Electron utility
 * process in the app (electron/main.ts), a forked Node child in the tests.
 */
import { fork } from 'node:child_process';
import type { ApiResult, StudioEvent } from '../engine/api/contract.js';
import type { FromHost, LocalPathKey, ToHost } from './hostProtocol.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A started engine process, whatever started it. */
export interface EngineChannel {
  send(message: ToHost): void;
  onMessage(listener: (message: FromHost) => void): void;
  onExit(listener: (code: number | null) => void): void;
  /** Still running and reachable. */
  readonly alive: boolean;
  kill(): void;
}

export type EngineSpawner = (hostScript: string, env: NodeJS.ProcessEnv) => EngineChannel;

/** A forked Node child (tests, and any host without Electron). */
export const forkSpawner: EngineSpawner = (hostScript, env) => {
  const child = fork(hostScript, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  return {
    send: (message) => child.send(message),
    onMessage: (listener) => child.on('message', (m: FromHost) => listener(m)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    get alive() {
      return child.connected && child.exitCode === null;
    },
    kill: () => child.kill(),
  };
};

export class EngineProcess {
  private child: EngineChannel | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (message: FromHost) => void>();
  private readonly listeners = new Set<(event: StudioEvent) => void>();
  private ready: Promise<{ libraryDir: string }> | null = null;
  private exited: Promise<void> | null = null;

  constructor(
    /** Path of electron/engine-host.mjs. */
    private readonly hostScript: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly spawn: EngineSpawner = forkSpawner,
  ) {}

  /** Resolves when the library is open; rejects with the engine's (translated) reason otherwise. */
  start(): Promise<{ libraryDir: string }> {
    this.ready ??= new Promise((resolve, reject) => {
      const child = this.spawn(this.hostScript, this.env);
      this.child = child;
      child.onMessage((message) => {
        if (message.type === 'ready') resolve({ libraryDir: message.libraryDir });
        else if (message.type === 'fatal') reject(new Error(message.message));
        else if (message.type === 'event') this.listeners.forEach((l) => l(message.event));
        else this.pending.get(message.id)?.(message);
      });
      this.exited = new Promise<void>((done) => {
        child.onExit((code) => {
          reject(new Error(`engine exited (${code})`));
          for (const [id, settle] of this.pending) settle({ type: 'result', id, result: { ok: false, error: { code: 'api.engineStopped', message: '' } } });
          this.pending.clear();
          this.child = null;
          done();
        });
      });
    });
    return this.ready;
  }

  private request<T extends FromHost>(message: WithoutId<Extract<ToHost, { id: number }>>): Promise<T> {
    const child = this.child;
    if (!child?.alive) return Promise.reject(new Error('engine not running'));
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, (reply) => {
        this.pending.delete(id);
        resolve(reply as T);
      });
      child.send({ ...message, id } as ToHost);
    });
  }

  async call(method: string, input: unknown): Promise<ApiResult> {
    await this.start();
    const reply = await this.request<Extract<FromHost, { type: 'result' }>>({ type: 'call', method, input });
    return reply.result;
  }

  /** The file behind a `/files/…` URL, or null when the engine refuses it. */
  async locate(url: string): Promise<string | null> {
    await this.start();
    const reply = await this.request<Extract<FromHost, { type: 'located' }>>({ type: 'locate', url });
    return reply.path;
  }

  /** A path the user chose in main's own dialog; the engine checks and saves it. */
  async setPath(key: LocalPathKey, value: string | null, projectId?: string): Promise<ApiResult> {
    await this.start();
    const reply = await this.request<Extract<FromHost, { type: 'result' }>>({ type: 'setPath', key, value, ...(projectId ? { projectId } : {}) });
    return reply.result;
  }

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the engine to finish its writes and release the library, then waits for it to exit. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.alive) child.send({ type: 'shutdown' } satisfies ToHost);
    const timer = setTimeout(() => child.kill(), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
