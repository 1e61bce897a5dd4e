/**
 * Settings of the studio itself (not of one project): message language,
 * browser path, speech engine, output folder. Kept beside the library in
 * `studio-settings.json`, written durably by the one process that holds the
 * library lock, so two windows can never write it at once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../fs/durable.js';
import { localeFromEnv } from '../i18n/index.js';
import { AppSettings } from '../api/contract.js';

export const APP_SETTINGS_FILE = 'studio-settings.json';

export function defaultAppSettings(): AppSettings {
  return { locale: localeFromEnv(), chromiumPath: null, speechEngine: 'espeak-ng', outputDir: null };
}

/** A missing or damaged file gives the defaults: settings are never worth refusing to start over. */
export async function readAppSettings(libraryDir: string): Promise<AppSettings> {
  const defaults = defaultAppSettings();
  try {
    const raw: unknown = JSON.parse(await readFile(path.join(libraryDir, APP_SETTINGS_FILE), 'utf8'));
    const parsed = AppSettings.partial().safeParse(raw);
    return parsed.success ? { ...defaults, ...parsed.data } : defaults;
  } catch {
    return defaults;
  }
}

export async function writeAppSettings(libraryDir: string, settings: AppSettings): Promise<void> {
  await writeFileDurably(path.join(libraryDir, APP_SETTINGS_FILE), `${JSON.stringify(AppSettings.parse(settings), null, 2)}\n`);
}
