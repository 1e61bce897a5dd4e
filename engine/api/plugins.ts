/**
 * Engine modules other issues deliver, found at run time so the studio works
 * (with a clear "not yet") before they land: the video planner behind the
 * live preview.
 * Each is looked up by module path and export name; when the module or the
 * export is missing the caller gets null.
 */
import type { Material } from '../model/material.js';

export interface VideoPreviewOptions {
  language: string;
  aspect: '16:9' | '9:16' | '1:1';
  settings: Record<string, unknown>;
  projectDir: string | null;
}

/** `engine/formats/video/index.ts` → `planPreview(material, options): Promise<VideoPlan>`. */
export type PlanPreview = (material: Material, options: VideoPreviewOptions) => Promise<unknown>;

async function optionalExport<T>(specifier: string, names: string[]): Promise<T | null> {
  let module: Record<string, unknown>;
  try {
    // A variable specifier: the module may not exist in this build yet.
    module = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
  for (const name of names) if (typeof module[name] === 'function') return module[name] as T;
  return null;
}

export function videoPlanner(): Promise<PlanPreview | null> {
  return optionalExport<PlanPreview>(new URL('../formats/video/index.js', import.meta.url).href, ['planPreview', 'previewPlan', 'planVideoPreview']);
}
