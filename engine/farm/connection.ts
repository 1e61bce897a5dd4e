/**
 * The render farm's queue address: `redis://HOST:PORT[/DB]` (or `rediss://`
 * for TLS). BullMQ is given ready ioredis clients: in native ESM it cannot load
 * ioredis on its own, and the worker's blocking connection must not give up
 * on a slow network (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
import type { Redis } from 'ioredis';
import { StudioError } from '../errors.js';

/** One queue for every department PC; the names of jobs say which build they belong to. */
export const FARM_QUEUE = 'luat-studio-render';

export interface QueueAddress {
  url: string;
  host: string;
  port: number;
  db: number;
  tls: boolean;
}

export function parseQueueAddress(value: string): QueueAddress {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new StudioError('farm.badQueue', { value });
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new StudioError('farm.badQueue', { value });
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!url.hostname || !Number.isInteger(port) || port <= 0 || port > 65535 || !Number.isInteger(db) || db < 0) {
    throw new StudioError('farm.badQueue', { value });
  }
  return { url: value.trim(), host: url.hostname, port, db, tls: url.protocol === 'rediss:' };
}

/** A client for BullMQ; a Redis that cannot be reached is a StudioError naming the address, not a retry loop forever. */
export async function connectQueue(address: QueueAddress, timeoutMs = 10_000): Promise<Redis> {
  // ioredis loads with the first connection: parsing an address must not pay for it.
  const { Redis } = await import('ioredis');
  let connected = false;
  const client = new Redis({
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    lazyConnect: true,
    // Reconnect after a network blip, but not when the first connection fails.
    retryStrategy: (times) => (connected ? Math.min(times * 500, 5_000) : null),
  });
  client.on('error', () => {
    // Reported by the command that failed; an unhandled 'error' event would end the process.
  });
  try {
    await withTimeout(client.connect(), timeoutMs);
    await withTimeout(client.ping(), timeoutMs);
    connected = true;
  } catch {
    client.disconnect();
    throw new StudioError('farm.unreachable', { address: `${address.host}:${address.port}` });
  }
  return client;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });
}
