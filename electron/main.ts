/**
 * The Electron shell: one locked-down window showing the renderer, and a
 * relay between it and the engine process. It holds no studio logic; the
 * engine runs behind the typed StudioApi in a child process (./engineProcess.ts)
 * so renders never block the window. Electron cannot be downloaded on our
 * build machines, so this file is type-checked in CI but only run on
 * developers' and users' PCs.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell, utilityProcess, type IpcMainInvokeEvent } from 'electron';
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { outputContentTypeOf, outputFileCsp } from '../engine/http/mediaTypes.js';
import { realPathInside } from '../engine/http/pathInside.js';
import { EngineProcess, type EngineSpawner } from './engineProcess.js';
import { LOCAL_PATH_KEYS, type FromHost, type LocalPathKey } from './hostProtocol.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/electron/ → the repository (or app.asar) root. */
const appRoot = path.resolve(here, '..', '..');
const UI_DIR = path.join(appRoot, 'dist', 'renderer');
const SCHEME = 'app';
const ORIGIN = `${SCHEME}://studio`;
/** External pages the app may open in the user's browser. */
const EXTERNAL_ALLOW = [/^https:\/\/([a-z0-9-]+\.)*gov\.vn\//, /^https:\/\/www\.remotion\.dev\//];
/** The same policy the HTTP bridge sends (engine/server/static.ts). */
const CSP = [
  "default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self' blob:", "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:", "media-src 'self' blob:", "font-src 'self' data:", "connect-src 'self' blob: data:",
  "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

// The UI is served from app://studio/ rather than file://: a real origin, so
// module workers (pdf.js, ffmpeg.wasm), fetch and the CSP behave as on the web.
protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

/** The Chromium packaged beside the app (electron-builder.yml extraResources), if any. */
function shippedChromium(): string | null {
  if (!app.isPackaged) return null;
  const exe = process.platform === 'win32' ? 'chrome-headless-shell.exe' : 'chrome-headless-shell';
  const file = path.join(process.resourcesPath, 'chromium', exe);
  return existsSync(file) ? file : null;
}

/** The engine in an Electron utility process (Chromium's process model, no ELECTRON_RUN_AS_NODE needed for it). */
const utilitySpawner: EngineSpawner = (hostScript, env) => {
  const child = utilityProcess.fork(hostScript, [], { env, serviceName: 'Luật Studio engine', stdio: 'inherit' });
  let running = true;
  child.once('exit', () => {
    running = false;
  });
  return {
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: FromHost) => listener(message)),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    get alive() {
      return running;
    },
    kill: () => void child.kill(),
  };
};

const chromium = shippedChromium();
const engine = new EngineProcess(
  path.join(appRoot, 'electron', 'engine-host.mjs'),
  // The shipped shell captures video; PDFs are printed by an installed Chrome or Edge where there is one (engine/render/chromium.ts).
  chromium && !process.env['LUAT_STUDIO_HEADLESS_SHELL'] ? { ...process.env, LUAT_STUDIO_HEADLESS_SHELL: chromium } : process.env,
  utilitySpawner,
);

/**
 * What "open" may hand to the system: documents, pictures, audio, video,
 * subtitles and packages the studio makes. Never a program, a script, a
 * shortcut or a web page (which would run with the user's rights).
 */
const OPENABLE = new Set(['.pdf', '.png', '.jpg', '.jpeg', '.webp', '.mp4', '.webm', '.m4a', '.m4b', '.mp3', '.wav', '.ogg', '.opus', '.flac', '.srt', '.vtt', '.txt', '.csv', '.xlsx', '.docx', '.epub', '.zip', '.xlf', '.xliff', '.po']);

export function openable(file: string): boolean {
  return OPENABLE.has(path.extname(file).toLowerCase());
}

async function serveApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== 'studio') return new Response(null, { status: 404 });
  if (url.pathname.startsWith('/files/')) {
    const file = await engine.locate(url.pathname);
    if (!file) return new Response(null, { status: 404 });
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Type', outputContentTypeOf(file));
    headers.set('Content-Security-Policy', outputFileCsp(file));
    return new Response(response.body, { status: response.status, headers });
  }
  const file = (await realPathInside(UI_DIR, decodeURIComponent(url.pathname))) ?? path.join(await realpath(UI_DIR), 'index.html');
  const response = await net.fetch(pathToFileURL(file).href);
  if (!file.endsWith('.html')) return response;
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CSP);
  return new Response(response.body, { status: response.status, headers });
}

/** Only our own page may call the engine. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && new URL(frame.url).origin === ORIGIN;
}

function registerIpc(): void {
  ipcMain.handle('studio:call', async (event, method: unknown, input: unknown) => {
    if (!fromOurPage(event) || typeof method !== 'string') return { ok: false, error: { code: 'api.unauthorised', message: '' } };
    return engine.call(method, input);
  });
  ipcMain.handle('studio:open', async (event, url: unknown) => {
    if (!fromOurPage(event) || typeof url !== 'string') return;
    const file = await engine.locate(url);
    if (file && openable(file)) await shell.openPath(file);
  });
  ipcMain.handle('studio:choosePath', async (event, key: unknown, projectId: unknown) => {
    if (!fromOurPage(event) || !LOCAL_PATH_KEYS.includes(key as LocalPathKey)) return null;
    const window = BrowserWindow.fromWebContents(event.sender);
    const options: Electron.OpenDialogOptions = key === 'outputDir' || key === 'farmSharedDir'
      ? { properties: ['openDirectory', 'createDirectory'] }
      : key === 'logoPath'
        ? { properties: ['openFile'], filters: [{ name: 'Logo', extensions: ['png', 'jpg', 'jpeg', 'svg'] }] }
        : { properties: ['openFile'] };
    const chosen = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    const file = chosen.canceled ? undefined : chosen.filePaths[0];
    if (!file) return null;
    // The engine checks it (an executable file, an existing folder) before it is saved.
    return engine.setPath(key as LocalPathKey, file, typeof projectId === 'string' ? projectId : undefined);
  });
  ipcMain.handle('studio:reveal', async (event, url: unknown) => {
    if (!fromOurPage(event) || typeof url !== 'string') return;
    const file = await engine.locate(url);
    if (file) shell.showItemInFolder(file);
  });
}

function sameOrigin(url: string): boolean {
  try {
    return new URL(url).origin === ORIGIN;
  } catch {
    return false;
  }
}

function lockDown(): void {
  // The microphone for the Voice screen, for our page only: audio, never the camera or the screen; nothing else.
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) => {
    const types = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permission === 'media' && types.length > 0 && types.every((t) => t === 'audio') && new URL(contents.getURL()).origin === ORIGIN);
  });
  session.defaultSession.setPermissionCheckHandler((_contents, permission, origin, details) =>
    permission === 'media' && details.mediaType === 'audio' && origin === ORIGIN);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (EXTERNAL_ALLOW.some((re) => re.test(url))) void shell.openExternal(url);
      return { action: 'deny' };
    });
    // The window never leaves the app: no navigation, redirect or frame elsewhere.
    const stayHome = (event: { preventDefault(): void }, url: string) => {
      if (!sameOrigin(url)) event.preventDefault();
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-redirect', stayHome);
    contents.on('will-frame-navigate', (event) => stayHome(event, event.url));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Luật Studio',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // No DevTools for users: only while developing.
      devTools: !app.isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  const unsubscribe = engine.onEvent((event) => {
    if (!window.isDestroyed()) window.webContents.send('studio:event', event);
  });
  window.on('closed', unsubscribe);
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(async () => {
    lockDown();
    protocol.handle(SCHEME, serveApp);
    registerIpc();
    try {
      await engine.start();
    } catch (error) {
      // Typically: another program holds the library. The message is already translated.
      dialog.showErrorBox('Luật Studio', (error as Error).message);
      app.quit();
      return;
    }
    createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void engine.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}
