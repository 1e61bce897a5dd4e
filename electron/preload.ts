/**
 * The only bridge between the sandboxed UI and the engine: the StudioApi,
 * relayed by the main process to the engine process, plus opening or
 * showing an output and choosing a path with the system's dialog. Nothing else of Node or Electron reaches the page.
 * Sandboxed preloads cannot import modules, so this file imports only electron.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

contextBridge.exposeInMainWorld('studio', {
  /** Calls one StudioApi method in the engine process; the engine validates the input. */
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('studio:call', method, input),
  /** Job progress pushed by the engine. Returns the unsubscribe function. */
  onEvent: (listener: (event: unknown) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, event: unknown) => listener(event);
    ipcRenderer.on('studio:event', wrapped);
    return () => ipcRenderer.off('studio:event', wrapped);
  },
  /** Opens a rendered file (a `/files/…` URL) with the system's program. */
  openFile: (url: string): Promise<void> => ipcRenderer.invoke('studio:open', url),
  /** Shows a rendered file in the file manager. */
  revealFile: (url: string): Promise<void> => ipcRenderer.invoke('studio:reveal', url),
  /** The system's file dialog for the browser, the output folder or the logo; main checks and saves the choice. */
  choosePath: (key: string, projectId?: string): Promise<unknown> => ipcRenderer.invoke('studio:choosePath', key, projectId),
});
