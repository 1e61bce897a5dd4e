/**
 * The studio's settings and a project's brand kit, as the settings screen
 * reads and writes them. What they change in a build is resolved in
 * ./options.ts.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { parseQueueAddress } from '../farm/connection.js';
import { writeAppSettings } from './appSettings.js';
import type { AppSettings, BrandKit, FarmSettings, PrintShopSettings } from './settingsSchema.js';
import { requireProject, type Studio } from './studio.js';

export async function brandKitOf(studio: Studio, projectId: string): Promise<BrandKit> {
  const project = await requireProject(studio, projectId);
  const brand = project.settings['brand'];
  return brand && typeof brand === 'object' ? (brand as BrandKit) : {};
}

type SettingsView = { app: AppSettings; brand: BrandKit | null; printShop: PrintShopSettings | null };

export async function getSettings(studio: Studio, projectId?: string): Promise<SettingsView> {
  if (!projectId) return { app: { ...studio.app }, brand: null, printShop: null };
  const project = await requireProject(studio, projectId);
  return { app: { ...studio.app }, brand: await brandKitOf(studio, projectId), printShop: { cmykPdfX: project.settings['cmykPdfX'] === true } };
}

/** Saves the app settings (merged), a project's brand kit (an emptied field is removed) and its print-shop choices. */
export async function putSettings(
  studio: Studio,
  change: { app?: Partial<AppSettings> | undefined; projectId?: string | undefined; brand?: BrandKit | undefined; printShop?: PrintShopSettings | undefined },
): Promise<SettingsView> {
  if (change.app) {
    const next = { ...studio.app, ...change.app };
    if (change.app.farm) next.farm = mergeFarm(studio.app.farm, change.app.farm);
    await writeAppSettings(studio.library.dir, next);
    studio.app = next;
  }
  if (change.projectId && change.brand) {
    const merged: Record<string, unknown> = { ...(await brandKitOf(studio, change.projectId)), ...change.brand };
    for (const [k, v] of Object.entries(merged)) if (v === '' || v === undefined) delete merged[k];
    await studio.library.updateSettings(change.projectId, { brand: merged });
  }
  if (change.projectId && change.printShop) await studio.library.updateSettings(change.projectId, { cmykPdfX: change.printShop.cmykPdfX });
  return getSettings(studio, change.projectId);
}

/**
 * The farm settings a page edits (queue address, split length) replace the
 * ones saved, together (an emptied field goes back to its default); the
 * shared folder is a local path, never sent by a page, and is kept. A queue
 * address that is not `redis://HOST:PORT` is refused before anything is saved.
 */
function mergeFarm(kept: FarmSettings | undefined, change: FarmSettings): FarmSettings {
  const queue = change.queue?.trim() || null;
  if (queue) parseQueueAddress(queue);
  return {
    queue,
    ...(kept?.sharedDir !== undefined ? { sharedDir: kept.sharedDir } : {}),
    ...(change.splitVideoSeconds !== undefined ? { splitVideoSeconds: change.splitVideoSeconds } : {}),
  };
}

/** The settings that name a program or a place on disk: never set from a page, only by the studio's own side. */
export type LocalPathKey = 'chromiumPath' | 'outputDir' | 'logoPath' | 'farmSharedDir';

/**
 * Sets a program, folder or file setting after checking it: the browser must
 * be an existing executable file, the output folder an existing folder, the
 * logo an existing file. For the desktop app's file dialogs, the command
 * line and the settings file — not the API a page calls. null clears it.
 */
export async function setLocalPath(
  studio: Studio, key: LocalPathKey, value: string | null, projectId?: string,
): Promise<SettingsView> {
  const chosen = value?.trim() ? path.resolve(value.trim()) : null;
  if (chosen !== null) await checkLocalPath(key, chosen);
  if (key === 'logoPath') {
    if (!projectId) throw new StudioError('store.noProject', { projectId: '' });
    const brand: Record<string, unknown> = { ...(await brandKitOf(studio, projectId)) };
    if (chosen === null) delete brand['logoPath'];
    else brand['logoPath'] = chosen;
    await studio.library.updateSettings(projectId, { brand });
    return getSettings(studio, projectId);
  }
  const next = key === 'farmSharedDir'
    ? { ...studio.app, farm: { ...studio.app.farm, sharedDir: chosen } }
    : { ...studio.app, [key]: chosen };
  await writeAppSettings(studio.library.dir, next);
  studio.app = next;
  return getSettings(studio, projectId);
}

export async function checkLocalPath(key: LocalPathKey, file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (key === 'outputDir' || key === 'farmSharedDir') {
    if (!info?.isDirectory()) throw new StudioError('settings.notAFolder', { path: file });
    return;
  }
  if (!info?.isFile()) throw new StudioError('settings.notAFile', { path: file });
  if (key === 'chromiumPath') {
    // Some execute bit set (root passes access(X_OK) for nearly anything), and executable for us.
    const executable = process.platform === 'win32' || (info.mode & 0o111) !== 0;
    const allowed = await access(file, constants.X_OK).then(() => true, () => false);
    if (!executable || !allowed) throw new StudioError('settings.notExecutable', { path: file });
  }
}
