/**
 * fetch with the timeouts Node's fetch does not have by default in a useful
 * form: a server that accepts the connection and never answers (or stops
 * half-way through its answer) must fail the attempt with a clear message, so
 * the runner can retry it per its policy, instead of stalling publish forever.
 *
 * The clock is a "no progress" clock: it starts when the request starts and
 * is wound back whenever the upload or the answer moves (a chunk of a streamed
 * body read by fetch, a chunk of the answer received). A body whose size is
 * known but whose progress fetch does not report (FormData, bytes) gets time
 * for its size at a slow-link rate on top. So a large upload on a slow link
 * is never cut, and a silent server is given up on after `idleMs`.
 *
 * It also tells the runner that a request is about to go out
 * (./attemptCounter.ts), so an attempt is counted only when one did.
 */
import { noteRequestSending } from './attemptCounter.js';

/** Default seconds without any progress before a request is given up (LUAT_STUDIO_PUBLISH_TIMEOUT_SECONDS). */
export const DEFAULT_IDLE_SECONDS = 60;
/** The slowest uplink we plan for, for bodies whose progress is not visible: 16 KiB/s. */
const SLOW_LINK_BYTES_PER_SECOND = 16 * 1024;

export function idleTimeoutMs(): number {
  const configured = Number(process.env.LUAT_STUDIO_PUBLISH_TIMEOUT_SECONDS);
  return (Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_IDLE_SECONDS) * 1000;
}

/** Thrown when the server gave no sign of life for the allowed time. */
export class RequestTimeout extends Error {
  constructor(readonly seconds: number, readonly phase: 'answer' | 'body') {
    super(phase === 'answer'
      ? `no answer from the server within ${seconds} s`
      : `the server stopped sending its answer for ${seconds} s`);
    this.name = 'RequestTimeout';
  }
}

function knownSize(body: unknown): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength;
  if (body instanceof Blob) return body.size;
  if (body instanceof FormData) {
    let total = 0;
    for (const [, value] of body.entries()) total += typeof value === 'string' ? Buffer.byteLength(value) : value.size;
    return total;
  }
  return 0;
}

/** A copy of `stream` that calls `onChunk` for every chunk fetch reads from it. */
function watched(stream: ReadableStream<Uint8Array>, onChunk: () => void): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      onChunk();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

export interface TimedAnswer {
  res: Response;
  text: string;
}

/**
 * fetch(url, init) and read the answer as text, aborting when nothing moves
 * for the idle time. `signal` is the caller's cancel: its abort is passed on
 * as is (never turned into a timeout).
 */
export async function timedFetch(url: string, init: RequestInit & { duplex?: 'half' }, signal: AbortSignal): Promise<TimedAnswer> {
  signal.throwIfAborted();
  const idleMs = idleTimeoutMs();
  const seconds = Math.round(idleMs / 1000);
  const controller = new AbortController();
  const onCancel = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onCancel, { once: true });
  let phase: 'answer' | 'body' = 'answer';
  let timer: NodeJS.Timeout | undefined;
  const arm = (extraMs = 0) => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new RequestTimeout(seconds, phase)), idleMs + extraMs);
  };
  let body = init.body;
  if (body instanceof ReadableStream) body = watched(body as ReadableStream<Uint8Array>, () => arm());
  await noteRequestSending();
  arm((knownSize(body) / SLOW_LINK_BYTES_PER_SECOND) * 1000);
  try {
    const res = await fetch(url, { ...init, body, signal: controller.signal } as RequestInit);
    phase = 'body';
    arm();
    const chunks: Uint8Array[] = [];
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        arm();
      }
    }
    return { res, text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    if (signal.aborted) throw signal.reason ?? error;
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof RequestTimeout) throw reason;
    throw error;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onCancel);
  }
}
