/**
 * What every use case works on: the project library and the studio's own
 * settings. The app opens one Studio for its whole life (it is the library's
 * single writer); each CLI command opens one for its run. Read-only use cases
 * take a Studio from readStudio(): no lock, nothing written.
 */
import path from 'node:path';
import { StudioError } from '../errors.js';
import type { Material } from '../model/material.js';
import type { ProjectRecord } from '../model/records.js';
import { defaultLibraryDir, openLibrary, readLibrary, type Library } from '../store/library.js';
import { readAppSettings } from './appSettings.js';
import type { AppSettings } from './settingsSchema.js';

export interface Studio {
  readonly library: Library;
  app: AppSettings;
}

export interface OpenStudioOptions {
  /** Library folder; default LUAT_STUDIO_LIBRARY or the user's data folder. */
  libraryDir?: string | undefined;
  /** Shown to another program that finds the library locked, e.g. "luat-studio build". */
  command: string;
  waitMs?: number;
}

/** The library folder: the one given, else LUAT_STUDIO_LIBRARY or the user's data folder. */
export function libraryFolder(libraryDir?: string): string {
  return path.resolve(libraryDir ?? defaultLibraryDir());
}

export async function openStudio(options: OpenStudioOptions): Promise<Studio> {
  const dir = path.resolve(options.libraryDir ?? defaultLibraryDir());
  const library = await openLibrary(dir, { command: options.command, waitMs: options.waitMs ?? 10_000 });
  try {
    return { library, app: await readAppSettings(library.dir) };
  } catch (error) {
    await library.close();
    throw error;
  }
}

/** The library as it is on disk, without taking it: for use cases that only read. */
export async function readStudio(libraryDir?: string): Promise<Studio> {
  const library = await readLibrary(path.resolve(libraryDir ?? defaultLibraryDir()));
  return { library, app: await readAppSettings(library.dir) };
}

export async function closeStudio(studio: Studio): Promise<void> {
  await studio.library.close();
}

/** Opens the library for one command, runs it, and always lets go of the library. */
export async function withStudio<T>(options: OpenStudioOptions & { readOnly?: boolean }, run: (studio: Studio) => Promise<T>): Promise<T> {
  const studio = options.readOnly ? await readStudio(options.libraryDir) : await openStudio(options);
  try {
    return await run(studio);
  } finally {
    await closeStudio(studio);
  }
}

export async function requireProject(studio: Studio, projectId: string): Promise<ProjectRecord> {
  const project = await studio.library.getProject(projectId);
  if (!project) throw new StudioError('store.noProject', { projectId });
  return project;
}

export async function requireMaterial(studio: Studio, projectId: string): Promise<{ project: ProjectRecord; material: Material }> {
  const project = await requireProject(studio, projectId);
  const material = await studio.library.getMaterial(projectId);
  if (!material) throw new StudioError('api.noMaterial', { projectId });
  return { project, material };
}

/** Where renders of a project go: the app's output folder, or the project's own. */
export function outputDirFor(studio: Studio, projectId: string): string {
  return studio.app.outputDir ? path.join(studio.app.outputDir, projectId) : path.join(studio.library.projectDir(projectId), 'outputs');
}

export function previewDirFor(studio: Studio, projectId: string): string {
  return path.join(studio.library.projectDir(projectId), 'preview');
}
