/**
 * The engine process of the desktop app: one StudioService (the single writer
 * of the library) answering the main process — over `process.parentPort` in
 * an Electron utility process (the app), or the IPC channel of a forked Node
 * child (the tests). Started through ./engine-host.mjs, which registers tsx
 * like bin/luat-studio.js.
 */
import { translator, localeFromEnv } from '../engine/i18n/index.js';
import { userMessage } from '../engine/errorMessage.js';
import { openStudioService, type StudioService } from '../engine/api/service.js';
import type { FromHost, ToHost } from './hostProtocol.js';

interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
/** Electron's utility process talks through parentPort; a forked Node child through process.send. */
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

function send(message: FromHost): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

function onMessage(listener: (message: ToHost) => void): void {
  if (parentPort) parentPort.on('message', (event) => listener(event.data as ToHost));
  else process.on('message', (message: ToHost) => listener(message));
}

function leave(): void {
  // A utility process has no channel to close: exit once the last message is on its way.
  if (parentPort) setTimeout(() => process.exit(), 100);
  else process.disconnect?.();
}

async function start(): Promise<void> {
  let service: StudioService;
  try {
    service = await openStudioService({ command: 'Luật Studio' });
  } catch (error) {
    const { message } = userMessage(error, translator(localeFromEnv()), 'start the engine');
    send({ type: 'fatal', message });
    process.exitCode = 1;
    leave();
    return;
  }
  service.onEvent((event) => send({ type: 'event', event }));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.close();
    leave();
  };

  onMessage((message) => {
    if (message.type === 'call') {
      void service.call(message.method, message.input).then((result) => send({ type: 'result', id: message.id, result }));
    } else if (message.type === 'locate') {
      void service.resolveFileUrl(message.url).then(
        (path) => send({ type: 'located', id: message.id, path }),
        () => send({ type: 'located', id: message.id, path: null }),
      );
    } else if (message.type === 'setPath') {
      void service.setLocalPath(message.key, message.value, message.projectId).then((result) => send({ type: 'result', id: message.id, result }));
    } else if (message.type === 'shutdown') {
      void stop();
    }
  });
  // The app quit or crashed: release the library lock before going.
  process.on('disconnect', () => void stop());
  send({ type: 'ready', libraryDir: service.libraryDir });
}

await start();
