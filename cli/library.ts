/**
 * The CLI's way into the project library: the folder from --library, the
 * environment or the platform default, and a short wait when the app holds it.
 * Read-only commands read it without taking it.
 */
import { withStudio, type Studio } from '../engine/app/index.js';

export interface LibraryOptions {
  library?: string;
}

export function withLibrary<T>(options: LibraryOptions, command: string, run: (studio: Studio) => Promise<T>): Promise<T> {
  return withStudio({ libraryDir: options.library, command: `luat-studio ${command}`, waitMs: 10_000 }, run);
}

export function readingLibrary<T>(options: LibraryOptions, run: (studio: Studio) => Promise<T>): Promise<T> {
  return withStudio({ libraryDir: options.library, command: 'luat-studio', readOnly: true }, run);
}
