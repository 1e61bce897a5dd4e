/**
 * One child process running sherpa-onnx (./sherpaChild.mjs), so synthesis
 * never blocks the main thread and a model that crashes the native code
 * ends only the child. Requests are answered in order; a child that dies
 * fails what it was doing and the next request starts a fresh one.
 */
import { appPath } from '../../platform/appRoot.js';
import { fork, type ChildProcess } from 'node:child_process';

/** sherpa-onnx's OfflineTts configuration (sherpa-onnx-node types.js), as much as the engine sets. */
export interface SherpaTtsConfig {
  model: {
    vits?: { model: string; tokens: string; lexicon?: string; dataDir?: string };
    kokoro?: { model: string; voices: string; tokens: string; dataDir?: string; lexicon?: string };
    numThreads: number;
    debug: number;
    provider: 'cpu';
  };
  maxNumSentences: number;
  silenceScale: number;
}

/** A loaded voice is known by `key` (its folder and checksum) inside the child. */
export interface SherpaVoice {
  key: string;
  config: SherpaTtsConfig;
}

export interface SherpaAudio {
  sampleRate: number;
  samples: Float32Array;
}

/**
 * sherpa-onnx's message for a user: one line, at most 300 characters, with
 * folders dropped from file paths (a temp folder means nothing to a user).
 */
export function describeFailure(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .replace(/(?:[A-Za-z]:)?(?:[\\/][^\s\\/:]*)*[\\/]([^\s\\/:]+)/g, '$1')
    .replace(/\s+/g, ' ')
    .slice(0, 300);
}

type Reply = { id: number; error?: string; sampleRate?: number; numSpeakers?: number; samples?: Float32Array };

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (err: Error) => void;
}

/** What sherpa-onnx printed last, for the error when the child dies. */
const STDERR_TAIL = 2000;

export class SherpaProcess {
  private child: ChildProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private stderr = '';

  /** Loads a voice and reports its sample rate and speaker count; throws with sherpa-onnx's message when it cannot. */
  async load(voice: SherpaVoice): Promise<{ sampleRate: number; numSpeakers: number }> {
    const reply = await this.request({ op: 'load', voice });
    return { sampleRate: reply.sampleRate ?? 0, numSpeakers: reply.numSpeakers ?? 0 };
  }

  async speak(voice: SherpaVoice, text: string, options: { sid: number; speed: number }): Promise<SherpaAudio> {
    const reply = await this.request({ op: 'speak', voice, text, sid: options.sid, speed: options.speed });
    return { sampleRate: reply.sampleRate ?? 0, samples: reply.samples ?? new Float32Array(0) };
  }

  /** Ends the child (idle children never keep the program alive, so this is only for tidiness). */
  close(): void {
    this.child?.kill();
    this.child = null;
  }

  private request(message: Record<string, unknown>): Promise<Reply> {
    const child = this.child ?? this.spawn();
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.ref();
      child.channel?.ref();
      child.send({ id, ...message });
    }).then((reply) => {
      if (reply.error !== undefined) throw new Error(reply.error);
      return reply;
    });
  }

  private spawn(): ChildProcess {
    this.stderr = '';
    const child = fork(appPath('engine', 'speech', 'neural', 'sherpaChild.mjs'), [], {
      // Plain JavaScript: none of the parent's loaders (tsx, vitest) are needed.
      execArgv: [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      this.stderr = (this.stderr + chunk).slice(-STDERR_TAIL);
    });
    child.on('message', (reply: Reply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      job?.resolve(reply);
      this.idleIfDone(child);
    });
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null;
      const why = this.stderr.trim().split('\n').slice(-3).join(' ').trim();
      const err = new Error(`sherpa-onnx stopped (${signal ?? `exit ${code}`})${why ? `: ${why}` : ''}`);
      for (const [id, job] of this.pending) {
        this.pending.delete(id);
        job.reject(err);
      }
    });
    child.on('error', () => {
      // 'exit' follows and fails the pending requests.
    });
    this.child = child;
    return child;
  }

  private idleIfDone(child: ChildProcess): void {
    if (this.pending.size > 0) return;
    child.unref();
    child.channel?.unref();
    (child.stderr as { unref?: () => void } | null)?.unref?.();
  }
}
