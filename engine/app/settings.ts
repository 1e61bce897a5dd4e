/**
 * The studio's settings and a project's brand kit, as the settings screen
 * reads and writes them. What they change in a build is resolved in
 * ./options.ts.
 */
import { writeAppSettings } from './appSettings.js';
import type { AppSettings, BrandKit } from './settingsSchema.js';
import { requireProject, type Studio } from './studio.js';

export async function brandKitOf(studio: Studio, projectId: string): Promise<BrandKit> {
  const project = await requireProject(studio, projectId);
  const brand = project.settings['brand'];
  return brand && typeof brand === 'object' ? (brand as BrandKit) : {};
}

export async function getSettings(studio: Studio, projectId?: string): Promise<{ app: AppSettings; brand: BrandKit | null }> {
  return { app: { ...studio.app }, brand: projectId ? await brandKitOf(studio, projectId) : null };
}

/** Saves the app settings (merged) and a project's brand kit (an emptied field is removed). */
export async function putSettings(
  studio: Studio, change: { app?: Partial<AppSettings> | undefined; projectId?: string | undefined; brand?: BrandKit | undefined },
): Promise<{ app: AppSettings; brand: BrandKit | null }> {
  if (change.app) {
    const next = { ...studio.app, ...change.app };
    await writeAppSettings(studio.library.dir, next);
    studio.app = next;
  }
  if (change.projectId && change.brand) {
    const merged: Record<string, unknown> = { ...(await brandKitOf(studio, change.projectId)), ...change.brand };
    for (const [k, v] of Object.entries(merged)) if (v === '' || v === undefined) delete merged[k];
    await studio.library.updateSettings(change.projectId, { brand: merged });
  }
  return getSettings(studio, change.projectId);
}
