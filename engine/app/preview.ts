/**
 * What the preview screens show: the Material in a language, the video plan
 * the composition draws, and the files of the last preview build.
 * All read only (preview builds themselves go through renderProject).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, Manifest } from '../build/build.js';
import { StudioError } from '../errors.js';
import { demoPlan, planPreview } from '../formats/video/index.js';
import type { Material } from '../model/material.js';
import { completeness } from '../translations/completeness.js';
import { localizeMaterial } from '../translations/localize.js';
import { labelTextsFor } from '../translations/labels.js';
import { translationsWithLabels } from './translations.js';
import { sameLanguage } from '../translations/status.js';
import type { PreviewFile } from '../api/contract.js';
import { fileKind, previewFileUrl } from '../api/files.js';
import { resolveBuildSettings } from './options.js';
import { previewDirFor, requireMaterial, type Studio } from './studio.js';

/** The Material in `language` when its translation is complete, else the source Material. */
export async function previewMaterial(studio: Studio, projectId: string, language?: string) {
  const { material } = await requireMaterial(studio, projectId);
  const wanted = language ?? material.sourceLanguage;
  if (sameLanguage(wanted, material.sourceLanguage)) return { language: material.sourceLanguage, complete: true, material };
  const records = await studio.library.listTranslations(projectId);
  const c = completeness(material, wanted, records);
  const complete = c.missing === 0 && c.stale === 0;
  return { language: wanted, complete, material: complete ? localizeMaterial(material, wanted, records) : material };
}

type Aspect = '16:9' | '9:16' | '1:1';

/** The plan of the brief's first situation, planned by the export's own code; the demo when it has none. */
export async function previewVideo(studio: Studio, projectId: string, language?: string, aspect?: Aspect) {
  const { project, material } = await requireMaterial(studio, projectId);
  const situations = material.sections.filter((s) => s.kind === 'situation');
  const firstAspect = situations[0]?.kind === 'situation' ? situations[0].aspects[0] : undefined;
  const chosen = aspect ?? firstAspect ?? '16:9';
  if (situations.length === 0) return { plan: demoPlan(chosen), fromMaterial: false, situations: 0 };
  const wanted = language ?? material.sourceLanguage;
  let localized: Material = material;
  const records = await translationsWithLabels(studio, await studio.library.listTranslations(projectId));
  if (!sameLanguage(wanted, material.sourceLanguage)) {
    const c = completeness(material, wanted, records);
    if (c.missing > 0 || c.stale > 0) throw new StudioError('translation.incomplete', { language: wanted, missing: c.missing + c.stale });
    localized = localizeMaterial(material, wanted, records);
  }
  const labels = labelTextsFor(material, wanted, records);
  if (!labels.texts) throw new StudioError('translation.labelsMissing', { language: wanted, ids: labels.status.missing.join(', ') });
  const plan = await planPreview(localized, {
    labels: labels.texts,
    language: wanted, aspect: chosen, settings: resolveBuildSettings({ project: project.settings, app: studio.app }),
    projectDir: studio.library.projectDir(projectId),
  });
  return { plan, fromMaterial: true, situations: situations.length };
}

/** Files of the last preview build of one format in one language. */
export async function previewFiles(studio: Studio, projectId: string, format: string, language: string): Promise<PreviewFile[]> {
  const dir = path.join(previewDirFor(studio, projectId), format);
  let manifest: Manifest;
  try {
    manifest = Manifest.parse(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  } catch {
    return [];
  }
  const files: PreviewFile[] = [];
  for (const o of manifest.outputs) {
    if (o.format !== format || !sameLanguage(o.language, language)) continue;
    const kind = fileKind(o.path);
    const file: PreviewFile = { format: o.format, language: o.language, variant: o.variant, url: previewFileUrl(projectId, `${format}/${o.path}`), kind };
    if (o.width !== undefined) file.width = o.width;
    if (o.height !== undefined) file.height = o.height;
    if (o.pages !== undefined) file.pages = o.pages;
    if (o.durationSec !== undefined) file.durationSec = o.durationSec;
    if (kind === 'audio') file.chapters = await chaptersOf(path.join(dir, o.path));
    files.push(file);
  }
  return files;
}

async function chaptersOf(file: string): Promise<{ title: string; startSec: number }[]> {
  try {
    // Imported when a chapter list is read, not whenever the app layer is loaded.
    const { parseFile } = await import('music-metadata');
    const meta = await parseFile(file, { includeChapters: true, duration: false });
    return (meta.format.chapters ?? []).map((c) => ({
      title: c.title,
      startSec: c.timeScale ? c.start / c.timeScale : c.sampleOffset !== undefined && meta.format.sampleRate ? c.sampleOffset / meta.format.sampleRate : c.start / 1000,
    }));
  } catch {
    return [];
  }
}
