/**
 * The CLI's way into the project library: the folder from --library, the
 * environment or the platform default, and a short wait when the app holds it.
 */
import { defaultLibraryDir, openLibrary, type Library } from '../engine/store/library.js';

export interface LibraryOptions {
  library?: string;
}

export async function withLibrary<T>(options: LibraryOptions, command: string, run: (library: Library) => Promise<T>): Promise<T> {
  const library = await openLibrary(options.library ?? defaultLibraryDir(), { waitMs: 10_000, command: `luat-studio ${command}` });
  try {
    return await run(library);
  } finally {
    await library.close();
  }
}
