/**
 * The only bridge between the sandboxed UI and the engine: the StudioApi,
 * served over IPC. Nothing else of Node or Electron reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('studio', {
  /** Calls one StudioApi method in the engine process; arguments are validated there. */
  call: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('studio:call', method, input),
});
