/**
 * The Electron shell: one window, locked down, showing the renderer. It holds
 * no studio logic; the engine runs behind the typed StudioApi (see
 * docs/ARCHITECTURE.md). Electron cannot be downloaded on our build machines,
 * so this file is type-checked in CI but only run on developers' and users' PCs.
 */
import { app, BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** External pages the app may open in the user's browser. */
const EXTERNAL_ALLOW = [/^https:\/\/([a-z0-9-]+\.)*gov\.vn\//, /^https:\/\/www\.remotion\.dev\//];

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Luật Studio',
    webPreferences: {
      preload: path.join(here, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (EXTERNAL_ALLOW.some((re) => re.test(url))) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadFile(path.join(here, '../dist/renderer/index.html'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  void app.whenReady().then(createWindow);
  app.on('window-all-closed', () => app.quit());
}
