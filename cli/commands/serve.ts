/**
 * `luat-studio serve --port N`: the studio in a browser, for the UI tests and
 * for PCs where the desktop app is not installed. The engine runs here (the
 * single writer of the library); the bridge listens on 127.0.0.1 only.
 *
 * Prints one line `luat-studio: serving <url>` with this run's token; the
 * token is printed nowhere else and never logged.
 */
import type { TFunction } from 'i18next';
import { openStudioService } from '../../engine/api/service.js';
import { DEFAULT_UI_DIR, startBridge } from '../../engine/server/server.js';
import { ensureUiBuilt } from '../../engine/server/uiBuild.js';
import { EXIT } from '../failures.js';

export interface ServeOptions {
  port?: string;
  library?: string;
  uiDir?: string;
}

export async function serveCommand(options: ServeOptions, t: TFunction): Promise<number> {
  const port = options.port === undefined ? 0 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`luat-studio: error: ${t('cli.usage.invalidArgument', { detail: `--port ${options.port}` })}\n`);
    return EXIT.usage;
  }
  const uiDir = options.uiDir ?? DEFAULT_UI_DIR;
  await ensureUiBuilt(uiDir, DEFAULT_UI_DIR, () => process.stderr.write(`luat-studio: ${t('cli.serve.buildingUi')}\n`));
  const service = await openStudioService({ ...(options.library ? { libraryDir: options.library } : {}), command: 'luat-studio serve' });
  const bridge = await startBridge({ service, port, uiDir });
  process.stdout.write(`luat-studio: ${t('cli.serve.listening', { url: bridge.loginUrl })}\n`);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await bridge.close();
  await service.close();
  return EXIT.ok;
}
