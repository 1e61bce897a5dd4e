/**
 * The engine process of the desktop app: one StudioService (the single writer
 * of the library) answering the main process over the IPC channel of a
 * forked child (Electron's fork runs it as plain Node). Started through
 * ./engine-host.mjs, which registers tsx like bin/luat-studio.js.
 */
import { translator, localeFromEnv } from '../engine/i18n/index.js';
import { userMessage } from '../engine/errorMessage.js';
import { openStudioService, type StudioService } from '../engine/api/service.js';
import type { FromHost, ToHost } from './hostProtocol.js';

function send(message: FromHost): void {
  process.send?.(message);
}

async function start(): Promise<void> {
  let service: StudioService;
  try {
    service = await openStudioService({ command: 'Luật Studio' });
  } catch (error) {
    const { message } = userMessage(error, translator(localeFromEnv()), 'start the engine');
    send({ type: 'fatal', message });
    process.exitCode = 1;
    process.disconnect?.();
    return;
  }
  service.onEvent((event) => send({ type: 'event', event }));

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await service.close();
    process.disconnect?.();
  };

  process.on('message', (message: ToHost) => {
    if (message.type === 'call') {
      void service.call(message.method, message.input).then((result) => send({ type: 'result', id: message.id, result }));
    } else if (message.type === 'locate') {
      void service.resolveFileUrl(message.url).then(
        (path) => send({ type: 'located', id: message.id, path }),
        () => send({ type: 'located', id: message.id, path: null }),
      );
    } else if (message.type === 'shutdown') {
      void stop();
    }
  });
  // The app quit or crashed: release the library lock before going.
  process.on('disconnect', () => void stop());
  send({ type: 'ready', libraryDir: service.libraryDir });
}

await start();
