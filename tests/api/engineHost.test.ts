/**
 * The desktop app's engine process, without Electron: the main process's
 * EngineProcess forks electron/engine-host.mjs (as Electron's fork does, in
 * Node mode), calls the StudioApi over IPC, locates files, and on shutdown
 * the engine releases the library for the next program.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineProcess } from '../../electron/engineProcess.js';
import { openLibrary } from '../../engine/store/library.js';

const HOST = fileURLToPath(new URL('../../electron/engine-host.mjs', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'luat-host-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('the engine process', () => {
  it('answers the StudioApi over IPC and releases the library on shutdown', async () => {
    const engine = new EngineProcess(HOST, { ...process.env, LUAT_STUDIO_LIBRARY: dir, LUAT_STUDIO_LOCALE: 'en' });
    const ready = await engine.start();
    expect(ready.libraryDir).toBe(path.resolve(dir));
    const created = await engine.call('projects.createFromSample', {});
    expect(created).toMatchObject({ ok: true, value: { project: { id: 'ket-hon-dung-tuoi' } } });
    const bad = await engine.call('translations.put', {});
    expect(bad).toMatchObject({ ok: false, error: { code: 'api.badInput' } });
    expect(await engine.locate('/files/ket-hon-dung-tuoi/voice/../../../library.json')).toBeNull();
    // While the engine runs, no other program may write the library.
    await expect(openLibrary(dir, { waitMs: 0 })).rejects.toMatchObject({ code: 'store.locked' });
    await engine.stop();
    const library = await openLibrary(dir, { waitMs: 0 });
    expect((await library.listProjects()).map((p) => p.id)).toEqual(['ket-hon-dung-tuoi']);
    await library.close();
  });

  it('tells the main process, translated, when the library is held by another program', async () => {
    const holder = await openLibrary(dir, { waitMs: 0, command: 'luat-studio build' });
    try {
      const engine = new EngineProcess(HOST, { ...process.env, LUAT_STUDIO_LIBRARY: dir, LUAT_STUDIO_LOCALE: 'en' });
      await expect(engine.start()).rejects.toThrow(/luat-studio build/);
    } finally {
      await holder.close();
    }
  });
});
