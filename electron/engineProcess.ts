/**
 * The main process's handle on the engine process: start it, call the
 * StudioApi through it, receive its events. No engine code runs in main.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ApiResult, StudioEvent } from '../engine/api/contract.js';
import type { FromHost, ToHost } from './hostProtocol.js';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class EngineProcess {
  private child: ChildProcess | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (message: FromHost) => void>();
  private readonly listeners = new Set<(event: StudioEvent) => void>();
  private ready: Promise<{ libraryDir: string }> | null = null;

  constructor(
    /** Path of electron/engine-host.mjs. */
    private readonly hostScript: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Resolves when the library is open; rejects with the engine's (translated) reason otherwise. */
  start(): Promise<{ libraryDir: string }> {
    this.ready ??= new Promise((resolve, reject) => {
      const child = fork(this.hostScript, [], { env: this.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
      this.child = child;
      child.on('message', (message: FromHost) => {
        if (message.type === 'ready') resolve({ libraryDir: message.libraryDir });
        else if (message.type === 'fatal') reject(new Error(message.message));
        else if (message.type === 'event') this.listeners.forEach((l) => l(message.event));
        else this.pending.get(message.id)?.(message);
      });
      child.once('exit', (code) => {
        reject(new Error(`engine exited (${code})`));
        for (const [id, settle] of this.pending) settle({ type: 'result', id, result: { ok: false, error: { code: 'api.engineStopped', message: '' } } });
        this.pending.clear();
        this.child = null;
      });
    });
    return this.ready;
  }

  private request<T extends FromHost>(message: WithoutId<Extract<ToHost, { id: number }>>): Promise<T> {
    const child = this.child;
    if (!child?.connected) return Promise.reject(new Error('engine not running'));
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

  onEvent(listener: (event: StudioEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Asks the engine to finish its writes and release the library, then waits for it to exit. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (child.connected) child.send({ type: 'shutdown' } satisfies ToHost);
    const timer = setTimeout(() => child.kill(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
